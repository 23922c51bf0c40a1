"""Failure classes found on the sixteenth blind mail set (issue 13, round 16), each with its own sentences."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Madrid")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Her next two lessons are on me."),
    ("en", "The spare cushions you may keep."),
    ("en", "Yesterday's session won't appear on your invoice."),
    ("en", "The missed lesson will be added at the end of the term."),
    ("da", "Næste kagemand er også på os."),
    ("da", "Den pølsebakke, I fik i stedet, skal I ikke betale for."),
    ("nb", "Glidvoks for sesongen får du av oss."),
    ("sv", "Det blir givetvis ingen kostnad för dig."),
    ("sv", "Du kompenseras med 300 kronor på nästa faktura."),
    ("sk", "Platnosť poukazu Vám predĺžime o pol roka."),
    ("sk", "Dostanete dve vstupenky na ktorékoľvek predstavenie."),
    ("ca", "Rebreu dues entrades per a qualsevol concert de la temporada."),
])
def test_gifts_waived_charges_and_arranged_extras_in_more_words_are_our_promises(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("sk", "Mäso predávame len členom a ich známym."),
    ("sk", "Naša krojárka je na zájazde."),
    ("sv", "Vår kursansvarige, Leif, är på älgjakt hela veckan."),
])
def test_standing_terms_and_colleagues_away_are_not_promises(language, text):
    assert promises(text, language) == []
