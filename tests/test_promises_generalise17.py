"""Failure classes found on the seventeenth blind mail set (issue 13, round 17), each with its own sentences."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Madrid")
promises = AT.promises


def test_by_next_fridays_genitive_is_friday_of_next_week():
    (found,) = promises("Sedačku vám dovezieme do budúceho piatku.", "sk")
    assert AT.local_day(found) == "2026-11-27"


def test_a_cadence_from_next_week_in_the_genitive_starts_next_week():
    (found,) = promises("Od budúceho týždňa vám každý štvrtok pošleme potvrdenie.", "sk")
    assert AT.local_day(found) == "2026-11-26"


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Feilen ligger i bookingsystemet vårt."),
    ("sv", "Felet ligger i vårt bokningssystem."),
    ("da", "Fejlen ligger i vores bookingsystem."),
])
def test_where_the_mistake_lies_is_a_report(language, text):
    assert promises(text, language) == []
