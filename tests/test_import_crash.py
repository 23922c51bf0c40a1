"""A bulk import killed with SIGKILL loses nothing it committed, and importing again completes it.

The import syncs rarely (a large WAL between checkpoints, one durable end): a killed
process must still leave a sound archive holding every committed window.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mailfactory import message

pytestmark = pytest.mark.integration

N = 5000


def _maildir(path: Path) -> Path:
    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True)
    filler = "We will send the revised invoice by Friday, as promised on the call.\n" * 20
    for i in range(N):
        raw = message(f"Message number {i}, word marker{i}x.\n{filler}", Message_ID=f"<m{i}@acme.example>",
                      From="kari@acme.example", To="me@agency.example", Subject=f"Invoice {i}").as_bytes()
        (path / "cur" / f"{i}.M{i}.host:2,S").write_bytes(raw)
    return path


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM messages").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created yet, or the schema is being written
        return 0


def _import(config: Path, box: Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "followup", "--config", str(config), "import", "--json", str(box)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def test_a_killed_import_keeps_what_it_committed_and_a_second_import_completes_it(config_file, tmp_path):
    box = _maildir(tmp_path / "box")
    db = config_file.parent / "data" / "archive.sqlite3"
    proc = _import(config_file, box, start_new_session=True)
    seen = 0
    deadline = time.monotonic() + 120
    while seen == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
        seen = _count(db)
    os.killpg(proc.pid, signal.SIGKILL)  # the parser workers too
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the import finished before it could be killed"

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = conn.execute("SELECT count(*) FROM messages").fetchone()[0]
        assert seen <= kept < N
        orphans = conn.execute("SELECT count(*) FROM messages m LEFT JOIN raw r USING (sha256)"
                               " WHERE r.sha256 IS NULL").fetchone()[0]
        assert orphans == 0
    finally:
        conn.close()

    again = _import(config_file, box)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    counts = json.loads(out.strip().splitlines()[-1])
    assert (counts["new"], counts["duplicate"], counts["quarantined"]) == (N - kept, kept, 0)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(DISTINCT message_id) FROM messages").fetchone()[0] == N
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_after_a_completed_import_the_archive_needs_no_write_ahead_log(config_file, tmp_path):
    box = tmp_path / "small"
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True)
    for i in range(20):
        (box / "cur" / f"{i}.M{i}.host:2,S").write_bytes(
            message(f"hello {i}\n", Message_ID=f"<s{i}@acme.example>", From="kari@acme.example").as_bytes())
    done = _import(config_file, box)
    out, err = done.communicate(timeout=120)
    assert done.returncode == 0, err
    wal = config_file.parent / "data" / "archive.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed: the durable end
