"""The outbox as owners see and steer it: `followup outbox` (the listing, `retry`) and the
counts in `followup status`. (The delivery side's queue, claim and marks: storage/outbox.py.)"""

from __future__ import annotations

import json
import sqlite3
from typing import NamedTuple

from followup.storage.readback import as_dict

_LISTED = ("SELECT id, kind, case_id, owner, state, message_id, recipients, subject, created_at, sent_at,"
           " attempts, next_attempt_at, last_error FROM outbox")


def listing(conn: sqlite3.Connection, *, state: str | None = None) -> list[dict]:
    """Every mail (or those in `state`), oldest first; recipients decoded."""
    cursor = conn.execute(_LISTED + (" WHERE state = ?" if state else "") + " ORDER BY id", (state,) if state else ())
    rows = [as_dict(cursor, r) for r in cursor.fetchall()]
    for row in rows:
        row["recipients"] = json.loads(row["recipients"])
    return rows


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many mails are in each state (states without any are absent)."""
    return dict(conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())


class Entry(NamedTuple):
    state: str
    case_id: int | None
    kind: str


def entry(conn: sqlite3.Connection, outbox_id: int) -> Entry | None:
    row = conn.execute("SELECT state, case_id, kind FROM outbox WHERE id = ?", (outbox_id,)).fetchone()
    return Entry(*row) if row else None


def requeue(conn: sqlite3.Connection, outbox_id: int, at: str) -> None:
    """Back in line from `at`, its attempts counted afresh (a write: inside a transaction)."""
    conn.execute("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ?", (at, outbox_id))
