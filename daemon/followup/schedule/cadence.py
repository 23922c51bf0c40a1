"""Due-time arithmetic for updates: cadence, business days, send windows, time zones.

Pure functions: every datetime in is timezone-aware, every datetime out is UTC.
The client's calendar is the one that counts, so intervals are added to the local wall
clock (an update every day at 10:00 stays at 10:00 across a DST change).

Semantics decided here (the digest and the daemon's passes rely on them):

- Interval cadences ("every 2 days", "every week", "every 2 business days") keep the local
  time of day of the last update. Business days skip Saturday, Sunday and holidays; time
  spent on a day that is not a business day does not count, so an update made on one
  counts as made at 00:00 of the next business day (Saturday + 1 business day is due
  at the end of Monday, i.e. Tuesday 00:00).
- Day-naming cadences ("every Tuesday", "every month") are due at the start (00:00 local)
  of the named day, so the update goes out when that day's send window opens. A weekday
  cadence takes the next listed weekday strictly after the last update; with `every` = N
  it first lets N-1 whole weeks pass. A month cadence lands on the same day of the month,
  clamped to the month's last day (Jan 31 + 1 month → Feb 28).
- The last update is the latest of our updates and an owner's own reply in the thread.
- Holidays are never sending days, whatever the cadence; they also do not count as
  business days. A business-day cadence also sends only Monday to Friday, even when the
  send window allows weekends (unless the window has no weekday at all: then the window,
  being explicit configuration, wins).
- Send window: [start, end) local, on the listed weekdays; `end` None means midnight.
  A moment outside the window moves to the next opening.
- Missed updates: the result is never before `now`. It is the first allowed moment at or
  after max(due, now): a missed tick is due now when now is inside the window, else at the
  next opening; ticks missed while the daemon was down are not sent one by one.
- DST: a local time that does not exist (clocks spring forward) means the end of the gap
  (02:30 on the spring-forward day in Oslo → 03:00 CEST); an ambiguous one (clocks fall
  back) means its first occurrence. A last update inside the repeated hour counts as made
  at the end of it. These choices keep every function monotone: a later last update or a
  later `now` never gives an earlier result.
"""

from __future__ import annotations

import calendar
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from followup.errors import FollowupError
from followup.promises import parse_cadence
from followup.promises.model import Cadence
from followup.schedule.window import SendWindow

NO_HOLIDAYS: frozenset[date] = frozenset()
WORKWEEK = frozenset(range(5))


class CadenceError(FollowupError, ValueError):
    """No level of the cadence precedence holds a cadence we can read."""


@dataclass(frozen=True)
class ResolvedCadence:
    """The cadence in force, which level it came from, and what was skipped on the way.

    `source` is "directive", "thread", "client" or "global".
    """

    cadence: Cadence
    source: str
    warnings: tuple[str, ...] = ()


# ---------------------------------------------------------------------------
# public API


def next_update_at(
    *,
    cadence: Cadence,
    last_update_at: datetime,
    now: datetime,
    timezone: str,
    window: SendWindow,
    holidays: frozenset[date] = NO_HOLIDAYS,
) -> datetime:
    """When the next update is due: the cadence after the last update, moved into the send
    window, and never before `now` (see the module docstring for the exact rules)."""
    _require_aware(now=now)
    due = due_after(cadence, last_update_at, timezone=timezone, holidays=holidays)
    window = _sending_window(cadence, window)
    return earliest_send_at(max(due, now), timezone=timezone, window=window, holidays=holidays)


def first_update_at(
    *,
    opened_at: datetime,
    now: datetime,
    timezone: str,
    window: SendWindow,
    holidays: frozenset[date] = NO_HOLIDAYS,
) -> datetime:
    """When the acknowledgement of a new case goes out: the first allowed moment at or after
    the later of `opened_at` and `now`."""
    _require_aware(opened_at=opened_at, now=now)
    return earliest_send_at(max(opened_at, now), timezone=timezone, window=window, holidays=holidays)


def due_after(
    cadence: Cadence, last_update_at: datetime, *, timezone: str, holidays: frozenset[date] = NO_HOLIDAYS
) -> datetime:
    """The cadence added to `last_update_at` in the client's calendar, before any send window
    or `now` is applied (UTC)."""
    _require_aware(last_update_at=last_update_at)
    zone = ZoneInfo(timezone)
    return _instant(_advance(_wall(last_update_at, zone), cadence, holidays), zone)


