"""Failure classes of round 27 (mail_blind36 and 37 as development sets), each with its own sentences."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Copenhagen")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Når kommunen har godkendt tegningen, bestiller jeg materialerne samme dag."),
    ("en", "Once the bank has cleared it, I'll release the order the same day."),
    ("en", "When the new part has arrived, we'll fit it on Monday."),
    ("sv", "När kommunen har godkänt ritningen, beställer jag materialet samma dag."),
    ("nb", "Når kommunen har godkjent tegningen, bestiller jeg materialene samme dag."),
    ("sk", "Keď to banka schváli, objednávku odošlem ešte v ten deň."),
])
def test_what_we_do_once_another_has_acted_waits_on_them(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Once the team is back, we'll finish the roof on Friday."),
    ("en", "Once the roof is finished, we'll clear the scaffolding on Friday."),
])
def test_what_we_do_once_our_own_work_allows_stays_a_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Gebyret for marts frafalder helt."),
    ("nb", "Leien for april faller helt bort."),
    ("en", "I won't be charging for the extra visit."),
    ("sk", "Rozdiel v cene neplatíte."),
])
def test_a_fee_of_this_case_dropped_is_our_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Kurser, som vi aflyser, bliver altid refunderet."),
    ("nb", "Turer som vi avlyser, blir alltid refundert."),
    ("sv", "Garantiärenden åtgärdas alltid inom sju arbetsdagar."),
    ("en", "Cancelled classes are always refunded."),
])
def test_what_is_always_done_to_all_of_a_kind_is_a_standing_term(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "When everything has been checked, I'll send you the report on Friday."),
    ("en", "When my colleague has looked at it, I'll send you the quote on Friday."),
    ("da", "Så snart det er muligt, sender vi dig tilbuddet på fredag."),
    ("da", "Når vores tekniker har set på det, sender jeg tilbuddet på fredag."),
    ("sv", "När allt är klart, skickar vi fakturan på fredag."),
    ("nb", "Når montøren har vært der, sender vi regningen på fredag."),
])
def test_what_we_do_once_our_own_side_or_the_work_allows_stays_a_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("sk", "Už tri mesiace neplatíte."),
    ("sk", "Vidím, že faktúru stále neplatíte."),
    ("en", "I won't be charging your card until you confirm."),
    ("en", "We won't be charging the battery overnight."),
    ("da", "Gebyret frafalder ikke, selvom du afbestiller."),
])
def test_unpaid_bills_deferred_charges_and_fees_that_stand_are_no_waiver(language, text):
    assert promises(text, language) == []
