"""`followup outbox` and `followup status`: what went out, what is stuck, whether all is well."""

from __future__ import annotations

from datetime import datetime, timedelta

from followup import clock
from followup.storage import caseviews, outbox_admin, quarantine
from followup.storage.sync import sync_states
from followup.commands.casework import reading
from followup.commands.refusals import recent_count
from followup.schedule.due import with_schedule
from followup.errors import FollowupError

STALE_SOURCE = timedelta(minutes=30)  # a source not synced for this long is unhealthy


def outbox_rows(config, *, state: str | None) -> list[dict]:
    with reading(config) as conn:
        return outbox_admin.listing(conn, state=state)


def retry(config, outbox_id: int, actor: str) -> None:
    """A mail that failed for good (a refused login, a rejected address): once the cause is
    fixed, the owner puts it back in line."""
    from followup.commands.casework import writing

    now = clock.utcnow().isoformat()
    with writing(config) as book:
        def apply() -> None:
            from followup.storage import outbox

            found = outbox.entry(book.conn, outbox_id)
            if found is None:
                raise FollowupError(f"no outbox entry {outbox_id} (fix: list them with followup outbox)")
            if found.state != "failed":
                raise FollowupError(f"outbox entry {outbox_id} is {found.state}, not failed "
                                    f"(fix: only failed mails are retried)")
            outbox.requeue(book.conn, outbox_id, now)
            book.events.append(now, f"{found.kind}.retry", {"id": outbox_id, "by": actor}, case_id=found.case_id)
        book.command(apply)


def status(config) -> dict:
    """Health for people and monitoring: `healthy` is False when something needs a human."""
    now = clock.utcnow()
    with reading(config) as conn:
        sources = _sources(conn, config, now)
        open_cases = with_schedule(config, [dict(r) for r in _open_cases(conn)], now)
        outbox = outbox_admin.counts(conn)
        failures = caseviews.compose_failures(conn)
        quarantined = quarantine.count(conn)
        refused = recent_count(conn, now)
    due_24h = [c for c in open_cases if c["next_update_at"] and c["next_update_at"] <= (now + timedelta(days=1)).isoformat()]
    problems = [f"source {s['name']}: {s['state']}" + (f" ({s['last_error']})" if s["last_error"] else "")
                for s in sources if s["state"] != "ok"]
    problems += [f"case {c['id']} ({c['client'] or 'no client'}): {c['problem'] or failures[c['id']]}"
                 for c in open_cases if c["problem"] or c["id"] in failures]
    problems += [f"{outbox[k]} {k} mail(s) in the outbox: see followup outbox --state {k}"
                 for k in ("failed",) if outbox.get(k)]
    return {
        "healthy": not problems, "problems": problems, "checked_at": now.isoformat(), "sources": sources,
        "cases_open": len(open_cases), "updates_due_24h": len(due_24h),
        "outbox": {k: outbox.get(k, 0) for k in ("pending", "sending", "sent", "draft", "failed")},
        "quarantined": quarantined, "refusals_7d": refused,
    }


def _open_cases(conn):
    from followup.storage import caseviews

    return caseviews.cases(conn, state="open")


def _sources(conn, config, now: datetime) -> list[dict]:
    synced = {s.source: (None if s.checkpoint == "null" else s.updated_at, s.last_error, s.last_error_at)
              for s in sync_states(conn)}
    out = []
    for sc in config.sources:
        updated, error, error_at = synced.get(sc.name, (None, None, None))
        if error and (not updated or (error_at or "") >= updated):
            state = "failing"
        elif updated is None:
            state = "never synced"
        elif updated < (now - STALE_SOURCE).isoformat():
            state = "stale"
        else:
            state = "ok"
        out.append({"name": sc.name, "type": sc.type, "state": state, "last_sync": updated,
                    "last_error": error if state == "failing" else None, "last_error_at": error_at})
    return out
