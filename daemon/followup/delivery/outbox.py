"""Exactly-once sending: every update is a row that moves pending → sending → sent.

    pending   composed and committed; never handed to the transport
    sending   committed just before the transport was called
    sent      the transport returned; the sent copy is archived in the case
    draft     saved for an owner to review (mode = "draft")
    failed    the transport refused for good (bad recipient, refused login); see last_error

`dedupe_key` is unique: one row per case and due slot, so a second pass, a restart or a
flood of tags cannot make a second mail for the same slot. A temporary failure keeps the
row pending with a later `next_attempt_at` (exponential backoff).

After a crash, a row left in "sending" is checked against the transport: found (in the
outbox Maildir, in Sent) → sent; not found → sent again. Where the transport cannot tell
(plain SMTP), it is sent again too: with the same bytes and the same Message-ID, so the
client's mail program shows one message; a lost update would be worse than that.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from followup.storage.db import archive_path, transaction
from followup.storage.events import EventLog
from followup.errors import TransportError
from followup.transports.base import Transport

RETRY_FIRST = timedelta(minutes=1)
RETRY_MAX = timedelta(hours=2)
MAX_ATTEMPTS = 12


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


@dataclass
class DeliverySummary:
    sent: int = 0
    drafts: int = 0
    retrying: int = 0
    failed: int = 0
    recovered: int = 0


class Outbox:
    def __init__(self, conn: sqlite3.Connection, events: EventLog, transport: Transport):
        self.conn, self.events, self.transport = conn, events, transport

    def enqueue(self, item: Queued, now: datetime) -> bool:
        """Commit the mail as pending; False when its slot already has a mail."""
        with self._tx():
            cursor = self.conn.execute(
                "INSERT OR IGNORE INTO outbox (kind, case_id, owner, slot, state, message_id, sender, recipients,"
                " subject, raw, sha256, created_at, next_attempt_at, dedupe_key)"
                " VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (item.kind, item.case_id, item.owner, item.slot, item.message_id, item.sender,
                 json.dumps(list(item.recipients)), item.subject, item.raw, raw_sha256(item.raw), now.isoformat(),
                 now.isoformat(),
                 item.dedupe_key + (":draft" if item.draft else "")))
            if cursor.rowcount:
                self.events.append(now.isoformat(), f"{item.kind}.queued", {
                    "message_id": item.message_id, "to": list(item.recipients), "slot": item.slot,
                    "draft": item.draft}, case_id=item.case_id)
        return bool(cursor.rowcount)

    def deliver(self, now: datetime) -> DeliverySummary:
        summary = DeliverySummary()
        self._recover(now, summary)
        due = self.conn.execute(
            "SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id",
            (now.isoformat(),)).fetchall()
        for (row_id,) in due:
            self._deliver_one(row_id, now, summary)
        return summary

    def _deliver_one(self, row_id: int, now: datetime, summary: DeliverySummary) -> None:
        with self._tx():
            row = self.conn.execute(
                "SELECT kind, case_id, message_id, sender, recipients, raw, attempts, dedupe_key FROM outbox"
                " WHERE id = ? AND state = 'pending'", (row_id,)).fetchone()
            if row is None:
                return  # another pass took it
            self.conn.execute("UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ?", (row_id,))
        kind, case_id, message_id, sender, recipients, raw, attempts, key = row
        draft = key.endswith(":draft")
        try:
            if draft:
                self._save_draft(raw)
            else:
                self.transport.send(raw, sender=sender, recipients=json.loads(recipients))
        except TransportError as exc:
            self._failed(row_id, kind, case_id, message_id, attempts + 1, exc, now, summary)
            return
        self._sent(row_id, kind, case_id, message_id, draft, now)
        if draft:
            summary.drafts += 1
        else:
            summary.sent += 1

    def _save_draft(self, raw: bytes) -> None:
        try:
            self.transport.save_draft(raw)
        except NotImplementedError:
            pass  # SMTP keeps no drafts: the outbox row is the draft (followup outbox --state draft)

    def _sent(self, row_id: int, kind: str, case_id: int | None, message_id: str, draft: bool, now: datetime) -> None:
        with self._tx():
            self.conn.execute("UPDATE outbox SET state = ?, sent_at = ?, last_error = NULL WHERE id = ?",
                              ("draft" if draft else "sent", now.isoformat(), row_id))
            if case_id is not None and not draft:
                self.conn.execute("UPDATE cases SET last_update_at = ? WHERE id = ?", (now.isoformat(), case_id))
            self.events.append(now.isoformat(), f"{kind}.{'drafted' if draft else 'sent'}",
                               {"message_id": message_id}, case_id=case_id)

    def _failed(self, row_id, kind, case_id, message_id, attempts, exc: TransportError, now, summary) -> None:
        give_up = exc.permanent or attempts >= MAX_ATTEMPTS
        retry_at = now + min(RETRY_FIRST * (2 ** (attempts - 1)), RETRY_MAX)
        with self._tx():
            self.conn.execute(
                "UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
                ("failed" if give_up else "pending", str(exc), None if give_up else retry_at.isoformat(), row_id))
            self.events.append(now.isoformat(), f"{kind}.{'failed' if give_up else 'retrying'}", {
                "message_id": message_id, "error": str(exc), "attempts": attempts}, case_id=case_id)
        if give_up:
            summary.failed += 1
        else:
            summary.retrying += 1

    def _recover(self, now: datetime, summary: DeliverySummary) -> None:
        """Rows a crash left in 'sending': done if the transport finds them, else again."""
        stuck = self.conn.execute(
            "SELECT id, kind, case_id, message_id, dedupe_key FROM outbox WHERE state = 'sending'").fetchall()
        for row_id, kind, case_id, message_id, key in stuck:
            answer = self.transport.was_sent(message_id)
            if answer is True:
                self._sent(row_id, kind, case_id, message_id, key.endswith(":draft"), now)
            else:
                with self._tx():
                    self.conn.execute("UPDATE outbox SET state = 'pending', next_attempt_at = ? WHERE id = ?",
                                      (now.isoformat(), row_id))
                    self.events.append(now.isoformat(), f"{kind}.interrupted", {
                        "message_id": message_id, "found_by_transport": answer}, case_id=case_id)
            summary.recovered += 1

    def _tx(self):
        return transaction(self.conn, archive_path(self.conn), on_rollback=self.events.forget)




def raw_sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()
