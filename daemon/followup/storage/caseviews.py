"""Read-only views of cases and promises for the CLI, the digest and the templates.

Plain dicts with ISO 8601 strings, so `--json` prints them as they are.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import NamedTuple

from followup.storage.readback import as_dict
from followup.errors import FollowupError

_CASE = (
    "SELECT c.id, c.client, c.subject, c.state, c.opened_at, c.opened_by, c.opened_via, c.closed_at, c.paused_at,"
    " c.cadence_text, c.stated_cadence, c.last_update_at, c.next_update_at, c.thread_id,"
    " (SELECT count(*) FROM messages m WHERE m.thread_id = c.thread_id) AS messages,"
    " (SELECT count(*) FROM promises p WHERE p.case_id = c.id AND p.state NOT IN ('rejected')) AS promises,"
    " (SELECT max(date) FROM messages m WHERE m.thread_id = c.thread_id) AS last_message_at"
    " FROM cases c"
)
_PROMISE = (
    "SELECT p.id, p.case_id AS 'case', c.client, c.subject, p.quote, p.author, p.made_at, p.due_at, p.due_text,"
    " p.cadence, p.state, p.language, p.confidence, p.source, p.sha256, p.decided_at, p.decided_by"
    " FROM promises p JOIN cases c ON c.id = p.case_id"
)


def _rows(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    cursor = conn.execute(sql, params)
    return [as_dict(cursor, r) for r in cursor.fetchall()]


def cases(conn: sqlite3.Connection, *, client: str | None = None, state: str | None = None) -> list[dict]:
    where, params = [], []
    if client:
        where.append("c.client = ?")
        params.append(client)
    if state:
        where.append("c.state = ?")
        params.append(state)
    sql = _CASE + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY c.state != 'open', c.opened_at DESC"
    return _rows(conn, sql, params)


def case(conn: sqlite3.Connection, case_id: int) -> dict:
    found = _rows(conn, _CASE + " WHERE c.id = ?", (case_id,))
    if not found:
        raise FollowupError(f"no case {case_id} (fix: list them with followup cases)")
    return found[0]


def promises(conn: sqlite3.Connection, *, case_id: int | None = None, client: str | None = None,
             overdue_at: datetime | None = None, states: tuple[str, ...] = ()) -> list[dict]:
    where, params = [], []
    if case_id is not None:
        where.append("p.case_id = ?")
        params.append(case_id)
    if client:
        where.append("c.client = ?")
        params.append(client)
    if overdue_at is not None:
        where.append("p.state = 'open' AND p.due_at IS NOT NULL AND p.due_at < ?")
        params.append(overdue_at.isoformat())
    if states:
        where.append(f"p.state IN ({','.join('?' * len(states))})")
        params += list(states)
    sql = _PROMISE + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY p.due_at IS NULL, p.due_at, p.id"
    return _rows(conn, sql, params)


def timeline(conn: sqlite3.Connection, case_id: int) -> list[dict]:
    """Messages of the thread and everything recorded about the case, oldest first."""
    info = case(conn, case_id)
    messages = _rows(conn, (
        "SELECT 'message' AS kind, m.date AS at, m.direction, m.from_addr AS 'from', m.subject, m.sha256,"
        " m.message_id FROM messages m WHERE m.thread_id = ?"), (info["thread_id"],))
    events = _rows(conn, (
        "SELECT e.kind, e.at AS recorded_at, e.data, e.sha256, coalesce(m.date, e.at) AS at"
        " FROM events e LEFT JOIN messages m ON m.sha256 = e.sha256"
        " WHERE e.case_id = ? AND e.kind NOT IN ('message.archived')"), (case_id,))
    refused = _rows(conn, (
        "SELECT e.kind, e.at AS recorded_at, e.data, e.sha256, coalesce(m.date, e.at) AS at"
        " FROM events e JOIN messages m ON m.sha256 = e.sha256"
        " WHERE e.case_id IS NULL AND e.kind = 'directive.refused' AND m.thread_id = ?"), (info["thread_id"],))
    for event in events + refused:
        event["data"] = json.loads(event["data"])
    return sorted(messages + events + refused, key=lambda e: (e["at"] or "", e["kind"] != "message"))


def notes(conn: sqlite3.Connection, case_id: int) -> list[dict]:
    return _rows(conn, "SELECT id, text, author, at, sha256 FROM notes WHERE case_id = ? ORDER BY at, id", (case_id,))


def quiet_cases(conn: sqlite3.Connection, *, since: datetime) -> list[dict]:
    """Open cases whose thread has had no message since `since`."""
    return [c for c in cases(conn, state="open") if (c["last_message_at"] or "") < since.isoformat()]


def compose_failures(conn: sqlite3.Connection) -> dict[int, str]:
    """Case id → why its latest mail could not be composed (a template that cannot render
    in its language), unless a mail for the case was queued since."""
    rows = conn.execute(
        "SELECT e.case_id, e.kind, e.data FROM events e WHERE e.id IN (SELECT max(id) FROM events"
        " WHERE case_id IS NOT NULL AND (kind LIKE '%.not_composed' OR kind LIKE '%.queued') GROUP BY case_id)")
    return {case_id: json.loads(data).get("error", kind) for case_id, kind, data in rows
            if kind.endswith(".not_composed")}


class Received(NamedTuple):
    """A message from the client: when, from which address, about what."""

    date: str | None
    sender: str | None
    subject: str


def last_from_client(conn: sqlite3.Connection, client: str) -> Received | None:
    row = conn.execute("SELECT date, from_addr, subject FROM messages WHERE client = ? AND direction = 'in'"
                       " ORDER BY date DESC LIMIT 1", (client,)).fetchone()
    return Received(*row) if row else None


def case_clients(conn: sqlite3.Connection) -> set[str]:
    """Every client some case belongs to."""
    return {r[0] for r in conn.execute("SELECT DISTINCT client FROM cases WHERE client IS NOT NULL")}
