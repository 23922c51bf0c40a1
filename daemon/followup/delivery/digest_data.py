"""The owner's digest as data: what is overdue, what is due soon, which updates are due or
missed, what went out, and which cases have gone quiet. Pure: lists in, one dict out, in the
shape templates/<locale>/digest.*.j2 expect.
"""

from __future__ import annotations

from datetime import datetime, timedelta

SOON = timedelta(days=7)
QUIET = timedelta(days=7)


def build_digest(
    *,
    owner: dict,
    now: datetime,
    timezone: str,
    cases: list[dict],
    promises: list[dict],
    next_updates: dict[int, dict],
    updates_sent: list[dict],
    failed_sends: list[dict] = (),
    problems: list[dict] = (),
) -> dict:
    """cases/promises: rows from archive.caseviews (open cases, their open promises);
    next_updates: case id → {next_update_at (the send time `show` gives), missed (send times of
    every update that should have gone out, oldest first), held (the next one waits as a draft)};
    updates_sent: {client, case_id, subject, sent_at}; failed_sends: mails the transport refused
    for good ({client, case_id, subject, next_update_at}), shown as missed updates; problems:
    cases followup cannot serve ({client, case_id, subject, reason})."""
    by_case = {c["id"]: c for c in cases}
    return {
        "owner": owner,
        "generated_at": now,
        "timezone": timezone,
        "overdue": _overdue(promises, now),
        "due_soon": [_promise(p) for p in promises if p["due_at"] and now <= _at(p["due_at"]) < now + SOON],
        "updates_due": _updates_due(by_case, next_updates, now) + [
            {**f, "missed": True, "missed_count": 1, "missed_at": f["next_update_at"], "held": False}
            for f in failed_sends],
        "updates_sent": sorted(updates_sent, key=lambda u: u["sent_at"]),
        "quiet": _quiet(cases, now),
        "problems": list(problems),
    }


def _overdue(promises: list[dict], now: datetime) -> list[dict]:
    late = [p for p in promises if p["state"] == "open" and p["due_at"] and _at(p["due_at"]) < now]
    late.sort(key=lambda p: p["due_at"])
    return [{**_promise(p), "days_overdue": (now - _at(p["due_at"])).days, "sha256": p["sha256"],
             "first_due_at": _at(p["first_due_at"]) if p.get("reschedules") else None} for p in late]


def _promise(p: dict) -> dict:
    return {"client": p["client"], "case_id": p["case"], "subject": p["subject"], "quote": " ".join(p["quote"].split()),
            "due_at": _at(p["due_at"]) if p["due_at"] else None, "author": p["author"], "id": p["id"]}


def _updates_due(cases: dict[int, dict], next_updates: dict[int, dict], now: datetime) -> list[dict]:
    """Updates due within a day, and every case with missed ones (each missed slot counted)."""
    due = []
    for case_id, n in sorted(next_updates.items(), key=lambda kv: kv[1]["next_update_at"]):
        missed = n["missed"]
        if missed or n["next_update_at"] <= now + timedelta(days=1):
            c = cases[case_id]
            due.append({"client": c["client"], "case_id": case_id, "subject": c["subject"],
                        "next_update_at": n["next_update_at"], "missed": bool(missed), "missed_count": len(missed),
                        "missed_at": missed[0] if missed else None, "held": n["held"]})
    return due


def _quiet(cases: list[dict], now: datetime) -> list[dict]:
    quiet = []
    for c in cases:
        last = _at(c["last_message_at"]) if c["last_message_at"] else _at(c["opened_at"])
        if now - last >= QUIET:
            quiet.append({"client": c["client"], "case_id": c["id"], "subject": c["subject"],
                          "last_message_at": last, "days_quiet": (now - last).days})
    return quiet


def _at(iso: str) -> datetime:
    return datetime.fromisoformat(iso)
