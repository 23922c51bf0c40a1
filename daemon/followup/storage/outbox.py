"""The outbox table: every mail followup writes, one row per case and due slot.

The states and their moves (pending → sending → sent, draft, failed) are decided in
delivery/outbox.py; this module only reads and writes the rows. A draft is stored with
":draft" after its dedupe key, so a draft and a sent mail never take each other's slot.
The caller owns the transaction (storage.db.transaction).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import NamedTuple

DRAFT_SUFFIX = ":draft"


@dataclass(frozen=True)
class Queued:
    """A composed mail, ready to be committed as pending."""

    kind: str  # ack, update, close, digest
    dedupe_key: str
    slot: str
    message_id: str
    sender: str
    recipients: tuple[str, ...]
    subject: str
    raw: bytes
    case_id: int | None = None
    owner: str | None = None
    draft: bool = False


class Claimed(NamedTuple):
    """A row just moved from pending to sending: what the transport needs."""

    id: int
    kind: str
    case_id: int | None
    message_id: str
    sender: str
    recipients: list[str]
    raw: bytes
    attempts: int  # counting this one
    draft: bool


class Stuck(NamedTuple):
    """A row a crash left in 'sending'."""

    id: int
    kind: str
    case_id: int | None
    message_id: str
    draft: bool


class Entry(NamedTuple):
    state: str
    case_id: int | None
    kind: str


class FailedSend(NamedTuple):
    client: str | None
    case_id: int
    subject: str
    created_at: str


def raw_sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def add(conn: sqlite3.Connection, item: Queued, at: str) -> bool:
    """The mail as pending; False when its slot already has a mail."""
    return bool(conn.execute(
        "INSERT OR IGNORE INTO outbox (kind, case_id, owner, slot, state, message_id, sender, recipients,"
        " subject, raw, sha256, created_at, next_attempt_at, dedupe_key)"
        " VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (item.kind, item.case_id, item.owner, item.slot, item.message_id, item.sender,
         json.dumps(list(item.recipients)), item.subject, item.raw, raw_sha256(item.raw), at, at,
         item.dedupe_key + (DRAFT_SUFFIX if item.draft else ""))).rowcount)


def due(conn: sqlite3.Connection, at: str) -> list[int]:
    """Ids of the pending rows whose next attempt is due, oldest first."""
    return [r[0] for r in conn.execute(
        "SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id", (at,))]


def claim(conn: sqlite3.Connection, row_id: int) -> Claimed | None:
    """Move a pending row to 'sending' and count the attempt; None when it is not pending
    (another pass took it)."""
    row = conn.execute("SELECT kind, case_id, message_id, sender, recipients, raw, attempts, dedupe_key FROM outbox"
                       " WHERE id = ? AND state = 'pending'", (row_id,)).fetchone()
    if row is None:
        return None
    conn.execute("UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ?", (row_id,))
    kind, case_id, message_id, sender, recipients, raw, attempts, key = row
    return Claimed(row_id, kind, case_id, message_id, sender, json.loads(recipients), raw, attempts + 1,
                   key.endswith(DRAFT_SUFFIX))


def mark_done(conn: sqlite3.Connection, row_id: int, *, draft: bool, at: str) -> None:
    """The transport took it: 'sent', or 'draft' for a saved draft."""
    conn.execute("UPDATE outbox SET state = ?, sent_at = ?, last_error = NULL WHERE id = ?",
                 ("draft" if draft else "sent", at, row_id))


def mark_failed(conn: sqlite3.Connection, row_id: int, error: str, retry_at: str | None) -> None:
    """Back to pending until `retry_at`; with no `retry_at`, failed for good."""
    conn.execute("UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
                 ("failed" if retry_at is None else "pending", error, retry_at, row_id))


def entry(conn: sqlite3.Connection, row_id: int) -> Entry | None:
    row = conn.execute("SELECT state, case_id, kind FROM outbox WHERE id = ?", (row_id,)).fetchone()
    return Entry(*row) if row else None


def requeue(conn: sqlite3.Connection, row_id: int, at: str) -> None:
    """A failed mail in line again, with a fresh count of attempts."""
    conn.execute("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ?", (at, row_id))


def stuck(conn: sqlite3.Connection) -> list[Stuck]:
    return [Stuck(i, kind, case_id, mid, key.endswith(DRAFT_SUFFIX)) for i, kind, case_id, mid, key in conn.execute(
        "SELECT id, kind, case_id, message_id, dedupe_key FROM outbox WHERE state = 'sending'")]


def release(conn: sqlite3.Connection, row_id: int, at: str) -> None:
    """A 'sending' row the transport did not find: pending again, due at once."""
    conn.execute("UPDATE outbox SET state = 'pending', next_attempt_at = ? WHERE id = ?", (at, row_id))


def has_digest(conn: sqlite3.Connection, owner: str, day: str) -> bool:
    return conn.execute("SELECT 1 FROM outbox WHERE kind = 'digest' AND owner = ? AND slot = ?",
                        (owner, day)).fetchone() is not None


def in_flight(conn: sqlite3.Connection, case_id: int) -> bool:
    """A mail of the case is pending or being sent."""
    return conn.execute("SELECT 1 FROM outbox WHERE case_id = ? AND state IN ('pending', 'sending')",
                        (case_id,)).fetchone() is not None


def has_gone(conn: sqlite3.Connection, case_id: int, kind: str) -> bool:
    """The case's mail of `kind` was sent (or saved as a draft)."""
    return conn.execute("SELECT 1 FROM outbox WHERE case_id = ? AND kind = ? AND state IN ('sent', 'draft')",
                        (case_id, kind)).fetchone() is not None


def count_for_client(conn: sqlite3.Connection, client: str, since: str) -> int:
    """Mails queued for the client's cases since `since`."""
    return conn.execute(
        "SELECT count(*) FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.client = ? AND o.created_at >= ?",
        (client, since)).fetchone()[0]


def failed_sends(conn: sqlite3.Connection) -> list[FailedSend]:
    """Case mails that failed for good, oldest first."""
    return [FailedSend(*r) for r in conn.execute(
        "SELECT c.client, c.id, c.subject, o.created_at FROM outbox o JOIN cases c ON c.id = o.case_id"
        " WHERE o.state = 'failed' ORDER BY o.created_at")]


def sent_not_archived(conn: sqlite3.Connection) -> list[tuple[str, bytes]]:
    """(message_id, raw) of sent mails whose copy is not in the archive yet."""
    return conn.execute("SELECT message_id, raw FROM outbox WHERE state = 'sent'"
                        " AND NOT EXISTS (SELECT 1 FROM raw WHERE raw.sha256 = outbox.sha256)").fetchall()
