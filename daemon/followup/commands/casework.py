"""Cases, promises, the brief and the digest on the command line: gather, then print."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime
from zoneinfo import ZoneInfo

from followup.storage import caseviews
from followup.storage.reading import reading as _reading
from followup.storage.search import case_exists, case_ids, client_has_mail
from followup.storage.reschedules import with_history
from followup import clock
from followup.schedule.due import with_schedule
from followup.errors import FollowupError
from followup.commands.unknown import unknown


def reading(config) -> _reading:
    """`with reading(config) as conn`: the archive, read-only, closed after."""
    return _reading(config.archive.path)


@contextmanager
def writing(config):
    from followup.runtime.app import open_app

    app = open_app(config, mail=False)
    try:
        yield app.book
    finally:
        app.close()


def known_client(config, name: str | None, conn) -> None:
    """A --client filter must name a client of the config or of the archive's cases."""
    if name is None:
        return
    names = {c.name for c in config.clients}
    names |= caseviews.case_clients(conn)
    if name not in names and not client_has_mail(conn, name):
        raise FollowupError(unknown("client", name, names))


# --- listings ---------------------------------------------------------------------------------


def list_cases(config, *, client: str | None, state: str | None) -> list[dict]:
    with reading(config) as conn:
        known_client(config, client, conn)
        found = caseviews.cases(conn, client=client, state=state)
    return [_public(c) for c in with_schedule(config, found, clock.utcnow())]


def _public(case: dict) -> dict:
    return {k: v for k, v in case.items() if k != "thread_id"}


def show_case(config, case_id: int) -> dict:
    now = clock.utcnow()
    with reading(config) as conn:
        case = with_schedule(config, [caseviews.case(conn, case_id)], now)[0]
        case["problem"] = case["problem"] or caseviews.compose_failures(conn).get(case_id)
        return {
            "case": _public(case),
            "promises": with_history(conn, caseviews.promises(conn, case_id=case_id)),
            "notes": caseviews.notes(conn, case_id),
            "timeline": caseviews.timeline(conn, case_id),
        }


def list_promises(config, *, case_id: int | None, client: str | None, overdue: bool, state: str | None) -> list[dict]:
    with reading(config) as conn:
        known_client(config, client, conn)
        if case_id is not None and not case_exists(conn, case_id):
            raise FollowupError(unknown("case", case_id, case_ids(conn)))
        return with_history(conn, caseviews.promises(
            conn, case_id=case_id, client=client, overdue_at=clock.utcnow() if overdue else None,
            states=(state,) if state else ()))


def brief(config, client: str) -> dict:
    """One screen for a colleague who picks up the client's call."""
    now = clock.utcnow()
    with reading(config) as conn:
        cases = with_schedule(config, caseviews.cases(conn, client=client), now)
        if not cases and not client_has_mail(conn, client):
            known_client(config, client, conn)
            raise FollowupError(f"no mail from or to client {client!r} yet (fix: import its mail, or see followup cases)")
        detailed = [_brief_case(conn, case, now) for case in cases if case["state"] != "closed"]
        closed = [_public(c) for c in cases if c["state"] == "closed"]
        last_in = caseviews.last_from_client(conn, client)
    return {"client": client, "generated_at": now.isoformat(), "open": detailed, "closed": closed,
            "last_from_client": dict(zip(("date", "from", "subject"), last_in)) if last_in else None}


def _brief_case(conn, case: dict, now: datetime) -> dict:
    promises = caseviews.promises(conn, case_id=case["id"], states=("open", "proposed", "kept", "broken"))
    for p in promises:
        p["overdue"] = bool(p["state"] == "open" and p["due_at"] and p["due_at"] < now.isoformat())
    notes = caseviews.notes(conn, case["id"])
    return {**_public(case), "promises": promises, "latest_note": notes[-1] if notes else None}


# --- owner commands ---------------------------------------------------------------------------


def change_state(config, case_id: int, verb: str, reason: str | None, actor: str) -> None:
    """`actor`: the owner doing it (followup.commands.app.acting_owner)."""
    with writing(config) as book:
        book.command(lambda: book.set_state(case_id, verb, actor, clock.utcnow().isoformat(), reason, strict=True))


def add_note(config, case_id: int, text: str, actor: str) -> None:
    text = " ".join(text.split())
    if not text:
        raise FollowupError("the note is empty (fix: followup note CASE \"what happened\")")
    with writing(config) as book:
        book.command(book.add_note, case_id, text, actor, clock.utcnow().isoformat())


def decide(config, decision: str, promise_id: int, actor: str) -> None:
    with writing(config) as book:
        book.command(book.decide_promise, promise_id, decision, actor, clock.utcnow().isoformat())


# --- digest -----------------------------------------------------------------------------------


def digest_data(config, owner: str | None, now: datetime | None = None) -> dict:
    from followup.delivery.digest_mail import gather_digest

    with reading(config) as conn:
        return gather_digest(conn, config, owner, now or clock.utcnow())


def local(iso: str | None, tz: str) -> str:
    if not iso:
        return "-"
    return datetime.fromisoformat(iso).astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")
