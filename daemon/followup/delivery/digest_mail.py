"""The daily digest mail per owner: due once a day at the owner's local digest time.

Its outbox slot is the owner's local date, so it goes out at most once a day however
often the pass runs; a day with nothing to report sends nothing.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from followup.storage import caseviews, outbox, promises, threads
from followup.storage.reschedules import with_history
from followup.delivery.digest_data import build_digest
from followup.delivery.names import owner_name
from followup.storage.outbox import Queued
from followup.schedule.due import missed_slots, with_schedule
from followup.errors import FollowupError
from followup.mail.compose import compose, make_message_id

log = logging.getLogger("followup.delivery.digest_mail")


def due_digests(conn: sqlite3.Connection, config, renderer, now: datetime) -> list[Queued]:
    """Each owner's digest that is due; one owner's failure (a digest template that cannot
    render) is logged and the other owners still get theirs."""
    queued = []
    for person in config.owners.people:
        try:
            digest = _digest_for(conn, config, renderer, person, now)
        except (FollowupError, ValueError, LookupError) as exc:
            log.error("digest for %s cannot be composed: %s", person.address, exc)
            continue
        if digest is not None:
            queued.append(digest)
    return queued


def _digest_for(conn: sqlite3.Connection, config, renderer, person, now: datetime) -> Queued | None:
    local = now.astimezone(ZoneInfo(person.timezone))
    day = local.date().isoformat()
    if local.time() < person.digest_time or outbox.has_digest(conn, person.address, day):
        return None
    data = gather_digest(conn, config, person.address, now)
    if not any(data[k] for k in ("overdue", "due_soon", "updates_due", "updates_sent", "quiet", "problems")):
        return None
    rendered = renderer.render("digest", config.defaults.locale, data)
    sender = config.transport.from_address
    message_id = make_message_id(sender.rpartition("@")[2])
    raw = compose(sender=sender, sender_name="followup", to=[person.address], subject=rendered.subject,
                  text=rendered.text, html=rendered.html, in_reply_to=None, references=(),
                  message_id=message_id, date=now, extra_headers={"X-Followup-Update": "digest"})
    return Queued(kind="digest", dedupe_key=f"digest:owner={person.address}:{day}", slot=day,
                  message_id=message_id, sender=sender, recipients=(person.address,),
                  subject=rendered.subject, raw=raw, owner=person.address)


def gather_digest(conn: sqlite3.Connection, config, owner: str | None, now: datetime) -> dict:
    """The digest's data for one owner (default: the first), read on `conn`."""
    person = _owner(config, owner)
    cases = [c for c in with_schedule(config, caseviews.cases(conn, state="open"), now)
             if _involves(conn, c, person.address, config)]
    ids = {c["id"] for c in cases}
    promises = with_history(conn, [p for p in caseviews.promises(conn, states=("open",)) if p["case"] in ids])
    schedule = {}
    failures = caseviews.compose_failures(conn)
    problems = [{"client": c["client"], "case_id": c["id"], "subject": c["subject"],
                 "reason": c["problem"] or failures[c["id"]]} for c in cases if c["problem"] or c["id"] in failures]
    for c in cases:
        if c["next_update_at"]:
            dated = [p for p in promises if p["case"] == c["id"] and p["due_at"]]
            held = config.delivery.hold_updates_without_news and bool(dated) and all(
                p["due_at"] < now.isoformat() for p in dated)  # as updates.nothing_new decides
            schedule[c["id"]] = {"next_update_at": datetime.fromisoformat(c["next_update_at"]),
                                 "missed": missed_slots(config, c, now), "held": held}
    data = build_digest(owner={"name": owner_name(conn, person) or person.address, "address": person.address},
                        now=now, timezone=person.timezone, cases=cases, promises=promises, next_updates=schedule,
                        updates_sent=_replies_since(conn, ids, now - timedelta(days=1)),
                        failed_sends=_failed_sends(conn, ids), problems=problems)
    return {**data, "tag": config.tagging.tag}


def _owner(config, address: str | None):
    people = config.owners.people
    if address is None:
        return people[0]
    for person in people:
        if person.address == address.lower():
            return person
    raise FollowupError(f"{address} is not an owner (fix: one of {', '.join(p.address for p in people)})")


def _involves(conn: sqlite3.Connection, case: dict, address: str, config) -> bool:
    """An owner's digest covers the cases they opened or made promises in; with one owner, all."""
    if len(config.owners.addresses) == 1 or case["opened_by"] == address:
        return True
    return promises.made_by(conn, case["id"], address)


def _replies_since(conn: sqlite3.Connection, case_ids: set[int], since: datetime) -> list[dict]:
    return [{"client": client, "case_id": case_id, "subject": subject, "sent_at": datetime.fromisoformat(date)}
            for client, case_id, subject, date in threads.outgoing_since(conn, since.isoformat()) if case_id in case_ids]


def _failed_sends(conn: sqlite3.Connection, case_ids: set[int]) -> list[dict]:
    return [{"client": f.client, "case_id": f.case_id, "subject": f.subject,
             "next_update_at": datetime.fromisoformat(f.created_at)}
            for f in outbox.failed_sends(conn) if f.case_id in case_ids]
