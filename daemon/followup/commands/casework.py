"""Cases, promises, the brief and the digest on the command line: gather, then print."""

from __future__ import annotations

import getpass
from contextlib import contextmanager
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from followup.archive import caseviews
from followup.archive.db import connect, schema_ok
from followup.cadence import due_after
from followup import clock
from followup.due import cadence_for, next_update
from followup.errors import FollowupError


@contextmanager
def reading(config):
    conn = connect(config.archive.path, readonly=True)
    try:
        schema_ok(conn, config.archive.path)
        yield conn
    finally:
        conn.close()


@contextmanager
def writing(config):
    from followup.archive.casebook import Casebook, locales_from_config, policy_from_config
    from followup.archive.store import Archive

    archive = Archive.open(config.archive.path, now=clock.utcnow())
    try:
        yield Casebook(archive.conn, archive.events, policy_from_config(config), locales_from_config(config))
    finally:
        archive.close()


def actor() -> str:
    """Who ran a command: the local account (it can read the archive, so it is trusted)."""
    return f"cli:{getpass.getuser()}"


def with_schedule(config, cases: list[dict], now: datetime) -> list[dict]:
    """Add next_update_at (and the cadence in force) to open cases."""
    out = []
    for case in cases:
        client = _client(config, case["client"])
        upcoming = next_update(case, client, config.defaults, now)
        resolved = cadence_for(case, client, config.defaults)
        out.append({**case, "next_update_at": upcoming.isoformat() if upcoming else None,
                    "cadence": resolved.cadence.to_text(), "cadence_source": resolved.source})
    return out


def missed_since(config, case: dict, now: datetime) -> datetime | None:
    """When the update that should have gone out was due, if that has passed."""
    if case["state"] != "open":
        return None
    client = _client(config, case["client"])
    last = datetime.fromisoformat(case.get("last_update_at") or case["opened_at"])
    zone = client.timezone if client else config.defaults.timezone
    due = due_after(cadence_for(case, client, config.defaults).cadence, last, timezone=zone)
    return due if due < now else None


def _client(config, name: str | None):
    return next((c for c in config.clients if c.name == name), None)


# --- listings ---------------------------------------------------------------------------------


def list_cases(config, *, client: str | None, state: str | None) -> list[dict]:
    with reading(config) as conn:
        found = caseviews.cases(conn, client=client, state=state)
    return [_public(c) for c in with_schedule(config, found, clock.utcnow())]


def _public(case: dict) -> dict:
    return {k: v for k, v in case.items() if k != "thread_id"}


def show_case(config, case_id: int) -> dict:
    now = clock.utcnow()
    with reading(config) as conn:
        case = with_schedule(config, [caseviews.case(conn, case_id)], now)[0]
        return {
            "case": _public(case),
            "promises": caseviews.promises(conn, case_id=case_id),
            "notes": caseviews.notes(conn, case_id),
            "timeline": caseviews.timeline(conn, case_id),
        }


def list_promises(config, *, case_id: int | None, client: str | None, overdue: bool, state: str | None) -> list[dict]:
    with reading(config) as conn:
        return caseviews.promises(conn, case_id=case_id, client=client, overdue_at=clock.utcnow() if overdue else None,
                                  states=(state,) if state else ())


def brief(config, client: str) -> dict:
    """One screen for a colleague who picks up the client's call."""
    now = clock.utcnow()
    with reading(config) as conn:
        cases = with_schedule(config, caseviews.cases(conn, client=client), now)
        if not cases and not conn.execute("SELECT 1 FROM messages WHERE client = ? LIMIT 1", (client,)).fetchone():
            raise FollowupError(f"no mail from or to a client named {client!r} (fix: see the names in followup cases)")
        detailed = [_brief_case(conn, case, now) for case in cases if case["state"] != "closed"]
        closed = [_public(c) for c in cases if c["state"] == "closed"]
        last_in = conn.execute(
            "SELECT date, from_addr, subject FROM messages WHERE client = ? AND direction = 'in'"
            " ORDER BY date DESC LIMIT 1", (client,)).fetchone()
    return {"client": client, "generated_at": now.isoformat(), "open": detailed, "closed": closed,
            "last_from_client": dict(zip(("date", "from", "subject"), last_in)) if last_in else None}


