"""Failure classes of round 33 (mail_blind48 and 49 as development sets), each with its own sentences."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Copenhagen")  # sent Wednesday 18 November 2026
promises, due_days = AT.promises, AT.due_days


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Keep the spare pair, they're yours."),
    ("en", "The delivery charge is on us."),
    ("da", "Det skal i selvfølgelig ikke betale."),
    ("en", "Your deposit carries over to the new date."),
    ("da", "Den ekstra flaske portvin er fra os."),
    ("da", "Det skal I selvfølgelig ikke betale."),
    ("da", "Pantet skal I ikke lægge ud."),
    ("nb", "Den ekstra kaken er fra oss."),
    ("sv", "Styrelsen bjuder på fika till alla barn."),
    ("ca", "El cistell us el posem de regal."),
    ("sk", "Deťom dáme klubové čiapky ako malú náplasť."),
    ("sk", "Pokazenú bundu nám posielať nemusíte."),
])
def test_a_gift_said_in_passing_is_a_promise(language, text):
    assert due_days(text, language) == [None]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The invoice is from us."),  # no gift: the words only say who sent it, mid-sentence
    ("en", "We don't charge for retests within ten days, so there is nothing extra to pay."),
    ("ca", "No heu de pagar res més, ja estava inclòs en el preu."),
    ("sk", "Za obedy v apríli nemusíte nič doplácať."),
])
def test_what_is_simply_not_owed_is_no_gift(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text", "day"), [
    ("nb", "Kaken kan hentes hos oss fra torsdag.", "2026-11-19"),
    ("sv", "Tårtan kan hämtas hos oss på torsdag.", "2026-11-19"),
])
def test_what_can_be_collected_from_us_on_a_day_is_ready_then(language, text, day):
    assert due_days(text, language) == [day]


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Pakker kan hentes i butikken."),
    ("nb", "Pakker kan hentes i butikken."),
])
def test_what_can_be_collected_without_a_day_is_a_standing_term(language, text):
    assert promises(text, language) == []


# Found by a review of round 33 before the run: none of these is a gift of ours.
@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Vi bjuder inte på kaffe längre."),
    ("ca", "Fem paquets de regal."),
    ("ca", "No us el posem de regal."),
    ("en", "If they're yours, please collect them by Friday."),
    ("en", "Please confirm they're yours."),
    ("da", "Hvis den er fra os, så sig til."),
    ("da", "Den sms, du fik i går, er fra os."),
    ("nb", "Sjekk om brevet er fra oss."),
    ("sv", "Kolla om mejlet är från oss."),
    ("da", "Forsikringen betaler, så det skal I ikke betale."),
    ("nb", "Det skal dere ikke betale, det dekker forsikringen."),
    ("sk", "Nedáme vám nič ako náplasť."),
    ("sk", "Nemusíte prinášať vlastné náradie."),
    ("en", "Your deposit carries over automatically under our standard terms."),
])
def test_what_only_looks_like_a_gift_is_none(language, text):
    assert promises(text, language) == []
