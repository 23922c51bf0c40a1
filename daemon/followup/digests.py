"""The daily digest mail per owner: due once a day at the owner's local digest time.

Its outbox slot is the owner's local date, so it goes out at most once a day however
often the pass runs; a day with nothing to report sends nothing.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from zoneinfo import ZoneInfo

from followup.mail.compose import compose, make_message_id
from followup.outbox import Queued


def due_digests(conn: sqlite3.Connection, config, renderer, now: datetime) -> list[Queued]:
    from followup.commands.casework import digest_data

    queued = []
    for person in config.owners.people:
        local = now.astimezone(ZoneInfo(person.timezone))
        day = local.date().isoformat()
        if local.time() < person.digest_time or _already(conn, person.address, day):
            continue
        data = digest_data(config, person.address, now)
        if not any(data[k] for k in ("overdue", "due_soon", "updates_due", "updates_sent", "quiet")):
            continue
        rendered = renderer.render("digest", config.defaults.locale, data)
        sender = config.transport.from_address
        message_id = make_message_id(sender.rpartition("@")[2])
        raw = compose(sender=sender, sender_name="followup", to=[person.address], subject=rendered.subject,
                      text=rendered.text, html=rendered.html, in_reply_to=None, references=(),
                      message_id=message_id, date=now, extra_headers={"X-Followup-Update": "digest"})
        queued.append(Queued(kind="digest", dedupe_key=f"digest:owner={person.address}:{day}", slot=day,
                             message_id=message_id, sender=sender, recipients=(person.address,),
                             subject=rendered.subject, raw=raw, owner=person.address))
    return queued


def _already(conn: sqlite3.Connection, owner: str, day: str) -> bool:
    return conn.execute("SELECT 1 FROM outbox WHERE kind = 'digest' AND owner = ? AND slot = ?",
                        (owner, day)).fetchone() is not None
