"""Failure classes found on the fourteenth blind mail set (issue 13, round 14), each with its own sentences."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Madrid")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("en", "You're welcome to keep the spare cables too, with our compliments."),
    ("en", "That session won't cost you anything."),
    ("en", "The board charges a late fee of its own, but we'll not pass that on."),
    ("ca", "L'import de l'entrada te'l tornem sencer."),
    ("da", "Du får en lånecykel med hjem så længe."),
    ("da", "Du får hele lejen og regningen fra vejhjælpen refunderet."),
    ("nb", "Begge deler slipper du å betale for."),
    ("nb", "Du får også 100 kr i kreditt i appen."),
    ("sk", "Dostanete vrátené celé požičovné za víkend."),
    ("sv", "Du får ett presentkort på 500 kr som plåster på såren."),
])
def test_what_the_client_keeps_gets_back_or_need_not_pay_is_our_promise(language, text):
    assert len(promises(text, language)) == 1


def test_we_ask_again_is_not_money_given_back():
    assert promises("Us tornem a demanar disculpes per les molèsties.", "ca") == []


@pytest.mark.parametrize(("language", "text"), [
    ("ca", "La factura de gener serà anul·lada i substituïda."),
    ("ca", "Els vostres quatre tiquets seran reemborsats íntegrament."),
    ("da", "Dine gamle pladser bliver givet tilbage til dig."),
    ("nb", "Beløpet blir tilbakeført til kortet ditt."),
    ("sv", "Gräsmattan återställs med ny matjord och gräsfrö."),
    ("sv", "Klubben står för kostnaden för en ny propeller."),
    ("sv", "Förseningsavgiften betalar byrån."),
])
def test_a_passive_of_what_we_refund_or_redo_or_our_business_paying_is_our_promise(language, text):
    assert len(promises(text, language)) == 1


def test_thanks_as_the_reason_for_a_gift_is_not_a_formula():
    assert len(promises("Vi sender dig et glas sild som tak for tålmodigheden.", "da")) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Eventuellt kan lektionen flyttas till onsdagar."),
    ("sv", "Bastun är öppen för medlemmar kl. 6-22 alla dagar."),
    ("sv", "Matavfallet hämtas varannan vecka i ditt område."),
    ("sv", "Paketet låg kvar på vårt lager utan att skannas."),
    ("sv", "Slakteriet har ont om lamm i februari."),
])
def test_possibilities_opening_hours_schedules_and_shortages_are_not_promises(language, text):
    assert promises(text, language) == []


def test_a_hedge_after_a_bare_and_leaves_the_commitment_before_it():
    found = promises("The blazer will be posted to you today and should arrive by Wednesday.", "en")
    assert [AT.local_day(p) for p in found] == ["2026-11-18"]


def test_a_numbered_item_after_a_wrapped_line_is_an_item_of_its_own():
    text = "Here's what happens next:\n1. I'll ring the board tomorrow about a late\nentry.\n2. The fee we'll refund within ten days."
    first, second = promises(text, "en")
    assert first.quote.endswith("late\nentry.")
    assert second.quote.startswith("The fee")
