"""`followup export`: the evidence bundle of one case or one client, written to a folder.

    messages/<date>_<sha12>.eml   every message, the exact archived bytes
    messages.mbox                 the same messages as one mboxrd file
    updates/<date>_<sha12>.eml    updates whose sent copy is not (yet) archived as a message
    promises.csv, promises.json   the promise ledger
    events.jsonl                  the chain segment from the anchor to the head (evidence/disclosure.py)
    bundle.json                   what the bundle is: target, audience, locale, the chain's anchor and head
    report.html                   one self-contained, printable page (evidence/report.py)
    verify_bundle.py              the stdlib-only checker (evidence/bundlecheck.py), for readers without followup
    MANIFEST.sha256               `sha256sum -c MANIFEST.sha256` checks every file above

The audience (client by default, or internal) decides what is disclosed: evidence/disclosure.py.

Reading happens in `resolve_target` and `gather` (one read-only connection); writing in
`write_bundle`, which streams raw bytes one message at a time.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from followup.storage import caseviews, exports
from followup.storage.raw import message_bytes, update_bytes
from followup.storage.reading import snapshot
from followup.storage.search import mail_clients
from followup.storage.reschedules import with_history
from followup.errors import FollowupError
from followup.evidence import disclosure, formats

BUNDLE_FILES = ("messages.mbox", "promises.csv", "promises.json", "events.jsonl", "bundle.json", "report.html",
                "verify_bundle.py", "MANIFEST.sha256")
BUNDLE_FOLDERS = ("messages", "updates")


@dataclass(frozen=True)
class Target:
    """What to export: one case, or everything about one client."""

    label: str  # "case 3", "client acme"
    client: str | None
    case_ids: tuple[int, ...]
    scope: exports.Scope  # which messages


@dataclass(frozen=True)
class Reader:
    """Who the bundle is for, and how its report speaks to them."""

    audience: str = disclosure.DEFAULT_AUDIENCE
    locale: str = "en"
    timezone: str = "UTC"


@dataclass(frozen=True)
class Bundle:
    target: Target
    generated_at: str
    cases: list[dict]
    messages: list[dict]
    promises: list[dict]
    updates: list[dict]
    events: list[dict]  # the chain segment: disclosed rows as stored, the others withheld
    chain: dict  # anchor, head, first_id, last_id, events, disclosed, withheld
    reader: Reader = Reader()

    def description(self) -> dict:
        """bundle.json: what a checker needs besides the files (the chain's two ends)."""
        return {"format": "followup-bundle/1", "target": self.target.label, "audience": self.reader.audience,
                "generated_at": self.generated_at, "locale": self.reader.locale, "timezone": self.reader.timezone,
                "chain": self.chain, "counts": {"cases": len(self.cases), "messages": len(self.messages),
                                                "promises": len(self.promises), "updates": len(self.updates)}}


@dataclass
class Written:
    directory: Path
    digests: dict[str, str] = field(default_factory=dict)  # path in the bundle → sha256
    size: int = 0


def resolve_target(conn: sqlite3.Connection, argument: str, clients: Iterable[str]) -> Target:
    """A number is a case id; anything else a client name (from config, or seen in the archive)."""
    if argument.isdigit():
        case = caseviews.case(conn, int(argument))
        return Target(f"case {case['id']}", case["client"], (case["id"],), exports.Scope(thread_id=case["thread_id"]))
    known = set(clients) | caseviews.case_clients(conn) | mail_clients(conn)
    if argument not in known:
        names = ", ".join(sorted(known)) or "none yet"
        raise FollowupError(f"no case or client {argument!r} (fix: give a case id from `followup cases` "
                            f"or a client name: {names})")
    return Target(f"client {argument}", argument, exports.case_ids_of(conn, argument), exports.Scope(client=argument))


def gather(conn: sqlite3.Connection, target: Target, now: datetime, reader: Reader = Reader()) -> Bundle:
    """Everything the bundle says, read in one snapshot; raw bytes are read later, while writing."""
    if reader.audience not in disclosure.AUDIENCES:
        raise FollowupError(f"no audience {reader.audience!r} (fix: --audience client or --audience internal)")
    with snapshot(conn):
        messages = _messages(conn, target)
        names = {m["sha256"]: m["eml"] for m in messages}
        dates = {m["sha256"]: m["date"] for m in messages}  # an event a withheld message caused keeps its date
        # each promise carries its reschedules (due_from -> due_to, by, reason, at) and first_due_at
        promises = [_promise(p, names, now) for case_id in target.case_ids
                    for p in with_history(conn, caseviews.promises(conn, case_id=case_id))]
        messages, promises = disclosure.for_audience(reader.audience, messages, promises)
        names = {m["sha256"]: m["eml"] for m in messages}
        updates = [u for u in _updates(conn, target, names)
                   if reader.audience == "internal" or disclosure.client_sees_update(u)]
        disclosed = disclosure.disclosed_event_ids(conn, reader.audience, target.case_ids, messages, promises,
                                                   target.scope)
        events, chain = disclosure.chain_segment(conn, disclosed)
        cases = [_case(conn, case_id, promises, updates, events, reader.audience, messages, dates)
                 for case_id in target.case_ids]
    return Bundle(target, now.isoformat(), cases, messages, promises, updates, events, chain, reader)


def _messages(conn: sqlite3.Connection, target: Target) -> list[dict]:
    rows = exports.messages(conn, target.scope)
    for row in rows:
        row["eml"] = "messages/" + formats.eml_name(row["date"], row["sha256"])
        row["anchor"] = anchor(row["sha256"])
        for key in ("to", "cc", "attachments"):
            row[key] = json.loads(row.pop(f"{key}_json"))
    return rows


def anchor(sha256: str) -> str:
    return f"m-{sha256[:12]}"


def _promise(promise: dict, names: dict[str, str], now: datetime) -> dict:
    sha256 = promise["sha256"]
    overdue = promise["state"] == "open" and bool(promise["due_at"]) and promise["due_at"] < now.isoformat()
    history = [{"at": r["at"], "from": r["due_from"], "to": r["due_to"], "by": r["by"], "why": r["reason"]}
               for r in promise.get("reschedules", [])]
    return {**promise, "eml": names.get(sha256), "anchor": anchor(sha256) if sha256 in names else None,
            "overdue": overdue, "history": history}


def _updates(conn: sqlite3.Connection, target: Target, names: dict[str, str]) -> list[dict]:
    updates = exports.updates(conn, target.case_ids)
    for update in updates:
        update["recipients"] = json.loads(update["recipients"])
        archived = update["sha256"] in names
        update["anchor"] = anchor(update["sha256"]) if archived else None
        update["eml"] = names[update["sha256"]] if archived else \
            "updates/" + formats.eml_name(update["sent_at"] or update["created_at"], update["sha256"])
    return updates


def _case(conn: sqlite3.Connection, case_id: int, promises: list[dict], updates: list[dict], events: list[dict],
          audience: str, messages: list[dict], dates: dict[str, str | None]) -> dict:
    """The case as its report shows it: the timeline holds only what the bundle discloses."""
    info = caseviews.case(conn, case_id)
    thread = [m for m in messages if m["thread_id"] == info["thread_id"]]
    return {**info, "timeline": _timeline(case_id, thread, events, dates),
            "notes": caseviews.notes(conn, case_id) if audience == "internal" else [],
            "promises": [p for p in promises if p["case"] == case_id],
            "updates": [u for u in updates if u["case"] == case_id]}


def _timeline(case_id: int, thread: list[dict], events: list[dict], dates: dict[str, str | None]) -> list[dict]:
    """The thread's messages and the disclosed events about the case, oldest first (by the
    message's own date for an event a message caused)."""
    carried = {m["sha256"] for m in thread}
    entries = [{"kind": "message", "at": m["date"], "direction": m["direction"], "from": m["from_addr"],
                "subject": m["subject"], "sha256": m["sha256"], "anchor": m["anchor"]} for m in thread]
    for e in events:
        ours = e.get("case_id") == case_id or (e.get("case_id") is None and e.get("sha256") in carried)
        if e.get("withheld") or not ours or e["kind"] == "message.archived":
            continue
        entries.append({"kind": e["kind"], "at": dates.get(e["sha256"]) or e["at"], "recorded_at": e["at"],
                        "data": json.loads(e["data"]), "sha256": e["sha256"],
                        "anchor": anchor(e["sha256"]) if e["sha256"] in carried else None})
    return sorted(entries, key=lambda e: (e["at"] or "", e["kind"] != "message"))


def export_bundle(conn: sqlite3.Connection, argument: str, directory: Path, *, config, now: datetime,
                  audience: str = disclosure.DEFAULT_AUDIENCE, force: bool = False) -> tuple[Bundle, Written]:
    """The whole export on one read-only connection: choose, gather, render, write.

    The report speaks the target client's language and time zone (from config), else the defaults'.
    """
    from followup.evidence.report import render_report

    target = resolve_target(conn, argument, [c.name for c in config.clients])
    client = next((c for c in config.clients if c.name == target.client), config.defaults)
    bundle = gather(conn, target, now, Reader(audience, client.locale, client.timezone))
    written = write_bundle(bundle, directory, raw=raw_reader(conn), outbox_raw=outbox_reader(conn),
                           report_html=render_report(bundle), force=force)
    return bundle, written


# --- writing ----------------------------------------------------------------------------------

RawReader = Callable[[str], bytes]


def raw_reader(conn: sqlite3.Connection) -> RawReader:
    """Raw bytes by sha256, checked: a bundle must never carry bytes that are not what they claim."""
    def read(sha256: str) -> bytes:
        data = message_bytes(conn, sha256)  # None unless intact: inflates and hashes to sha256
        if data is None:
            raise FollowupError(f"message {sha256}: its raw bytes are missing or altered "
                                "(fix: run `followup verify` and restore the archive from a backup)")
        return data
    return read


def outbox_reader(conn: sqlite3.Connection) -> RawReader:
    def read(sha256: str) -> bytes:
        data = update_bytes(conn, sha256)
        if data is None or hashlib.sha256(data).hexdigest() != sha256:
            raise FollowupError(f"update {sha256}: its bytes are missing or altered (fix: run `followup verify`)")
        return data
    return read


def write_bundle(bundle: Bundle, directory: Path, *, raw: RawReader, outbox_raw: RawReader, report_html: str,
                 force: bool = False) -> Written:
    """Write every file (0600, folders 0700), then the manifest over them."""
    _prepare(directory, force)
    written = Written(directory)
    with _private_file(directory / "messages.mbox") as mbox:
        digest = hashlib.sha256()
        for message in bundle.messages:
            data = raw(message["sha256"])
            _write(written, message["eml"], data)
            entry = formats.mboxrd_entry(data, message["from_addr"], message["date"])
            mbox.write(entry)
            digest.update(entry)
            written.size += len(entry)
    written.digests["messages.mbox"] = digest.hexdigest()
    for update in bundle.updates:
        if update["anchor"] is None:
            _write(written, update["eml"], outbox_raw(update["sha256"]))
    _write(written, "promises.csv", formats.promises_csv(bundle.promises))
    _write(written, "promises.json", formats.json_document(bundle.promises))
    _write(written, "events.jsonl", formats.json_lines(bundle.events))
    _write(written, "bundle.json", formats.json_document(bundle.description()))
    _write(written, "report.html", report_html.encode("utf-8"))
    _write(written, "verify_bundle.py", formats.checker_script())
    manifest = formats.manifest(written.digests)
    _write(written, "MANIFEST.sha256", manifest)
    del written.digests["MANIFEST.sha256"]
    return written


def _prepare(directory: Path, force: bool) -> None:
    if directory.exists() and not directory.is_dir():
        raise FollowupError(f"{directory} is a file (fix: give a folder for the bundle)")
    if directory.exists() and any(directory.iterdir()):
        if not force:
            raise FollowupError(f"{directory} is not empty (fix: give a new folder, or --force to replace a bundle there)")
        _remove_bundle(directory)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(directory, 0o700)


def _remove_bundle(directory: Path) -> None:
    """--force replaces what a previous export wrote there, and touches nothing else."""
    for name in BUNDLE_FILES:
        (directory / name).unlink(missing_ok=True)
    for folder in BUNDLE_FOLDERS:
        if (directory / folder).is_dir():
            for eml in (directory / folder).glob("*.eml"):
                eml.unlink()


def _write(written: Written, relative: str, data: bytes) -> None:
    path = written.directory / relative
    if not path.parent.is_dir():
        path.parent.mkdir(mode=0o700)
        os.chmod(path.parent, 0o700)
    with _private_file(path) as out:
        out.write(data)
    written.digests[relative] = hashlib.sha256(data).hexdigest()
    written.size += len(data)


def _private_file(path: Path):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    os.fchmod(fd, 0o600)
    return os.fdopen(fd, "wb")
