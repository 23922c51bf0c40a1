"""Honest timeframes: a promise's new due date, and the history of every date it had.

A reschedule never rewrites the past: the promise keeps its quote and the message it was
made in, its `due_at` moves to the new date, and a row in `promise_reschedules` (plus an
evidence-chain event) records the old date, the new one, who moved it and why. The owner
does it with `followup promise reschedule ID DATE` or `#slipup promise #ID DATE` in the thread.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from followup.storage.events import EventLog
from followup.errors import FollowupError

MOVABLE = ("open", "proposed")  # a kept, broken or withdrawn promise has no future date to move


def reschedule(conn: sqlite3.Connection, events: EventLog, promise_id: int, due_to: datetime, *, by: str, at: str,
               reason: str | None = None, sha256: str | None = None, case_id: int | None = None,
               not_before: str | None = None) -> dict:
    """Move promise `promise_id` to `due_to`, which must lie after `not_before` (default: `at`);
    `case_id` (from a directive) must be the promise's case.
    Raises FollowupError naming the fix when the promise cannot be moved there."""
    row = conn.execute("SELECT case_id, state, due_at FROM promises WHERE id = ?", (promise_id,)).fetchone()
    if row is None or (case_id is not None and row[0] != case_id):
        where = f"in case {case_id}" if case_id is not None else "in the archive"
        raise FollowupError(f"no promise #{promise_id} {where} (fix: the ids are in followup show CASE)")
    if row[1] not in MOVABLE:
        raise FollowupError(f"promise #{promise_id} is {row[1]}; only an open promise gets a new date "
                            f"(fix: record a new promise with '#slipup promise DATE: TEXT')")
    if due_to.isoformat() <= (not_before or at):
        raise FollowupError(f"the new date {due_to.isoformat()} for promise #{promise_id} has already passed "
                            f"(fix: give a date that is still ahead)")
    conn.execute("UPDATE promises SET due_at = ? WHERE id = ?", (due_to.isoformat(), promise_id))
    record = {"promise_id": promise_id, "due_from": row[2], "due_to": due_to.isoformat(), "by": by,
              "reason": reason, "at": at, "sha256": sha256}
    conn.execute("INSERT INTO promise_reschedules (promise_id, due_from, due_to, by, reason, at, sha256)"
                 " VALUES (:promise_id, :due_from, :due_to, :by, :reason, :at, :sha256)", record)
    events.append(at, "promise.rescheduled", {"id": promise_id, "from": row[2], "to": due_to.isoformat(), "by": by,
                                              "reason": reason}, case_id=row[0], sha256=sha256)
    return record


def by_directive(conn: sqlite3.Connection, events: EventLog, case_id: int, directive, by: str, msg, at: str,
                 locale_zone: tuple[str, str]) -> dict:
    """`#slipup promise #ID DATE[: REASON]` in `msg` (parsed) of case `case_id`: the date is read
    against the message's own date in the case's language and zone, and must lie after it."""
    written = msg.date or datetime.fromisoformat(at)
    due = new_due(directive.due_text or "", written, locale_zone[1], locale_zone[0])
    return reschedule(conn, events, directive.promise_id or 0, due, by=by, at=at, reason=directive.text,
                      sha256=msg.sha256, case_id=case_id, not_before=written.isoformat())


def new_due(text: str, relative_to: datetime, timezone: str, locale: str) -> datetime:
    """The new due time written as "2026-12-10", "10 December", "fredag"... in the case's
    language or English, read against `relative_to` in `timezone`."""
    from followup.promises import parse_due

    due = parse_due(text, relative_to=relative_to, timezone=timezone, languages=[locale.split("_")[0], "en"])
    if due is None:
        raise FollowupError(f"cannot read the date {text!r} (fix: write it like 2026-12-10)")
    return due


def history(conn: sqlite3.Connection, promise_ids: list[int]) -> dict[int, list[dict]]:
    """promise id -> its reschedules, oldest first (ids without any are left out)."""
    found: dict[int, list[dict]] = {}
    for start in range(0, len(promise_ids), 500):  # SQLite's bound-parameter limit
        chunk = promise_ids[start:start + 500]
        rows = conn.execute(
            "SELECT promise_id, due_from, due_to, by, reason, at, sha256 FROM promise_reschedules"
            f" WHERE promise_id IN ({','.join('?' * len(chunk))}) ORDER BY id", chunk).fetchall()
        for r in rows:
            found.setdefault(r[0], []).append(
                {"due_from": r[1], "due_to": r[2], "by": r[3], "reason": r[4], "at": r[5], "sha256": r[6]})
    return found


def with_history(conn: sqlite3.Connection, promises: list[dict]) -> list[dict]:
    """The promises (caseviews rows) with `reschedules` (oldest first) and `first_due_at`,
    the date first promised."""
    moved = history(conn, [p["id"] for p in promises])
    out = []
    for p in promises:
        steps = moved.get(p["id"], [])
        out.append({**p, "reschedules": steps, "first_due_at": steps[0]["due_from"] if steps else p["due_at"]})
    return out
