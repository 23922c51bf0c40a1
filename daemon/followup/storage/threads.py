"""Messages and threads as the daemon's passes read them: the case pass, the updates, the
digest. Message rows come back as readback dicts (readback.parsed makes them messages);
the rest as typed rows. The one write here joins a forwarded tag note's thread to the
client thread it forwards. The caller owns the transaction.
"""

from __future__ import annotations

import json
import sqlite3
from typing import NamedTuple

from followup.storage.readback import SELECT_MESSAGE, as_dict


class Location(NamedTuple):
    """Where a message was found: folder, the keywords (IMAP flags) it had there, and
    whether the place is our Sent folder."""

    folder: str | None
    keywords: list[str]
    from_sent: bool


class Correspondent(NamedTuple):
    """Who wrote a message and whom it went to (address lists as parsed: dicts with addr, name)."""

    from_addr: str
    from_name: str
    to: list[dict]
    cc: list[dict]


class Parent(NamedTuple):
    message_id: str
    references: list[str]


def _dicts(cursor: sqlite3.Cursor) -> list[dict]:
    return [as_dict(cursor, r) for r in cursor.fetchall()]


def messages_after(conn: sqlite3.Connection, position: int, limit: int) -> list[dict]:
    """Archived messages with an id above `position`, in archive order."""
    return _dicts(conn.execute(SELECT_MESSAGE + " WHERE m.id > ? ORDER BY m.id LIMIT ?", (position, limit)))


def message(conn: sqlite3.Connection, message_id: int) -> dict | None:
    found = _dicts(conn.execute(SELECT_MESSAGE + " WHERE m.id = ?", (message_id,)))
    return found[0] if found else None


def outgoing_of_case(conn: sqlite3.Connection, case_id: int) -> list[dict]:
    """Our side's messages in the case's thread, oldest first."""
    return _dicts(conn.execute(SELECT_MESSAGE + " WHERE m.thread_id = (SELECT thread_id FROM cases WHERE id = ?)"
                               " AND m.direction = 'out' ORDER BY m.date, m.id", (case_id,)))


def locations(conn: sqlite3.Connection, sha256: str) -> list[Location]:
    return [Location(folder, json.loads(keywords), bool(from_sent)) for folder, keywords, from_sent in conn.execute(
        "SELECT folder, keywords, from_sent FROM locations WHERE sha256 = ?", (sha256,))]


def size(conn: sqlite3.Connection, thread_id: int) -> int:
    return conn.execute("SELECT count(*) FROM messages WHERE thread_id = ?", (thread_id,)).fetchone()[0]


def latest_client_thread(conn: sqlite3.Connection, subject_key: str, other_than: int, since: str) -> int | None:
    """The most recent client thread with this subject key active since `since`."""
    row = conn.execute(
        "SELECT id FROM threads WHERE subject_key = ? AND id != ? AND merged_into IS NULL AND client IS NOT NULL"
        " AND last_date >= ? ORDER BY last_date DESC LIMIT 1", (subject_key, other_than, since)).fetchone()
    return row[0] if row else None


def join(conn: sqlite3.Connection, thread_id: int, into: int) -> None:
    """Thread `thread_id`'s messages and ids move to thread `into`; the old one points there."""
    conn.execute("UPDATE messages SET thread_id = ? WHERE thread_id = ?", (into, thread_id))
    conn.execute("UPDATE msgids SET thread_id = ? WHERE thread_id = ?", (into, thread_id))
    conn.execute("UPDATE threads SET merged_into = ? WHERE id = ?", (into, thread_id))


def main_client(conn: sqlite3.Connection, thread_id: int) -> str | None:
    """The client most of the thread's messages belong to (the earliest on a tie)."""
    row = conn.execute(
        "SELECT client FROM messages WHERE thread_id = ? AND client IS NOT NULL"
        " GROUP BY client ORDER BY count(*) DESC, min(date) LIMIT 1", (thread_id,)).fetchone()
    return row[0] if row else None


def subjects(conn: sqlite3.Connection, thread_id: int) -> list[str]:
    """The thread's subjects, the other side's and ours before internal notes, oldest first."""
    return [r[0] for r in conn.execute(
        "SELECT subject FROM messages WHERE thread_id = ? ORDER BY direction = 'internal', date, id", (thread_id,))]


