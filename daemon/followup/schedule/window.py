"""Send windows: when updates may go out, in the client's time zone ("Mon-Fri 09:00-17:00",
"always"). Parsed when the config is read (config/values.py), used by cadence.py."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time


DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class SendWindow:
    """When updates may go out, in the client's time zone. `days` are weekday numbers
    (0 = Monday, as `datetime.weekday()`); `end` None means until midnight."""

    days: frozenset[int]
    start: time
    end: time | None
    spec: str

    @property
    def always(self) -> bool:
        return len(self.days) == 7 and self.start == time(0) and self.end is None


_WINDOW = re.compile(
    r"^\s*(?P<days>[A-Za-z][A-Za-z ,\-]*?)\s+(?P<start>\d\d:\d\d)\s*-\s*(?P<end>\d\d:\d\d)\s*$"
)
WINDOW_FIX = 'write "always" or days and hours such as "Mon-Fri 09:00-17:00" or "Mon,Wed,Sat 10:00-14:00"'


def parse_send_window(spec: str) -> SendWindow:
    """Parse "always" or "<days> HH:MM-HH:MM"; raises ValueError with the reason."""
    if spec.strip().lower() == "always":
        return SendWindow(frozenset(range(7)), time(0), None, "always")
    match = _WINDOW.match(spec)
    if not match:
        raise ValueError("is not a send window")
    days = _parse_days(match.group("days"))
    start = _parse_hhmm(match.group("start"), allow_midnight=False)
    end = _parse_hhmm(match.group("end"), allow_midnight=True)
    if end is not None and end <= start:
        raise ValueError("ends before it starts (windows over midnight are not supported)")
    return SendWindow(days, start, end, spec.strip())


def _parse_days(spec: str) -> frozenset[int]:
    days: set[int] = set()
    for part in spec.replace(" ", "").lower().split(","):
        first, _, last = part.partition("-")
        a, b = _day_number(first), _day_number(last or first)
        days.update((a + step) % 7 for step in range((b - a) % 7 + 1))
    return frozenset(days)


def _day_number(name: str) -> int:
    if len(name) >= 3 and name[:3] in DAY_NAMES:
        return DAY_NAMES.index(name[:3])
    raise ValueError(f'has an unknown day "{name}"')


def _parse_hhmm(spec: str, *, allow_midnight: bool) -> time | None:
    hours, minutes = int(spec[:2]), int(spec[3:])
    if allow_midnight and (hours, minutes) == (24, 0):
        return None
    if hours > 23 or minutes > 59:
        raise ValueError(f'has an impossible time "{spec}"')
    return time(hours, minutes)
