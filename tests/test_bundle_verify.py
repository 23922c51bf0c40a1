"""A bundle checks itself without the archive: `followup verify --bundle DIR` and the shipped,
stdlib-only verify_bundle.py agree, and both catch a changed message, a changed manifest line
and a changed, removed or forged event, naming the first broken link."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import evidence_archive
import pytest
from followup.evidence.bundlecheck import Broken, check_chain, content_digest, legacy_hash, link_hash

built_archive, world = evidence_archive.built_archive, evidence_archive.world  # the shared fixtures


def export(world, *extra: str) -> Path:
    bundle = world.root / "bundle"
    result = world.cli("export", "acme", "--to", str(bundle), *extra)
    assert result.exit_code == 0, result.output
    return bundle


def with_followup(world, bundle: Path) -> tuple[int, str]:
    result = world.cli("verify", "--bundle", str(bundle))
    return result.exit_code, result.stdout + result.stderr


def with_script(world, bundle: Path) -> tuple[int, str]:
    """The shipped script, run as a reader would: plain python, isolated (-I: no PYTHONPATH, no site)."""
    done = subprocess.run([sys.executable, "-I", str(bundle / "verify_bundle.py")], capture_output=True, text=True,
                          timeout=60, check=False, cwd=bundle)
    return done.returncode, done.stdout + done.stderr


CHECKERS = pytest.mark.parametrize("checker", [with_followup, with_script], ids=["followup", "script"])


def rewrite_manifest(bundle: Path, relative: str) -> None:
    """A forger who also fixes the manifest line of the file they changed."""
    import hashlib

    digest = hashlib.sha256((bundle / relative).read_bytes()).hexdigest()
    lines = [f"{digest}  {relative}" if line.endswith(f"  {relative}") else line
             for line in (bundle / "MANIFEST.sha256").read_text().splitlines()]
    (bundle / "MANIFEST.sha256").write_text("\n".join(lines) + "\n")


def events(bundle: Path) -> list[dict]:
    return [json.loads(line) for line in (bundle / "events.jsonl").read_text(encoding="utf-8").splitlines()]


def write_events(bundle: Path, rows: list[dict]) -> None:
    (bundle / "events.jsonl").write_text("".join(json.dumps(r, separators=(",", ":")) + "\n" for r in rows))
    rewrite_manifest(bundle, "events.jsonl")


@CHECKERS
@pytest.mark.parametrize("audience", ["client", "internal"])
def test_a_fresh_bundle_is_intact(world, checker, audience):
    status, output = checker(world, export(world, "--audience", audience))
    assert status == 0, output
    assert output.startswith("intact: ") and "withheld" in output


@CHECKERS
def test_a_changed_message_is_caught(world, checker):
    bundle = export(world)
    eml = sorted((bundle / "messages").iterdir())[0]
    eml.write_bytes(eml.read_bytes().replace(b"Where is the report?", b"Where is the invoice?"))
    status, output = checker(world, bundle)
    assert status == 1 and output.startswith("broken: MANIFEST.sha256 line") and eml.name in output


@CHECKERS
def test_a_changed_message_with_its_manifest_line_forged_too_is_caught_by_the_chain(world, checker):
    bundle = export(world)
    eml = sorted((bundle / "messages").iterdir())[0]
    eml.write_bytes(eml.read_bytes().replace(b"Where is the report?", b"Where is the invoice?"))
    rewrite_manifest(bundle, f"messages/{eml.name}")
    status, output = checker(world, bundle)
    assert status == 1 and f"messages/{eml.name}" in output and "does not start with its name" in output


@CHECKERS
def test_a_changed_manifest_line_is_caught(world, checker):
    bundle = export(world)
    manifest = bundle / "MANIFEST.sha256"
    lines = manifest.read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if line.endswith("  promises.csv"))
    lines[number] = "0" * 64 + "  promises.csv"
    manifest.write_text("\n".join(lines) + "\n")
    status, output = checker(world, bundle)
    assert status == 1 and f"MANIFEST.sha256 line {number + 1}: promises.csv hashes to" in output


@CHECKERS
def test_a_file_left_out_of_the_manifest_is_caught(world, checker):
    bundle = export(world)
    manifest = bundle / "MANIFEST.sha256"
    manifest.write_text("".join(line + "\n" for line in manifest.read_text().splitlines()
                                if not line.endswith("  report.html")))
    status, output = checker(world, bundle)
    assert status == 1 and "report.html is in the bundle but not in MANIFEST.sha256" in output


@CHECKERS
def test_a_changed_event_is_caught_even_with_its_manifest_line_forged(world, checker):
    bundle = export(world)
    rows = events(bundle)
    broken = next(r for r in rows if r.get("kind") == "promise.broken")
    broken["data"] = broken["data"].replace('"was":"open"', '"was":"kept"')
    write_events(bundle, rows)
    status, output = checker(world, bundle)
    assert status == 1
    assert output.strip() == f"broken: event {broken['id']} promise.broken (case 1): hash does not match the event's content"


@CHECKERS
def test_a_removed_event_is_caught(world, checker):
    bundle = export(world)
    rows = events(bundle)
    gone = next(i for i, r in enumerate(rows) if r.get("kind") == "promise.broken")
    after = rows[gone + 1]
    write_events(bundle, rows[:gone] + rows[gone + 1:])
    status, output = checker(world, bundle)
    assert status == 1 and f"event {after['id']}" in output and "prev_hash does not match" in output


@CHECKERS
def test_a_changed_withheld_digest_is_caught(world, checker):
    bundle = export(world)
    rows = events(bundle)
    hidden = next(r for r in rows if r.get("withheld"))
    hidden["digest"] = "0" * 64
    write_events(bundle, rows)
    status, output = checker(world, bundle)
    assert status == 1 and f"event {hidden['id']} (withheld): hash does not match" in output


@CHECKERS
def test_a_message_the_chain_never_archived_is_caught(world, checker):
    bundle = export(world)
    rows = events(bundle)
    archived = [r for r in rows if r.get("kind") == "message.archived"]
    # re-link the chain without one archiving event: every hash recomputed, anchor and head forged too
    victim = archived[0]
    kept = [r for r in rows if r is not victim]
    prev = kept[0]["prev_hash"]
    for r in kept:
        r["prev_hash"] = prev
        digest = r["digest"] if r.get("withheld") else content_digest(r["at"], r["kind"], r["case_id"], r["sha256"], r["data"])
        r["hash"] = prev = link_hash(prev, digest)
    write_events(bundle, kept)
    meta = json.loads((bundle / "bundle.json").read_text())
    meta["chain"].update(head=prev, events=len(kept))
    (bundle / "bundle.json").write_text(json.dumps(meta))
    rewrite_manifest(bundle, "bundle.json")
    status, output = checker(world, bundle)
    assert status == 1 and victim["sha256"] in output and "not the message any archiving event" in output


@CHECKERS
def test_a_folder_that_is_no_bundle_is_an_error(world, checker, tmp_path):
    folder = tmp_path / "nothing"
    folder.mkdir()
    if checker is with_script:
        export(world)
        done = subprocess.run([sys.executable, "-I", str(world.root / "bundle" / "verify_bundle.py"), str(folder)],
                              capture_output=True, text=True, timeout=60, check=False)
        status, output = done.returncode, done.stderr
    else:
        status, output = checker(world, folder)
    assert status == 2 and "is not an evidence bundle" in output and "fix:" in output


def test_the_script_and_followup_report_the_same_json(world):
    bundle = export(world)
    ours = json.loads(world.cli("verify", "--bundle", str(bundle), "--json").stdout)
    done = subprocess.run([sys.executable, "-I", str(bundle / "verify_bundle.py"), "--json"], capture_output=True,
                          text=True, timeout=60, check=True)
    assert ours == json.loads(done.stdout) and ours["intact"] is True
    assert ours["anchor"] == json.loads((bundle / "bundle.json").read_text())["chain"]["anchor"]


def test_verify_bundle_needs_no_config_or_archive(world, tmp_path, monkeypatch):
    bundle = export(world)
    from conftest import Cli

    result = Cli(tmp_path / "no-such-config.toml")("verify", "--bundle", str(bundle))
    assert result.exit_code == 0, result.output


def test_the_chain_segment_runs_from_the_first_disclosed_event_to_the_archives_head(world):
    bundle = export(world)
    rows = events(bundle)
    head = world.query("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1")[0]
    first = world.query("SELECT prev_hash FROM events WHERE id = ?", (rows[0]["id"],))[0][0]
    chain = json.loads((bundle / "bundle.json").read_text())["chain"]
    assert (rows[-1]["id"], rows[-1]["hash"]) == head and chain["head"] == head[1] and chain["anchor"] == first
    assert [r["id"] for r in rows] == list(range(rows[0]["id"], head[0] + 1))  # every event in between


def test_a_legacy_event_still_verifies_in_the_archive_and_as_a_withheld_link(tmp_path):
    """Events written by followup 0.1 hashed their content directly; they must keep verifying."""
    import sqlite3

    from followup.evidence.disclosure import chain_segment
    from followup.storage.events import GENESIS, verify_chain
    from followup.storage.schema import migrate

    conn = sqlite3.connect(tmp_path / "a.sqlite3", isolation_level=None)
    migrate(conn, "2026-11-18T15:00:00+00:00")
    prev = GENESIS
    for text in ("first", "second"):
        data = json.dumps({"text": text})
        stored = legacy_hash(prev, "2026-01-01T00:00:00+00:00", "note.added", 1, None, data)
        conn.execute("INSERT INTO events (at, kind, case_id, sha256, data, prev_hash, hash) VALUES (?,?,?,?,?,?,?)",
                     ("2026-01-01T00:00:00+00:00", "note.added", 1, None, data, prev, stored))
        prev = stored
    assert verify_chain(conn) is None
    rows, ends = chain_segment(conn, {1})
    assert not rows[0].get("withheld") and rows[1]["withheld"] and rows[1]["legacy"] and "data" not in rows[1]
    check_chain(rows, ends)  # passes: the legacy link is placed, not recomputed
    rows[1]["prev_hash"] = "0" * 64
    with pytest.raises(Broken, match="prev_hash does not match"):
        check_chain(rows, ends)
