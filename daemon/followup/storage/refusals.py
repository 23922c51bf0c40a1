"""The directives followup refused (`directive.refused` events), with the message that carried
each, for `followup refusals` and the count in `followup status`."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple


class Refused(NamedTuple):
    """One refusal as recorded, and its message when it is archived (else those are None)."""

    event_id: int
    at: str
    case_id: int | None
    data: str  # the event's JSON: line, reason
    sha256: str | None
    message_id: str | None
    sender: str | None
    date: str | None
    subject: str | None


def refused(conn: sqlite3.Connection) -> list[Refused]:
    """Every refusal, oldest first."""
    rows = conn.execute(
        "SELECT e.id, e.at, e.case_id, e.data, e.sha256, m.message_id, m.from_addr, m.date, m.subject"
        " FROM events e LEFT JOIN messages m ON m.sha256 = e.sha256"
        " WHERE e.kind = 'directive.refused' ORDER BY e.id").fetchall()
    return [Refused(*row) for row in rows]


def count_since(conn: sqlite3.Connection, since: str) -> int:
    """Refusals recorded at or after `since` (ISO 8601)."""
    return conn.execute("SELECT count(*) FROM events WHERE kind = 'directive.refused' AND at >= ?",
                        (since,)).fetchone()[0]
