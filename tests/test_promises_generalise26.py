"""Failure classes of round 26 (mail_blind34 and 35 as development sets), each with its own sentences."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Madrid")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Föräldramötet är tisdag den 24 november kl. 18 i matsalen."),
    ("sv", "Sjösättningen sker nu lördag den 21 november från kl. 8."),
    ("da", "Generalforsamlingen er torsdag den 26. november kl. 19."),
    ("nb", "Årsmøtet holdes torsdag 26. november."),
    ("ca", "La botada de vaixells serà el dissabte 21 de novembre a partir de les 8 h."),
    ("ca", "El centre estarà tancat del 23 al 25 de novembre."),
    ("sk", "Rodičovské združenie bude vo štvrtok 26. novembra o 16.30."),
    ("sk", "Sústredenie bude od 23. do 25. novembra."),
])
def test_an_event_of_the_calendar_told_with_its_date_is_no_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Besiktningen blir 200 kr billigare för besväret."),
    ("da", "Montøren er hos dig på fredag."),
    ("nb", "Den nye døra er på plass fredag."),
    ("ca", "La cuina nova serà a casa vostra dijous."),
    ("sk", "Oprava bude v piatok hotová."),
])
def test_what_of_ours_is_with_the_client_or_cheaper_by_a_date_stays_a_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "coming thu at 9 to finish the skirting"),
    ("da", "kommer i morgen efter kl 10 og skifter ruden"),
    ("nb", "tilbake onsdag og gjør ferdig taket"),
    ("sv", "kommer i eftermiddag vid tre och byter låset"),
])
def test_a_phone_typed_reply_without_its_subject_commits_with_a_time(language, text):
    (found,) = promises(text, language)
    assert found.due_at is not None


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The sandwiches won't be on your final bill."),
    ("en", "tonights class wont be charged of course"),
    ("sv", "Vi byter packningen och tar inget betalt för det."),
    ("nb", "Jeg fikser det og tar ikke betalt for det."),
    ("da", "Kaffen er på huset."),
    ("sk", "Opravím to a nič si za to nezoberiem."),
    ("sk", "tu cestu vam nezaratam"),
])
def test_a_charge_dropped_said_plainly_is_our_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Coming soon: our new shop."),
    ("en", "Back in stock on Friday."),
])
def test_coming_or_back_of_a_thing_is_no_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Reparationen blir på torsdag."),
    ("sv", "Leveransen är på fredag, vi ringer innan."),
    ("da", "Leveringen er på fredag."),
    ("ca", "La reparació serà el divendres."),
    ("sk", "Dodávka bude v piatok."),
    ("sk", "Technik bude v piatok."),
])
def test_our_own_job_on_a_date_is_no_calendar_event(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Det slipper du att oroa dig för."),
    ("sv", "Felet är på huset, inte på garaget."),
    ("en", "There is nothing to pay attention to."),
    ("en", "The discount won't be on your final bill, sorry."),
    ("sk", "Bez dokladu vám zľavu nezarátame."),
    ("sv", "kommer i morgon från leverantören"),
    ("nb", "Kommer i kveld på TV."),
    ("nb", "Er tilbake 1. desember."),
    ("en", "round 2 tomorrow at 9"),
    ("sk", "Sústredenie bude 23.–25. novembra."),
])
def test_what_only_sounds_like_a_waiver_or_a_visit_is_no_promise(language, text):
    assert promises(text, language) == []
