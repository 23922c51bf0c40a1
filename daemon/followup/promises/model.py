"""The data a promise extraction returns: a commitment and the update cadence it may carry."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

UNITS = ("day", "business_day", "week", "month")
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Cadence:
    """How often we committed to update the client.

    `weekdays` (0=Monday) is set for "every Tuesday"-style cadences; then `unit` is "week".
    """

    every: int
    unit: str
    weekdays: tuple[int, ...] = ()
    text: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"cadence unit {self.unit!r} is not one of {UNITS}")
        if self.every < 1:
            raise ValueError(f"cadence must repeat at least once per unit, got every={self.every}")

    def to_text(self) -> str:
        """English rendering that `parse_cadence(..., ["en"])` reads back to an equal Cadence."""
        if self.weekdays:
            names = [_WEEKDAY_NAMES[d] for d in self.weekdays]
            days = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            prefix = "every" if self.every == 1 else f"every {self.every} weeks on"
            return f"{prefix} {days}"
        unit = self.unit.replace("_", " ")
        if self.every == 1:
            return f"every {unit}"
        return f"every {self.every} {unit}s"


@dataclass(frozen=True)
class Commitment:
    """One sentence in which our side committed to something.

    `due_at` is timezone-aware UTC (None when no time was stated); `span` is the
    (start, end) offsets of `quote` in the text that was searched.
    """

    quote: str
    due_at: datetime | None
    due_text: str | None
    cadence: Cadence | None
    confidence: float
    language: str
    span: tuple[int, int]
