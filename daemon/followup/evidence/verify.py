"""`followup verify`: is the evidence intact? Recompute what the archive claims about itself.

Checked, in this order (the first broken link found is the one reported):

1. every raw blob hashes to the SHA-256 it is stored under, and has the stored size;
2. every parsed message and every quarantined one still has its raw bytes;
3. every update in the outbox hashes to its recorded SHA-256;
4. the events chain (archive/events.py), and every message an archiving event names still
   has its raw bytes (a deleted message leaves the chain intact but the evidence gone).

Reads only: run it on a read-only connection; one read transaction gives one consistent
snapshot while the daemon keeps writing (WAL).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field

from followup.storage import integrity as stored
from followup.storage.events import verify_chain
from followup.storage.reading import snapshot

Progress = Callable[[int, int], None]  # (done, total) over raw blobs and events
CHUNK_ROWS = 256


@dataclass(frozen=True)
class BrokenLink:
    """What is broken, and enough about it for a person to find it."""

    concerns: str  # "message", "update", "event"
    reason: str
    sha256: str | None = None
    event_id: int | None = None
    kind: str | None = None
    case_id: int | None = None
    message_id: str | None = None
    found_at: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.concerns == "event":
            case = f" (case {self.case_id})" if self.case_id is not None else ""
            subject = f"event {self.event_id} {self.kind}{case}"
        elif self.concerns == "update":
            subject = f"{self.kind} {self.message_id} (case {self.case_id}, sha256 {self.sha256})"
        else:
            subject = f"message {self.sha256}" + (f" {self.message_id}" if self.message_id else "")
        where = f"; found at {', '.join(self.found_at)}" if self.found_at else ""
        return f"{subject}: {self.reason}{where}"


@dataclass(frozen=True)
class VerifyReport:
    messages: int  # raw blobs rehashed
    updates: int  # outbox rows rehashed
    events: int
    mismatched: int  # raw blobs and outbox rows whose bytes do not match their hash
    first: BrokenLink | None = None
    problems: list[str] = field(default_factory=list)  # "3 raw blobs do not match their sha256", ...

    @property
    def intact(self) -> bool:
        return self.first is None

    def as_dict(self) -> dict:
        out = asdict(self)
        out["intact"] = self.intact
        if self.first is not None:
            out["first"]["found_at"] = list(self.first.found_at)
            out["first"]["description"] = self.first.describe()
        return out


def planned_work(conn: sqlite3.Connection) -> int:
    """How far progress will count: raw blobs plus events (for sizing a progress bar)."""
    return stored.count(conn, "raw") + stored.count(conn, "events")


def verify_archive(conn: sqlite3.Connection, progress: Progress | None = None) -> VerifyReport:
    with snapshot(conn):  # one snapshot for every check
        return _verify(conn, progress or (lambda done, total: None))


def _verify(conn: sqlite3.Connection, progress: Progress) -> VerifyReport:
    blobs = stored.count(conn, "raw")
    events = stored.count(conn, "events")
    total = blobs + events
    broken_blobs = list(_broken_blobs(conn, lambda done: progress(done, total)))
    missing = [_message_link(conn, sha256, f"{what} has no raw bytes in the archive")
               for sha256, what in stored.without_raw(conn)]
    updates = _broken_updates(conn)
    chain = verify_chain(conn)
    progress(total, total)
    orphaned = [BrokenLink("event", f"the message it archived ({o.sha256}) is gone from the archive",
                           event_id=o.event_id, kind=o.kind, case_id=o.case_id, sha256=o.sha256,
                           found_at=_locations(conn, o.sha256))
                for o in stored.orphans(conn)]
    problems = [*broken_blobs, *missing, *updates, *([_event_link(conn, chain)] if chain else []), *orphaned]
    return VerifyReport(
        messages=blobs, updates=stored.count(conn, "outbox"), events=events,
        mismatched=len(broken_blobs) + len(updates),
        first=problems[0] if problems else None,
        problems=_summary(broken_blobs, missing, updates, chain, orphaned),
    )


def _broken_blobs(conn: sqlite3.Connection, advance: Callable[[int], None]) -> Iterator[BrokenLink]:
    """Rehash raw blobs a chunk of rows at a time, so memory stays at one chunk."""
    done = 0
    for chunk in stored.blobs(conn, CHUNK_ROWS):
        for blob in chunk:
            if blob.data is None:
                yield _message_link(conn, blob.sha256, "raw bytes are damaged: the stored blob does not inflate")
                continue
            actual = hashlib.sha256(blob.data).hexdigest()
            if actual != blob.sha256:
                yield _message_link(conn, blob.sha256, f"raw bytes hash to {actual}, not to the stored sha256")
            elif len(blob.data) != blob.size:
                yield _message_link(conn, blob.sha256, f"raw bytes are {len(blob.data)} long, not the stored {blob.size}")
        done += len(chunk)
        advance(done)


def _broken_updates(conn: sqlite3.Connection) -> list[BrokenLink]:
    broken = []
    for copy in stored.sent_copies(conn):
        actual = hashlib.sha256(copy.data).hexdigest()
        if actual != copy.sha256:
            broken.append(BrokenLink("update", f"outbox bytes hash to {actual}, not to the recorded sha256",
                                     sha256=copy.sha256, kind=copy.kind, case_id=copy.case_id,
                                     message_id=copy.message_id))
    return broken


def _event_link(conn: sqlite3.Connection, chain) -> BrokenLink:
    case_id, sha256 = stored.event_refs(conn, chain.event_id)
    return BrokenLink("event", chain.reason, event_id=chain.event_id, kind=chain.kind, case_id=case_id, sha256=sha256)


def _message_link(conn: sqlite3.Connection, sha256: str, reason: str) -> BrokenLink:
    return BrokenLink("message", reason, sha256=sha256, message_id=stored.message_id_of(conn, sha256),
                      found_at=_locations(conn, sha256))


def _locations(conn: sqlite3.Connection, sha256: str) -> tuple[str, ...]:
    return tuple(f"{source}:{location}" for source, location in stored.locations(conn, sha256))


def _summary(blobs: list, missing: list, updates: list, chain, orphaned: list) -> list[str]:
    counts = [(len(blobs), "raw blobs do not match their sha256"), (len(missing), "messages have no raw bytes"),
              (len(updates), "updates in the outbox do not match their sha256"),
              (len(orphaned), "archived messages are gone")]
    lines = [f"{n} {what}" for n, what in counts if n]
    return lines + ([f"the events chain breaks at event {chain.event_id}"] if chain else [])
