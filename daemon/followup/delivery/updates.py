"""Which updates are due now, and each one composed: rendered in the client's language,
threaded into the conversation the client knows, marked as automatic (RFC 3834).

Kinds: `ack` (a case whose client message has no answer from us yet), `update` (the
cadence says so), `close` (a closed case's written summary, once). One due slot per case
at a time: the slot is the due time computed from the last update, so every pass until it
is sent names the same slot, and the outbox's unique key refuses a second mail.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from followup.storage import caseviews, outbox, threads
from followup.storage.reschedules import with_history
from followup.cases.clients import rules_from_config
from followup.delivery.names import case_owner, owner_name
from followup.storage.outbox import Queued
from followup.mail.compose import compose, make_message_id
from followup.schedule.cadence import due_after, first_update_at, next_update_at
from followup.schedule.due import SCHEDULE_ERRORS, cadence_for
from followup.schedule.settings import ClientSettings, case_settings

RATE_WINDOW = timedelta(hours=1)
CLIENT_STATES = ("open", "kept", "broken", "withdrawn")  # proposed and rejected never reach a client


@dataclass(frozen=True)
class Planned:
    kind: str
    case: dict
    slot: datetime


def plan(conn: sqlite3.Connection, config, now: datetime,
         problems: list[tuple[dict, Exception]] | None = None) -> list[Planned]:
    """What is due now. A case whose schedule cannot be computed goes to `problems` with
    its error; the other cases are planned as usual."""
    planned = []
    this_pass: dict[str, int] = {}  # not in the outbox yet, but they count against the limit
    for case in caseviews.cases(conn):
        client = case["client"]
        # one mail per case in flight: a flood of tags or passes cannot queue more
        if outbox.in_flight(conn, case["id"]) or _rate_limited(conn, client, config, now, this_pass.get(client, 0)):
            continue
        try:
            item = _due(conn, case, config, now)
        except SCHEDULE_ERRORS as exc:
            if problems is not None:
                problems.append((case, exc))
            continue
        if item is not None:
            planned.append(item)
            this_pass[client] = this_pass.get(client, 0) + 1
    return planned


def _due(conn: sqlite3.Connection, case: dict, config, now: datetime) -> Planned | None:
    settings = case_settings(config, case)
    zone, window, holidays = settings.timezone, settings.send_window, settings.holidays
    if case["state"] == "closed":
        done = outbox.has_gone(conn, case["id"], "close")
        return None if done or not case["closed_at"] else Planned("close", case, datetime.fromisoformat(case["closed_at"]))
    if case["state"] != "open":
        return None
    if _unanswered(conn, case) and not outbox.has_gone(conn, case["id"], "ack"):
        opened = datetime.fromisoformat(case["opened_at"])
        at = first_update_at(opened_at=opened, now=now, timezone=zone, window=window, holidays=holidays)
        return Planned("ack", case, opened) if at <= now else None
    last = datetime.fromisoformat(case["last_update_at"] or case["opened_at"])
    cadence = cadence_for(case, settings, config.defaults.cadence).cadence
    slot = due_after(cadence, last, timezone=zone, holidays=holidays)
    at = next_update_at(cadence=cadence, last_update_at=last, now=now, timezone=zone, window=window, holidays=holidays)
    return Planned("update", case, slot) if at <= now else None


def next_kind(conn: sqlite3.Connection, case: dict) -> str:
    """The kind of mail the case gets next: its closing summary once closed, an
    acknowledgement while the client waits for our first answer, else an update."""
    if case["state"] == "closed":
        return "close"
    return "ack" if _unanswered(conn, case) and not outbox.has_gone(conn, case["id"], "ack") else "update"


def _unanswered(conn: sqlite3.Connection, case: dict) -> bool:
    """The client's latest message has no reply from our side after it."""
    last_in, last_out = threads.last_dates(conn, case["thread_id"])
    return last_in is not None and (last_out is None or last_out < last_in)


def _rate_limited(conn: sqlite3.Connection, client: str | None, config, now: datetime, planned: int = 0) -> bool:
    if client is None:
        return False
    count = planned + outbox.count_for_client(conn, client, (now - RATE_WINDOW).isoformat())
    return count >= config.delivery.rate_limit_per_client_per_hour


