"""The whole daemon against a real Dovecot, the rest of issue 5: a thread tagged by moving
a message into the `slipup` folder or by an owner's `#slipup` note in Sent; the server
killed and restarted while the daemon's loop IDLEs (nothing lost, nothing duplicated, no
busy loop); a 1,000-message first sync; and what `followup status` says after
`followup run --once` meets a wrong password or a certificate it cannot trust."""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import Cli
from dovecot import Dovecot, dovecot, imap_env  # noqa: F401 - `dovecot` is a fixture
from followup.config import config_from_mapping
from followup.runtime.loop import Loop
from followup.runtime.passes import Daemon, open_transport_for
from followup.sources.imap import ImapSource
from mailfactory import message
from configs import as_toml, config_mapping, outbox_transport
from dovecot import alice_source

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
OWNER = "ann@ourfirm.example"
PASSWORD_VARIABLE = "FOLLOWUP_TEST_IMAP_PASSWORD"


def settings(server: Dovecot, archive: Path, **source) -> dict:
    """A config mapping: alice's mailbox on `server`, updates written to a local outbox."""
    return config_mapping(archive=archive, owners=[OWNER], defaults={"send_window": "always", "timezone": "Europe/Oslo"},
                          sources=[alice_source(server, **source)],
                          transport=outbox_transport(archive.parent / "outbox", sender=OWNER))


def daemon_for(server: Dovecot, tmp_path: Path) -> Daemon:
    config = config_from_mapping(settings(server, tmp_path / "archive.sqlite3"), file=tmp_path / "config.toml")
    source = ImapSource(config.sources[0], env=imap_env(server), ssl_context=server.trusting_context())
    return Daemon(config, transport=open_transport_for(config), sources=[source])


@pytest.fixture
def daemon(dovecot, tmp_path):  # noqa: F811
    running = daemon_for(dovecot, tmp_path)
    yield running
    running.close()


@pytest.fixture
def admin(dovecot):  # noqa: F811
    conn = dovecot.client()
    yield conn
    try:
        conn.logout()
    except Exception:  # noqa: BLE001 - some tests restart the server under it
        conn.shutdown()


def complaint(n: int = 1, **headers: str) -> bytes:
    fields = {"From": "Bob Client <bob@client.example>", "To": OWNER, "Subject": f"Order {n}",
              "Message_ID": f"<c{n}@client.example>", "Date": "Mon, 16 Nov 2026 09:00:00 +0000", **headers}
    return message(f"Where is order {n}?\n", **fields).as_bytes()


def cases(daemon: Daemon) -> list[tuple[str, str]]:
    return daemon.archive.conn.execute("SELECT subject, opened_via FROM cases ORDER BY id").fetchall()


def uid_of(admin, folder: str, message_id: str) -> int:
    admin.select_folder(folder)
    (uid,) = admin.search(["HEADER", "Message-ID", message_id])
    return uid


# -- tagging by folder and by note ------------------------------------------------------

def test_a_message_moved_into_the_tag_folder_before_the_pass_opens_a_case(daemon, admin):
    admin.create_folder("slipup")
    admin.append("INBOX", complaint(1))
    admin.move([uid_of(admin, "INBOX", "<c1@client.example>")], "slipup")
    report = daemon.run_once(NOW)
    assert report.cases_opened == 1 and cases(daemon) == [("Order 1", "folder")]


def test_an_archived_message_moved_into_the_tag_folder_opens_a_case(daemon, admin):
    admin.create_folder("slipup")
    admin.append("INBOX", complaint(1))
    daemon.run_once(NOW)
    admin.move([uid_of(admin, "INBOX", "<c1@client.example>")], "slipup")
    daemon.run_once(NOW)
    assert cases(daemon) == [("Order 1", "folder")]


def test_the_slipup_keyword_set_on_an_archived_message_opens_a_case(daemon, admin):
    admin.append("INBOX", complaint(1))
    daemon.run_once(NOW)
    admin.add_flags([uid_of(admin, "INBOX", "<c1@client.example>")], [b"slipup"])
    daemon.run_once(NOW)
    assert cases(daemon) == [("Order 1", "keyword")]