def last_sent_reply(conn: sqlite3.Connection, thread_id: int) -> str | None:
    """The date of our side's last word to the client, as filed in Sent (no auto-replies)."""
    return conn.execute(
        "SELECT max(m.date) FROM messages m WHERE m.thread_id = ? AND m.direction = 'out'"
        " AND m.automatic IS NULL AND EXISTS (SELECT 1 FROM locations l WHERE l.sha256 = m.sha256"
        " AND l.from_sent = 1)", (thread_id,)).fetchone()[0]


def last_dates(conn: sqlite3.Connection, thread_id: int) -> tuple[str | None, str | None]:
    """(latest incoming, latest outgoing) dates of the thread's mail written by people."""
    return conn.execute(
        "SELECT max(CASE WHEN direction = 'in' THEN date END), max(CASE WHEN direction = 'out' THEN date END)"
        " FROM messages WHERE thread_id = ? AND automatic IS NULL", (thread_id,)).fetchone()


def last_from_client(conn: sqlite3.Connection, thread_id: int) -> Correspondent | None:
    """The latest incoming message a person wrote (no auto-reply)."""
    row = conn.execute("SELECT from_addr, from_name, to_json, cc_json FROM messages WHERE thread_id = ?"
                       " AND direction = 'in' AND automatic IS NULL ORDER BY date DESC LIMIT 1", (thread_id,)).fetchone()
    return Correspondent(row[0], row[1], json.loads(row[2]), json.loads(row[3])) if row else None


def last_to_client(conn: sqlite3.Connection, thread_id: int) -> Correspondent | None:
    """Our side's latest message in the thread."""
    row = conn.execute("SELECT from_addr, from_name, to_json, cc_json FROM messages WHERE thread_id = ?"
                       " AND direction = 'out' ORDER BY date DESC LIMIT 1", (thread_id,)).fetchone()
    return Correspondent(row[0], row[1], json.loads(row[2]), json.loads(row[3])) if row else None


def reply_parent(conn: sqlite3.Connection, thread_id: int) -> Parent | None:
    """The latest message with a real Message-ID, preferring what a person wrote to the
    other side over auto-replies and internal notes."""
    row = conn.execute("SELECT message_id, references_json FROM messages WHERE thread_id = ?"
                       " AND message_id_synthetic = 0"
                       " ORDER BY automatic IS NOT NULL, direction = 'internal', date DESC, id DESC LIMIT 1",
                       (thread_id,)).fetchone()
    return Parent(row[0], json.loads(row[1])) if row else None


def signed_name(conn: sqlite3.Connection, address: str, thread_id: int | None = None) -> str | None:
    """The display name on `address`'s latest mail: in the thread when given, else the
    latest it sent anywhere (not received); None when it never had one."""
    row = None
    if thread_id is not None:
        row = conn.execute("SELECT from_name FROM messages WHERE thread_id = ? AND lower(from_addr) = ?"
                           " AND from_name != '' ORDER BY date DESC LIMIT 1", (thread_id, address)).fetchone()
    row = row or conn.execute("SELECT from_name FROM messages WHERE lower(from_addr) = ? AND direction != 'in'"
                              " AND from_name != '' ORDER BY date DESC LIMIT 1", (address,)).fetchone()
    return row[0] if row else None


def outgoing_since(conn: sqlite3.Connection, since: str) -> list[tuple[str | None, int, str, str]]:
    """(client, case id, subject, date) of our side's mail in case threads since `since`, oldest first."""
    return conn.execute(
        "SELECT c.client, c.id, c.subject, m.date FROM messages m JOIN cases c ON c.thread_id = m.thread_id"
        " WHERE m.direction = 'out' AND m.date >= ? ORDER BY m.date", (since,)).fetchall()


def ids_in_cases(conn: sqlite3.Connection, case_ids: list[int]) -> set[str]:
    """Every Message-ID the cases' threads hold or refer to."""
    marks = ",".join("?" * len(case_ids))
    return {mid for row in conn.execute(
        f"SELECT m.message_id, m.references_json FROM messages m JOIN cases c ON c.thread_id = m.thread_id"
        f" WHERE c.id IN ({marks})", case_ids) for mid in [row[0], *json.loads(row[1])]}
