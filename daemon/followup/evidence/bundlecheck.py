#!/usr/bin/env python3
"""Check a followup evidence bundle without followup: `python3 verify_bundle.py [BUNDLE_DIR]`.

This file is shipped inside every bundle as verify_bundle.py and is also what
`followup verify --bundle DIR` runs, so both always agree. It needs only Python 3.9+.

What it checks, in this order (the first broken link found is the one named):

1. MANIFEST.sha256: every line is "<sha256>  <path>", every listed file exists and hashes to
   its line, and every file in the bundle is listed;
2. the messages: each messages/<date>_<sha12>.eml hashes to a SHA-256 that starts with the
   twelve digits in its name, and that SHA-256 is the one a disclosed `message.archived`
   event of the chain recorded when the message was archived;
3. the chain (events.jsonl, described in bundle.json): the first event builds on the anchor
   hash, each event's prev_hash is the hash of the event before it, each hash recomputes,
   and the last one is the head hash.

How the chain works. Each event's hash is
    link = sha256("followup-event-v2\\n" + prev_hash + "\\n" + digest)
    digest = sha256(JSON [at, kind, case_id, sha256, data]) (compact separators, UTF-8)
so an event that is not for this bundle's reader is shipped "withheld": its id, prev_hash,
digest and hash, without its content. Its link still recomputes, so nothing can be removed,
added or reordered between the anchor and the head unnoticed. Events written before
followup 0.2 use the older formula sha256(JSON [prev_hash, at, kind, case_id, sha256, data]);
withheld, such an event is marked "legacy": its place in the chain is checked, its hash
cannot be, and the count of such links is printed.

What it cannot check on its own: that the anchor and head are the archive's. Compare them
with the head hash the sender gave you or with another bundle from the same archive.

Exit status: 0 intact, 1 something is broken (named on stdout), 2 not a bundle / unreadable.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

FORMAT = "followup-bundle/1"
GENESIS = "0" * 64
MANIFEST = "MANIFEST.sha256"
_LINE = re.compile(r"([0-9a-f]{64})  (\S.*)\Z")
_EML = re.compile(r"[0-9A-Za-z]+_([0-9a-f]{12})\.eml\Z")
_ARCHIVING = ("message.archived", "message.quarantined")


def content_digest(at, kind, case_id, sha256, data) -> str:
    """The event's content, committed to: what a withheld event still shows."""
    body = json.dumps([at, kind, case_id, sha256, data], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def link_hash(prev_hash: str, digest: str) -> str:
    return hashlib.sha256(f"followup-event-v2\n{prev_hash}\n{digest}".encode("ascii")).hexdigest()


def legacy_hash(prev_hash, at, kind, case_id, sha256, data) -> str:
    """The formula of followup 0.1 (no separate digest, so such an event cannot be withheld)."""
    body = json.dumps([prev_hash, at, kind, case_id, sha256, data], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def event_recomputes(row: dict) -> bool:
    """Does this event's hash follow from its prev_hash and content (or, withheld, its digest)?"""
    prev, stored = row.get("prev_hash"), row.get("hash")
    if row.get("withheld") and row.get("legacy"):
        return True  # followup 0.1's formula needs the content; counted and reported instead
    if row.get("withheld"):
        return link_hash(prev, row.get("digest", "")) == stored
    content = (row.get("at"), row.get("kind"), row.get("case_id"), row.get("sha256"), row.get("data"))
    return link_hash(prev, content_digest(*content)) == stored or legacy_hash(prev, *content) == stored


class Broken(Exception):
    """The first broken link: one line a person can act on."""


class NotABundle(Exception):
    pass


def check(folder: Path) -> dict:
    """Every check, in order; raises Broken (the first problem) or NotABundle."""
    folder = Path(folder)
    if not (folder / MANIFEST).is_file() or not (folder / "bundle.json").is_file():
        raise NotABundle(f"{folder} is not an evidence bundle (no {MANIFEST} or bundle.json; "
                         "fix: give the folder `followup export` wrote)")
    files = check_manifest(folder)
    meta = _read_meta(folder)
    rows = read_events(folder / "events.jsonl")
    archived = {r.get("sha256") for r in rows if not r.get("withheld") and r.get("kind") in _ARCHIVING}
    messages = check_messages(folder, archived)
    check_chain(rows, meta.get("chain") or {})
    chain = meta["chain"]
    return {"intact": True, "files": files, "messages": messages, "events": len(rows),
            "withheld": sum(1 for r in rows if r.get("withheld")),
            "unrecomputable": sum(1 for r in rows if r.get("withheld") and r.get("legacy")), "anchor": chain.get("anchor"),
            "head": chain.get("head"), "audience": meta.get("audience"), "target": meta.get("target")}


def check_manifest(folder: Path) -> int:
    listed = {}
    text = (folder / MANIFEST).read_bytes().decode("utf-8", "replace")
    for number, line in enumerate(text.splitlines(), start=1):
        match = _LINE.match(line)
        path = match.group(2) if match else ""
        if not match or path.startswith("/") or ".." in Path(path).parts or path == MANIFEST:
            raise Broken(f"{MANIFEST} line {number} is not \"<sha256>  <path inside the bundle>\": {line[:80]!r}")
        listed[path] = (number, match.group(1))
    for path, (number, expected) in listed.items():
        target = folder / path
        if not target.is_file():
            raise Broken(f"{MANIFEST} line {number}: {path} is missing from the bundle")
        actual = _sha256_file(target)
        if actual != expected:
            raise Broken(f"{MANIFEST} line {number}: {path} hashes to {actual}, not to the listed {expected}")
    for extra in sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()):
        if extra != MANIFEST and extra not in listed:
            raise Broken(f"{extra} is in the bundle but not in {MANIFEST}")
    return len(listed)


def check_messages(folder: Path, archived: set) -> int:
    count = 0
    for eml in sorted((folder / "messages").glob("*")) if (folder / "messages").is_dir() else []:
        match = _EML.match(eml.name)
        if not match:
            raise Broken(f"messages/{eml.name} is not named <date>_<first 12 digits of its sha256>.eml")
        actual = _sha256_file(eml)
        if not actual.startswith(match.group(1)):
            raise Broken(f"messages/{eml.name} hashes to {actual}, which does not start with its name's {match.group(1)}")
        if actual not in archived:
            raise Broken(f"messages/{eml.name} (sha256 {actual}) is not the message any archiving event "
                         "of the chain recorded")
        count += 1
    return count


def read_events(path: Path) -> list:
    if not path.is_file():
        raise Broken("events.jsonl is missing")
    rows = []
    for number, line in enumerate(path.read_bytes().decode("utf-8", "replace").splitlines(), start=1):
        try:
            row = json.loads(line)
        except ValueError:
            raise Broken(f"events.jsonl line {number} is not JSON") from None
        if not isinstance(row, dict):
            raise Broken(f"events.jsonl line {number} is not an event")
        rows.append(row)
    return rows


def check_chain(rows: list, chain: dict) -> None:
    prev, last_id = chain.get("anchor"), None
    for row in rows:
        name = _describe(row)
        if row.get("prev_hash") != prev:
            before = f"event {last_id}'s hash" if last_id is not None else f"the anchor {prev}"
            raise Broken(f"{name}: prev_hash does not match {before} (an event is missing, added or moved)")
        if last_id is not None and not (isinstance(row.get("id"), int) and row["id"] > last_id):
            raise Broken(f"{name}: ids must rise along the chain (after event {last_id})")
        if not event_recomputes(row):
            raise Broken(f"{name}: hash does not match the event's content")
        prev, last_id = row.get("hash"), row.get("id")
    if prev != chain.get("head"):
        raise Broken(f"the chain ends at {prev}, not at the head hash {chain.get('head')} of bundle.json")
    if len(rows) != chain.get("events"):
        raise Broken(f"events.jsonl holds {len(rows)} events, bundle.json says {chain.get('events')}")


def _describe(row: dict) -> str:
    if row.get("withheld"):
        return f"event {row.get('id')} (withheld)"
    case = f" (case {row['case_id']})" if row.get("case_id") is not None else ""
    return f"event {row.get('id')} {row.get('kind')}{case}"


def _read_meta(folder: Path) -> dict:
    try:
        meta = json.loads((folder / "bundle.json").read_text(encoding="utf-8"))
    except ValueError:
        raise Broken("bundle.json is not JSON") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT or not isinstance(meta.get("chain"), dict):
        raise Broken(f"bundle.json does not describe a {FORMAT} bundle")
    return meta


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run(folder: Path, as_json: bool = False) -> int:
    """Check, print one line (or one JSON document), return the exit status."""
    out, err = sys.stdout, sys.stderr  # looked up now: a caller may have redirected them
    try:
        report = check(folder)
    except NotABundle as problem:
        print(f"error: {problem}", file=err)
        return 2
    except OSError as problem:
        print(f"error: cannot read the bundle: {problem} (fix: check the path and its permissions)", file=err)
        return 2
    except Broken as problem:
        print(json.dumps({"intact": False, "first": str(problem)}) if as_json else f"broken: {problem}", file=out)
        return 1
    if as_json:
        print(json.dumps(report), file=out)
    else:
        print(f"intact: {report['files']} files, {report['messages']} messages and {report['events']} events "
              f"({report['withheld']} withheld{_legacy(report)}) verified; chain from anchor {report['anchor']} "
              f"to head {report['head']}", file=out)
    return 0


def _legacy(report: dict) -> str:
    count = report["unrecomputable"]
    return f", {count} of them from followup 0.1 and not recomputable" if count else ""


def main(argv: list) -> int:
    args = [a for a in argv if a != "--json"]
    if len(args) > 1 or any(a.startswith("-") for a in args):
        print("usage: python3 verify_bundle.py [--json] [BUNDLE_DIR]  (default: this script's folder)", file=sys.stderr)
        return 2
    return run(Path(args[0]) if args else Path(__file__).resolve().parent, as_json="--json" in argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
