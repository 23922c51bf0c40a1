"""Who may read what in an evidence bundle, and the chain segment that proves it.

Two audiences. `internal` (the owners, their lawyer) sees everything about the target.
`client` (the default: a bundle is easily forwarded) sees what the client could already know
or is owed: the messages exchanged with the client, the promises our side made and their
fate, the updates sent, and the case being opened and closed. Withheld from a client bundle:
owner-only mail (the `#slipup` tag mail, notes and directives sent to ourselves: direction
"internal"), notes, refused directives, cadence and pause steering, delivery housekeeping
(queued, retried, failed, and updates that never went out), promises never confirmed
(proposed, rejected), and digests.

The chain segment: every event from the first disclosed one to the archive's head, in order.
Events the audience may not read go in withheld (id, prev_hash, digest, hash; see
bundlecheck.py), so the reader recomputes every link from the anchor (the first event's
prev_hash) to the head without seeing other clients' or internal events.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from followup.storage import exports
from followup.evidence.bundlecheck import content_digest, link_hash

AUDIENCES = ("client", "internal")
DEFAULT_AUDIENCE = "client"  # the safer one: what a forwarded bundle may show
# Events a client bundle shows, when they concern the target (see client_sees_event).
_CLIENT_CASE_EVENTS = frozenset({"case.opened", "case.closed", "ack.sent", "update.sent", "close.sent"})
_CLIENT_PROMISE_EVENTS = frozenset({"promise.recorded", "promise.kept", "promise.broken", "promise.withdrawn"})
_UNCONFIRMED_PROMISES = frozenset({"proposed", "rejected"})


def client_sees_message(message: dict) -> bool:
    return message["direction"] != "internal"


def client_sees_promise(promise: dict) -> bool:
    return promise["state"] not in _UNCONFIRMED_PROMISES


def client_sees_update(update: dict) -> bool:
    """Only what reached the client: not drafts, failures or mail still waiting."""
    return update["state"] == "sent"


def client_sees_event(event: dict, messages: set[str], promise_ids: set[int]) -> bool:
    """`messages`: sha256 of the messages the client bundle carries; `promise_ids` likewise."""
    kind = event["kind"]
    if kind == "message.archived":
        return event["sha256"] in messages
    if kind in _CLIENT_PROMISE_EVENTS:
        return json.loads(event["data"]).get("id") in promise_ids
    return kind in _CLIENT_CASE_EVENTS


def for_audience(audience: str, messages: list[dict], promises: list[dict]) -> tuple[list[dict], list[dict]]:
    """The messages and promises an audience may read."""
    if audience == "internal":
        return messages, promises
    return [m for m in messages if client_sees_message(m)], [p for p in promises if client_sees_promise(p)]


def disclosed_event_ids(conn: sqlite3.Connection, audience: str, case_ids: tuple[int, ...],
                        messages: list[dict], promises: list[dict], scope: exports.Scope) -> set[int]:
    """Ids of the events about the target that the audience reads in full."""
    rows = exports.events_about(conn, case_ids, scope)
    if audience == "internal":
        return {r["id"] for r in rows}
    shas, ids = {m["sha256"] for m in messages}, {p["id"] for p in promises}
    return {r["id"] for r in rows if client_sees_event(r, shas, ids)}


def chain_segment(conn: sqlite3.Connection, disclosed: Iterable[int]) -> tuple[list[dict], dict]:
    """The events from the first disclosed one to the head, the others withheld; and its ends."""
    disclosed = set(disclosed)
    head = exports.chain_head(conn)
    if not disclosed:
        anchor = head[1] if head else "0" * 64
        return [], {"anchor": anchor, "head": anchor, "first_id": None, "last_id": None, "events": 0,
                    "disclosed": 0, "withheld": 0}
    rows = []
    for e in exports.chain_from(conn, min(disclosed)):
        if e.id in disclosed:
            rows.append(e._asdict())
        else:
            rows.append(_withheld(e.id, content_digest(e.at, e.kind, e.case_id, e.sha256, e.data), e.prev_hash, e.hash))
    ends = {"anchor": rows[0]["prev_hash"], "head": rows[-1]["hash"], "first_id": rows[0]["id"],
            "last_id": rows[-1]["id"], "events": len(rows), "disclosed": len(disclosed), "withheld": len(rows) - len(disclosed)}
    return rows, ends


def _withheld(event_id: int, digest: str, prev_hash: str, stored: str) -> dict:
    row = {"id": event_id, "withheld": True, "digest": digest, "prev_hash": prev_hash, "hash": stored}
    if link_hash(prev_hash, digest) != stored:
        # written by followup 0.1, whose hash takes the content itself: the link is shown, and
        # counted as not recomputable, rather than disclosing what the audience may not read
        row["legacy"] = True
    return row