def in_window(
    moment: datetime, *, timezone: str, window: SendWindow, holidays: frozenset[date] = NO_HOLIDAYS
) -> bool:
    """True when an update may go out at `moment`."""
    _require_aware(moment=moment)
    zone = ZoneInfo(timezone)
    day = moment.astimezone(zone).date()
    span = _day_window(day, zone, window, holidays)
    return span is not None and span[0] <= moment < span[1]


def next_window_opening(
    moment: datetime, *, timezone: str, window: SendWindow, holidays: frozenset[date] = NO_HOLIDAYS
) -> datetime:
    """The first opening of the send window at or after `moment` (UTC), even when `moment`
    is already inside an open window."""
    _require_aware(moment=moment)
    if not window.days:
        raise ValueError(f'send window "{window.spec}" lists no days, so it never opens')
    zone = ZoneInfo(timezone)
    first = moment.astimezone(zone).date()
    # Each skipped day is a holiday, a day outside the window, or a day DST swallowed.
    for offset in range(len(holidays) + 366):
        span = _day_window(first + timedelta(days=offset), zone, window, holidays)
        if span is not None and span[0] >= moment:
            return span[0]
    raise ValueError(f'send window "{window.spec}" does not open within a year of {moment.isoformat()}')


def earliest_send_at(
    moment: datetime, *, timezone: str, window: SendWindow, holidays: frozenset[date] = NO_HOLIDAYS
) -> datetime:
    """`moment` itself when it is inside the window, else the next opening (UTC)."""
    if in_window(moment, timezone=timezone, window=window, holidays=holidays):
        return moment.astimezone(UTC)
    return next_window_opening(moment, timezone=timezone, window=window, holidays=holidays)


def resolve_cadence(
    directive: str | None,
    stated: Cadence | None,
    client_default: str,
    global_default: str,
    languages: Sequence[str],
) -> ResolvedCadence:
    """The cadence in force: an owner's directive, else the one stated in the thread, else the
    client's default, else the global default.

    Text that cannot be read falls through to the next level and is named in `warnings`.
    Callers should pass the client's language and "en" (config files are usually English).
    Raises CadenceError when no level can be read; check the defaults at start-up so this
    cannot happen at send time.
    """
    levels: list[tuple[str, str, str | Cadence | None]] = [
        ("directive", "the directive", directive),
        ("thread", "the cadence stated in the thread", stated),
        ("client", "the client default", client_default),
        ("global", "the global default", global_default),
    ]
    unread: list[str] = []
    for source, label, value in levels:
        cadence = _read_level(value, languages)
        if cadence is not None:
            using = f'; using {label} "{cadence.text or cadence.to_text()}"'
            return ResolvedCadence(cadence, source, tuple(note + using for note in unread))
        if isinstance(value, str) and value.strip():
            unread.append(f'{label} "{value}" is not a cadence in {", ".join(languages) or "any language"}')
    reasons = "; ".join(unread or ["none was given"])
    fix = 'set defaults.cadence to a phrase such as "every 2 business days"'
    raise CadenceError(f"no usable cadence: {reasons} (fix: {fix})")


# ---------------------------------------------------------------------------
# the cadence on the local wall clock


def _advance(wall: datetime, cadence: Cadence, holidays: frozenset[date]) -> datetime:
    if cadence.weekdays:
        return _next_listed_weekday(wall.date(), cadence)
    if cadence.unit == "day":
        return wall + timedelta(days=cadence.every)
    if cadence.unit == "business_day":
        return _add_business_days(wall, cadence.every, holidays)
    if cadence.unit == "week":
        return wall + timedelta(weeks=cadence.every)
    return _add_months(wall.date(), cadence.every)


def _add_business_days(wall: datetime, count: int, holidays: frozenset[date]) -> datetime:
    day = wall.date()
    if not _is_business_day(day, holidays):
        day = _next_business_day(day, holidays)
        wall = datetime.combine(day, time(0))
    for _ in range(count):
        day = _next_business_day(day, holidays)
    return datetime.combine(day, wall.time())


