"""Where each source's sync stands: its checkpoint (moved only after the archive commit that
holds what it covers) and its last error, for `followup status`. The caller owns the
transaction.
"""

from __future__ import annotations

import json
import sqlite3
from typing import NamedTuple


def checkpoint(conn: sqlite3.Connection, source: str) -> dict | None:
    """The source's checkpoint; None before its first sync."""
    row = conn.execute("SELECT checkpoint FROM sync_state WHERE source = ?", (source,)).fetchone()
    return json.loads(row[0]) if row else None


def save_checkpoint(conn: sqlite3.Connection, source: str, position: dict, at: str) -> None:
    """The source synced up to `position`; its last error is cleared."""
    conn.execute(
        "INSERT INTO sync_state (source, checkpoint, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT (source) DO UPDATE SET checkpoint = excluded.checkpoint, updated_at = excluded.updated_at,"
        " last_error = NULL", (source, json.dumps(position), at))


def record_error(conn: sqlite3.Connection, source: str, line: str, at: str) -> None:
    """The source failed with `line`; its checkpoint stays where it was."""
    conn.execute(
        "INSERT INTO sync_state (source, checkpoint, updated_at, last_error, last_error_at)"
        " VALUES (?, 'null', ?, ?, ?) ON CONFLICT (source) DO UPDATE SET"
        " last_error = excluded.last_error, last_error_at = excluded.last_error_at",
        (source, at, line, at))


class SyncState(NamedTuple):
    """How one source's sync stands, as `followup status` shows it."""

    source: str
    checkpoint: str  # JSON; "null" until the first sync completes
    updated_at: str
    last_error: str | None
    last_error_at: str | None


def sync_states(conn: sqlite3.Connection) -> list[SyncState]:
    rows = conn.execute("SELECT source, checkpoint, updated_at, last_error, last_error_at FROM sync_state").fetchall()
    return [SyncState(*row) for row in rows]