# --- composing ------------------------------------------------------------------------------


def preview(conn: sqlite3.Connection, config, case_id: int, kind: str | None, renderer, now: datetime):
    """Render what the case's next mail would say (or its mail of `kind`), queueing nothing."""
    case = caseviews.case(conn, case_id)
    kind = kind or next_kind(conn, case)
    settings = case_settings(config, case)
    _, greeting_name = _recipients(conn, case, config)
    context = _context(conn, config, Planned(kind, case, now), settings, greeting_name or "", now)
    rendered = renderer.render(kind, settings.locale, context)
    return replace(rendered, subject=_reply_subject(case["subject"]))


def compose_planned(conn: sqlite3.Connection, config, item: Planned, renderer, now: datetime) -> Queued | None:
    """None when there is nobody to write to (no client address in the thread)."""
    case = item.case
    settings = case_settings(config, case)
    recipients, greeting_name = _recipients(conn, case, config)
    if not recipients:
        return None
    context = _context(conn, config, item, settings, greeting_name, now)
    rendered = renderer.render(item.kind, settings.locale, context)
    parent = _parent(conn, case["thread_id"])
    sender = config.transport.from_address
    message_id = make_message_id(sender.rpartition("@")[2])
    raw = compose(
        sender=sender, sender_name=getattr(config.transport, "from_name", None) or context["owner"]["display_name"],
        to=recipients,
        subject=_reply_subject(case["subject"]), text=rendered.text, html=rendered.html,
        in_reply_to=parent[0] if parent else None, references=parent[1] if parent else (),
        message_id=message_id, date=now, extra_headers={"X-Followup-Update": str(case["id"])},
    )
    draft = settings.mode == "draft" or (
        item.kind == "update" and config.delivery.hold_updates_without_news and nothing_new(context["promises"]))
    return Queued(kind=item.kind, dedupe_key=f"{item.kind}:case={case['id']}:{item.slot.isoformat()}",
                  slot=item.slot.isoformat(), message_id=message_id, sender=sender, recipients=tuple(recipients),
                  subject=_reply_subject(case["subject"]), raw=raw, case_id=case["id"], draft=draft)


def _context(conn, config, item: Planned, settings: ClientSettings, greeting_name: str, now: datetime) -> dict:
    case = item.case
    promises = with_history(conn, [p for p in caseviews.promises(conn, case_id=case["id"])
                                   if p["state"] in CLIENT_STATES])
    notes = caseviews.notes(conn, case["id"])
    owner = case_owner(config, case)
    name = owner_name(conn, owner, case["thread_id"])
    return case_context(
        case, {"name": greeting_name, "locale": settings.locale, "timezone": settings.timezone},
        {"name": name or owner.address, "display_name": name, "address": owner.address}, promises,
        notes[-1]["text"] if notes else None,
        _following_update(case, settings, config, now) if item.kind != "close" else None, now)


def case_context(case: dict, client: dict, owner: dict, promises: list[dict], note: str | None,
                 next_update_at: datetime | None, now: datetime) -> dict:
    """What a case's templates see, from rows as the archive gives them (pure: the config
    check renders override templates against a sample case through this same function)."""
    upcoming = [datetime.fromisoformat(p["due_at"]) for p in promises
                if p["state"] == "open" and p["due_at"] and p["due_at"] > now.isoformat()]
    return {
        "case": {"id": case["id"], "subject": case["subject"], "opened_at": datetime.fromisoformat(case["opened_at"])},
        "client": client,
        "owner": owner,
        "promises": [_client_promise(p, now) for p in promises],
        "note": note,
        "next_promise_due": min(upcoming) if upcoming else None,
        "next_update_at": next_update_at,
        "closed_at": datetime.fromisoformat(case["closed_at"]) if case.get("closed_at") else None,
    }


