"""`followup import`: every message from every kind of path is accounted for, once."""

from __future__ import annotations

import hashlib
import json
import mailbox
import sqlite3
import stat
from pathlib import Path

import pytest

from conftest import corpora_dir
from followup.storage.raw import unpack
from mailfactory import message


def eml(mid: str, body: str = "Hello\n") -> bytes:
    return message(body, Message_ID=f"<{mid}>", From="kari@acme.example", To="me@agency.example").as_bytes()


def maildir(path, *raws: bytes):
    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    for i, raw in enumerate(raws):
        (path / ("new" if i % 2 else "cur") / f"{i}.M{i}.host:2,S").write_bytes(raw)
    return path


def archive_rows(cli, sql):
    config_dir = cli.config.parent
    conn = sqlite3.connect(config_dir / "data" / "archive.sqlite3")
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_maildir_imports_cur_and_new_but_not_tmp(cli, tmp_path):
    box = maildir(tmp_path / "box", eml("a@x"), eml("b@x"), eml("c@x"))
    (box / "tmp" / "partial").write_bytes(b"half a deliv")
    assert cli.json("import", str(box)) == {"files": 3, "messages": 3, "new": 3, "duplicate": 0, "quarantined": 0, "unreadable": 0}


def test_an_mbox_file_imports_each_message(cli, tmp_path):
    box = mailbox.mbox(tmp_path / "export.mbox")
    for mid in ("a@x", "b@x", "c@x"):
        box.add(eml(mid))
    box.close()
    counts = cli.json("import", str(tmp_path / "export.mbox"))
    assert (counts["files"], counts["messages"], counts["new"]) == (1, 3, 3)


def test_a_maildir_file_with_an_envelope_line_and_an_unescaped_from_line_is_one_message(cli, tmp_path):
    # a Maildir holds one message per file: it is never read as an mbox, whatever it starts with
    data = b"From kari@acme.example Mon Nov 23 09:00:00 2026\n" + eml("a@x", body="Hi,\nFrom now on we ship weekly.\n")
    assert b"\nFrom now" in data
    box = maildir(tmp_path / "box", data)
    assert cli.json("import", str(box))["messages"] == 1
    assert cli("cat", hashlib.sha256(data).hexdigest()[:12]).stdout_bytes == data


def test_a_single_eml_file_imports(cli, tmp_path):
    (tmp_path / "one.eml").write_bytes(eml("a@x"))
    assert cli.json("import", str(tmp_path / "one.eml"))["new"] == 1


def test_a_folder_is_searched_recursively_and_hidden_files_are_skipped(cli, tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.eml").write_bytes(eml("a@x"))
    (tmp_path / "a" / "b" / "two.eml").write_bytes(eml("b@x"))
    (tmp_path / "a" / ".DS_Store").write_bytes(b"\0\0junk")
    assert cli.json("import", str(tmp_path / "a"))["new"] == 2


def test_importing_again_reports_every_message_as_duplicate(cli, tmp_path):
    box = maildir(tmp_path / "box", eml("a@x"), eml("b@x"))
    cli("import", str(box))
    again = cli.json("import", str(box))
    assert (again["new"], again["duplicate"]) == (0, 2)


def test_counts_add_up_new_plus_duplicate_plus_quarantined(cli, tmp_path):
    box = maildir(tmp_path / "box", eml("a@x"), eml("a@x"), b"not an email at all", eml("b@x"))
    counts = cli.json("import", str(box))
    assert counts["new"] + counts["duplicate"] + counts["quarantined"] == counts["messages"] == 4
    assert (counts["new"], counts["duplicate"], counts["quarantined"]) == (2, 1, 1)


def test_quarantined_messages_are_listed_with_their_reason_and_kept_raw(cli, tmp_path):
    box = maildir(tmp_path / "box", b"not an email at all")
    cli("import", str(box))
    (entry,) = cli.json_lines("quarantine")
    assert entry["reason"] and entry["location"].endswith(":2,S")
    assert cli("cat", entry["sha256"][:12]).stdout_bytes == b"not an email at all"


def test_cat_prints_the_exact_archived_bytes(cli, tmp_path):
    raw = eml("a@x", "Vi sender rapporten innen fredag.\n")
    (tmp_path / "one.eml").write_bytes(raw)
    cli("import", str(tmp_path / "one.eml"))
    assert cli("cat", hashlib.sha256(raw).hexdigest()[:8]).stdout_bytes == raw


def test_an_unreadable_file_is_reported_and_the_rest_imported(cli, tmp_path):
    box = maildir(tmp_path / "box", eml("a@x"))
    (box / "cur" / "gone:2,S").symlink_to(tmp_path / "moved-away")  # as when a mail client moves it mid-import
    result = cli("import", "--json", str(box))
    counts = json.loads(result.stdout)
    assert (counts["new"], counts["unreadable"]) == (1, 1)
    assert "gone:2,S" in result.stderr


def test_a_missing_path_is_an_error_naming_it(cli, tmp_path):
    result = cli("import", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "nowhere" in result.stderr


def test_init_writes_a_private_config_that_imports(tmp_path):
    from click.testing import CliRunner

    from followup.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["init", str(tmp_path / "conf"), "--owner", "me@agency.example"])
    assert result.exit_code == 0, result.output
    config = tmp_path / "conf" / "config.toml"
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    (tmp_path / "one.eml").write_bytes(eml("a@x"))
    result = runner.invoke(main, ["--config", str(config), "import", "--json", str(tmp_path / "one.eml")])
    assert json.loads(result.stdout)["new"] == 1
    assert runner.invoke(main, ["init", str(tmp_path / "conf")]).exit_code == 2  # never overwrites


@pytest.mark.corpora
def test_every_corpus_message_is_archived_or_quarantined_and_hashes_verify(cli):
    corpora = corpora_dir()
    if corpora is None:
        pytest.skip("../shared/corpora not found (set FOLLOWUP_CORPORA to run this)")
    folders = sorted(str(p) for p in corpora.iterdir() if p.is_dir())
    first = cli.json("import", *folders)
    assert first["new"] + first["duplicate"] + first["quarantined"] == first["messages"] >= 14000
    again = cli.json("import", *folders)
    assert again["duplicate"] == again["messages"] == first["messages"]
    for sha, blob, codec in archive_rows(cli, "SELECT sha256, bytes, codec FROM raw"):
        assert hashlib.sha256(unpack(blob, codec)).hexdigest() == sha
    stored = archive_rows(cli, "SELECT (SELECT count(*) FROM messages) + (SELECT count(*) FROM quarantine), count(*) FROM raw")
    assert stored[0][0] == stored[0][1]


def test_a_file_directly_in_the_current_folder_keeps_the_location_earlier_versions_recorded(tmp_path, monkeypatch):
    from followup.sources import files

    (tmp_path / "one.eml").write_bytes(message("Hello\n").as_bytes())
    monkeypatch.chdir(tmp_path)
    assert [m.location for m in files.read(files.plan([Path(".")]), [])] == ["one.eml"]
