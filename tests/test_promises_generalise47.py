"""Round 47 (issue 13, development sets to 103): a cadence of ours bounded in time is a new
arrangement for this client, not a standing routine, in Danish, Norwegian and Swedish ("Frem til
jul …", "Fram till påsk …", "de næste seks uger …", "i tre veckor"), as "until" already made it
in English. An unbounded one stays a routine ("Vi tømmer containerne hver fredag"), and so does
a season of daily or twice-weekly work ("Vi bakar semlor varje dag fram till påsk"): "until"
binds only a weekly slot of ours."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Stockholm")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Frem til jul tjekker vi pumpen i kælderen hver fredag."),
    ("da", "De næste fire uger kigger vi forbi byggepladsen hver tirsdag."),
    ("da", "Vi aflæser måleren hver mandag i seks uger."),
    ("nb", "Fram til påske sender vi deg en oversikt hver torsdag."),
    ("nb", "De neste tre ukene kontrollerer vi anlegget hver onsdag."),
    ("nb", "Vi henter søpla hos dere hver mandag i fem uker."),
    ("sv", "Fram till midsommar skickar vi en lägesrapport varje fredag."),
    ("sv", "De kommande fyra veckorna kontrollerar vi fuktmätarna varje måndag."),
    ("sv", "Vi vattnar plantorna varje tisdag i tre veckor."),
])
def test_a_cadence_bounded_in_time_is_a_commitment(language, text):
    found = promises(text, language)
    assert [c.quote for c in found] == [text] and found[0].cadence is not None


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi tømmer containerne hver fredag."),
    ("nb", "Vi går gjennom bestillingene hver mandag, og det var slik vi fant feilen."),
    ("sv", "Vi har öppet varje lördag fram till klockan 14."),
])
def test_an_unbounded_cadence_stays_a_routine(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi bager æbleskiver hver dag frem til nytår."),
    ("nb", "Vi kjører ut ved tirsdag og fredag fram til påske."),
    ("sv", "Vi säljer granar varje dag fram till julafton."),
])
def test_a_season_of_daily_or_twice_weekly_work_stays_a_routine(language, text):
    assert promises(text, language) == []
