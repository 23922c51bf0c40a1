"""`followup promise reschedule ID DATE`: an honest new date for a promise, by a named owner."""

from __future__ import annotations

from followup import clock
from followup.storage import cases, promises
from followup.storage.reschedules import new_due, reschedule
from followup.commands.casework import writing
from followup.errors import FollowupError


def reschedule_promise(config, promise_id: int, date_text: str, reason: str | None, by: str) -> dict:
    """Record the new due date for owner `by` (followup.commands.app.acting_owner chose them);
    returns the reschedule record (due_from, due_to, by, reason)."""
    now = clock.utcnow()
    with writing(config) as book:
        found = promises.find(book.conn, promise_id)
        if found is None:
            raise FollowupError(f"no promise #{promise_id} (fix: the ids are in followup promises)")
        locale, zone = book.locales.of_client(cases.client(book.conn, found.case_id))
        due = new_due(date_text, now, zone, locale)
        done: list[dict] = []
        book.command(lambda: done.append(reschedule(book.conn, book.events, promise_id, due, by=by,
                                                    at=now.isoformat(), reason=" ".join((reason or "").split()) or None)))
    return done[0]


def describe(record: dict, tz: str) -> str:
    """One sentence on what changed."""
    from followup.commands.casework import local

    was = f"from {local(record['due_from'], tz)} " if record["due_from"] else ""
    why = f" ({record['reason']})" if record["reason"] else ""
    return f"Promise {record['promise_id']} moved {was}to {local(record['due_to'], tz)} by {record['by']}{why}."
