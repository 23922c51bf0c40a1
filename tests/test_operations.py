"""followup run --once, status and outbox through the CLI, on a copy of the bundled example."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import REPO, Cli

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def cli(tmp_path: Path, monkeypatch) -> Cli:
    monkeypatch.setattr("followup.clock.utcnow", lambda: NOW)
    shutil.copy(REPO / "config.example.toml", tmp_path / "config.toml")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    return Cli(tmp_path / "config.toml")


def db(cli: Cli) -> sqlite3.Connection:
    return sqlite3.connect(cli.config.parent / "data" / "archive.sqlite3", isolation_level=None)


def test_one_daemon_pass_on_the_example_opens_the_case_and_writes_the_update_to_the_outbox(cli):
    report = cli.json("run", "--once")
    assert (report["archived"], report["cases_opened"], report["promises"]) == (7, 1, 3)
    written = list((cli.config.parent / "outbox" / "new").iterdir())
    assert len(written) == report["sent"] == 2  # the client's acknowledgement and the owner's digest
    assert any(b"Hei Kari" in f.read_bytes() for f in written)


def test_a_second_pass_sends_nothing(cli):
    cli("run", "--once")
    again = cli.json("run", "--once")
    assert (again["archived"], again["queued"], again["sent"]) == (0, 0, 0)


def test_status_is_healthy_after_a_pass_and_exits_0(cli):
    cli("run", "--once")
    result = cli("status", "--json")
    assert result.exit_code == 0
    report = cli.json("status")
    assert report["healthy"] and report["cases_open"] == 1 and report["outbox"]["sent"] == 2


def test_status_exits_1_naming_a_failing_source(cli):
    shutil.rmtree(cli.config.parent / "examples" / "mail")
    cli("run", "--once")
    result = cli("status")
    assert result.exit_code == 1 and "source local: failing" in result.stdout


def test_a_failed_mail_makes_status_unhealthy_until_retried_and_sent(cli):
    cli("run", "--once")
    db(cli).execute("UPDATE outbox SET state = 'failed', last_error = 'refused' WHERE kind = 'ack'")
    assert cli("status").exit_code == 1
    (entry,) = cli.json_lines("outbox", "--state", "failed")
    assert cli("outbox", "retry", str(entry["id"]), "--as", "me@agency.example").exit_code == 0
    cli("run", "--once")
    assert cli("status").exit_code == 0 and cli.json("status")["outbox"]["sent"] == 2


def test_retrying_a_mail_that_did_not_fail_is_refused(cli):
    cli("run", "--once")
    (entry, *_) = cli.json_lines("outbox")
    result = cli("outbox", "retry", str(entry["id"]), "--as", "me@agency.example")
    assert result.exit_code == 2 and "not failed" in result.stderr
