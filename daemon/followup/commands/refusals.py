"""`followup refusals`: every directive followup refused, inside a case or outside any,
with the message, its sender and date, the reason and what to do about it.

A refusal outside any case (an owner's tag note that arrived without a trusted
Authentication-Results, a client's `#slipup close` in an untagged thread) shows nowhere
else, so this listing and the counts in `import`, `run --once` and `status` point here.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta

from followup.commands.casework import local, reading
from followup.storage import refusals as stored

RECENT = timedelta(days=7)  # what `status` counts as recent

# (a phrase of the reason, the fix); the first match wins. Reasons that carry their own
# "(fix: …)" or "write it like …" keep it.
_FIXES: tuple[tuple[str, str], ...] = (
    ("is not an owner", "nothing to do if it was not one of us; else add the address to [owners] addresses"),
    ("no server is trusted", "send directives from your own mailbox (they are read from Sent), or set [tagging] "
                             "trusted_authserv_ids to the authserv-id of your receiving server"),
    ("Authentication-Results", "check that your domain passes DKIM, SPF or DMARC at your receiving server, "
                               "or send the directive from your own mailbox (read from Sent)"),
    ("automatic mail", "nothing to do: auto-replies and bounces never steer a case"),
    ("quoted text never steers", "write the directive as new text above the quote"),
    ("no case in this thread", "tag the thread first: a message whose new text starts with the tag"),
    ("differs from From", "send the directive from the owner's own account, not on their behalf"),
    ("From names", "send the directive from exactly one owner address"),
    ("no usable From", "send the directive from an owner address"),
)
_GENERIC = ("write one of: #slipup, every …, due …, close, pause, resume, note: TEXT, promise DATE: TEXT, "
            "promise #ID DATE")


def fix_for(reason: str) -> str:
    """What the owner can do about a refusal, in one clause."""
    if "(fix: " in reason:
        return reason.rsplit("(fix: ", 1)[1].rstrip(")")
    if "write it like" in reason:
        return "write it like" + reason.split("write it like", 1)[1].rstrip(")")
    for phrase, fix in _FIXES:
        if phrase in reason:
            return fix
    return _GENERIC


def list_refusals(config) -> list[dict]:
    with reading(config) as conn:
        return rows(conn)


def rows(conn: sqlite3.Connection) -> list[dict]:
    """Every refusal, oldest first."""
    out = []
    for r in stored.refused(conn):
        detail = json.loads(r.data)
        reason = detail.get("reason") or "refused"
        out.append({"id": r.event_id, "recorded_at": r.at, "case": r.case_id, "sha256": r.sha256,
                    "message_id": r.message_id, "from": r.sender, "date": r.date, "subject": r.subject,
                    "line": detail.get("line"), "reason": reason, "fix": fix_for(reason)})
    return out


def recent_count(conn: sqlite3.Connection, now: datetime) -> int:
    return stored.count_since(conn, (now - RECENT).isoformat())


def describe(refusal: dict, tz: str) -> str:
    """A few lines a person reads: what was refused, from whom, why, and the fix."""
    where = f"in case {refusal['case']}" if refusal["case"] else "outside any case"
    sender = refusal["from"] or "an unknown sender"
    message = f" (message {refusal['sha256'][:12]}, {refusal['subject']!r})" if refusal["sha256"] else ""
    return (f"{local(refusal['date'] or refusal['recorded_at'], tz)}  {sender} wrote {refusal['line']!r} "
            f"{where}{message}.\n    Refused: {refusal['reason'].rstrip('.')}.\n    Fix: {refusal['fix'].rstrip('.')}.")
