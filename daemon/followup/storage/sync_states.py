"""How each source's sync stands (the `sync_state` table), for `followup status`.
(The sync pass's checkpoint reads and writes: storage/sync.py.)"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple


class SyncState(NamedTuple):
    source: str
    checkpoint: str  # JSON; "null" until the first sync completes
    updated_at: str
    last_error: str | None
    last_error_at: str | None


def sync_states(conn: sqlite3.Connection) -> list[SyncState]:
    rows = conn.execute("SELECT source, checkpoint, updated_at, last_error, last_error_at FROM sync_state").fetchall()
    return [SyncState(*row) for row in rows]
