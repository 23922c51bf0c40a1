"""Plain-text layouts of cases, promises and the brief (the --json forms print the data as is)."""

from __future__ import annotations

import textwrap
from datetime import datetime

from followup.commands.casework import local


def cases_table(cases: list[dict], tz: str) -> str:
    head = f"{'ID':>4}  {'STATE':<7} {'CLIENT':<16} {'OPENED':<16}  {'MSGS':>4} {'PROM':>4}  {'NEXT UPDATE':<16}  SUBJECT"
    lines = [head]
    for c in cases:
        lines.append(
            f"{c['id']:>4}  {c['state']:<7} {(c['client'] or '-')[:16]:<16} {local(c['opened_at'], tz):<16}  "
            f"{c['messages']:>4} {c['promises']:>4}  {local(c['next_update_at'], tz):<16}  {c['subject']}")
    return "\n".join(lines)


def promises_table(promises: list[dict], tz: str, now: datetime) -> str:
    lines = [f"{'ID':>4}  {'STATE':<9} {'DUE':<16} {'CASE':>4}  {'CLIENT':<12} {'BY':<26} QUOTE"]
    for p in promises:
        lines.append(f"{p['id']:>4}  {_state(p, now):<9} {local(p['due_at'], tz):<16} {p['case']:>4}  "
                     f"{(p['client'] or '-')[:12]:<12} {p['author'][:26]:<26} {_one_line(p['quote'], 70)}")
        lines += [f"{'':>6}{_moved(r, tz)}" for r in p.get("reschedules", [])]
    return "\n".join(lines)


def show(detail: dict, tz: str, now: datetime) -> str:
    c = detail["case"]
    out = [f"case {c['id']} · {c['client'] or '(no client)'} · {c['subject']} · {c['state']}",
           f"opened {local(c['opened_at'], tz)} by {c['opened_by']} ({c['opened_via']})"
           + (f" · closed {local(c['closed_at'], tz)}" if c["closed_at"] else ""),
           f"cadence: {c['cadence']} (from the {c['cadence_source']}) · last update {local(c['last_update_at'], tz)}"
           f" · next update {local(c['next_update_at'], tz)}"]
    if c.get("problem"):
        out.append(f"PROBLEM: no update can go out: {c['problem']}")
    out += ["", "promises:"]
    for p in detail["promises"]:
        out.append(f"  #{p['id']:<4} {_state(p, now):<9} due {local(p['due_at'], tz):<16} {p['author']}: "
                   f"“{_one_line(p['quote'], 90)}”")
        out += [f"{'':>8}{_moved(r, tz)}" for r in p.get("reschedules", [])]
    if not detail["promises"]:
        out.append("  (none found)")
    out += ["", "timeline:"]
    out += [f"  {local(e['at'], tz):<16}  {_event(e, tz)}" for e in detail["timeline"]]
    return "\n".join(out)


def brief(data: dict, tz: str, now: datetime) -> str:
    out = [f"{data['client']}: {len(data['open'])} open case(s), {len(data['closed'])} closed"]
    for c in data["open"]:
        out += ["", f"{c['subject']}  (case {c['id']}, {c['state']} since {local(c['opened_at'], tz)})", "  promised:"]
        out += [f"    {local(p['due_at'], tz):<16} {_state(p, now):<9} {p['author']}: “{_one_line(p['quote'], 80)}”"
                for p in c["promises"]] or ["    nothing found yet"]
        out.append(f"  last update: {local(c['last_update_at'], tz)} · next update due: {local(c['next_update_at'], tz)}")
        if c["latest_note"]:
            out.append(f"  latest note: {_one_line(c['latest_note']['text'], 100)}")
    last = data["last_from_client"]
    if last:
        out += ["", f"last from the client: {local(last['date'], tz)} {last['from']}: {last['subject']}"]
    return "\n".join(out)


def _moved(r: dict, tz: str) -> str:
    """One reschedule: when it was due, the new date, who moved it and why."""
    why = f": {r['reason']}" if r["reason"] else ""
    return f"moved from {local(r['due_from'], tz)} to {local(r['due_to'], tz)} by {r['by']} on {local(r['at'], tz)}{why}"


def _state(p: dict, now: datetime) -> str:
    if p["state"] == "open" and p["due_at"] and datetime.fromisoformat(p["due_at"]) < now:
        return "OVERDUE"
    return p["state"]


def _event(e: dict, tz: str) -> str:
    if e["kind"] == "message":
        arrow = {"in": "←", "out": "→", "internal": "·"}[e["direction"]]
        return f"{arrow} {e['from']}: {e['subject']}  [{e['sha256'][:12]}]"
    data = e["data"]
    detail = {
        "case.opened": lambda: f"case opened by {data.get('by')} ({data.get('via')})",
        "directive.refused": lambda: f"directive refused: {data.get('line')!r}: {data.get('reason')}",
        "note.added": lambda: f"note by {data.get('by')}: {data.get('text')}",
        "promise.recorded": lambda: f"promise #{data.get('id')} recorded ({data.get('state')}): "
                                    f"“{_one_line(data.get('quote', ''), 70)}”",
        "case.cadence": lambda: f"cadence set to {data.get('cadence')} by {data.get('by')}",
        "promise.rescheduled": lambda: f"promise #{data.get('id')} moved from {local(data.get('from'), tz)} to "
                                       f"{local(data.get('to'), tz)} by {data.get('by')}"
                                       + (f": {data['reason']}" if data.get("reason") else ""),
    }.get(e["kind"], lambda: _mail_event(e["kind"], data))
    return detail()


_MAIL_KINDS = {"ack": "acknowledgement", "update": "update", "close": "closing summary"}
_MAIL_STEPS = {"queued": "written", "sent": "sent", "drafted": "saved as a draft for an owner"}


def _mail_event(kind: str, data: dict) -> str:
    """"ack.queued" → "acknowledgement written to kari@acme.example"; other kinds as recorded."""
    mail, _, step = kind.partition(".")
    if mail in _MAIL_KINDS and step in _MAIL_STEPS:
        if step == "queued" and data.get("draft"):
            step = "drafted"
        to = f" to {', '.join(data['to'])}" if data.get("to") else ""
        return f"{_MAIL_KINDS[mail]} {_MAIL_STEPS[step]}{to}"
    return f"{kind} " + ", ".join(f"{k}={v}" for k, v in data.items() if v is not None)


def _one_line(text: str, width: int) -> str:
    return textwrap.shorten(" ".join(text.split()), width=width, placeholder="…")

