"""Failure classes found on the ninth blind mail set (issue 13, ninth round): standing terms and outside parties."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Stockholm")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Vi sletter bare gebyrer når skiltingen er mangelfull."),
    ("nb", "Kompensasjon utbetales når bruddet varer over tolv timer."),
    ("nb", "Vi stipulerer forbruket når måleren ikke sender verdier."),
    ("sv", "Vi avskriver bara avgifter när skyltningen varit bristfällig."),
    ("sv", "Bullrande arbeten får utföras mellan kl. 7 och 19 på vardagar."),
    ("sv", "Vaccinationen är gratis för alla över 65."),
    ("da", "Byggearbejde må udføres mellem kl. 7 og 18 på hverdage."),
    ("sk", "Hlučné práce sú povolené v pracovné dni od 7. do 19. hodiny."),
    ("ca", "La vacuna és gratuïta per a majors de 60 anys."),
    ("en", "The flu jab is free for everyone over 65."),
])
def test_standing_terms_for_everyone_are_not_promises(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The lift company says the part will arrive from Germany on Friday."),
    ("da", "Entreprenøren oplyser, at rammearbejdet stopper den 17. december."),
    ("nb", "Entreprenøren sier at pelingen er ferdig 17. desember."),
    ("sv", "Entreprenören uppger att gjutningen är klar den 17 december."),
    ("ca", "L'empresa constructora diu que acabarà els fonaments el 17 de desembre."),
    ("sk", "Stavebná firma tvrdí, že základy dokončí 17. decembra."),
])
def test_an_outside_party_reported_as_saying_what_it_will_do_is_not_our_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Du har nå fått ny time mandag 14. desember kl. 10.00."),
    ("sv", "Vi ska se om vi kan anlita ytterligare en firma."),
    ("sk", "Naša upratovačka je na maródke."),
])
def test_a_booking_made_a_maybe_and_sick_leave_are_not_promises(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Vi ringer deg når bilen er klar."),
    ("en", "We'll call you when the car is ready."),
])
def test_a_call_when_our_work_is_done_stays_our_promise(language, text):
    assert len(promises(text, language)) == 1