def _brief_case(conn, case: dict, now: datetime) -> dict:
    promises = caseviews.promises(conn, case_id=case["id"], states=("open", "proposed", "kept", "broken"))
    for p in promises:
        p["overdue"] = bool(p["state"] == "open" and p["due_at"] and p["due_at"] < now.isoformat())
    notes = caseviews.notes(conn, case["id"])
    return {**_public(case), "promises": promises, "latest_note": notes[-1] if notes else None}


# --- owner commands ---------------------------------------------------------------------------


def change_state(config, case_id: int, verb: str, reason: str | None) -> None:
    with writing(config) as book:
        book.command(lambda: book.set_state(case_id, verb, actor(), clock.utcnow().isoformat(), reason, strict=True))


def add_note(config, case_id: int, text: str) -> None:
    text = " ".join(text.split())
    if not text:
        raise FollowupError("the note is empty (fix: followup note CASE \"what happened\")")
    with writing(config) as book:
        book.command(book.add_note, case_id, text, actor(), clock.utcnow().isoformat())


def decide(config, decision: str, promise_id: int) -> None:
    with writing(config) as book:
        book.command(book.decide_promise, promise_id, decision, actor(), clock.utcnow().isoformat())


# --- digest -----------------------------------------------------------------------------------


def digest_data(config, owner: str | None, now: datetime | None = None) -> dict:
    from followup.digest import build_digest

    person = _owner(config, owner)
    now = now or clock.utcnow()
    since = now - timedelta(days=1)
    with reading(config) as conn:
        cases = [c for c in with_schedule(config, caseviews.cases(conn, state="open"), now)
                 if _involves(conn, c, person.address, config)]
        ids = {c["id"] for c in cases}
        promises = [p for p in caseviews.promises(conn, states=("open",)) if p["case"] in ids]
        sent = _replies_since(conn, ids, since)
        failed = [{"client": r[0], "case_id": r[1], "subject": r[2], "next_update_at": datetime.fromisoformat(r[3])}
                  for r in conn.execute(
                      "SELECT c.client, c.id, c.subject, o.created_at FROM outbox o JOIN cases c ON c.id = o.case_id"
                      " WHERE o.state = 'failed' ORDER BY o.created_at").fetchall() if r[1] in ids]
    schedule = {}
    for c in cases:
        if c["next_update_at"]:
            was_due = missed_since(config, c, now)
            schedule[c["id"]] = (was_due or datetime.fromisoformat(c["next_update_at"]), was_due is not None)
    return build_digest(owner={"name": person.name or person.address, "address": person.address}, now=now,
                        timezone=person.timezone, cases=cases, promises=promises, next_updates=schedule,
                        updates_sent=sent, failed_sends=failed)


def _owner(config, address: str | None):
    people = config.owners.people
    if address is None:
        return people[0]
    for person in people:
        if person.address == address.lower():
            return person
    raise FollowupError(f"{address} is not an owner (fix: one of {', '.join(p.address for p in people)})")


def _involves(conn, case: dict, address: str, config) -> bool:
    """An owner's digest covers the cases they opened or made promises in; with one owner, all."""
    if len(config.owners.addresses) == 1 or case["opened_by"] == address:
        return True
    return conn.execute("SELECT 1 FROM promises WHERE case_id = ? AND author = ? LIMIT 1",
                        (case["id"], address)).fetchone() is not None


def _replies_since(conn, case_ids: set[int], since: datetime) -> list[dict]:
    rows = conn.execute(
        "SELECT c.client, c.id, c.subject, m.date FROM messages m JOIN cases c ON c.thread_id = m.thread_id"
        " WHERE m.direction = 'out' AND m.date >= ? ORDER BY m.date", (since.isoformat(),)).fetchall()
    return [{"client": r[0], "case_id": r[1], "subject": r[2], "sent_at": datetime.fromisoformat(r[3])}
            for r in rows if r[1] in case_ids]


def local(iso: str | None, tz: str) -> str:
    if not iso:
        return "-"
    return datetime.fromisoformat(iso).astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")
