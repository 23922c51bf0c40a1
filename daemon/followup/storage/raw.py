"""Raw message bytes as archived (the `raw` table), and the bytes of sent updates (the outbox
keeps its own copy), for `followup cat` and the evidence bundle."""

from __future__ import annotations

import sqlite3


def by_prefix(conn: sqlite3.Connection, prefix: str, *, limit: int = 2) -> list[tuple[str, bytes]]:
    """(sha256, bytes) of the messages whose sha256 starts with the lower-case hex `prefix`;
    at most `limit` (two tell an ambiguous prefix from a unique one)."""
    return conn.execute("SELECT sha256, bytes FROM raw WHERE sha256 >= ? AND sha256 < ? LIMIT ?",
                        (prefix, prefix + "g", limit)).fetchall()


def message_bytes(conn: sqlite3.Connection, sha256: str) -> bytes | None:
    row = conn.execute("SELECT bytes FROM raw WHERE sha256 = ?", (sha256,)).fetchone()
    return row[0] if row else None


def update_bytes(conn: sqlite3.Connection, sha256: str) -> bytes | None:
    """The bytes of an update as the outbox recorded them (one, when several carry the same)."""
    row = conn.execute("SELECT raw FROM outbox WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone()
    return row[0] if row else None