def test_an_owners_slipup_note_appended_to_sent_opens_a_case_in_the_clients_thread(daemon, admin):
    admin.append("INBOX", complaint(1))
    daemon.run_once(NOW)
    note = message("#slipup\n\nBob is waiting for order 1.\n", From=OWNER, To=OWNER, Subject="Re: Order 1",
                   Message_ID="<note1@ourfirm.example>", In_Reply_To="<c1@client.example>",
                   References="<c1@client.example>", Date="Mon, 16 Nov 2026 10:00:00 +0000")
    admin.append("Sent", note.as_bytes(), flags=[b"\\Seen"])
    report = daemon.run_once(NOW)
    assert report.cases_opened == 1
    ((opened_by, via, thread),) = daemon.archive.conn.execute(
        "SELECT opened_by, opened_via, thread_id FROM cases").fetchall()
    in_thread = {mid for (mid,) in daemon.archive.conn.execute(
        "SELECT message_id FROM messages WHERE thread_id = ?", (thread,))}
    assert (opened_by, via) == (OWNER, "directive")
    assert {"c1@client.example", "note1@ourfirm.example"} <= in_thread  # and the acknowledgement


# -- the server dies while the loop IDLEs -------------------------------------------------

def deliver_while_down(server: Dovecot, data: bytes, name: str) -> None:
    """What a mail transfer agent does while IMAP is down: write into the Maildir itself."""
    maildir = server.root / "home" / "alice" / "Maildir"
    owner = (maildir / "new").stat()
    staged = maildir / "tmp" / name
    staged.write_bytes(data)
    os.chown(staged, owner.st_uid, owner.st_gid)
    staged.rename(maildir / "new" / name)


