"""The promise ledger's writes and the reads that guard them. The caller owns the
transaction. (New due dates and their history: reschedules.py; what the CLI lists: caseviews.py.)
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple


class PromiseRef(NamedTuple):
    case_id: int
    state: str


class NewPromise(NamedTuple):
    case_id: int
    sha256: str | None
    author: str
    quote: str
    made_at: str
    due_at: str | None
    due_text: str | None
    cadence: str | None
    confidence: float
    language: str
    source: str  # extracted, directive, cli
    state: str  # open, proposed


def find(conn: sqlite3.Connection, promise_id: int) -> PromiseRef | None:
    row = conn.execute("SELECT case_id, state FROM promises WHERE id = ?", (promise_id,)).fetchone()
    return PromiseRef(*row) if row else None


def add(conn: sqlite3.Connection, promise: NewPromise) -> int | None:
    """Record a promise; its id, or None when the case has it already (same message and quote)."""
    cursor = conn.execute(
        "INSERT OR IGNORE INTO promises (case_id, sha256, author, quote, made_at, due_at, due_text, cadence,"
        " confidence, language, source, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", promise)
    return cursor.lastrowid if cursor.rowcount else None


def decide(conn: sqlite3.Connection, promise_id: int, new_state: str, at: str, by: str) -> None:
    conn.execute("UPDATE promises SET state = ?, decided_at = ?, decided_by = ? WHERE id = ?",
                 (new_state, at, by, promise_id))


def made_by(conn: sqlite3.Connection, case_id: int, author: str) -> bool:
    """`author` made a promise in the case."""
    return conn.execute("SELECT 1 FROM promises WHERE case_id = ? AND author = ? LIMIT 1",
                        (case_id, author)).fetchone() is not None
