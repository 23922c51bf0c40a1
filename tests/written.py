"""What the promise class tests share: a text our side wrote, read as the extractor reads it.

Every class test dates its message Wednesday 18 November 2026, 10:15, in a zone of its own
(so a date form is checked against more than one offset).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from followup.promises import Commitment, extract_promises, parse_due


class Written:
    """Mail written at 10:15 on Wednesday 18 November 2026 in `zone`."""

    def __init__(self, zone: str) -> None:
        self.zone = zone
        self.sent = datetime(2026, 11, 18, 10, 15, tzinfo=ZoneInfo(zone))

    def promises(self, text: str, language: str) -> list[Commitment]:
        return extract_promises(text, sent_at=self.sent, timezone=self.zone, locale_hint=language)

    def resolved(self, phrase: str, language: str) -> str | None:
        """The local day a due phrase alone names."""
        due = parse_due(phrase, relative_to=self.sent, timezone=self.zone, languages=[language])
        return None if due is None else self._local(due, "%Y-%m-%d")

    def due_days(self, text: str, language: str) -> list[str | None]:
        """The local due day of every promise found in `text`, None where it has none."""
        return [self.local_day(found) for found in self.promises(text, language)]

    def local_day(self, found: Commitment) -> str | None:
        return None if found.due_at is None else self._local(found.due_at, "%Y-%m-%d")

    def local_time(self, found: Commitment) -> str | None:
        return None if found.due_at is None else self._local(found.due_at, "%Y-%m-%dT%H:%M")

    def _local(self, moment: datetime, form: str) -> str:
        return moment.astimezone(ZoneInfo(self.zone)).strftime(form)