def _next_business_day(day: date, holidays: frozenset[date]) -> date:
    day += timedelta(days=1)
    while not _is_business_day(day, holidays):
        day += timedelta(days=1)
    return day


def _is_business_day(day: date, holidays: frozenset[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def _next_listed_weekday(day: date, cadence: Cadence) -> datetime:
    start = day + timedelta(weeks=cadence.every - 1)
    ahead = min((listed - start.weekday() - 1) % 7 + 1 for listed in cadence.weekdays)
    return datetime.combine(start + timedelta(days=ahead), time(0))


def _add_months(day: date, count: int) -> datetime:
    year, month = divmod(day.month - 1 + count, 12)
    year, month = day.year + year, month + 1
    last = calendar.monthrange(year, month)[1]
    return datetime.combine(date(year, month, min(day.day, last)), time(0))


# ---------------------------------------------------------------------------
# send windows


def _sending_window(cadence: Cadence, window: SendWindow) -> SendWindow:
    """The window narrowed to Monday-Friday for a business-day cadence, when that leaves a day."""
    workdays = window.days & WORKWEEK
    if cadence.unit != "business_day" or workdays == window.days or not workdays:
        return window
    return replace(window, days=workdays, spec=f"{window.spec}, business days only")


def _day_window(
    day: date, zone: ZoneInfo, window: SendWindow, holidays: frozenset[date]
) -> tuple[datetime, datetime] | None:
    """[opening, closing) of the window on local `day` in UTC; None when nothing may be sent."""
    if day.weekday() not in window.days or day in holidays:
        return None
    opening = _instant(datetime.combine(day, window.start), zone)
    if window.end is None:
        closing = _instant(datetime.combine(day + timedelta(days=1), time(0)), zone)
    else:
        closing = _instant(datetime.combine(day, window.end), zone)
    # A window lying wholly inside a spring-forward gap does not exist that day.
    return (opening, closing) if opening < closing else None


# ---------------------------------------------------------------------------
# local wall clock ↔ UTC, DST-safe and monotone


def _instant(wall: datetime, zone: ZoneInfo) -> datetime:
    """The UTC instant of a naive local wall time: first occurrence when ambiguous, the end
    of the gap when it does not exist."""
    utc = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if _local(utc, zone) == wall:
        return utc
    # In a gap fold=1 reads the wall with the later offset, giving an instant before the jump.
    before = wall.replace(microsecond=0, tzinfo=zone, fold=1).astimezone(UTC)
    span = int((utc - before).total_seconds()) + 1
    step = _first_true(span, lambda s: _local(before + timedelta(seconds=s), zone) >= wall)
    return before + timedelta(seconds=step)


def _wall(moment: datetime, zone: ZoneInfo) -> datetime:
    """The naive local wall time of `moment`; in the repeated hour after clocks fall back,
    the end of that hour, so later moments never read as earlier wall times."""
    local = moment.astimezone(zone)
    wall = local.replace(tzinfo=None, fold=0)
    if not local.fold:
        return wall
    span = int((_offset(wall, zone, 0) - _offset(wall, zone, 1)).total_seconds())
    base = wall.replace(microsecond=0)
    step = _first_true(span, lambda s: not _ambiguous(base + timedelta(seconds=s), zone))
    return base + timedelta(seconds=step)


def _ambiguous(wall: datetime, zone: ZoneInfo) -> bool:
    exists = _local(wall.replace(tzinfo=zone).astimezone(UTC), zone) == wall
    return exists and _offset(wall, zone, 0) != _offset(wall, zone, 1)


def _offset(wall: datetime, zone: ZoneInfo, fold: int) -> timedelta:
    offset = wall.replace(tzinfo=zone, fold=fold).utcoffset()
    assert offset is not None  # a ZoneInfo always knows its offset
    return offset


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


def _first_true(span: int, test: Callable[[int], bool]) -> int:
    """The least s in 0..span with test(s) true, for a test that stays true once true."""
    return bisect_left(range(span + 1), True, key=test)


def _require_aware(**moments: datetime) -> None:
    for name, moment in moments.items():
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"{name} must be timezone-aware, got {moment.isoformat()}")


def _read_level(value: str | Cadence | None, languages: Sequence[str]) -> Cadence | None:
    if value is None or isinstance(value, Cadence):
        return value
    return parse_cadence(value, languages) if value.strip() else None
