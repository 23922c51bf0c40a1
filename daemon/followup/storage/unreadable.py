"""Messages a source could not read (a Maildir file without read permission): each failed
attempt goes on the record; after MAX_ATTEMPTS the message is quarantined by location
(there are no bytes to keep) and the source's checkpoint may move past it.

The record is the events chain: `message.unreadable` per attempt, then one
`message.quarantined` without a sha256. A message read later (permissions fixed, which also
changes its ctime, so a Maildir scan finds it again) is archived as usual.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from followup.storage.db import transaction
from followup.storage.events import EventLog

MAX_ATTEMPTS = 3


def record_unreadable(conn: sqlite3.Connection, path: Path, events: EventLog, source: str,
                      unreadable: tuple[tuple[str, str], ...], now: datetime) -> list[str]:
    """Record one failed attempt per message; returns one line per message still to be
    retried (the checkpoint must stay), empty when every one is quarantined."""
    waiting: list[str] = []
    if not unreadable:
        return waiting
    at = now.isoformat()
    with transaction(conn, path, on_rollback=events.forget):
        for location, reason in unreadable:
            attempt = attempts(conn, source, location) + 1
            if attempt > MAX_ATTEMPTS:
                continue  # quarantined already
            where = {"source": source, "location": location}
            events.append(at, "message.unreadable", {**where, "reason": reason, "attempt": attempt})
            if attempt == MAX_ATTEMPTS:
                events.append(at, "message.quarantined",
                              {**where, "reason": f"unreadable after {MAX_ATTEMPTS} attempts: {reason}"})
            else:
                waiting.append(f"{location}: {reason} (attempt {attempt} of {MAX_ATTEMPTS})")
    return waiting


def attempts(conn: sqlite3.Connection, source: str, location: str) -> int:
    return conn.execute(
        "SELECT count(*) FROM events WHERE kind = 'message.unreadable'"
        " AND json_extract(data, '$.source') = ? AND json_extract(data, '$.location') = ?",
        (source, location)).fetchone()[0]


def quarantined_unreadable(conn: sqlite3.Connection) -> list[dict]:
    """Quarantined without bytes, in the shape of `followup quarantine` rows."""
    rows = conn.execute(
        "SELECT json_extract(data, '$.reason'), json_extract(data, '$.source'), json_extract(data, '$.location'), at"
        " FROM events WHERE kind = 'message.quarantined' AND sha256 IS NULL ORDER BY id").fetchall()
    return [{"sha256": "", "reason": r[0], "source": r[1], "location": r[2], "at": r[3], "size": None} for r in rows]