class Watching:
    """Reads the daemon's archive from outside, as `followup status` would, read-only."""

    def __init__(self, archive: Path):
        self.archive = archive

    def count(self, sql: str) -> int:
        conn = sqlite3.connect(f"file:{self.archive}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute(sql).fetchone()[0]
        except sqlite3.OperationalError:  # not created yet
            return 0
        finally:
            conn.close()

    def archived(self, message_id: str) -> bool:
        bare = message_id.strip("<>")  # the archive keeps Message-IDs without brackets
        return self.count(f"SELECT count(*) FROM messages WHERE message_id = '{bare}'") > 0


def eventually(condition: Callable[[], bool], within: float = 60.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_loop_while(loop: Loop, scenario: Callable[[], None]) -> None:
    """Loop.run() installs signal handlers, so it runs on this (the main) thread and the
    scenario on another; the scenario always stops the loop, and its failure is raised here."""
    failures: list[BaseException] = []

    def drive() -> None:
        try:
            scenario()
        except BaseException as failed:  # noqa: BLE001 - handed to the main thread
            failures.append(failed)
        finally:
            loop.stop.set()

    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    driver = threading.Thread(target=drive, name="scenario")
    driver.start()
    try:
        loop.run()
    finally:
        loop.stop.set()
        driver.join(timeout=120)
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    if failures:
        raise failures[0]


# 1 s is the shortest --interval the CLI takes: the watcher then IDLEs 1 s at a time, so an
# early empty IDLE answer must be judged against that short wait too, or it spins on the
# dead socket until the next pass drops the connection.
@pytest.mark.parametrize("interval", [1.0, 2.0])
def test_a_server_killed_mid_idle_loses_nothing_duplicates_nothing_and_does_not_spin(dovecot, tmp_path, admin, interval):  # noqa: F811
    daemon = daemon_for(dovecot, tmp_path)
    watch = Watching(daemon.archive.path)
    admin.append("INBOX", complaint(1))
    outage: dict[str, float] = {}

    def scenario() -> None:
        assert eventually(lambda: watch.archived("<c1@client.example>")), "first sync"
        admin.append("INBOX", complaint(2))
        assert eventually(lambda: watch.archived("<c2@client.example>"), within=15), "archived before the outage"
        time.sleep(0.5)  # the watcher is back in IDLE
        wall, cpu = time.monotonic(), cpu_seconds()
        dovecot.kill()
        deliver_while_down(dovecot, complaint(3), "1795000000.M1P1.outage")
        time.sleep(max(4.0, 2.5 * interval))  # the daemon retries several times meanwhile
        outage.update(wall=time.monotonic() - wall, cpu=cpu_seconds() - cpu)
        dovecot.start()
        assert eventually(lambda: watch.archived("<c3@client.example>")), "the mail delivered during the outage"
        time.sleep(interval)  # the watcher reconnects and IDLEs again
        admin_again = dovecot.client()
        admin_again.append("INBOX", complaint(4))
        admin_again.logout()
        assert eventually(lambda: watch.archived("<c4@client.example>"), within=15 + interval), "new mail after the restart"
        time.sleep(2 * interval)  # a few more passes, which must find nothing new

    run_loop_while(Loop(daemon, None, interval), scenario)
    assert watch.count("SELECT count(*) FROM messages") == 4
    assert watch.count("SELECT count(DISTINCT message_id) FROM messages") == 4
    assert watch.count("SELECT count(*) FROM events WHERE kind = 'message.archived'") == 4
    assert watch.count("SELECT count(*) FROM locations") == 4
    assert outage["cpu"] < 0.2 * outage["wall"], f"{outage['cpu']:.2f} s CPU in {outage['wall']:.1f} s of outage"


# -- a large first sync ------------------------------------------------------------------

def test_a_first_sync_of_1000_messages_archives_each_exactly_once(daemon, admin):
    admin.multiappend("INBOX", [complaint(n, Subject=f"Order {n}") for n in range(1, 1001)])
    report = daemon.ingest(NOW)
    conn = daemon.archive.conn
    assert report.archived == 1000
    assert conn.execute("SELECT count(*), count(DISTINCT message_id) FROM messages").fetchone() == (1000, 1000)
    assert conn.execute("SELECT count(*) FROM locations").fetchone() == (1000,)
    (checkpoint,) = conn.execute("SELECT checkpoint FROM sync_state WHERE source = 'work'").fetchone()
    assert json.loads(checkpoint)["folders"]["INBOX"]["last_uid"] == 1000
    assert daemon.ingest(NOW).archived == 0


# -- `followup status` after a failed `followup run --once` --------------------------------

def cli_for(server: Dovecot, tmp_path: Path, monkeypatch, password: str, *, trusted: bool, **source) -> Cli:
    """A real config file, the password in an environment variable as users set it; with
    `trusted`, OpenSSL's default trust store is the server's certificate (SSL_CERT_FILE)."""
    if trusted:
        monkeypatch.setenv("SSL_CERT_FILE", str(server.cert))
    else:
        monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    mapping = settings(server, tmp_path / "archive.sqlite3", password_env=PASSWORD_VARIABLE, **source)
    path = tmp_path / "config.toml"
    path.write_text(as_toml(mapping), encoding="utf-8")
    monkeypatch.setenv(PASSWORD_VARIABLE, password)
    return Cli(path)


def status_after_one_pass(cli: Cli) -> tuple[int, list[str], str]:
    cli("run", "--once")
    text = cli("status")
    return text.exit_code, cli.json("status")["problems"], text.stdout


def test_a_wrong_password_gives_one_line_naming_the_user_and_the_fix_without_the_password(
        dovecot, tmp_path, monkeypatch):  # noqa: F811
    cli = cli_for(dovecot, tmp_path, monkeypatch, "not-the-password", trusted=True)
    exit_code, (problem, *others), text = status_after_one_pass(cli)
    assert exit_code == 1 and others == []
    assert problem.startswith("source work: failing") and "\n" not in problem
    assert "refused user 'alice'" in problem and "fix: check username and the password" in problem
    assert "not-the-password" not in text and dovecot.users["alice"] not in text


def test_an_untrusted_certificate_gives_one_line_naming_the_fix(dovecot, tmp_path, monkeypatch):  # noqa: F811
    cli = cli_for(dovecot, tmp_path, monkeypatch, dovecot.users["alice"], trusted=False,
                  tls="implicit", port=dovecot.tls_port)
    exit_code, (problem, *others), _ = status_after_one_pass(cli)
    assert exit_code == 1 and others == []
    assert "\n" not in problem and "TLS certificate not trusted" in problem
    assert "fix: install the server's CA certificate" in problem


def test_implicit_tls_on_the_plain_port_gives_one_line_naming_the_fix(dovecot, tmp_path, monkeypatch):  # noqa: F811
    cli = cli_for(dovecot, tmp_path, monkeypatch, dovecot.users["alice"], trusted=True,
                  tls="implicit", port=dovecot.port)
    exit_code, (problem, *others), _ = status_after_one_pass(cli)
    assert exit_code == 1 and others == []
    assert "\n" not in problem and 'fix: check tls: "implicit" is usually port 993' in problem
