"""Round 51 (issue 13, left open by session 15): a day and month just behind the sent day is
read as next year's (the issue's rule), so inside a clause that names its own deadline it
named a past thing ("Záznam z 21. apríla vám pošleme do dvoch pracovných dní": the recording of
21 April, sent within two working days) and won, giving a due date a year away. Such a day now
yields to any other day phrase of the clause; alone, it stays next year's."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from followup.promises import extract_promises
from written import Written

AT = Written("Europe/Bratislava")  # Wednesday 18 November 2026


@pytest.mark.parametrize(("language", "text", "due"), [
    ("sk", "Záznam z 2. novembra Vám pošleme do dvoch pracovných dní.", "2026-11-20"),
    ("en", "We will send you the recording from 2 November within two working days.", "2026-11-20"),
    ("da", "Fakturaen fra den 2. november sender vi dig på fredag.", "2026-11-20"),
    ("nb", "Referatet fra 3. november sender vi deg i morgen.", "2026-11-19"),
    ("sv", "Protokollet från den 4 november skickar vi till dig senast fredag.", "2026-11-20"),
    ("ca", "Us enviarem la factura del 2 de novembre demà.", "2026-11-19"),
])
def test_a_day_and_month_just_past_yields_to_the_clauses_own_deadline(language, text, due):
    assert AT.due_days(text, language) == [due]


@pytest.mark.parametrize(("language", "text", "due"), [
    ("sv", "Vi skickar fakturan senast den 20 oktober.", "2027-10-20"),
    ("en", "We will send the signed copy by 2 November.", "2027-11-02"),
    ("da", "Vi sender dig fakturaen senest den 19. september.", "2027-09-19"),
])
def test_a_day_and_month_just_past_alone_is_next_years(language, text, due):
    assert AT.due_days(text, language) == [due]


@pytest.mark.parametrize(("language", "text", "due"), [
    ("en", "We will send the invoice for 2 November by 4 December.", "2026-12-04"),
    ("da", "Vi sender dig fakturaen den 19. november, som aftalt på mødet i går.", "2026-11-19"),
])
def test_a_day_and_month_ahead_keeps_its_place_among_the_clauses_day_phrases(language, text, due):
    assert AT.due_days(text, language) == [due]


@pytest.mark.parametrize(("language", "text", "due"), [
    ("nb", "Vi leverer kjøkkenet 15. desember, som avtalt i dag.", "2027-12-15"),
    ("en", "We will install the boiler on 10 October, after the survey next week.", "2027-10-10"),
])
def test_a_day_and_month_still_ahead_this_year_keeps_its_date_beside_another_day_phrase(language, text, due):
    sent = datetime(2027, 1, 4, 10, 15, tzinfo=ZoneInfo("Europe/Oslo"))  # a Monday early in the year
    (found,) = extract_promises(text, sent_at=sent, timezone="Europe/Oslo", locale_hint=language)
    assert found.due_at.astimezone(sent.tzinfo).date().isoformat() == due
