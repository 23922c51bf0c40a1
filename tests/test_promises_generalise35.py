"""Round 35 (mail_blind54-56 as development sets): an event of ours moved to a day is a dated
promise, as LABELLING.md settled it ("The concert goes ahead on Sunday 18 December")."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Stockholm")  # sent Wednesday 18 November 2026
promises, due_days = AT.promises, AT.due_days


@pytest.mark.parametrize(("language", "text", "day"), [
    ("en", "The cookery class now runs on Saturday 28 November.", "2026-11-28"),
    ("en", "The tasting is moved to Tuesday.", "2026-11-24"),
    ("da", "Vinsmagningen holdes i stedet lørdag den 28. november.", "2026-11-28"),
    ("nb", "Kurset holdes i stedet lørdag 28. november.", "2026-11-28"),
    ("sv", "Middagen blir i stället lördag den 28 november.", "2026-11-28"),
    ("ca", "El taller es trasllada a dissabte 28 de novembre.", "2026-11-28"),
    ("sk", "Degustácia sa presúva na sobotu 28. novembra.", "2026-11-28"),
])
def test_an_event_of_ours_moved_to_a_day_is_due_that_day(language, text, day):
    assert due_days(text, language) == [day]


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Föräldramötet är tisdag den 24 november kl. 18."),  # a timetable stated as fact
    ("da", "Lene er i stedet på kursus mandag."),  # a colleague away, not an event of ours
    ("en", "Your slot has been moved to Tuesday."),  # a report of what is already done
])
def test_a_timetable_an_absence_or_a_move_already_made_is_no_promise(language, text):
    assert promises(text, language) == []
