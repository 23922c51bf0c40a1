"""`followup promise reschedule ID DATE`: an honest new date for a promise, by a named owner."""

from __future__ import annotations

import os

from followup import clock
from followup.archive.reschedules import new_due, reschedule
from followup.commands.casework import writing
from followup.errors import FollowupError


def acting_owner(config, given: str | None) -> str:
    """Who does it: `--as ADDRESS`, else $FOLLOWUP_OWNER, else the only owner."""
    owners = [a.lower() for a in config.owners.addresses]
    chosen = given or os.environ.get("FOLLOWUP_OWNER")
    if chosen is None:
        if len(owners) == 1:
            return owners[0]
        raise FollowupError(f"{len(owners)} owners are configured; say which one you are "
                            f"(fix: --as ADDRESS or FOLLOWUP_OWNER=ADDRESS, one of {', '.join(owners)})")
    if chosen.strip().lower() not in owners:
        raise FollowupError(f"{chosen} is not an owner (fix: --as one of {', '.join(owners)})")
    return chosen.strip().lower()


def reschedule_promise(config, promise_id: int, date_text: str, reason: str | None, as_owner: str | None) -> dict:
    """Record the new due date; returns the reschedule record (due_from, due_to, by, reason)."""
    by = acting_owner(config, as_owner)
    now = clock.utcnow()
    with writing(config) as book:
        row = book.conn.execute("SELECT c.client FROM promises p JOIN cases c ON c.id = p.case_id WHERE p.id = ?",
                                (promise_id,)).fetchone()
        if row is None:
            raise FollowupError(f"no promise #{promise_id} (fix: the ids are in followup promises)")
        locale, zone = book.locales.of_client(row[0])
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
