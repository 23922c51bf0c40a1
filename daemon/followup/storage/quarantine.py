"""What `followup quarantine` and `followup status` read about quarantined messages: those
kept raw because they could not be parsed, and those quarantined by location because they
could not be read at all (storage/unreadable.py)."""

from __future__ import annotations

import sqlite3

from followup.storage.unreadable import quarantined_unreadable


def rows(conn: sqlite3.Connection) -> list[dict]:
    """Every quarantined message (sha256, reason, source, location, at, size), the parsed
    failures oldest first, then the unreadable ones."""
    cursor = conn.execute(
        "SELECT q.sha256, q.reason, q.source, q.location, q.at, r.size "
        "FROM quarantine q JOIN raw r USING (sha256) ORDER BY q.at, q.sha256"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor] + quarantined_unreadable(conn)


def count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM quarantine").fetchone()[0] + len(quarantined_unreadable(conn))
