"""Round 54 (issue 13, measured on the development sets after mail_blind128-131): a colleague on a
course of any kind ("er på sveisekurs", "är på svetsutbildning", "er på svejsekursus") is away,
as "på kurs" was, while the client placed on a course is no absence of ours; and a question
embedded after our verb ("call you on Friday to talk through what went wrong and what we have
changed") is the verb's object, so its past tense does not make the clause a report."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Oslo")  # Wednesday 18 November 2026


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Vår montør Per er på sveisekurs på torsdag."),
    ("nb", "Treneren vår, Ola, er på dommerkurs på fredag."),
    ("sv", "Vår montör Per är på svetsutbildning på torsdag."),
    ("sv", "Vår tränare Olle är på domarkurs på fredag."),
    ("da", "Vores montør Per er på svejsekursus på torsdag."),
    ("da", "Vores træner Stine er på trænerkursus på fredag."),
])
def test_a_colleague_on_any_course_is_away_not_promising(language, text):
    assert AT.promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Du er på nybegynnerkurs fra mandag, og vi sender deg materialet fredag."),
    ("sv", "Du är på nybörjarkurs från måndag, och vi skickar materialet på fredag."),
    ("da", "Du er på begynderkursus fra mandag, og vi sender dig materialet fredag."),
])
def test_the_client_placed_on_a_course_leaves_our_promise_standing(language, text):
    assert AT.due_days(text, language) == ["2026-11-20"]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Our manager will call you on Friday to talk through what went wrong and what we have changed."),
    ("en", "We will call you on Friday to discuss what went wrong."),
    ("da", "Vores leder ringer til dig fredag for at gennemgå, hvad der gik galt, og hvad vi har ændret."),
    ("nb", "Lederen vår ringer deg fredag for å gå gjennom hva som gikk galt og hva vi har endret."),
    ("sv", "Vår chef ringer dig på fredag för att gå igenom vad som gick fel och vad vi har ändrat."),
    ("ca", "El nostre gerent et trucarà divendres per explicar-te què va fallar i què hem canviat."),
    ("sk", "Náš vedúci vám zavolá v piatok, aby sme prebrali, čo sa pokazilo a čo sme zmenili."),
])
def test_a_question_embedded_after_our_verb_does_not_make_it_a_report(language, text):
    assert AT.due_days(text, language) == ["2026-11-20"]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We looked into what went wrong last week."),
    ("da", "Vi har undersøgt, hvad der gik galt."),
    ("sv", "Vi har gått igenom vad som gick fel."),
])
def test_a_report_of_what_we_looked_into_stays_a_report(language, text):
    assert AT.promises(text, language) == []
