"""What an evidence bundle reads (evidence/export.py, evidence/disclosure.py): the target's
messages, updates and events, and the events chain from a given event to the head.

A target's messages are named by a Scope, a plain value (one thread, or everything about one
client) that only this module turns into SQL, so the evidence package never writes any.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from followup.storage.readback import as_dict



@dataclass(frozen=True)
class Scope:
    """Which messages an export covers: one thread's (`thread_id`); with `client`, the
    client's messages and every message in a thread of one of its cases; with neither,
    the whole archive."""

    thread_id: int | None = None
    client: str | None = None

    def __post_init__(self) -> None:
        if self.thread_id is not None and self.client is not None:
            raise ValueError("a Scope names one thread or one client, not both")

_MESSAGE = (
    "SELECT m.sha256, m.message_id, m.thread_id, m.client, m.direction, m.date, m.from_addr, m.from_name,"
    " m.to_json, m.cc_json, m.subject, m.text, m.attachments_json, m.automatic FROM messages m"
)


def _condition(scope: Scope) -> tuple[str, tuple]:
    """The scope as a condition on messages `m`, with its parameters."""
    if scope.client is not None:
        return "(m.client = ? OR m.thread_id IN (SELECT thread_id FROM cases WHERE client = ?))", (scope.client,) * 2
    if scope.thread_id is not None:
        return "m.thread_id = ?", (scope.thread_id,)
    return "1 = 1", ()


def case_ids_of(conn: sqlite3.Connection, client: str) -> tuple[int, ...]:
    return tuple(r[0] for r in conn.execute("SELECT id FROM cases WHERE client = ? ORDER BY id", (client,)))


def messages(conn: sqlite3.Connection, scope: Scope) -> list[dict]:
    """The scope's messages as stored (JSON columns still encoded), oldest first, undated last."""
    where, params = _condition(scope)
    cursor = conn.execute(f"{_MESSAGE} WHERE {where} ORDER BY m.date IS NULL, m.date, m.id", params)
    return [as_dict(cursor, r) for r in cursor.fetchall()]


def updates(conn: sqlite3.Connection, case_ids: tuple[int, ...]) -> list[dict]:
    """The outbox rows of these cases (without their bytes), oldest first; `case` is the case id."""
    marks = ",".join("?" * len(case_ids))
    cursor = conn.execute(
        "SELECT id, kind, case_id AS 'case', state, subject, sender, recipients, message_id, sha256, created_at,"
        f" sent_at, attempts, last_error FROM outbox WHERE case_id IN ({marks}) ORDER BY created_at, id", case_ids)
    return [as_dict(cursor, r) for r in cursor.fetchall()]


def events_about(conn: sqlite3.Connection, case_ids: tuple[int, ...], scope: Scope) -> list[dict]:
    """Events (id, kind, sha256, data) of these cases or of a message in the scope."""
    where, params = _condition(scope)
    marks = ",".join("?" * len(case_ids))
    cursor = conn.execute(
        "SELECT e.id, e.kind, e.sha256, e.data FROM events e"
        f" WHERE e.case_id IN ({marks}) OR e.sha256 IN (SELECT m.sha256 FROM messages m WHERE {where})",
        (*case_ids, *params))
    return [dict(zip(("id", "kind", "sha256", "data"), r, strict=True)) for r in cursor]


class ChainEvent(NamedTuple):
    """An event as the chain stores it."""

    id: int
    at: str
    kind: str
    case_id: int | None
    sha256: str | None
    data: str
    prev_hash: str
    hash: str


def chain_head(conn: sqlite3.Connection) -> tuple[int, str] | None:
    """(id, hash) of the newest event, None before the first."""
    row = conn.execute("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else None


def chain_from(conn: sqlite3.Connection, first_id: int) -> Iterator[ChainEvent]:
    """Every event from `first_id` to the head, in order."""
    for row in conn.execute("SELECT id, at, kind, case_id, sha256, data, prev_hash, hash FROM events"
                            " WHERE id >= ? ORDER BY id", (first_id,)):
        yield ChainEvent(*row)
