"""Secrets never leak: a recognisable fake password given through password_env to an IMAP
source and an SMTP transport (both on closed ports) appears in no log line, error, status
output, archive byte or export; archive, lock and export files are private to the owner."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from configs import config_toml, imap_source, maildir_source, smtp_transport
from mailfactory import message

SECRET = "Fake-S3cret-Hunter2-0xC0FFEE"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when we return


def site(tmp_path: Path) -> Path:
    imap_port, smtp_port = closed_port(), closed_port()
    (tmp_path / "mail" / "cur").mkdir(parents=True)
    for sub in ("new", "tmp"):
        (tmp_path / "mail" / sub).mkdir()
    (tmp_path / "mail" / "cur" / "1:2,S").write_bytes(message(
        "Hvor er rapporten?\n", From="kari@acme.example", To="me@agency.example", Message_ID="<s1@acme.example>").as_bytes())
    secret = {"username": "me@agency.example", "password_env": "FOLLOWUP_TEST_SECRET"}
    (tmp_path / "config.toml").write_text(config_toml(
        sources=[maildir_source("mail"), imap_source("127.0.0.1", imap_port, tls="implicit", **secret)],
        transport=smtp_transport(port=smtp_port, tls="implicit", **secret),
    ))
    return tmp_path / "config.toml"


def followup(config: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FOLLOWUP_TEST_SECRET": SECRET}
    return subprocess.run([sys.executable, "-m", "followup", "--config", str(config), *args],
                          capture_output=True, env=env, timeout=120)


@pytest.fixture
def ran(tmp_path) -> tuple[Path, list[bytes]]:
    config = site(tmp_path)
    outputs = []
    for args in (("run", "--once"), ("run", "--once", "--json"), ("status",), ("status", "--json"),
                 ("outbox", "--json"), ("quarantine", "--json"), ("verify",), ("export", "acme.example", "--to",
                                                                                  str(tmp_path / "bundle"))):
        done = followup(config, *args)
        outputs += [done.stdout, done.stderr]
    return tmp_path, outputs


@pytest.mark.integration
def test_the_secret_is_in_no_output_of_any_command(ran):
    _, outputs = ran
    assert b"refused" in b"".join(outputs) or b"connect" in b"".join(outputs).lower()  # the servers were tried
    assert not [o for o in outputs if SECRET.encode() in o]


@pytest.mark.integration
def test_the_secret_is_in_no_file_followup_wrote(ran):
    root, _ = ran
    leaked = [p for p in root.rglob("*") if p.is_file() and p.name != "config.toml" and SECRET.encode() in p.read_bytes()]
    assert leaked == []


@pytest.mark.integration
def test_archive_lock_and_bundle_files_are_private(ran):
    root, _ = ran
    data = root / "data"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for path in data.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert (data / "archive.sqlite3.lock").exists()
    bundle = root / "bundle"
    assert stat.S_IMODE(bundle.stat().st_mode) == 0o700
    for path in bundle.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path
