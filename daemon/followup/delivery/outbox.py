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

import sqlite3
from collections import Counter
from datetime import datetime, timedelta

from followup.storage import cases, outbox as rows
from followup.storage.db import transaction
from followup.storage.events import EventLog
from followup.storage.outbox import Claimed, Queued, raw_sha256
from followup.errors import TransportError
from followup.transports.base import Transport

__all__ = ["Outbox", "Queued", "raw_sha256"]

RETRY_FIRST = timedelta(minutes=1)
RETRY_MAX = timedelta(hours=2)
MAX_ATTEMPTS = 12


class Outbox:
    def __init__(self, conn: sqlite3.Connection, events: EventLog, transport: Transport):
        self.conn, self.events, self.transport = conn, events, transport

    def enqueue(self, item: Queued, now: datetime) -> bool:
        """Commit the mail as pending; False when its slot already has a mail."""
        with self._tx():
            added = rows.add(self.conn, item, now.isoformat())
            if added:
                self.events.append(now.isoformat(), f"{item.kind}.queued", {
                    "message_id": item.message_id, "to": list(item.recipients), "slot": item.slot,
                    "draft": item.draft}, case_id=item.case_id)
        return added

    def deliver(self, now: datetime) -> Counter:
        """Send what is due; returns how many mails ended how (sent, drafts, retrying...)."""
        summary: Counter = Counter()
        self._recover(now, summary)
        for row_id in rows.due(self.conn, now.isoformat()):
            self._deliver_one(row_id, now, summary)
        return summary

    def _deliver_one(self, row_id: int, now: datetime, summary: Counter) -> None:
        with self._tx():
            mail = rows.claim(self.conn, row_id)
        if mail is None:
            return  # another pass took it
        try:
            if mail.draft:
                self._save_draft(mail.raw)
            else:
                self.transport.send(mail.raw, sender=mail.sender, recipients=mail.recipients)
        except TransportError as exc:
            self._failed(mail, exc, now, summary)
            return
        self._sent(mail.id, mail.kind, mail.case_id, mail.message_id, mail.draft, now)
        summary["drafts" if mail.draft else "sent"] += 1

    def _save_draft(self, raw: bytes) -> None:
        try:
            self.transport.save_draft(raw)
        except NotImplementedError:
            pass  # SMTP keeps no drafts: the outbox row is the draft (followup outbox --state draft)

    def _sent(self, row_id: int, kind: str, case_id: int | None, message_id: str, draft: bool, now: datetime) -> None:
        with self._tx():
            rows.mark_done(self.conn, row_id, draft=draft, at=now.isoformat())
            if case_id is not None and not draft:
                cases.mark_updated(self.conn, case_id, now.isoformat())
            self.events.append(now.isoformat(), f"{kind}.{'drafted' if draft else 'sent'}",
                               {"message_id": message_id}, case_id=case_id)

    def _failed(self, mail: Claimed, exc: TransportError, now: datetime, summary: Counter) -> None:
        give_up = exc.permanent or mail.attempts >= MAX_ATTEMPTS
        retry_at = now + min(RETRY_FIRST * (2 ** (mail.attempts - 1)), RETRY_MAX)
        with self._tx():
            rows.mark_failed(self.conn, mail.id, str(exc), None if give_up else retry_at.isoformat())
            self.events.append(now.isoformat(), f"{mail.kind}.{'failed' if give_up else 'retrying'}", {
                "message_id": mail.message_id, "error": str(exc), "attempts": mail.attempts}, case_id=mail.case_id)
        summary["failed" if give_up else "retrying"] += 1

    def _recover(self, now: datetime, summary: Counter) -> None:
        """Rows a crash left in 'sending': done if the transport finds them, else again."""
        for row in rows.stuck(self.conn):
            answer = self.transport.was_sent(row.message_id)
            if answer is True:
                self._sent(row.id, row.kind, row.case_id, row.message_id, row.draft, now)
            else:
                with self._tx():
                    rows.release(self.conn, row.id, now.isoformat())
                    self.events.append(now.isoformat(), f"{row.kind}.interrupted", {
                        "message_id": row.message_id, "found_by_transport": answer}, case_id=row.case_id)
            summary["recovered"] += 1

    def _tx(self):
        return transaction(self.conn, on_rollback=self.events.forget)
