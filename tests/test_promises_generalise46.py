"""Round 46 (issue 13, mail_blind101 after its first run): luck and an aim promise no result in
every language, not only in English ("Har vi tur …", "Er vi heldige …", "S trochou šťastia …",
"Amb una mica de sort …"; "Vårt mål är att …", "Vi tilstræber at …", "Naším cieľom je …")."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Oslo")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Har vi tur är bilen klar redan på torsdag."),
    ("sv", "Med lite tur kommer delen på fredag."),
    ("nb", "Er vi heldige, får vi delen allerede torsdag."),
    ("nb", "Med litt flaks er bilen ferdig på fredag."),
    ("da", "Er vi heldige, er bilen klar på torsdag."),
    ("da", "Med lidt held kommer reservedelen på fredag."),
    ("sk", "S trochou šťastia bude auto hotové vo štvrtok."),
    ("ca", "Amb una mica de sort el cotxe estarà llest dijous."),
])
def test_luck_is_a_hedge(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Vårt mål är att svara på alla ärenden inom två dagar."),
    ("nb", "Målet vårt er å svare på alle henvendelser innen to dager."),
    ("da", "Vi tilstræber at svare på alle henvendelser inden for to dage."),
    ("sk", "Naším cieľom je odpovedať na každú požiadavku do dvoch dní."),
    ("ca", "El nostre objectiu és respondre totes les consultes en dos dies."),
])
def test_an_aim_is_no_commitment(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Vi byter turbinen på torsdag."),
    ("nb", "Vi sender deg målene på fredag."),
    ("da", "Vi ringer til dig på torsdag, uanset om vi er heldige med delen eller ej."),
])
def test_words_near_luck_or_aim_leave_a_commitment(language, text):
    assert promises(text, language)
