"""`followup export`: the evidence bundle holds every message byte-for-byte (as .eml and in
one mboxrd file), the promise ledger, the events chain and a report, and its manifest checks
with the real `sha256sum -c`."""

from __future__ import annotations

import csv
import hashlib
import json
import mailbox
import re
import shutil
import stat
import subprocess
from pathlib import Path

import evidence_archive
import pytest
from evidence_archive import CALL, FIX, SHIP
from followup.storage.events import event_hash
from followup.storage.raw import unpack
from followup.evidence.formats import mboxrd_entry
from hypothesis import given, settings
from hypothesis import strategies as st

built_archive, world = evidence_archive.built_archive, evidence_archive.world  # the shared fixtures

ACME_THREAD = {"a1@acme.example", "a2@agency.example", "a3@agency.example", "a4@agency.example"}


def export(world, target: str, *extra: str) -> Path:
    bundle = world.root / "bundle"
    result = world.cli("export", target, "--to", str(bundle), *extra)
    assert result.exit_code == 0, result.output
    return bundle


def raw_by_sha(world) -> dict[str, bytes]:
    return {sha: unpack(blob, codec) for sha, blob, codec in world.query("SELECT sha256, bytes, codec FROM raw")}


def unescape_mboxrd(data: bytes) -> bytes:
    return re.sub(rb"(?m)^>(>*From )", rb"\1", data)


def test_an_internal_bundle_holds_every_message_of_the_client_and_its_case_exactly(world):
    bundle = export(world, "acme", "--audience", "internal")
    raw = raw_by_sha(world)
    expected = {sha for (sha,) in world.query(
        "SELECT sha256 FROM messages WHERE client = 'acme' OR thread_id = (SELECT thread_id FROM cases WHERE id = 1)")}
    files = sorted((bundle / "messages").iterdir())
    assert {f.name.split("_")[1][:-4] for f in files} == {sha[:12] for sha in expected}
    for f in files:
        data = f.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        assert sha in expected and sha.startswith(f.name.split("_")[1][:-4]) and raw[sha] == data


def test_message_files_are_named_by_utc_date_and_hash_prefix(world):
    bundle = export(world, "acme")
    names = sorted(f.name for f in (bundle / "messages").iterdir())
    assert names[0] == f"20261116T080000Z_{world.sha_of('a1@acme.example')[:12]}.eml"
    assert all(re.fullmatch(r"\d{8}T\d{6}Z_[0-9a-f]{12}\.eml", n) for n in names)


def test_another_clients_message_stays_out_of_the_bundle(world):
    bundle = export(world, "acme")
    other = world.sha_of("g1@globex.example")[:12]
    assert not any(other in f.name for f in (bundle / "messages").iterdir())
    assert other not in (bundle / "report.html").read_text(encoding="utf-8")


def test_an_internal_case_bundle_holds_the_threads_messages(world):
    bundle = export(world, "1", "--audience", "internal")
    shas = {world.sha_of(mid)[:12] for mid in ACME_THREAD}
    names = {f.name.split("_")[1][:-4] for f in (bundle / "messages").iterdir()}
    assert shas <= names and len(names) == 5  # the thread and the update followup sent into it


def test_the_mbox_gives_back_every_messages_exact_bytes(world):
    bundle = export(world, "acme")
    emls = [f.read_bytes() for f in sorted((bundle / "messages").iterdir())]
    box = mailbox.mbox(bundle / "messages.mbox", create=False)
    try:
        parsed = [unescape_mboxrd(box.get_bytes(key)) for key in box.keys()]
    finally:
        box.close()
    assert parsed == emls
    assert any(b"\nFrom now on" in eml for eml in emls)  # the quoting was exercised
    assert b"\n>From now on" in (bundle / "messages.mbox").read_bytes()
    assert b"\n>>From the minutes" in (bundle / "messages.mbox").read_bytes()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from([b"From ", b">From ", b">>From x", b"From", b"text", b" From ", b"\r", b""]),
                         max_size=6).map(b"".join), min_size=1, max_size=8).map(lambda lines: b"\n".join(lines) + b"\n"))
def test_mboxrd_entries_round_trip_through_the_stdlib_mailbox(tmp_path_factory, body):
    raw = b"Subject: x\n\n" + body
    path = tmp_path_factory.mktemp("mbox") / "m.mbox"
    path.write_bytes(mboxrd_entry(raw, "a@b.example", None) * 2)
    box = mailbox.mbox(path, create=False)
    try:
        assert [unescape_mboxrd(box.get_bytes(k)) for k in box.keys()] == [raw, raw]
    finally:
        box.close()


