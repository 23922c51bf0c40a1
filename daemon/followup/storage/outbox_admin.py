"""The outbox as owners see and steer it: `followup outbox` (the listing) and the
counts in `followup status`. (The delivery side's queue, claim, marks and retry: storage/outbox.py.)"""

from __future__ import annotations

import json
import sqlite3

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
