"""The append-only evidence chain: each event's hash covers its content and the previous hash.

Changing, removing or reordering any stored event breaks every hash after it, which
`verify_chain` (and `followup verify`) reports as the first broken link.

An event's hash is link_hash(prev_hash, content_digest(content)): the content enters only
through its digest, so an evidence bundle can ship an event withheld (digest, no content)
and its reader can still recompute every link. The formulas live in evidence/bundlecheck.py,
the stdlib-only checker every bundle carries, so the archive and the bundle cannot disagree.
Events written by followup 0.1 used legacy_hash; they still verify.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from followup.evidence.bundlecheck import GENESIS, content_digest, legacy_hash, link_hash

__all__ = ["GENESIS", "EventLog", "content_digest", "event_hash", "last_data", "verify_chain"]


def event_hash(prev_hash: str, at: str, kind: str, case_id: int | None, sha256: str | None, data: str) -> str:
    return link_hash(prev_hash, content_digest(at, kind, case_id, sha256, data))


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # one, not one per event


class EventLog:
    """Appends events on one connection; the caller owns the transaction."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self._last: str | None = None

    def last_hash(self) -> str:
        if self._last is None:
            row = self._conn.execute("SELECT hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
            self._last = row[0] if row else GENESIS
        return self._last

    def forget(self) -> None:
        """After a rollback the cached last hash may be one that was never committed."""
        self._last = None

    def append(self, at: str, kind: str, data: dict[str, Any], *, case_id: int | None = None,
               sha256: str | None = None) -> str:
        payload = _ENCODER.encode(data)
        prev = self.last_hash()
        digest = event_hash(prev, at, kind, case_id, sha256, payload)
        self._conn.execute(
            "INSERT INTO events (at, kind, case_id, sha256, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (at, kind, case_id, sha256, payload, prev, digest),
        )
        self._last = digest
        return digest


def last_data(conn: sqlite3.Connection, kind: str, case_id: int) -> dict | None:
    """The data of the case's latest event of `kind`; None when it has none."""
    row = conn.execute("SELECT data FROM events WHERE case_id = ? AND kind = ? ORDER BY id DESC LIMIT 1",
                       (case_id, kind)).fetchone()
    return json.loads(row[0]) if row else None


@dataclass(frozen=True)
class BrokenLink:
    event_id: int
    kind: str
    reason: str


def verify_chain(conn: sqlite3.Connection) -> BrokenLink | None:
    prev = GENESIS
    rows = conn.execute("SELECT id, at, kind, case_id, sha256, data, prev_hash, hash FROM events ORDER BY id")
    for event_id, at, kind, case_id, sha256, data, prev_hash, stored in rows:
        if prev_hash != prev:
            return BrokenLink(event_id, kind, "prev_hash does not match the previous event's hash")
        content = (at, kind, case_id, sha256, data)
        if stored not in (event_hash(prev_hash, *content), legacy_hash(prev_hash, *content)):
            return BrokenLink(event_id, kind, "hash does not match the event's content")
        prev = stored
    return None
