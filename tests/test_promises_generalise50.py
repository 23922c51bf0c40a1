"""Round 50 (issue 13, mail_blind112-115 after their first runs): a price stated ("Ekstra brikker
koster 150 kr.", "Extra fobs cost £15 each", "Tillægget er uændret 95 kr.") is a standing term,
not a promise, in all six languages; the learned reader had added such clauses on its own, as
it reads "koster" in the many waivers it learned ("Det koster ikke noget")."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Copenhagen")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Ekstra kørsler uden for ruten koster 250 kr."),
    ("da", "Tillægget for weekendlevering er uændret 95 kr."),
    ("nb", "Ekstra nøkkelbrikker koster 200 kroner stykket."),
    ("sv", "Extranycklar kostar 250 kronor styck."),
    ("en", "Extra fobs cost £15 each."),
    ("sk", "Ďalší čip stojí 8 €."),
    ("ca", "Cada clau addicional costa 12 euros."),
])
def test_a_price_stated_is_a_standing_term(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Det koster ikke noget, og vi sender den nye i morgen."),
    ("en", "We'll refund the £15 the fob cost you by Friday."),
    ("sv", "Vi betalar tillbaka de 250 kronor som nyckeln kostade på fredag."),
    ("sk", "Pripojenie stojí 6 € mesačne, ale prvé tri mesiace Vám ho dáme zadarmo."),
    ("da", "Opbevaringen koster 450 kr. for sæsonen, men i år betaler vi den."),
])
def test_a_price_waived_or_refunded_stays_a_promise(language, text):
    assert promises(text, language)