def _client_promise(p: dict, now: datetime) -> dict:
    moved = p["state"] == "open" and bool(p["reschedules"])
    return {"quote": " ".join(p["quote"].split()), "state": _client_state(p, now), "author": p["author"],
            "made_at": datetime.fromisoformat(p["made_at"]), "due_at": _at(p["due_at"]),
            "first_due_at": _at(p["first_due_at"]) if moved else None,
            "reason": p["reschedules"][-1]["reason"] if moved else None}


def _at(iso: str | None) -> datetime | None:
    return datetime.fromisoformat(iso) if iso else None


def _client_state(promise: dict, now: datetime) -> str:
    """What the client reads: an open promise past its due time is "late" (we say so); one
    we gave a new date that is still ahead is "rescheduled" (late, with the new date)."""
    if promise["state"] != "open" or not promise["due_at"]:
        return promise["state"]
    if promise["due_at"] < now.isoformat():
        return "late"
    return "rescheduled" if promise["reschedules"] else "open"


def nothing_new(promises: list[dict]) -> bool:
    """Every dated promise still to do is late with no new date: an update would only repeat
    that, so it waits as a draft for an owner to reschedule or settle them."""
    dated = [p for p in promises if p["state"] in ("open", "late", "rescheduled") and p["due_at"]]
    return bool(dated) and all(p["state"] == "late" for p in dated)


def _following_update(case: dict, settings: ClientSettings, config, now: datetime) -> datetime:
    """When the update after this one will come, if nothing else happens."""
    return next_update_at(
        cadence=cadence_for(case, settings, config.defaults.cadence).cadence, last_update_at=now, now=now,
        timezone=settings.timezone, window=settings.send_window, holidays=settings.holidays)


def _recipients(conn: sqlite3.Connection, case: dict, config) -> tuple[list[str], str]:
    """Whoever last wrote to us from the client's side (plus their Cc on the client's side);
    else whom we last wrote to. Only addresses of the case's client: a forged or garbled
    header in the thread can never make followup write to someone else.
    Returns the addresses and a name to greet."""
    rules = rules_from_config(config)
    belongs = (lambda addr: rules.client_of(addr) == case["client"]) if case["client"] else (
        lambda addr: not rules.ours(addr))
    last_in = threads.last_from_client(conn, case["thread_id"])
    if last_in and _valid(last_in.from_addr) and belongs(last_in.from_addr):
        cc = [a["addr"] for a in last_in.cc if _valid(a["addr"]) and belongs(a["addr"])]
        return _unique([last_in.from_addr, *cc]), _first_name(last_in.from_name) or last_in.from_addr
    last_out = threads.last_to_client(conn, case["thread_id"])
    if last_out:
        to = [a for a in last_out.to if _valid(a["addr"]) and belongs(a["addr"])]
        return _unique([a["addr"] for a in to]), (_first_name(to[0]["name"]) or to[0]["addr"]) if to else ""
    return [], ""


def _valid(addr: str) -> bool:
    """A plain mailbox address: local@domain, no spaces, controls or quoting tricks."""
    local, at, domain = addr.rpartition("@")
    if not (at and local and "." in domain):
        return False
    if any(c.isspace() or ord(c) < 32 or c in '<>()[]\\,;:"' for c in local):
        return False
    return all(c.isalnum() or c in ".-" for c in domain)


def _parent(conn: sqlite3.Connection, thread_id: int) -> tuple[str, tuple[str, ...]] | None:
    """The latest message of the thread a person wrote to the other side (never an auto-reply,
    a bounce, a list copy or another robot's mail, nor an owner's note to herself, which the
    client never saw): our update replies to it. Only when there is none, the latest of any kind."""
    parent = threads.reply_parent(conn, thread_id)
    if parent is None:
        return None
    references = [*parent.references, parent.message_id][-20:]  # keep headers short; the newest ids matter
    return parent.message_id, tuple(references)


def _reply_subject(subject: str) -> str:
    """"Re: " + the case's subject, so every mail client files it in the same conversation."""
    return f"Re: {subject}"


def _first_name(display: str | None) -> str:
    return display.split()[0].strip('",') if display and display.strip() else ""


def _unique(addresses: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for a in addresses:
        seen.setdefault(a.lower(), a)
    return list(seen.values())
