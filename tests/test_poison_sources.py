"""A stuck source is impossible and visible: a message that cannot be read is retried, then
quarantined after three attempts and the checkpoint moves past it; a failing source backs off
while the others and the send pass go on; `followup status` names its error; `run --once` on
a missing Maildir exits 2 with one line."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from followup.config import load_config
from followup.errors import SourceError
from followup.runtime.passes import Daemon
from followup.sources import open_sources
from followup.sources.base import Source
from followup.sources.memory import MemorySource
from followup.transports.memory import MemoryTransport
from mailfactory import message

NOW = datetime(2026, 11, 16, 12, 0, tzinfo=timezone.utc)
REPO = Path(__file__).resolve().parents[1]


def good(n: int) -> bytes:
    return message(f"Good mail {n}\n", Message_ID=f"<good{n}@acme.example>", From="kari@acme.example",
                   To="me@agency.example").as_bytes()


def rows(config_dir: Path, sql: str) -> list:
    conn = sqlite3.connect(config_dir / "data" / "archive.sqlite3")
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def maildir_with_unreadable_message(tmp_path):
    box = tmp_path / "mail"
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True, exist_ok=True)
    (box / "cur" / "1.a:2,S").write_bytes(good(1))
    os.symlink("2.loop:2,S", box / "cur" / "2.loop:2,S")  # cannot be read, even by root
    (box / "cur" / "3.c:2,S").write_bytes(good(3))
    return box


def one_pass(config_file: Path, at: datetime, daemon: Daemon | None = None):
    config = load_config(config_file)
    own = daemon is None
    daemon = daemon or Daemon(config, transport=MemoryTransport(), sources=open_sources(config))
    try:
        return daemon.run_once(at)
    finally:
        if own:
            daemon.close()


def test_an_unreadable_message_keeps_the_checkpoint_and_the_good_ones_are_archived(
        cli, config_file, tmp_path, maildir_with_unreadable_message):
    report = one_pass(config_file, NOW)
    assert "could not be read" in report.source_errors["local"] and "attempt 1 of 3" in report.source_errors["local"]
    assert report.archived == 2 == len(rows(tmp_path, "SELECT 1 FROM messages"))
    assert rows(tmp_path, "SELECT checkpoint FROM sync_state") == [("null",)]


def test_status_shows_the_failing_source_in_one_line_and_exits_1(cli, config_file, maildir_with_unreadable_message):
    one_pass(config_file, NOW)
    result = cli("status")
    assert result.exit_code == 1
    [line] = [line for line in result.stdout.splitlines() if line.startswith("  source local")]
    assert "failing" in line and "2.loop:2,S: cannot read" in line


def test_after_three_attempts_the_message_is_quarantined_and_the_checkpoint_moves_on(
        cli, config_file, tmp_path, maildir_with_unreadable_message):
    for hour in range(3):
        report = one_pass(config_file, NOW + timedelta(hours=hour))
    assert report.source_errors == {}
    assert rows(tmp_path, "SELECT checkpoint != 'null', last_error FROM sync_state") == [(1, None)]
    listed = cli("quarantine", "--json").stdout
    assert "unreadable after 3 attempts" in listed and "2.loop:2,S" in listed
    assert "failing" not in cli("status").stdout  # (stale: these passes ran at a fixed time in the past)
    one_pass(config_file, NOW + timedelta(hours=4))  # a fourth pass records nothing more
    assert len(rows(tmp_path, "SELECT 1 FROM events WHERE kind = 'message.unreadable'")) == 3


class Broken(Source):
    """A source whose server keeps failing (or whose code has a bug)."""

    def __init__(self, name: str, error: Exception):
        self.name, self.error, self.calls = name, error, 0

    def fetch(self, checkpoint):
        self.calls += 1
        raise self.error


def daemon_with(config_file: Path, *sources: Source) -> Daemon:
    return Daemon(load_config(config_file), transport=MemoryTransport(), sources=list(sources))


@pytest.mark.parametrize("error", [SourceError("imap.example: connection refused (fix: check the host)"),
                                   RuntimeError("a bug in a source")], ids=["source-error", "bug"])
def test_a_failing_source_does_not_stop_the_other_sources_or_the_passes(config_file, tmp_path, error):
    broken, mailbox = Broken("broken", error), MemorySource("mailbox")
    mailbox.deliver(good(1), "INBOX")
    daemon = daemon_with(config_file, broken, mailbox)
    try:
        report = daemon.run_once(NOW)
    finally:
        daemon.close()
    assert report.archived == 1 and set(report.source_errors) == {"broken"}
    assert rows(tmp_path, "SELECT source, last_error IS NOT NULL FROM sync_state ORDER BY source") == [
        ("broken", 1), ("mailbox", 0)]


def test_a_failing_source_is_retried_with_backoff(config_file):
    broken = Broken("broken", SourceError("down (fix: wait)"))
    daemon = daemon_with(config_file, broken)
    try:
        daemon.ingest(NOW)
        daemon.ingest(NOW + timedelta(seconds=5))  # inside the first backoff: not tried
        assert broken.calls == 1
        daemon.ingest(NOW + timedelta(seconds=16))
        daemon.ingest(NOW + timedelta(seconds=30))  # the second backoff is twice as long
        assert broken.calls == 2
        daemon.ingest(NOW + timedelta(seconds=47))
        assert broken.calls == 3
    finally:
        daemon.close()


def test_run_once_on_a_missing_maildir_exits_2_with_one_line(config_file):
    os.rmdir(config_file.parent / "mail")
    result = subprocess.run([sys.executable, "-m", "followup", "--config", str(config_file), "run", "--once"],
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO / "daemon")})
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("followup: error: source local:") and "no such Maildir (fix:" in line
