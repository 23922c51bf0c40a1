"""Round 36: a second verb of one subject is a second promise, as LABELLING.md settles it
("I'll fix it by 5 pm today and test it on both phones": two), each with its own day."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Copenhagen")  # sent Wednesday 18 November 2026
promises, due_days = AT.promises, AT.due_days


@pytest.mark.parametrize(("language", "text", "days"), [
    ("en", "I'll fix the hinge on Friday and send you photos of the finished door.", ["2026-11-20", None]),
    ("en", "We'll be round on Friday and won't charge for this month.", ["2026-11-20", None]),
    ("da", "Jeg henter selv klipperen på tirsdag og kører den hjem til dig, når den er slebet.", ["2026-11-24", None]),
    ("sv", "Vår tekniker Ola ringer dig i morgon och bokar en ny tid för montering.", ["2026-11-19", None]),
    ("nb", "Jeg ringer leverandøren i dag og sender deg svaret deres på e-post.", ["2026-11-18", None]),
    ("ca", "Us trucarem dijous a primera hora i us enviarem el pressupost nou per correu.", ["2026-11-19", None]),
    ("sk", "Zajtra ráno vám určite zavoláme a pošleme vám nový rozpis prác e-mailom.", ["2026-11-19", "2026-11-19"]),
])
def test_a_second_verb_of_five_words_or_more_is_a_promise_of_its_own(language, text, days):
    assert due_days(text, language) == days


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I'll ring the courier tomorrow and chase it."),  # under five words after "and"
    ("da", "Vi kommer på torsdag og ordner det."),
    ("en", "The new cards will be printed and delivered to your office on Friday."),  # two participles
    ("da", "Skiltene bliver trykt og leveret til jeres butik på fredag."),
])
def test_a_short_second_predicate_stays_part_of_the_first_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("en", "On Thursday we'll come round to the house and replace both of the cracked panes."),
    ("da", "På torsdag kommer vi hjem til dig og skifter begge de revnede ruder i stuen."),
    ("nb", "På torsdag kommer vi hjem til deg og bytter begge de sprukne rutene i stua."),
])
def test_a_day_named_before_both_verbs_dates_both(language, text):
    assert due_days(text, language) == ["2026-11-19", "2026-11-19"]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I'll come round and replace both of the cracked panes on Thursday."),
    ("da", "Vi kommer på torsdag og skifter begge de revnede ruder i stuen."),
])
def test_a_first_predicate_under_five_words_is_labelled_with_the_second_as_one(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I'll bring the loan heater on Friday and check the thermostat while I'm there."),
    ("da", "Jeg kommer med en låneovn fredag og tjekker termostaten i stuen mens jeg er der."),
    ("sv", "Jag kommer med ett lånelement på fredag och kollar termostaten medan jag är där."),
    ("nb", "Jeg kommer med en låneovn fredag og sjekker termostaten mens jeg er der."),
    ("ca", "Us portaré l'estufa de préstec divendres i revisaré el termòstat el mateix dia."),
    ("sk", "V piatok vám prinesiem náhradný radiátor a skontrolujem aj termostat v obývačke, keď tam budem."),
])
def test_a_second_verb_done_on_the_same_visit_shares_the_first_ones_day(language, text):
    assert due_days(text, language) == ["2026-11-20", "2026-11-20"]


@pytest.mark.parametrize(("language", "text"), [
    # a third party's act the rules read as ours is vetoed, and its second verb goes with it
    ("en", "Lenovo will replace the motherboard under warranty and send it back to our workshop."),
    ("da", "Fejlen er vores og skyldes en skabelon fra en anden kunde."),
    ("sv", "P12 tränar måndagar och onsdagar kl. 17.00-18.15 i Lillhallen."),
])
def test_a_predicate_after_what_is_no_promise_is_none_either(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We'll have it finished within two working days, so by Tuesday at the latest as Monday is a holiday."),
    ("en", "We'll test the remaining two boilers within three working days, so well before the pupils return."),
])
def test_a_clause_after_so_restating_the_deadline_is_no_second_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Jeg kigger forbi fredag ved 8-tiden og flytter dem, det tager max en time."),  # 2 words before the comma
    ("en", "We'll have a new section cut and fitted within three working days."),  # two participles
    ("en", "I'll send you the revised elevations and sections on Tuesday, after the holiday."),  # two objects
])
def test_a_side_under_five_words_of_its_own_or_a_second_object_is_one_promise(language, text):
    assert len(promises(text, language)) == 1


def test_a_comma_before_a_subordinate_clause_keeps_its_words_with_the_second_verb():
    text = "Jeg ringer til forbundets kontor i morgen og hører, hvordan sagen om kontingentet står."
    assert len(promises(text, "da")) == 2
