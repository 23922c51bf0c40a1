"""Round 48 (issue 13, mail_blind104-107 after their first runs): a term for every customer
worded like a gift is a standing term, not a promise to this client: free "at a time" / "ad
gangen" / "om gangen" / "åt gången", free "for customers", "customers over 75 get …", and in
Slovak a booking one may cancel free of charge until a time."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Copenhagen")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Members may borrow two tents at a time free of charge."),
    ("en", "Paper statements are free for customers over 70."),
    ("en", "Customers over 80 get home visits at no cost."),
    ("da", "Vores trailere er gratis at låne en dag ad gangen."),
    ("da", "Kunder over 70 år får papirfakturaer uden gebyr."),
    ("nb", "Du kan låne to sykler om gangen uten kostnad."),
    ("nb", "Kunder under 18 år får gratis kontoutskrift."),
    ("sv", "Man får låna en kajak åt gången utan avgift."),
    ("sv", "Kunder över 75 år får pappersfakturor utan avgift."),
    ("ca", "La recollida a domicili és gratuïta per a tots els clients."),
    ("sk", "Objednávky sa rušia bezplatne do 48 hodín pred termínom."),
    ("sk", "Termín môžete bezplatne zrušiť do piatku."),
])
def test_a_term_for_every_customer_is_no_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We'll send you a paper statement free of charge on Friday."),
    ("da", "Du får en ny kontoudskrift uden gebyr i morgen."),
    ("sv", "Vi skickar en ny faktura utan avgift på fredag."),
    ("sk", "Zrušíme vám poplatok a novú kartu pošleme bezplatne v piatok."),
])
def test_a_gift_to_this_client_stays_a_promise(language, text):
    assert promises(text, language)
