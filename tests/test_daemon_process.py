"""`followup run` as a real process: it starts, works, reloads, refuses a twin, stops on SIGTERM."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO
from mailfactory import message

pytestmark = pytest.mark.integration


def wait_for(predicate, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copy(REPO / "config.example.toml", tmp_path / "config.toml")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    return tmp_path


def start(site: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "followup", "--config", str(site / "config.toml"), "run", "--interval", "1", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=site,
    )


def outbox_files(site: Path) -> list[Path]:
    new = site / "outbox" / "new"
    return list(new.iterdir()) if new.is_dir() else []


def test_it_works_then_stops_cleanly_on_sigterm(site):
    proc = start(site)
    try:
        assert wait_for(lambda: len(outbox_files(site)) >= 1), "no update written"
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert "followup stopped" in err


def test_mail_delivered_while_it_runs_is_archived(site):
    proc = start(site)
    try:
        assert wait_for(lambda: len(outbox_files(site)) >= 1)
        raw = message("Hei igjen, noe nytt?", From="kari.nordmann@acme.example", To="me@agency.example",
                      Subject="SV: Kvartalsrapport Q3", Message_ID="<late@acme.example>",
                      In_Reply_To="<q3-5@acme.example>", References="<q3-1@agency.example> <q3-5@acme.example>").as_bytes()
        (site / "examples" / "mail" / "new" / "9999999999.M1P1.test").write_bytes(raw)
        grep = lambda: subprocess.run(  # noqa: E731
            [sys.executable, "-m", "followup", "--config", str(site / "config.toml"), "grep", "-F", "noe nytt"],
            capture_output=True, text=True).returncode == 0
        assert wait_for(grep), "the new message was not archived"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=10)


def test_a_second_daemon_on_the_same_archive_is_refused_naming_the_first(site):
    first = start(site)
    try:
        assert wait_for(lambda: (site / "data" / "archive.sqlite3.lock").exists())
        assert wait_for(lambda: (site / "data" / "archive.sqlite3.lock").read_text().strip() == str(first.pid))
        second = start(site)
        _, err = second.communicate(timeout=20)
        assert second.returncode == 2 and f"pid {first.pid}" in err
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=10)


def test_sighup_with_a_broken_config_keeps_the_old_one_and_says_why(site):
    proc = start(site)
    try:
        assert wait_for(lambda: len(outbox_files(site)) >= 1)
        config = site / "config.toml"
        config.write_text(config.read_text() + "\n[bogus]\nx = 1\n")
        proc.send_signal(signal.SIGHUP)
        time.sleep(1.5)
        assert proc.poll() is None, "the daemon died on a bad reload"
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=10)
    assert "the new config is not used" in err and "bogus" in err and proc.returncode == 0


def test_sighup_with_a_good_config_reloads(site):
    proc = start(site)
    try:
        assert wait_for(lambda: len(outbox_files(site)) >= 1)
        proc.send_signal(signal.SIGHUP)
        time.sleep(1.5)
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=10)
    assert "config reloaded" in err


def test_json_logs_are_one_object_per_line(site):
    proc = start(site, "--log-format", "json")
    try:
        assert wait_for(lambda: len(outbox_files(site)) >= 1)
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=10)
    import json

    lines = [json.loads(line) for line in err.splitlines() if line.strip()]
    assert lines and all({"time", "level", "logger", "message"} <= set(line) for line in lines)
