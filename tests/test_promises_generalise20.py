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