def test_the_manifest_checks_with_sha256sum_and_covers_every_file(world):
    if shutil.which("sha256sum") is None:
        pytest.skip("sha256sum (coreutils) is not installed")
    bundle = export(world, "acme")
    check = subprocess.run(["sha256sum", "--strict", "-c", "MANIFEST.sha256"], cwd=bundle, check=False,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    listed = {line.split("  ", 1)[1] for line in (bundle / "MANIFEST.sha256").read_text().splitlines()}
    on_disk = {str(p.relative_to(bundle)) for p in bundle.rglob("*") if p.is_file()} - {"MANIFEST.sha256"}
    assert listed == on_disk


def test_a_changed_file_fails_the_manifest_check(world):
    if shutil.which("sha256sum") is None:
        pytest.skip("sha256sum (coreutils) is not installed")
    bundle = export(world, "acme")
    (bundle / "promises.csv").write_text("id\n")
    check = subprocess.run(["sha256sum", "-c", "MANIFEST.sha256"], cwd=bundle, capture_output=True, text=True,
                           check=False)
    assert check.returncode == 1 and "promises.csv: FAILED" in check.stdout


def test_promises_are_in_csv_and_json_with_their_states_and_evidence_files(world):
    bundle = export(world, "acme")
    as_json = json.loads((bundle / "promises.json").read_text(encoding="utf-8"))
    with open(bundle / "promises.csv", newline="", encoding="utf-8") as f:
        as_csv = list(csv.DictReader(f))
    assert {p["quote"]: p["state"] for p in as_json} == {SHIP: "kept", FIX: "broken", CALL: "open"}
    assert [r["quote"] for r in as_csv] == [p["quote"] for p in as_json]
    call = next(p for p in as_json if p["quote"] == CALL)
    assert call["overdue"] is False  # it was late, and has an honest new date
    assert [(r["due_to"][:10], r["by"], r["reason"]) for r in call["reschedules"]] == [
        ("2026-11-25", "me@agency.example", "the figures need a second look")]
    assert call["first_due_at"] == call["reschedules"][0]["due_from"] < call["due_at"]
    for p in as_json:
        assert (bundle / p["eml"]).read_bytes().find(p["quote"].encode()) > 0


def test_the_disclosed_events_are_the_stored_chain_rows_and_their_hashes_recompute(world):
    bundle = export(world, "acme", "--audience", "internal")
    rows = [json.loads(line) for line in (bundle / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    stored = {r[0]: r[1:] for r in world.query("SELECT id, at, kind, case_id, sha256, data, prev_hash, hash FROM events")}
    disclosed = [r for r in rows if not r.get("withheld")]
    assert {"message.archived", "case.opened", "promise.recorded", "promise.kept", "promise.broken",
            "update.sent", "case.cadence"} <= {r["kind"] for r in disclosed}
    for r in disclosed:
        assert (r["at"], r["kind"], r["case_id"], r["sha256"], r["data"], r["prev_hash"], r["hash"]) == stored[r["id"]]
        assert event_hash(r["prev_hash"], r["at"], r["kind"], r["case_id"], r["sha256"], r["data"]) == r["hash"]
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)


def test_bundle_files_are_private_to_the_owner(world):
    bundle = export(world, "acme")
    for path in [bundle, *bundle.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path


def test_a_non_empty_folder_is_refused_unless_forced(world):
    target = world.root / "bundle"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    refused = world.cli("export", "acme", "--to", str(target))
    assert refused.exit_code == 2 and "not empty" in refused.stderr and "--force" in refused.stderr
    assert world.cli("export", "acme", "--to", str(target), "--force").exit_code == 0
    assert (target / "keep.txt").read_text() == "mine" and (target / "report.html").exists()


def test_forcing_over_a_previous_bundle_replaces_its_files(world):
    bundle = export(world, "acme")
    export(world, "1", "--force")
    listed = (bundle / "MANIFEST.sha256").read_text().splitlines()
    assert len(listed) == len([p for p in bundle.rglob("*") if p.is_file()]) - 1


def test_unknown_client_or_case_is_an_error_naming_the_fix(world):
    client = world.cli("export", "initech", "--to", str(world.root / "b1"))
    assert client.exit_code == 2 and "acme, globex" in client.stderr and "followup cases" in client.stderr
    case = world.cli("export", "42", "--to", str(world.root / "b2"))
    assert case.exit_code == 2 and "no case 42" in case.stderr
    assert not (world.root / "b1").exists() and not (world.root / "b2").exists()


def test_export_refuses_to_carry_altered_bytes(world):
    sha = world.sha_of("a1@acme.example")
    world.tamper(("UPDATE raw SET bytes = CAST('forged' AS BLOB) WHERE sha256 = ?", (sha,)))
    result = world.cli("export", "acme", "--to", str(world.root / "bundle"))
    assert result.exit_code == 2 and sha in result.stderr and "followup verify" in result.stderr


def test_the_json_summary_counts_the_bundle(world):
    result = world.cli("export", "acme", "--to", str(world.root / "bundle"), "--json")
    summary = json.loads(result.stdout)
    assert (summary["target"], summary["cases"], summary["messages"], summary["promises"], summary["updates"]) == \
        ("client acme", 1, 4, 3, 1)  # the owner's own #slipup mail is not in a client bundle
    assert summary["audience"] == "client" and len(summary["anchor"]) == len(summary["head"]) == 64


def test_the_report_escapes_message_text(world):
    html = (export(world, "acme") / "report.html").read_text(encoding="utf-8")
    assert "&gt;From the minutes: &lt;b&gt;urgent&lt;/b&gt;" in html and "<b>urgent" not in html


def test_an_export_scope_names_one_thread_or_one_client_never_both():
    from followup.storage.exports import Scope

    with pytest.raises(ValueError, match="not both"):
        Scope(thread_id=1, client="acme")
