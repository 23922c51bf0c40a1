"""`followup export`: the evidence bundle of one case or one client, written to a folder.

    messages/<date>_<sha12>.eml   every message, the exact archived bytes
    messages.mbox                 the same messages as one mboxrd file
    updates/<date>_<sha12>.eml    updates whose sent copy is not (yet) archived as a message
    promises.csv, promises.json   the promise ledger
    events.jsonl                  the evidence-chain rows about these cases and messages, as stored
    report.html                   one self-contained, printable page (archive/report.py)
    MANIFEST.sha256               `sha256sum -c MANIFEST.sha256` checks every file above

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

from followup.archive import caseviews, evidence
from followup.archive.reschedules import with_history
from followup.archive.readback import as_dict
from followup.errors import FollowupError

BUNDLE_FILES = ("messages.mbox", "promises.csv", "promises.json", "events.jsonl", "report.html", "MANIFEST.sha256")
BUNDLE_FOLDERS = ("messages", "updates")
_MESSAGE = (
    "SELECT m.sha256, m.message_id, m.thread_id, m.client, m.direction, m.date, m.from_addr, m.from_name,"
    " m.to_json, m.cc_json, m.subject, m.text, m.attachments_json, m.automatic FROM messages m"
)


@dataclass(frozen=True)
class Target:
    """What to export: one case, or everything about one client."""

    label: str  # "case 3", "client acme"
    client: str | None
    case_ids: tuple[int, ...]
    where: str  # SQL condition on messages m
    params: tuple


@dataclass(frozen=True)
class Bundle:
    target: Target
    generated_at: str
    cases: list[dict]
    messages: list[dict]
    promises: list[dict]
    updates: list[dict]
    events: list[dict]


@dataclass
class Written:
    directory: Path
    digests: dict[str, str] = field(default_factory=dict)  # path in the bundle → sha256
    size: int = 0


def resolve_target(conn: sqlite3.Connection, argument: str, clients: Iterable[str]) -> Target:
    """A number is a case id; anything else a client name (from config, or seen in the archive)."""
    if argument.isdigit():
        case = caseviews.case(conn, int(argument))
        return Target(f"case {case['id']}", case["client"], (case["id"],), "m.thread_id = ?", (case["thread_id"],))
    known = set(clients) | {r[0] for r in conn.execute(
        "SELECT DISTINCT client FROM cases WHERE client IS NOT NULL"
        " UNION SELECT DISTINCT client FROM messages WHERE client IS NOT NULL")}
    if argument not in known:
        names = ", ".join(sorted(known)) or "none yet"
        raise FollowupError(f"no case or client {argument!r} (fix: give a case id from `followup cases` "
                            f"or a client name: {names})")
    case_ids = tuple(r[0] for r in conn.execute("SELECT id FROM cases WHERE client = ? ORDER BY id", (argument,)))
    where = "(m.client = ? OR m.thread_id IN (SELECT thread_id FROM cases WHERE client = ?))"
    return Target(f"client {argument}", argument, case_ids, where, (argument, argument))


def gather(conn: sqlite3.Connection, target: Target, now: datetime) -> Bundle:
    """Everything the bundle says, read in one snapshot; raw bytes are read later, while writing."""
    conn.execute("BEGIN")
    try:
        messages = _messages(conn, target)
        names = {m["sha256"]: m["eml"] for m in messages}
        # each promise carries its reschedules (due_from -> due_to, by, reason, at) and first_due_at
        promises = [_promise(p, names, now) for case_id in target.case_ids
                    for p in with_history(conn, caseviews.promises(conn, case_id=case_id))]
        updates = _updates(conn, target, names)
        cases = [_case(conn, case_id, promises, updates) for case_id in target.case_ids]
        events = _events(conn, target)
    finally:
        conn.execute("ROLLBACK")
    return Bundle(target, now.isoformat(), cases, messages, promises, updates, events)


def _messages(conn: sqlite3.Connection, target: Target) -> list[dict]:
    cursor = conn.execute(f"{_MESSAGE} WHERE {target.where} ORDER BY m.date IS NULL, m.date, m.id", target.params)
    rows = [as_dict(cursor, r) for r in cursor.fetchall()]
    for row in rows:
        row["eml"] = "messages/" + evidence.eml_name(row["date"], row["sha256"])
        row["anchor"] = anchor(row["sha256"])
        for key in ("to", "cc", "attachments"):
            row[key] = json.loads(row.pop(f"{key}_json"))
    return rows


def anchor(sha256: str) -> str:
    return f"m-{sha256[:12]}"


def _promise(promise: dict, names: dict[str, str], now: datetime) -> dict:
    sha256 = promise["sha256"]
    overdue = promise["state"] == "open" and bool(promise["due_at"]) and promise["due_at"] < now.isoformat()
    return {**promise, "eml": names.get(sha256), "anchor": anchor(sha256) if sha256 in names else None,
            "overdue": overdue}


def _updates(conn: sqlite3.Connection, target: Target, names: dict[str, str]) -> list[dict]:
    marks = ",".join("?" * len(target.case_ids))
    cursor = conn.execute(
        "SELECT id, kind, case_id AS 'case', state, subject, sender, recipients, message_id, sha256, created_at,"
        f" sent_at, attempts, last_error FROM outbox WHERE case_id IN ({marks}) ORDER BY created_at, id",
        target.case_ids)
    updates = [as_dict(cursor, r) for r in cursor.fetchall()]
    for update in updates:
        update["recipients"] = json.loads(update["recipients"])
        archived = update["sha256"] in names
        update["anchor"] = anchor(update["sha256"]) if archived else None
        update["eml"] = names[update["sha256"]] if archived else \
            "updates/" + evidence.eml_name(update["sent_at"] or update["created_at"], update["sha256"])
    return updates


def _case(conn: sqlite3.Connection, case_id: int, promises: list[dict], updates: list[dict]) -> dict:
    timeline = caseviews.timeline(conn, case_id)
    for entry in timeline:
        entry["anchor"] = anchor(entry["sha256"]) if entry.get("sha256") else None
    return {**caseviews.case(conn, case_id), "timeline": timeline, "notes": caseviews.notes(conn, case_id),
            "promises": [p for p in promises if p["case"] == case_id],
            "updates": [u for u in updates if u["case"] == case_id]}


def _events(conn: sqlite3.Connection, target: Target) -> list[dict]:
    """As stored (data is the exact JSON text), so anyone can recompute each hash."""
    marks = ",".join("?" * len(target.case_ids))
    cursor = conn.execute(
        "SELECT e.id, e.at, e.kind, e.case_id, e.sha256, e.data, e.prev_hash, e.hash FROM events e"
        f" WHERE e.case_id IN ({marks}) OR e.sha256 IN (SELECT m.sha256 FROM messages m WHERE {target.where})"
        " ORDER BY e.id", (*target.case_ids, *target.params))
    return [as_dict(cursor, r) for r in cursor.fetchall()]


def export_bundle(conn: sqlite3.Connection, argument: str, directory: Path, *, clients: Iterable[str],
                  now: datetime, timezone: str, force: bool = False) -> tuple[Bundle, Written]:
    """The whole export on one read-only connection: choose, gather, render, write."""
    from followup.archive.report import render_report

    bundle = gather(conn, resolve_target(conn, argument, clients), now)
    written = write_bundle(bundle, directory, raw=raw_reader(conn), outbox_raw=outbox_reader(conn),
                           report_html=render_report(bundle, timezone=timezone), force=force)
    return bundle, written


# --- writing ----------------------------------------------------------------------------------

RawReader = Callable[[str], bytes]


def raw_reader(conn: sqlite3.Connection) -> RawReader:
    """Raw bytes by sha256, checked: a bundle must never carry bytes that are not what they claim."""
    def read(sha256: str) -> bytes:
        row = conn.execute("SELECT bytes FROM raw WHERE sha256 = ?", (sha256,)).fetchone()
        if row is None or hashlib.sha256(row[0]).hexdigest() != sha256:
            raise FollowupError(f"message {sha256}: its raw bytes are missing or altered "
                                "(fix: run `followup verify` and restore the archive from a backup)")
        return row[0]
    return read


def outbox_reader(conn: sqlite3.Connection) -> RawReader:
    def read(sha256: str) -> bytes:
        row = conn.execute("SELECT raw FROM outbox WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone()
        if row is None or hashlib.sha256(row[0]).hexdigest() != sha256:
            raise FollowupError(f"update {sha256}: its bytes are missing or altered (fix: run `followup verify`)")
        return row[0]
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
            entry = evidence.mboxrd_entry(data, message["from_addr"], message["date"])
            mbox.write(entry)
            digest.update(entry)
            written.size += len(entry)
    written.digests["messages.mbox"] = digest.hexdigest()
    for update in bundle.updates:
        if update["anchor"] is None:
            _write(written, update["eml"], outbox_raw(update["sha256"]))
    _write(written, "promises.csv", evidence.promises_csv(bundle.promises))
    _write(written, "promises.json", evidence.json_document(bundle.promises))
    _write(written, "events.jsonl", evidence.json_lines(bundle.events))
    _write(written, "report.html", report_html.encode("utf-8"))
    manifest = evidence.manifest(written.digests)
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
