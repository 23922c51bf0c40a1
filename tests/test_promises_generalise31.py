"""Failure classes of round 31 (mail_blind46 as development set), each with its own sentences."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Copenhagen")  # sent Wednesday 18 November 2026
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I'm writing on behalf of Dr Patel, who is in surgery all day."),
    ("da", "Jeg skriver på vegne af tandlæge Peter Holm."),
    ("da", "Jeg skriver på Annes vegne, da hun er på kursus."),
    ("nb", "Jeg skriver på vegne av fysioterapeut Hanne Li."),
    ("sv", "Jag skriver för veterinär Karin Eks räkning."),
    ("sv", "Jag skriver på uppdrag av verksamhetschefen."),
    ("sv", "Jag skriver å Olles vägnar."),
    ("ca", "Li escric en nom de la doctora Puig."),
    ("sk", "Píšem vám v mene MUDr. Kováča."),
])
def test_writing_on_someone_s_behalf_is_this_mail_s_own_act(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Med henvisning til din mail skriver jeg for at undskylde."),
    ("da", "Jeg vil gerne undskylde over for dig og din mand."),
    ("nb", "Etter samtalen i går skriver jeg for å beklage."),
    ("sv", "Efter ditt samtal skriver jag för att be om ursäkt."),
])
def test_an_apology_announced_is_still_an_apology(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Jeg skriver på vegne af klinikken: vi refunderer gebyret senest fredag."),
    ("nb", "Jeg skriver på vegne av klinikken: vi betaler tilbake gebyret innen fredag."),
    ("sv", "Jag skriver för doktor Eks räkning: vi betalar tillbaka avgiften senast fredag."),
    ("da", "Jeg skriver til dig i morgen med en ny tid."),
    ("sv", "Jag skriver till dig på fredag igen."),
])
def test_a_promise_after_or_without_the_formula_is_kept(language, text):
    assert len(promises(text, language)) == 1
