"""A case's timeline in sentences: what happened, by whom, never a Python repr.

One phrase per event kind; a kind added later (by another part of followup) and not yet
described here is still told in words, from its name and its plain values.
"""

from __future__ import annotations

import textwrap

MAIL = {"ack": "Acknowledgement", "update": "Update", "close": "Closing summary", "digest": "Digest"}
STATES = {"open": "confirmed", "rejected": "rejected", "kept": "marked kept", "broken": "marked broken",
          "withdrawn": "withdrawn"}


def event_sentence(e: dict, tz: str = "UTC") -> str:
    """One timeline entry in words; times inside it (a new due date) in the reader's zone `tz`."""
    if e["kind"] == "message":
        arrow = {"in": "←", "out": "→", "internal": "·"}.get(e["direction"], "·")
        return f"{arrow} {e['from']}: {e['subject']}  [{e['sha256'][:12]}]"
    data, kind = e.get("data") or {}, e["kind"]
    subject, _, verb = kind.partition(".")
    by = f" by {data['by']}" if data.get("by") else ""
    if subject == "case":
        return _case(verb, data, by)
    if subject == "promise":
        return _promise(verb, data, by, tz)
    if subject in MAIL:
        return _mail(MAIL[subject], verb, data, by)
    if kind == "note.added":
        return f"Note{by}: {one_line(data.get('text', ''), 100)}"
    if kind == "directive.refused":
        return f"Directive “{one_line(data.get('line', ''), 60)}” refused: {data.get('reason')}."
    return _generic(kind, data)


def _case(verb: str, data: dict, by: str) -> str:
    reason = f" (reason: {data['reason']})" if data.get("reason") else ""
    if verb == "opened":
        return f"Case opened{by} ({_via(data.get('via'))})."
    if verb == "cadence":
        return f"Cadence set to “{data.get('cadence')}”{by}."
    done = {"closed": "Case closed", "paused": "Case paused", "open": "Case resumed"}.get(verb)
    return f"{done}{by}{reason}." if done else _generic(f"case.{verb}", data)


def _promise(verb: str, data: dict, by: str, tz: str) -> str:
    number = f"Promise {data.get('id')}" if data.get("id") is not None else "A promise"
    if verb == "rescheduled":
        from followup.commands.casework import local

        why = f": {data['reason']}" if data.get("reason") else ""
        return f"{number} moved from {local(data.get('from'), tz)} to {local(data.get('to'), tz)}{by}{why}."
    if verb == "recorded":
        state = "proposed (needs an owner's confirm)" if data.get("state") == "proposed" else data.get("state", "open")
        due = f", due {data['due_at'][:16].replace('T', ' ')}" if data.get("due_at") else ""
        return f"{number} recorded as {state}{due}: “{one_line(data.get('quote', ''), 70)}”"
    if verb in STATES:
        was = f" (was {data['was']})" if data.get("was") else ""
        return f"{number} {STATES[verb]}{by}{was}."
    return _generic(f"promise.{verb}", data)


def _mail(what: str, verb: str, data: dict, by: str) -> str:
    to = ", ".join(data.get("to") or [])
    error = f": {data['error']}" if data.get("error") else ""
    sentences = {
        "queued": f"{what} {'saved as a draft for' if data.get('draft') else 'queued for'} {to or 'the client'}.",
        "sent": f"{what} sent.",
        "drafted": f"{what} saved as a draft.",
        "retrying": f"{what} not sent yet, will retry (attempt {data.get('attempts')}){error}.",
        "failed": f"{what} failed for good after {data.get('attempts')} attempts{error}.",
        "interrupted": f"{what} was interrupted while sending; it goes out again.",
        "not_composed": f"{what} could not be written{error}.",
        "retry": f"{what} put back in line{by}.",
    }
    return sentences.get(verb) or _generic(f"{what.lower()}.{verb}", data)


def _via(via: str | None) -> str:
    return {"directive": "a #slipup directive", "keyword": "an IMAP keyword", "label": "a Gmail label",
            "category": "an Exchange category", "folder": "a move into the tag folder"}.get(via or "", via or "tag")


def _generic(kind: str, data: dict) -> str:
    what = kind.replace(".", " ").replace("_", " ")
    details = "; ".join(f"{k.replace('_', ' ')} {_plain(v)}" for k, v in data.items() if v not in (None, "", [], {}))
    return f"{what[:1].upper()}{what[1:]}" + (f" ({details})." if details else ".")


def _plain(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return ", ".join(f"{k} {_plain(v)}" for k, v in value.items())
    return str(value)


def one_line(text: str, width: int) -> str:
    return textwrap.shorten(" ".join(str(text).split()), width=width, placeholder="…")
