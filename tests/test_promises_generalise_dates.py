"""Failure classes found on a fourth blind mail set (issue 13, third round): receipts, readiness, dates.

The message date is tests/written.py's (Wednesday 18 November 2026, here in Oslo).

Every class is a construction (what the client receives, what is ready, a period or day
named in the language's own way, a verb-first condition), tested with sentences written for
it in each language where it applies, none copied from the evaluation sets.
"""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Oslo")
promises, local_day, resolved = AT.promises, AT.local_day, AT.resolved


@pytest.mark.parametrize(("language", "text"), [
    ("en", "You'll receive the signed lease by Friday."),
    ("da", "I modtager den underskrevne lejekontrakt senest fredag."),
    ("nb", "Dere mottar den signerte leiekontrakten innen fredag."),
    ("sv", "Ni tar emot det undertecknade hyresavtalet senast fredag."),
    ("sk", "Podpísanú zmluvu obdržíte do piatku."),
    ("ca", "Rebreu el contracte signat divendres."),
])
def test_what_the_client_receives_by_a_date_is_our_promise(language, text):
    (found,) = promises(text, language)
    assert local_day(found) == "2026-11-20"


def test_a_receipt_without_a_date_from_someone_of_ours_is_not_a_promise():
    assert promises("Du modtager et nyt kort fra vores kundeservice.", "da") == []


def test_confirming_that_the_client_will_have_something_by_a_day_is_a_promise():
    (found,) = promises("Et confirmo que divendres tindreu les cadires a la botiga.", "ca")
    assert local_day(found) == "2026-11-20"


@pytest.mark.parametrize(("language", "phrase", "expected"), [
    ("en", "before the week is out", "2026-11-20"),
    ("nb", "før uka er omme", "2026-11-20"),
    ("da", "inden ugen er omme", "2026-11-20"),
    ("sv", "innan veckan är slut", "2026-11-20"),
    ("ca", "abans que acabi la setmana", "2026-11-20"),
    ("sk", "kým sa týždeň skončí", "2026-11-20"),
    ("en", "before the month is out", "2026-11-30"),
    ("nb", "før måneden er omme", "2026-11-30"),
    ("da", "inden måneden er omme", "2026-11-30"),
    ("sv", "innan månaden är slut", "2026-11-30"),
    ("ca", "abans que s'acabi el mes", "2026-11-30"),
    ("sk", "kým sa mesiac skončí", "2026-11-30"),
])
def test_before_the_week_or_month_ends_resolves_to_its_last_working_day(language, phrase, expected):
    assert resolved(phrase, language) == expected


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The curtains are ready for collection on Friday."),
    ("da", "Gardinerne står klar til afhentning på fredag."),
    ("nb", "Gardinene er ferdige til henting på fredag."),
    ("sv", "Gardinerna är klara att hämta på fredag."),
    ("ca", "Les cortines estan llestes per recollir divendres."),
    ("sk", "Záclony sú hotové na vyzdvihnutie v piatok."),
])
def test_something_of_ours_ready_by_a_date_is_our_promise(language, text):
    (found,) = promises(text, language)
    assert local_day(found) == "2026-11-20"


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Gardinerne står klar i butikken."),
    ("nb", "Gardinene er ferdige i butikken."),
    ("sv", "Allt står klart i vår butik."),
    ("en", "Everything is ready at our warehouse."),
])
def test_readiness_without_a_date_is_not_a_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi står klar til at hjælpe på fredag."),
    ("nb", "Vi står klare til å hjelpe på fredag."),
])
def test_standing_ready_to_help_is_a_formula(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize("text", [
    "The signed deeds go out by courier on Friday.",
    "Your replacement blender ships on Friday.",
])
def test_an_english_simple_present_of_movement_with_a_date_is_our_promise(text):
    (found,) = promises(text, "en")
    assert local_day(found) == "2026-11-20"


def test_an_english_simple_present_of_movement_without_a_date_is_not_a_promise():
    assert promises("The signed deeds go out by courier.", "en") == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Kontrakten ligger i jeres indbakke senest fredag."),
    ("nb", "Kontrakten ligger i innboksen din senest fredag."),
    ("sv", "Kontraktet ligger i er inkorg senast fredag."),
])
def test_something_lying_with_the_client_by_a_date_is_our_promise(language, text):
    (found,) = promises(text, language)
    assert local_day(found) == "2026-11-20"


@pytest.mark.parametrize("text", [
    "Avgiften för december dras helt av på nästa räkning.",
    "Den missade lektionen läggs till i slutet av terminen.",
])
def test_a_swedish_present_s_passive_with_a_particle_is_our_promise(text):
    assert len(promises(text, "sv")) == 1


@pytest.mark.parametrize("text", [
    "Kvitton ska i fortsättningen laddas upp via appen.",
    "Mötet hade bokats in på fel dag.",
    "Grattis till Olle som fyller år!",
])
def test_a_swedish_s_form_with_a_modal_in_the_past_or_not_a_verb_is_not_a_passive_promise(text):
    assert promises(text, "sv") == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Passer datoen ikke, finder vi en ny tid."),
    ("nb", "Passer ikke datoen, finner vi en ny tid."),
    ("sv", "Passar inte datumet, hittar vi en ny tid."),
])
def test_a_verb_first_clause_before_a_comma_is_a_condition(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("phrase", "expected"), [
    ("by end of week", "2026-11-20"),
    ("this morning", "2026-11-18"),
])
def test_english_week_end_and_this_morning_resolve(phrase, expected):
    assert resolved(phrase, "en") == expected


def test_a_weekday_naming_a_group_is_not_a_due_date():
    (found,) = promises("I've put you in the Monday class and will send the timetable.", "en")
    assert found.due_at is None


@pytest.mark.parametrize(("language", "text"), [
    ("en", "You can rely on the revised floor plan on Friday."),
    ("da", "I kan roligt regne med den reviderede plantegning på fredag."),
    ("nb", "Du kan trygt regne med den reviderte plantegningen på fredag."),
    ("sv", "Ni kan räkna med den reviderade planritningen på fredag."),
    ("ca", "Podeu comptar amb el plànol revisat divendres."),
    ("sk", "S upraveným pôdorysom môžete rátať v piatok."),
])
def test_you_can_count_on_something_by_a_date_is_our_promise(language, text):
    (found,) = promises(text, language)
    assert local_day(found) == "2026-11-20"


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Tegningerne vil ligge i din indbakke fredag."),
    ("sv", "Ritningarna finns i din inkorg på fredag."),
])
def test_files_that_will_lie_in_the_clients_inbox_by_a_date_are_our_promise(language, text):
    (found,) = promises(text, language)
    assert local_day(found) == "2026-11-20"


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Turen i juli forsvinder for jer, da vi lukkede ruten."),
    ("nb", "Turen i juli forsvinner for dere, da vi stengte ruten."),
    ("sv", "Bokningen för er stuga i juli försvann när vi bytte system."),
])
def test_a_past_when_clause_makes_a_dated_sentence_a_report(language, text):
    assert promises(text, language) == []


def test_a_swedish_name_in_s_before_a_particle_is_not_a_passive():
    assert promises("Jonas tar ut sin semester.", "sv") == []
