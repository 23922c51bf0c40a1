"""When updates are due: cadence arithmetic in the client's calendar, inside the send window."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from followup.schedule.cadence import (
    CadenceError,
    due_after,
    earliest_send_at,
    first_update_at,
    in_window,
    next_update_at,
    next_window_opening,
    resolve_cadence,
)
from followup.promises import parse_cadence
from followup.promises.model import Cadence
from followup.schedule.window import SendWindow, parse_send_window
from hypothesis import assume, given, settings
from hypothesis import strategies as st

OSLO = "Europe/Oslo"
OFFICE = parse_send_window("Mon-Fri 09:00-17:00")
ALWAYS = parse_send_window("always")
CHRISTMAS = frozenset({date(2026, 12, 24), date(2026, 12, 25)})


def local(zone: str, *args: int) -> datetime:
    """An aware local time; the wall time must exist and be unambiguous."""
    return datetime(*args, tzinfo=ZoneInfo(zone))


def cadence(text: str) -> Cadence:
    found = parse_cadence(text, ["en"])
    assert found is not None, text
    return found


def next_in_oslo(
    text: str, last: datetime, *, now: datetime | None = None,
    window: SendWindow = OFFICE, holidays: frozenset[date] = frozenset(),
) -> datetime:
    return next_update_at(cadence=cadence(text), last_update_at=last, now=now or last,
                          timezone=OSLO, window=window, holidays=holidays)


# ---------------------------------------------------------------------------
# cadences


def test_two_business_days_from_thursday_morning_is_monday_same_time():
    thursday = local(OSLO, 2026, 11, 5, 10, 0)
    assert next_in_oslo("every 2 business days", thursday) == local(OSLO, 2026, 11, 9, 10, 0)


def test_business_days_skip_holidays():
    wednesday = local(OSLO, 2026, 12, 23, 10, 0)  # 24th and 25th are Thursday and Friday
    due = next_in_oslo("every 2 business days", wednesday, holidays=CHRISTMAS)
    assert due == local(OSLO, 2026, 12, 29, 10, 0)


def test_business_day_clock_starts_after_a_weekend_update():
    saturday = local(OSLO, 2026, 11, 7, 15, 0)  # an owner replied on Saturday
    end_of_monday = local(OSLO, 2026, 11, 10, 0, 0)
    assert due_after(cadence("every business day"), saturday, timezone=OSLO) == end_of_monday
    assert next_in_oslo("every business day", saturday) == local(OSLO, 2026, 11, 10, 9, 0)


def test_business_day_cadence_does_not_send_on_weekends_even_in_an_always_window():
    thursday = local(OSLO, 2026, 11, 5, 10, 0)
    saturday_noon = local(OSLO, 2026, 11, 7, 12, 0)  # Friday's tick was missed; now it is the weekend
    due = next_in_oslo("every business day", thursday, now=saturday_noon, window=ALWAYS)
    assert due == local(OSLO, 2026, 11, 9, 0, 0)


def test_every_tuesday_from_a_tuesday_is_the_next_tuesday_when_the_window_opens():
    tuesday = local(OSLO, 2026, 11, 3, 14, 20)
    assert next_in_oslo("every Tuesday", tuesday) == local(OSLO, 2026, 11, 10, 9, 0)


def test_every_tuesday_from_a_monday_is_the_next_day():
    monday = local(OSLO, 2026, 11, 2, 11, 0)
    assert next_in_oslo("every Tuesday", monday) == local(OSLO, 2026, 11, 3, 9, 0)


def test_two_weekdays_alternate_within_the_week():
    monday = local(OSLO, 2026, 11, 2, 11, 0)
    assert next_in_oslo("every Monday and Thursday", monday) == local(OSLO, 2026, 11, 5, 9, 0)


def test_every_other_week_on_a_weekday_lets_a_week_pass_first():
    tuesday = local(OSLO, 2026, 11, 3, 11, 0)
    assert next_in_oslo("every 2 weeks on Tuesday", tuesday) == local(OSLO, 2026, 11, 17, 9, 0)


def test_every_week_keeps_the_time_of_day():
    wednesday = local(OSLO, 2026, 11, 4, 13, 45)
    assert next_in_oslo("every week", wednesday) == local(OSLO, 2026, 11, 11, 13, 45)


def test_month_cadence_clamps_to_the_last_day_of_february():
    january_31 = local(OSLO, 2025, 1, 31, 10, 0)
    assert next_in_oslo("every month", january_31, window=ALWAYS) == local(OSLO, 2025, 2, 28, 0, 0)
    assert next_in_oslo("every month", january_31) == local(OSLO, 2025, 2, 28, 9, 0)


def test_month_cadence_uses_february_29_in_a_leap_year():
    january_31 = local(OSLO, 2028, 1, 31, 10, 0)
    assert next_in_oslo("every month", january_31, window=ALWAYS) == local(OSLO, 2028, 2, 29, 0, 0)


def test_month_cadence_crosses_the_year():
    november_15 = local(OSLO, 2026, 11, 15, 10, 0)
    assert next_in_oslo("every 3 months", november_15, window=ALWAYS) == local(OSLO, 2027, 2, 15, 0, 0)


def test_daily_update_stays_at_ten_local_across_spring_forward():
    saturday = local(OSLO, 2026, 3, 28, 10, 0)  # CET, +01:00
    due = next_in_oslo("daily", saturday, window=ALWAYS)
    assert due == datetime(2026, 3, 29, 8, 0, tzinfo=UTC)  # 10:00 CEST, +02:00


def test_daily_update_stays_at_ten_local_across_fall_back():
    saturday = local(OSLO, 2026, 10, 24, 10, 0)  # CEST
    assert next_in_oslo("daily", saturday, window=ALWAYS) == datetime(2026, 10, 25, 9, 0, tzinfo=UTC)


def test_a_due_time_that_does_not_exist_moves_to_the_end_of_the_gap():
    saturday = local(OSLO, 2026, 3, 28, 2, 30)
    assert next_in_oslo("daily", saturday, window=ALWAYS) == local(OSLO, 2026, 3, 29, 3, 0)


def test_a_last_update_in_the_repeated_hour_counts_from_the_end_of_that_hour():
    second_0215 = datetime(2026, 10, 25, 1, 15, tzinfo=UTC)  # 02:15 CET, after 02:15 CEST
    first_0245 = datetime(2026, 10, 25, 0, 45, tzinfo=UTC)  # 02:45 CEST
    later = due_after(cadence("daily"), second_0215, timezone=OSLO)
    assert later == local(OSLO, 2026, 10, 26, 3, 0)
    assert later > due_after(cadence("daily"), first_0245, timezone=OSLO)


def test_due_times_come_back_in_utc():
    due = next_in_oslo("daily", local(OSLO, 2026, 11, 4, 10, 0))
    assert due.utcoffset() == timedelta(0)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        next_update_at(cadence=cadence("daily"), last_update_at=datetime(2026, 11, 4, 10, 0),
                       now=datetime(2026, 11, 4, 10, 0, tzinfo=UTC), timezone=OSLO, window=OFFICE)


# ---------------------------------------------------------------------------
# send windows and missed updates


def test_due_after_the_window_closes_goes_out_at_the_next_opening():
    monday_evening = local(OSLO, 2026, 11, 2, 18, 30)  # an owner replied after hours
    assert next_in_oslo("daily", monday_evening) == local(OSLO, 2026, 11, 4, 9, 0)


def test_due_at_1830_goes_out_next_morning_at_nine():
    due_1830 = local(OSLO, 2026, 11, 3, 18, 30)
    assert earliest_send_at(due_1830, timezone=OSLO, window=OFFICE) == local(OSLO, 2026, 11, 4, 9, 0)


def test_weekend_free_window_moves_a_saturday_due_to_monday_morning():
    friday = local(OSLO, 2026, 11, 6, 11, 0)
    assert next_in_oslo("daily", friday) == local(OSLO, 2026, 11, 9, 9, 0)


def test_holidays_are_never_sending_days():
    wednesday = local(OSLO, 2026, 12, 23, 10, 0)
    assert next_in_oslo("daily", wednesday, holidays=CHRISTMAS) == local(OSLO, 2026, 12, 28, 9, 0)
    christmas_eve = local(OSLO, 2026, 12, 24, 12, 0)
    assert not in_window(christmas_eve, timezone=OSLO, window=ALWAYS, holidays=CHRISTMAS)


def test_always_window_sends_at_the_due_time_even_at_night_on_sunday():
    saturday_night = local(OSLO, 2026, 11, 7, 3, 0)
    assert next_in_oslo("daily", saturday_night, window=ALWAYS) == local(OSLO, 2026, 11, 8, 3, 0)


def test_window_until_midnight_is_open_at_2359():
    evening = parse_send_window("Mon-Fri 18:00-24:00")
    assert in_window(local(OSLO, 2026, 11, 2, 23, 59), timezone=OSLO, window=evening)
    assert not in_window(local(OSLO, 2026, 11, 3, 0, 0), timezone=OSLO, window=evening)


def test_window_end_is_exclusive():
    assert in_window(local(OSLO, 2026, 11, 2, 16, 59), timezone=OSLO, window=OFFICE)
    assert not in_window(local(OSLO, 2026, 11, 2, 17, 0), timezone=OSLO, window=OFFICE)


def test_window_is_read_in_the_client_time_zone():
    nine_in_new_york = local("America/New_York", 2026, 11, 2, 9, 0)
    assert in_window(nine_in_new_york, timezone="America/New_York", window=OFFICE)
    assert not in_window(nine_in_new_york, timezone="Asia/Tokyo", window=OFFICE)  # 23:00 there


def test_missed_update_inside_the_window_is_due_now():
    monday = local(OSLO, 2026, 11, 2, 10, 0)
    now = local(OSLO, 2026, 11, 5, 14, 7)  # the daemon was down; three ticks were missed
    assert next_in_oslo("daily", monday, now=now) == now


def test_missed_update_outside_the_window_waits_for_the_next_opening():
    monday = local(OSLO, 2026, 11, 2, 10, 0)
    now = local(OSLO, 2026, 11, 5, 20, 0)
    assert next_in_oslo("daily", monday, now=now) == local(OSLO, 2026, 11, 6, 9, 0)


def test_next_window_opening_from_inside_a_window_is_the_next_day():
    inside = local(OSLO, 2026, 11, 2, 10, 0)
    assert next_window_opening(inside, timezone=OSLO, window=OFFICE) == local(OSLO, 2026, 11, 3, 9, 0)


def test_window_opening_in_the_spring_forward_gap_opens_at_the_end_of_the_gap():
    night = parse_send_window("Sun 02:30-04:00")
    saturday = local(OSLO, 2026, 3, 28, 12, 0)
    assert next_window_opening(saturday, timezone=OSLO, window=night) == local(OSLO, 2026, 3, 29, 3, 0)


def test_window_inside_the_spring_forward_gap_does_not_open_that_day():
    gap = parse_send_window("Sun 02:00-03:00")
    saturday = local(OSLO, 2026, 3, 28, 12, 0)
    assert next_window_opening(saturday, timezone=OSLO, window=gap) == local(OSLO, 2026, 4, 5, 2, 0)


def test_window_opening_in_the_repeated_hour_opens_at_its_first_occurrence():
    night = parse_send_window("Sun 02:30-04:00")
    saturday = local(OSLO, 2026, 10, 24, 12, 0)
    opening = next_window_opening(saturday, timezone=OSLO, window=night)
    assert opening == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST


def test_a_window_without_days_is_refused():
    nowhere = SendWindow(frozenset(), time(9), time(17), "")
    with pytest.raises(ValueError, match="never opens"):
        next_window_opening(local(OSLO, 2026, 11, 2, 10, 0), timezone=OSLO, window=nowhere)


# ---------------------------------------------------------------------------
# the acknowledgement


def test_acknowledgement_goes_out_at_once_inside_the_window():
    opened = local(OSLO, 2026, 11, 2, 10, 12)
    assert first_update_at(opened_at=opened, now=opened, timezone=OSLO, window=OFFICE) == opened


def test_acknowledgement_of_a_friday_evening_case_goes_out_monday_morning():
    opened = local(OSLO, 2026, 11, 6, 17, 30)
    due = first_update_at(opened_at=opened, now=opened, timezone=OSLO, window=OFFICE)
    assert due == local(OSLO, 2026, 11, 9, 9, 0)


def test_acknowledgement_is_never_before_now():
    opened = local(OSLO, 2026, 11, 2, 10, 12)
    now = local(OSLO, 2026, 11, 2, 11, 0)
    assert first_update_at(opened_at=opened, now=now, timezone=OSLO, window=OFFICE) == now


# ---------------------------------------------------------------------------
# which cadence is in force


def test_directive_beats_everything():
    found = resolve_cadence("every Tuesday", cadence("daily"), "every week", "every 2 business days", ["en"])
    assert (found.cadence, found.source, found.warnings) == (cadence("every Tuesday"), "directive", ())


def test_cadence_stated_in_the_thread_beats_the_defaults():
    found = resolve_cadence(None, cadence("daily"), "every week", "every 2 business days", ["en"])
    assert (found.cadence, found.source) == (cadence("daily"), "thread")


def test_client_default_beats_the_global_default():
    found = resolve_cadence(None, None, "every week", "every 2 business days", ["en"])
    assert (found.cadence, found.source) == (cadence("every week"), "client")


def test_directive_in_the_client_language_is_read():
    found = resolve_cadence("hver tirsdag", None, "every week", "every 2 business days", ["nb", "en"])
    assert (found.cadence, found.source) == (Cadence(1, "week", (1,)), "directive")


def test_unreadable_levels_fall_through_and_are_reported():
    found = resolve_cadence("whenever you like", None, "now and then", "every 2 business days", ["en"])
    assert (found.cadence, found.source) == (cadence("every 2 business days"), "global")
    assert len(found.warnings) == 2
    assert '"whenever you like"' in found.warnings[0] and "the global default" in found.warnings[0]
    assert '"now and then"' in found.warnings[1]


def test_blank_directive_is_no_directive_and_no_warning():
    found = resolve_cadence("  ", None, "every week", "every 2 business days", ["en"])
    assert (found.source, found.warnings) == ("client", ())


def test_no_readable_cadence_at_any_level_is_an_error_naming_the_fix():
    with pytest.raises(CadenceError, match="defaults.cadence"):
        resolve_cadence(None, None, "sometimes", "often", ["en"])


# ---------------------------------------------------------------------------
# properties


ZONES = ("Europe/Oslo", "America/New_York", "Australia/Sydney", "UTC")


def _transitions(zone_name: str, year: int) -> list[datetime]:
    """The instants in `year` at which `zone_name` changes its UTC offset (hour resolution)."""
    zone = ZoneInfo(zone_name)
    start = datetime(year, 1, 1, tzinfo=UTC)
    hours = [start + timedelta(hours=h) for h in range(366 * 24)]
    return [b for a, b in pairwise(hours) if a.astimezone(zone).utcoffset() != b.astimezone(zone).utcoffset()]


TRANSITIONS = {zone: _transitions(zone, 2026) for zone in ZONES}


def test_the_property_zones_really_change_clocks_twice_a_year():
    assert {zone: len(found) for zone, found in TRANSITIONS.items()} == {
        "Europe/Oslo": 2, "America/New_York": 2, "Australia/Sydney": 2, "UTC": 0}


@st.composite
def moments(draw: st.DrawFn, zone: str) -> datetime:
    """An instant, biased towards DST changes in `zone` and towards local midnight."""
    branch = draw(st.integers(0, 2))
    if branch == 0 and TRANSITIONS[zone]:
        near = draw(st.sampled_from(TRANSITIONS[zone]))
        days, minutes = draw(st.integers(-4, 4)), draw(st.integers(-180, 180))
        return near + timedelta(days=days, minutes=minutes, seconds=draw(st.sampled_from([0, 0, 1, 59])))
    if branch == 1:
        day = draw(st.dates(date(2025, 1, 1), date(2028, 12, 31)))
        hour = draw(st.sampled_from([21, 22, 23, 0, 1, 2]))
        wall = datetime.combine(day, time(hour, draw(st.integers(0, 59))))
        return wall.replace(tzinfo=ZoneInfo(zone), fold=draw(st.integers(0, 1))).astimezone(UTC)
    return draw(st.datetimes(datetime(2025, 1, 1), datetime(2028, 12, 31), timezones=st.just(UTC)))


CADENCES = st.one_of(
    st.builds(Cadence, st.integers(1, 5), st.sampled_from(["day", "business_day", "week", "month"])),
    st.builds(Cadence, st.integers(1, 2), st.just("business_day")),
    st.builds(lambda every, days: Cadence(every, "week", tuple(sorted(days))),
              st.integers(1, 3), st.frozensets(st.integers(0, 6), min_size=1)),
)


@st.composite
def windows(draw: st.DrawFn) -> SendWindow:
    if draw(st.integers(0, 2)) == 0:
        return parse_send_window("always")
    days = draw(st.frozensets(st.integers(0, 6), min_size=1))
    start = time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 15, 30, 45])))
    ends = [None] + [time(h, m) for h in range(start.hour, 24) for m in (0, 30) if time(h, m) > start]
    return SendWindow(days, start, draw(st.sampled_from(ends)), "generated")


@st.composite
def scenarios(draw: st.DrawFn) -> dict:
    zone = draw(st.sampled_from(ZONES))
    last = draw(moments(zone))
    first_day = last.astimezone(ZoneInfo(zone)).date()
    now_after_last = st.one_of(st.timedeltas(timedelta(days=-3), timedelta(0)),
                               st.timedeltas(timedelta(days=-3), timedelta(days=45)))
    holiday_offsets = draw(st.frozensets(st.integers(-2, 40), max_size=12))
    return {
        "cadence": draw(CADENCES),
        "last_update_at": last,
        "now": last + draw(now_after_last),
        "timezone": zone,
        "window": draw(windows()),
        "holidays": frozenset(first_day + timedelta(days=offset) for offset in holiday_offsets),
    }


# Mostly small steps: they are the ones that cross a weekend, a clamp or a repeated hour.
LATER = st.one_of(st.timedeltas(timedelta(0), timedelta(hours=3)),
                  st.timedeltas(timedelta(0), timedelta(days=10)))


def _local_date(moment: datetime, zone: str) -> date:
    return moment.astimezone(ZoneInfo(zone)).date()


@settings(max_examples=200, deadline=None)
@given(case=scenarios())
def test_next_update_is_never_before_now_and_always_inside_the_window(case):
    due = next_update_at(**case)
    assert due >= case["now"]
    assert due.utcoffset() == timedelta(0)
    assert in_window(due, timezone=case["timezone"], window=case["window"], holidays=case["holidays"])
    assert _local_date(due, case["timezone"]) not in case["holidays"]


@settings(max_examples=200, deadline=None)
@given(case=scenarios(), later=LATER)
def test_a_later_last_update_never_gives_an_earlier_next_update(case, later):
    earlier_due = next_update_at(**case)
    assert next_update_at(**{**case, "last_update_at": case["last_update_at"] + later}) >= earlier_due


@settings(max_examples=200, deadline=None)
@given(case=scenarios(), later=LATER)
def test_a_later_last_update_never_gives_an_earlier_due_time(case, later):
    rules = {key: case[key] for key in ("timezone", "holidays")}
    earlier_due = due_after(case["cadence"], case["last_update_at"], **rules)
    assert due_after(case["cadence"], case["last_update_at"] + later, **rules) >= earlier_due


@settings(max_examples=200, deadline=None)
@given(
    zone=st.sampled_from([zone for zone in ZONES if TRANSITIONS[zone]]),
    pick=st.integers(0, 1),
    before=st.sampled_from([(1, Cadence(1, "day")), (7, Cadence(1, "week")), (0, Cadence(1, "day")),
                            (0, Cadence(1, "business_day")), (2, Cadence(2, "day"))]),
    minutes=st.integers(-90, 90),
    later=st.integers(0, 90),
    window=windows(),
)
def test_around_a_dst_change_due_times_keep_order_and_land_inside_the_window(
    zone, pick, before, minutes, later, window
):
    # Last updates one cadence step before a clock change put the due wall time in the
    # skipped or repeated hour; last updates in that hour itself test reading it back.
    days_before, cadence = before
    last = TRANSITIONS[zone][pick] - timedelta(days=days_before, minutes=minutes)
    then = last + timedelta(minutes=later)
    assert due_after(cadence, then, timezone=zone) >= due_after(cadence, last, timezone=zone)
    due = next_update_at(cadence=cadence, last_update_at=last, now=last, timezone=zone, window=window)
    assert due >= last and in_window(due, timezone=zone, window=window)


@settings(max_examples=200, deadline=None)
@given(
    zone=st.sampled_from([zone for zone in ZONES if TRANSITIONS[zone]]),
    pick=st.integers(0, 1),
    minutes=st.integers(-60, 60),
    later=st.integers(0, 60),
    cadence=st.sampled_from([Cadence(1, "day"), Cadence(1, "week"), Cadence(3, "business_day")]),
)
def test_updates_in_the_hour_of_a_dst_change_keep_their_order(zone, pick, minutes, later, cadence):
    last = TRANSITIONS[zone][pick] + timedelta(minutes=minutes)
    then = last + timedelta(minutes=later)
    assert due_after(cadence, then, timezone=zone) >= due_after(cadence, last, timezone=zone)


@settings(max_examples=200, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    day=st.dates(date(2026, 1, 1), date(2026, 12, 31)),
    clock=st.times(),
    later=st.timedeltas(timedelta(0), timedelta(hours=60)),
    every=st.integers(1, 3),
    holiday_offsets=st.frozensets(st.integers(-1, 6), max_size=3),
)
def test_weekend_and_holiday_replies_never_bring_a_business_day_update_forward(
    zone, day, clock, later, every, holiday_offsets
):
    holidays = frozenset(day + timedelta(days=offset) for offset in holiday_offsets)
    last = datetime.combine(day, clock, tzinfo=ZoneInfo(zone))
    cadence = Cadence(every, "business_day")
    earlier_due = due_after(cadence, last, timezone=zone, holidays=holidays)
    due = due_after(cadence, last + later, timezone=zone, holidays=holidays)
    assert due >= earlier_due
    assert _local_date(due, zone).weekday() < 5 and _local_date(due, zone) not in holidays


@settings(max_examples=200, deadline=None)
@given(case=scenarios(), later=LATER)
def test_a_later_now_never_gives_an_earlier_next_update(case, later):
    earlier_due = next_update_at(**case)
    assert next_update_at(**{**case, "now": case["now"] + later}) >= earlier_due


@settings(max_examples=200, deadline=None)
@given(case=scenarios(), every=st.integers(1, 5))
def test_business_day_cadences_never_land_on_a_weekend(case, every):
    assume(case["window"].days & {0, 1, 2, 3, 4})
    due = next_update_at(**{**case, "cadence": Cadence(every, "business_day")})
    assert _local_date(due, case["timezone"]).weekday() < 5


@settings(max_examples=200, deadline=None)
@given(case=scenarios(), every=st.integers(1, 5))
def test_day_and_week_cadences_keep_the_local_time_of_day(case, every):
    zone = ZoneInfo(case["timezone"])
    last = case["last_update_at"].astimezone(zone)
    assume(last.fold == 0)  # a last update in the repeated hour counts from its end
    for unit, step in (("day", timedelta(days=every)), ("week", timedelta(weeks=every))):
        target = last.replace(tzinfo=None) + step
        assume(target.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None) == target)
        due = due_after(Cadence(every, unit), case["last_update_at"], timezone=case["timezone"])
        assert due.astimezone(zone).replace(tzinfo=None) == target


@settings(max_examples=200, deadline=None)
@given(case=scenarios())
def test_earliest_send_at_is_the_first_allowed_moment(case):
    rules = {key: case[key] for key in ("timezone", "window", "holidays")}
    moment = case["now"]
    found = earliest_send_at(moment, **rules)
    assert found >= moment and in_window(found, **rules)
    if found > moment:
        assert not in_window(found - timedelta(microseconds=1), **rules)
        assert found == next_window_opening(moment, **rules)


@settings(max_examples=200, deadline=None)
@given(case=scenarios())
def test_acknowledgement_is_the_first_allowed_moment_not_before_now(case):
    rules = {key: case[key] for key in ("timezone", "window", "holidays")}
    found = first_update_at(opened_at=case["last_update_at"], now=case["now"], **rules)
    assert found == earliest_send_at(max(case["last_update_at"], case["now"]), **rules)
