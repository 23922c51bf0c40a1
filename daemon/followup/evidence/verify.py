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

from followup.storage.events import verify_chain

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
    return _count(conn, "raw") + _count(conn, "events")


def verify_archive(conn: sqlite3.Connection, progress: Progress | None = None) -> VerifyReport:
    conn.execute("BEGIN")  # one snapshot for every check
    try:
        return _verify(conn, progress or (lambda done, total: None))
    finally:
        conn.execute("ROLLBACK")


def _verify(conn: sqlite3.Connection, progress: Progress) -> VerifyReport:
    blobs = _count(conn, "raw")
    events = _count(conn, "events")
    total = blobs + events
    broken_blobs = list(_broken_blobs(conn, lambda done: progress(done, total)))
    missing = _missing_raw(conn)
    updates = _broken_updates(conn)
    chain = verify_chain(conn)
    progress(total, total)
    orphaned = _events_without_raw(conn)
    problems = [*broken_blobs, *missing, *updates, *([_event_link(conn, chain)] if chain else []), *orphaned]
    return VerifyReport(
        messages=blobs, updates=_count(conn, "outbox"), events=events,
        mismatched=len(broken_blobs) + len(updates),
        first=problems[0] if problems else None,
        problems=_summary(broken_blobs, missing, updates, chain, orphaned),
    )


def _count(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _broken_blobs(conn: sqlite3.Connection, advance: Callable[[int], None]) -> Iterator[BrokenLink]:
    """Rehash raw blobs a chunk of rows at a time, so memory stays at one chunk."""
    cursor = conn.execute("SELECT sha256, size, bytes FROM raw ORDER BY id")
    done = 0
    while rows := cursor.fetchmany(CHUNK_ROWS):
        for sha256, size, data in rows:
            actual = hashlib.sha256(data).hexdigest()
            if actual != sha256:
                yield _message_link(conn, sha256, f"raw bytes hash to {actual}, not to the stored sha256")
            elif len(data) != size:
                yield _message_link(conn, sha256, f"raw bytes are {len(data)} long, not the stored {size}")
        done += len(rows)
        advance(done)


def _missing_raw(conn: sqlite3.Connection) -> list[BrokenLink]:
    rows = conn.execute(
        "SELECT sha256, 'message' FROM messages WHERE sha256 NOT IN (SELECT sha256 FROM raw)"
        " UNION ALL SELECT sha256, 'quarantined message' FROM quarantine WHERE sha256 NOT IN (SELECT sha256 FROM raw)"
    ).fetchall()
    return [_message_link(conn, sha256, f"{what} has no raw bytes in the archive") for sha256, what in rows]


def _broken_updates(conn: sqlite3.Connection) -> list[BrokenLink]:
    broken = []
    for kind, case_id, message_id, sha256, data in conn.execute(
            "SELECT kind, case_id, message_id, sha256, raw FROM outbox ORDER BY id"):
        actual = hashlib.sha256(data).hexdigest()
        if actual != sha256:
            broken.append(BrokenLink("update", f"outbox bytes hash to {actual}, not to the recorded sha256",
                                     sha256=sha256, kind=kind, case_id=case_id, message_id=message_id))
    return broken


def _events_without_raw(conn: sqlite3.Connection) -> list[BrokenLink]:
    rows = conn.execute(
        "SELECT id, kind, case_id, sha256 FROM events WHERE kind IN ('message.archived', 'message.quarantined')"
        " AND sha256 NOT IN (SELECT sha256 FROM raw) ORDER BY id").fetchall()
    return [BrokenLink("event", f"the message it archived ({sha256}) is gone from the archive",
                       event_id=event_id, kind=kind, case_id=case_id, sha256=sha256,
                       found_at=_locations(conn, sha256))
            for event_id, kind, case_id, sha256 in rows]


def _event_link(conn: sqlite3.Connection, chain) -> BrokenLink:
    row = conn.execute("SELECT case_id, sha256 FROM events WHERE id = ?", (chain.event_id,)).fetchone()
    case_id, sha256 = row if row else (None, None)
    return BrokenLink("event", chain.reason, event_id=chain.event_id, kind=chain.kind, case_id=case_id, sha256=sha256)


def _message_link(conn: sqlite3.Connection, sha256: str, reason: str) -> BrokenLink:
    row = conn.execute("SELECT message_id FROM messages WHERE sha256 = ?", (sha256,)).fetchone()
    return BrokenLink("message", reason, sha256=sha256, message_id=row[0] if row else None,
                      found_at=_locations(conn, sha256))


def _locations(conn: sqlite3.Connection, sha256: str) -> tuple[str, ...]:
    rows = conn.execute("SELECT source, location FROM locations WHERE sha256 = ? ORDER BY first_seen, location",
                        (sha256,)).fetchall()
    return tuple(f"{source}:{location}" for source, location in rows)


def _summary(blobs: list, missing: list, updates: list, chain, orphaned: list) -> list[str]:
    counts = [(len(blobs), "raw blobs do not match their sha256"), (len(missing), "messages have no raw bytes"),
              (len(updates), "updates in the outbox do not match their sha256"),
              (len(orphaned), "archived messages are gone")]
    lines = [f"{n} {what}" for n, what in counts if n]
    return lines + ([f"the events chain breaks at event {chain.event_id}"] if chain else [])
