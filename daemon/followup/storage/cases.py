"""Cases, their notes, and the case pass's cursor: the writes the case pass and the outbox
make, and the few reads they decide on. The caller owns the transaction.
(What the CLI shows of a case is read in caseviews.py.)
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

CLOSED_AT, PAUSED_AT = "closed_at", "paused_at"  # the columns that date a case's state


class CaseRef(NamedTuple):
    id: int
    state: str


class NewCase(NamedTuple):
    thread_id: int
    client: str | None
    subject: str
    opened_at: str
    opened_by: str
    opened_via: str
    opened_sha256: str | None
    last_update_at: str | None  # our side's last word to the client before the case opened


def of_thread(conn: sqlite3.Connection, thread_id: int) -> CaseRef | None:
    """The thread's latest case."""
    row = conn.execute("SELECT id, state FROM cases WHERE thread_id = ? ORDER BY id DESC LIMIT 1",
                       (thread_id,)).fetchone()
    return CaseRef(*row) if row else None


def state(conn: sqlite3.Connection, case_id: int) -> str | None:
    """The case's state; None when there is no such case."""
    row = conn.execute("SELECT state FROM cases WHERE id = ?", (case_id,)).fetchone()
    return row[0] if row else None


def client(conn: sqlite3.Connection, case_id: int) -> str | None:
    return conn.execute("SELECT client FROM cases WHERE id = ?", (case_id,)).fetchone()[0]


def add(conn: sqlite3.Connection, case: NewCase) -> int:
    """Open a case; returns its id."""
    return conn.execute(
        "INSERT INTO cases (thread_id, client, subject, state, opened_at, opened_by, opened_via, opened_sha256,"
        " last_update_at) VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?)", case).lastrowid


def set_state(conn: sqlite3.Connection, case_id: int, new_state: str, at: str) -> None:
    """closed or paused (dated `at`), or open again (both dates cleared)."""
    if new_state == "open":
        conn.execute("UPDATE cases SET state = 'open', paused_at = NULL, closed_at = NULL WHERE id = ?", (case_id,))
        return
    column = {"closed": CLOSED_AT, "paused": PAUSED_AT}[new_state]
    conn.execute(f"UPDATE cases SET state = ?, {column} = ? WHERE id = ?", (new_state, at, case_id))


def mark_updated(conn: sqlite3.Connection, case_id: int, at: str) -> None:
    """Followup sent the client an update at `at`."""
    conn.execute("UPDATE cases SET last_update_at = ? WHERE id = ?", (at, case_id))


def owner_replied(conn: sqlite3.Connection, case_id: int, at: str) -> None:
    """An owner wrote the client at `at`: the last update is at least that recent."""
    conn.execute("UPDATE cases SET last_update_at = max(coalesce(last_update_at, ''), ?) WHERE id = ?", (at, case_id))


def set_cadence(conn: sqlite3.Connection, case_id: int, cadence: str) -> None:
    """The cadence an owner set for the case's updates."""
    conn.execute("UPDATE cases SET cadence_text = ? WHERE id = ?", (cadence, case_id))


def set_stated_cadence(conn: sqlite3.Connection, case_id: int, cadence: str) -> None:
    """The cadence our side promised the client in a message."""
    conn.execute("UPDATE cases SET stated_cadence = ? WHERE id = ?", (cadence, case_id))


def add_note(conn: sqlite3.Connection, case_id: int, text: str, author: str, at: str, sha256: str | None = None) -> None:
    conn.execute("INSERT INTO notes (case_id, text, author, at, sha256) VALUES (?, ?, ?, ?, ?)",
                 (case_id, text, author, at, sha256))


def cursor(conn: sqlite3.Connection, name: str) -> int:
    """How far (a message id) the pass `name` has read; 0 before its first message."""
    row = conn.execute("SELECT position FROM cursors WHERE name = ?", (name,)).fetchone()
    return row[0] if row else 0


def move_cursor(conn: sqlite3.Connection, name: str, position: int) -> None:
    conn.execute("INSERT OR REPLACE INTO cursors (name, position) VALUES (?, ?)", (name, position))


def revisits(conn: sqlite3.Connection) -> list[int]:
    """Ids of known messages found again in a new folder or with new keywords."""
    return [r[0] for r in conn.execute("SELECT message_id FROM revisits ORDER BY message_id")]


def revisited(conn: sqlite3.Connection, message_id: int) -> None:
    conn.execute("DELETE FROM revisits WHERE message_id = ?", (message_id,))
