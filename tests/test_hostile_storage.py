"""Storage faults lose nothing: a full disk, a read-only or locked archive during ingest leave
the source checkpoint where it was (the message is fetched again and archived later), and a
SIGKILL during an import or a daemon pass leaves an archive that `followup verify` finds intact."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

from followup.errors import ArchiveError
from mailfactory import message
from test_delivery import T0, World, mail
from configs import maildir_source, outbox_transport


@pytest.fixture
def world(tmp_path):
    w = World(tmp_path)
    yield w
    w.daemon.close()


def checkpoint(world: World):
    row = world.daemon.archive.conn.execute("SELECT checkpoint FROM sync_state WHERE source = 'mailbox'").fetchone()
    return json.loads(row[0]) if row else None


def archived(world: World, mid: str) -> bool:
    return world.daemon.archive.conn.execute("SELECT 1 FROM messages WHERE message_id = ?", (mid,)).fetchone() is not None


def first_mail_archived(world: World) -> object:
    world.receive(mail("first@x", "Hei", date=T0))
    world.run(T0 + timedelta(minutes=1))
    assert archived(world, "first@x")
    return checkpoint(world)


def test_a_full_database_leaves_the_checkpoint_and_the_message_is_archived_later(world):
    before = first_mail_archived(world)
    conn = world.daemon.archive.conn
    (pages,) = conn.execute("PRAGMA page_count").fetchone()
    conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full
    world.receive(mail("big@x", "x" * 200_000, date=T0 + timedelta(minutes=2)))
    with pytest.raises(ArchiveError, match="full"):
        world.run(T0 + timedelta(minutes=3))
    assert checkpoint(world) == before and not archived(world, "big@x")
    conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    world.run(T0 + timedelta(minutes=4))
    assert archived(world, "big@x") and checkpoint(world) != before


def test_a_read_only_archive_leaves_the_checkpoint_and_the_message_is_archived_later(world):
    before = first_mail_archived(world)
    conn = world.daemon.archive.conn
    conn.execute("PRAGMA query_only = ON")
    world.receive(mail("second@x", "Hei igjen", date=T0 + timedelta(minutes=2)))
    with pytest.raises(ArchiveError, match="readonly|read-only"):
        world.run(T0 + timedelta(minutes=3))
    conn.execute("PRAGMA query_only = OFF")
    assert checkpoint(world) == before and not archived(world, "second@x")
    world.run(T0 + timedelta(minutes=4))
    assert archived(world, "second@x")


def hold_write_lock(path: Path, seconds: float, ready: threading.Event) -> None:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    ready.set()
    time.sleep(seconds)
    other.execute("ROLLBACK")
    other.close()


def test_a_short_write_lock_by_another_process_is_waited_out(world):
    first_mail_archived(world)
    world.receive(mail("locked@x", "Hei", date=T0 + timedelta(minutes=2)))
    ready = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(world.config.archive.path, 0.5, ready))
    holder.start()
    ready.wait()
    world.run(T0 + timedelta(minutes=3))
    holder.join()
    assert archived(world, "locked@x")


def test_a_lock_held_longer_than_the_busy_timeout_is_a_clear_error_and_the_next_pass_archives(world):
    before = first_mail_archived(world)
    world.daemon.archive.conn.execute("PRAGMA busy_timeout = 100")  # stands in for the 10 s
    world.receive(mail("locked@x", "Hei", date=T0 + timedelta(minutes=2)))
    ready = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(world.config.archive.path, 1.0, ready))
    holder.start()
    ready.wait()
    with pytest.raises(ArchiveError, match="locked"):
        world.daemon.ingest(T0 + timedelta(minutes=3))
    holder.join()
    assert checkpoint(world) == before
    world.run(T0 + timedelta(minutes=4))
    assert archived(world, "locked@x")


def test_the_archive_waits_ten_seconds_for_a_lock():
    from followup.storage.db import connect

    conn = connect(Path(":memory:"))
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000


def test_a_full_tmpfs_leaves_the_checkpoint_and_the_message_is_archived_once_space_is_freed(tmp_path):
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a small tmpfs needs root (the max_page_count test covers a full database)")
    try:
        w = World(tmp_path, archive=mount / "archive.sqlite3")
        try:
            before = first_mail_archived(w)
            filler = mount / "filler"
            with open(filler, "wb", buffering=0) as f:  # unbuffered: close() must not flush into a full disk
                try:
                    while True:
                        f.write(b"\0" * 65536)
                except OSError:
                    pass
            w.receive(mail("big@x", "x" * 500_000, date=T0 + timedelta(minutes=2)))
            with pytest.raises(ArchiveError):
                w.run(T0 + timedelta(minutes=3))
            assert checkpoint(w) == before and not archived(w, "big@x")
            filler.unlink()
            w.run(T0 + timedelta(minutes=4))
            assert archived(w, "big@x")
        finally:
            w.daemon.close()
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


# --- SIGKILL at random points ---------------------------------------------------------------

def maildir_of(root: Path, count: int) -> Path:
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    for i in range(count):
        data = message(f"Melding {i}\n" + "tekst " * 200, From="kari@acme.example", To="me@agency.example",
                       Message_ID=f"<k{i}@acme.example>", Subject=f"Sak {i % 40}").as_bytes()
        (root / "cur" / f"{i}.M{i}.host:2,S").write_bytes(data)
    return root


def followup(config: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "followup", "--config", str(config), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def killed_at_random(config: Path, args: tuple[str, ...], rng: random.Random, kills: int) -> int:
    done = 0
    for _ in range(kills):
        proc = followup(config, *args)
        time.sleep(rng.uniform(0.15, 1.2))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            done += 1
        proc.communicate()
    return done


def assert_nothing_lost_or_duplicated(config: Path, count: int) -> None:
    conn = sqlite3.connect(config.parent / "data" / "archive.sqlite3")
    try:
        (raw,) = conn.execute("SELECT count(*) FROM raw").fetchone()
        (messages,) = conn.execute("SELECT count(*) FROM messages").fetchone()
        (events,) = conn.execute("SELECT count(*) FROM events WHERE kind = 'message.archived'").fetchone()
        (distinct,) = conn.execute("SELECT count(DISTINCT sha256) FROM events WHERE kind = 'message.archived'").fetchone()
    finally:
        conn.close()
    assert raw == messages == events == distinct == count
    verify = subprocess.run([sys.executable, "-m", "followup", "--config", str(config), "verify"], capture_output=True)
    assert verify.returncode == 0, verify.stdout + verify.stderr


@pytest.mark.integration
def test_sigkill_during_an_import_then_importing_again_loses_and_duplicates_nothing(tmp_path, make_config):
    make_config(sources=[maildir_source("mail")], transport=outbox_transport("outbox"))
    box = maildir_of(tmp_path / "import", 4000)
    rng = random.Random(8)
    assert killed_at_random(tmp_path / "config.toml", ("import", str(box)), rng, kills=3) >= 1
    final = followup(tmp_path / "config.toml", "import", "--json", str(box))
    out, err = final.communicate()
    assert final.returncode == 0, err
    assert_nothing_lost_or_duplicated(tmp_path / "config.toml", 4000)


@pytest.mark.integration
def test_sigkill_during_a_daemon_pass_then_a_restart_loses_and_duplicates_nothing(tmp_path, make_config):
    make_config(sources=[maildir_source("mail")], transport=outbox_transport("outbox"))
    maildir_of(tmp_path / "mail", 4000)
    rng = random.Random(9)
    assert killed_at_random(tmp_path / "config.toml", ("run", "--once"), rng, kills=3) >= 1
    final = followup(tmp_path / "config.toml", "run", "--once")
    _, err = final.communicate()
    assert final.returncode == 0, err
    assert_nothing_lost_or_duplicated(tmp_path / "config.toml", 4000)
