"""Failure classes found on the twentieth blind mail set (issue 13, round 20), each with its own sentences."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Madrid")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Purregebyret blir også fjernet."),
    ("nb", "Den tapte timen blir lagt til på slutten av kurset."),
    ("da", "Rykkergebyret bliver også annulleret."),
    ("da", "Gebyret på 75 kr. annulleres."),
    ("da", "Det for meget betalte modregnes i næste opkrævning."),
    ("en", "A goodwill credit of £20 will be added to your account."),
    ("en", "Your claim will be treated as a claim made on time."),
    ("en", "No further payments will be taken from your card."),
    ("sv", "Avgiften för omleveransen tas inte ut."),
    ("sk", "Vášmu bytu bude priznaná zľava z nájomného."),
    ("sk", "Potrubie bude do zimy zaizolované."),
    ("sk", "Splatnosť faktúry sa vám predĺži."),
])
def test_what_a_firm_does_for_the_client_in_the_impersonal_passive_is_our_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("sk", "Dodávateľ mešká, preto sa montáž posunie."),
    ("da", "Hotellet er overbooket, så I bliver flyttet til et andet hotel."),
    ("da", "Pletten burde kunne fjernes helt."),
    ("da", "Fakturaen udsendes altid den første hverdag i måneden."),
])
def test_bad_news_hedges_and_routines_in_the_passive_are_not_promises(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Vi viser til din henvendelse av 3. mars om strømregningen."),
    ("nb", "Som avtalt på telefonen i dag oppsummerer jeg hva vi gjør videre."),
    ("da", "Som aftalt i telefonen skriver jeg lige, hvad vi blev enige om."),
    ("sv", "Vi hänvisar till ditt mejl av den 3 mars."),
    ("ca", "Tal com vam parlar, li confirmo per escrit el que farem."),
    ("en", "Further to your email of 3 March, we have looked into the charge."),
])
def test_a_letter_referring_to_what_went_before_is_not_a_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "There is of course no charge for the second visit."),
    ("en", "The new print costs you nothing."),
    ("sv", "Du får en hyresreduktion på 15 procent i mars."),
])
def test_more_ways_to_say_it_is_free_are_our_promises(language, text):
    assert promises(text, language)


def test_a_date_cut_by_a_line_wrap_after_its_day_number_stays_one_sentence():
    found = promises("Revíziu urobím v stredu 25.\nnovembra dopoludnia a správu dostanete hneď na mieste.", "sk")
    assert AT.local_day(found[0]) == "2026-11-25"


@pytest.mark.parametrize("text", ["Samozrejme vám za to nič nezaúčtujem.", "Dohodnutá cena sa samozrejme nezmení."])
def test_slovak_nothing_charged_or_price_unchanged_is_our_promise(text):
    assert promises(text, "sk")
