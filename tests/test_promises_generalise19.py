"""Failure classes found on the nineteenth blind mail set (issue 13, round 19), each with its own sentences."""

from __future__ import annotations

import pytest

from followup.promises.sentences import split_sentences
from written import Written

AT = Written("Europe/Madrid")
promises = AT.promises


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_text_typed_in_lower_case_splits_after_a_long_word_and_after_exclamations():
    text = "hi Sam, sorry!! the van broke down yesterday. we'll be with you tomorrow at 9."
    assert sentences(text) == ["hi Sam, sorry!!", "the van broke down yesterday.", "we'll be with you tomorrow at 9."]


def test_a_short_abbreviation_before_a_lower_case_word_does_not_split():
    assert len(sentences("Det tar ca. en time, evt. lidt mere.")) == 1


def test_a_blank_line_ends_a_sentence_even_after_an_abbreviation():
    assert len(sentences("Vi kommer på fre.\n\nMed venlig hilsen")) == 2


@pytest.mark.parametrize(("language", "text", "day"), [
    ("da", "Nye fliser bliver leveret tirs. d. 24. november.", "2026-11-24"),
    ("en", "The new tiles arrive on Wed. 25 November.", "2026-11-25"),
])
def test_an_abbreviated_weekday_does_not_end_the_sentence(language, text, day):
    (found,) = promises(text, language)
    assert AT.local_day(found) == day


def test_a_commitment_after_a_lower_case_report_is_found_with_its_own_day():
    found = promises("hej Lisa, förlåt!! vi glömde ringa dig i fredags. jag ringer dig i morgon förmiddag.", "sv")
    assert [AT.local_day(p) for p in found] == ["2026-11-19"]


@pytest.mark.parametrize("text", [
    "We'll bring the wardrobe on Friday, and the fitters will put it together for you.",
    "Late cancellations are normally charged at £30, but you certainly won't be charged for this one.",
    "no charge for the call-out either.",
])
def test_our_crew_a_waiver_after_a_standing_rule_and_a_verbless_no_charge_are_promises(text):
    found = promises(text, "en")
    assert found and AT.local_day(found[-1]) is None


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Under sommaren skickar vi en kort rapport varje fredag."),
    ("sv", "För flytten tar jag inget betalt."),
    ("nb", "Under oppussingen sender vi deg en kort rapport hver fredag."),
    ("da", "Under ombygningen sender vi dig en kort rapport hver fredag."),
])
def test_a_sentence_opening_with_a_preposition_in_er_is_not_a_condition(language, text):
    assert promises(text, language)


def test_a_verb_first_condition_still_is_one():
    assert promises("Vill ni hellre ha pengarna tillbaka, skickar vi dem på fredag.", "sv") == []


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Ni betalar inte mer för det större rummet."),
    ("sv", "Besiktningen blir 200 kr billigare för besväret."),
    ("sv", "Elsa får behålla sin plats i gruppen."),
    ("sv", "Din månadsavgift kommer därför att sänkas."),
    ("nb", "Dere betaler ikke mer for det større rommet."),
    ("da", "I betaler ikke mere for det større værelse."),
])
def test_no_more_to_pay_cheaper_or_a_place_kept_is_our_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("ca", "Haurà de portar el certificat abans del 30 de novembre."),
    ("sv", "Vill ni ha lunch efteråt, ordnar vi det gärna."),
    ("en", "You're welcome to swap to the larger size at no extra cost."),
    ("en", "Members can use the gym free of charge until the end of the month."),
])
def test_what_the_client_must_do_may_choose_or_a_group_may_do_is_not_a_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("ca", "T'ho garantim: no haureu de pagar res de la reparació."),
    ("sv", "Hälsningen trycker vi gärna på korten."),
    ("en", "You're welcome to keep the spare cushions."),
])
def test_gladly_done_a_waived_obligation_and_what_the_client_may_keep_still_count(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("sk", "Vedúci dielne, Ing. Mráz, vám zajtra zavolá."),
    ("ca", "La coordinadora, la Sra. Puig, li trucarà demà."),
    ("sk", "Druhá kontrola je samozrejme bezplatná."),
    ("sk", "Ďalšie strihanie máte u nás zadarmo."),
    ("da", "Dem betaler du naturligvis ikke for."),
    ("da", "Flytningen bliver gjort uden gebyr."),
    ("da", "I får en rabat på 2.000 kr. på regningen."),
    ("da", "Emil må låne en skolecykel indtil da."),
    ("nb", "Kjøringen tar vi ikke betalt for."),
    ("nb", "Vi fakturerer ikke timene med feilsøking."),
])
def test_named_staff_acting_and_more_waived_costs_are_our_promises(language, text):
    assert promises(text, language)


def test_free_for_all_guests_is_a_standing_term_in_slovak():
    assert promises("Parkovanie je bezplatné pre všetkých hostí.", "sk") == []


@pytest.mark.parametrize(("language", "text"), [
    ("sk", "Každý účastník dostane od nás darček."),
    ("sk", "Vaša rezervácia zostáva platná."),
])
def test_a_slovak_gift_from_us_or_what_stays_valid_is_our_promise(language, text):
    assert promises(text, language)


def test_school_days_count_as_working_days():
    (found,) = promises("The trip payment will be refunded within five school days.", "en")
    assert AT.local_day(found) == "2026-11-25"
