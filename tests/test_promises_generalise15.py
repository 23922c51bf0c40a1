"""Failure classes found on the fifteenth blind mail set (issue 13, round 15), each with its own sentences."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Madrid")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Ni får 20 procent rabatt på hela fakturan."),
    ("sv", "Parkeringsavgiften slipper du den här gången."),
    ("nb", "Dere får to nye billetter til valgfri forestilling."),
    ("nb", "Leien på 3 500 kroner betaler dere ikke."),
    ("da", "Signe får en ekstra time inden sommerferien."),
    ("da", "I får hytte 9 med havudsigt til samme pris."),
    ("sk", "Dostanete voucher na dve hodiny bowlingu."),
    ("sk", "Práca navyše vás nebude stáť ani cent."),
    ("ca", "Tindràs dues classes extra al teu bo."),
    ("en", "30% will be taken off your invoice."),
])
def test_a_discount_voucher_or_extra_the_client_gets_is_our_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize("text", [
    "Dijous tornem a revisar-ho tot.",
    "Avui mateix t'envio l'enllaç amb les fotos.",
])
def test_a_catalan_first_person_present_with_a_day_is_our_promise(text):
    assert len(promises(text, "ca")) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Det skyldes en fejl i vores nye bookingsystem."),
    ("nb", "Det er slurv fra vår side."),
    ("sv", "Jag vet inte vad jag ska säga."),
])
def test_naming_the_mistake_is_not_a_promise(language, text):
    assert promises(text, language) == []


def test_a_catalan_first_person_present_of_a_state_is_not_a_promise():
    assert promises("Com a mínim treballem fins divendres amb l'equip actual.", "ca") == []


def test_a_place_reserved_in_a_weekday_group_is_an_undated_promise():
    (found,) = promises("Se't reservarà plaça al grup de dijous.", "ca")
    assert found.due_at is None


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Hytterne skal forlades senest kl. 11 på afrejsedagen."),
    ("da", "Hendes lærer, Mikkel, er på turné med sit orkester til 1. december."),
    ("nb", "Vi får fersk fisk fra Frøya hver tirsdag."),
    ("sv", "Leveranserna sker som vanligt varje torsdag."),
])
def test_house_rules_absences_and_supplies_are_not_promises(language, text):
    assert promises(text, language) == []
