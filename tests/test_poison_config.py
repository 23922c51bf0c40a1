"""Config refused before it can hurt, one broken case failing alone, and a locked archive
as one line with exit 2 for every command that writes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import tomllib
from datetime import date, datetime, timedelta, timezone
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from configs import SITE, client, site_toml
from conftest import CONFIG
from followup.config import config_from_mapping, load_config
from followup.errors import ConfigError
from followup.runtime.passes import Daemon
from followup.sources.memory import MemorySource
from followup.transports.memory import MemoryTransport
from mailfactory import message

T0 = datetime(2026, 11, 16, 12, 0, tzinfo=timezone.utc)  # a Monday


def write_config(tmp_path: Path, **changes) -> Path:
    """The shared site (conftest's CONFIG) with `changes` to its sections, and its Maildir."""
    path = tmp_path / "config.toml"
    path.write_text(site_toml(**changes), encoding="utf-8")
    (tmp_path / "mail").mkdir(exist_ok=True)
    return path


def defaults_and(**keys) -> dict:
    """The site's [defaults] with these keys added after its own."""
    return {**SITE["defaults"], **keys}


def clients_and_beta(**keys) -> list[dict]:
    """The site's clients and a second one, beta, in English unless `keys` say otherwise."""
    return [*SITE["clients"], client("beta", **{"locale": "en", **keys})]


# --- refused at load -------------------------------------------------------------------------


def test_a_typod_cadence_is_refused_at_load_with_its_line_and_the_fix(tmp_path):
    path = write_config(tmp_path, defaults=defaults_and(cadence="every 2 bussiness days"))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    [problem] = caught.value.problems
    line = CONFIG.splitlines().index('timezone = "UTC"') + 2
    assert str(problem) == (f'{path}: line {line}: defaults.cadence: "every 2 bussiness days" is not a cadence in en '
                            '(fix: write a cadence such as "every 2 business days", "weekly", "every Tuesday" or "every 3d")')


def test_a_clients_cadence_is_read_in_the_clients_language(tmp_path):
    load_config(write_config(tmp_path, clients=clients_and_beta(locale="nb", cadence="hver tirsdag")))
    with pytest.raises(ConfigError, match=r'clients\[1\] \(beta\)\.cadence: "hver tisdag" is not a cadence in nb, en'):
        load_config(write_config(tmp_path, clients=clients_and_beta(locale="nb", cadence="hver tisdag")))


def test_the_cli_refuses_a_typod_cadence_in_one_line_with_exit_2(cli):
    cli.config.write_text(site_toml(defaults=defaults_and(cadence="evry week")))
    result = cli("status")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1 and "defaults.cadence" in result.stderr


def test_a_send_window_that_holidays_keep_shut_is_refused_at_load(tmp_path):
    saturday = date.today() + timedelta(days=(5 - date.today().weekday()) % 7)
    holidays = [str(saturday + timedelta(weeks=n)) for n in range(-1, 80)]
    path = write_config(tmp_path, defaults=defaults_and(send_window="Sat 09:00-10:00", holidays=holidays))
    with pytest.raises(ConfigError, match=r"defaults\.send_window: no update could ever be sent: .*fix: widen"):
        load_config(path)


def broken_override(tmp_path: Path, text: str = "{% block subject %}Takk{% endblock %}Hei {{ client.nam }}\n") -> Path:
    folder = tmp_path / "tpl" / "nb"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ack.txt.j2").write_text(text, encoding="utf-8")
    return folder / "ack.txt.j2"


def test_a_template_override_that_cannot_render_is_refused_at_load_naming_file_and_line(tmp_path):
    template = broken_override(tmp_path)
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, templates={"path": "tpl"}))
    [problem] = caught.value.problems
    assert problem.file == str(template) and problem.key == "line 1" and "client.nam" not in problem.fix
    assert "cannot render the ack mail for a sample case" in problem.message and "nam" in problem.message


def test_a_template_syntax_error_is_refused_at_load(tmp_path):
    broken_override(tmp_path, "{% block subject %}Takk{% endblock %}\nHei {{ client.name \n")
    with pytest.raises(ConfigError, match=r"ack\.txt\.j2: line 2: cannot render"):
        load_config(write_config(tmp_path, templates={"path": "tpl"}))


def test_a_missing_templates_folder_is_refused_at_load(tmp_path):
    with pytest.raises(ConfigError, match="templates.path: .* is not a folder"):
        load_config(write_config(tmp_path, templates={"path": "nowhere"}))


# --- what still fails at run time fails only its own case -------------------------------------


def client_mail(mid: str, frm: str, subject: str) -> bytes:
    return message("Where is it?\n", From=frm, To="me@agency.example", Subject=subject, Message_ID=f"<{mid}>",
                   Date=T0.strftime("%a, %d %b %Y %H:%M:%S +0000")).as_bytes()


def tag(mid: str, parent: str, subject: str, words: str = "#slipup") -> bytes:
    return message(f"{words}\n", From="me@agency.example", To="me@agency.example", Subject=f"Re: {subject}",
                   Message_ID=f"<{mid}>", In_Reply_To=f"<{parent}>", References=f"<{parent}>",
                   Date=(T0 + timedelta(minutes=5)).strftime("%a, %d %b %Y %H:%M:%S +0000")).as_bytes()


def two_cases(mailbox: MemorySource, acme_tag: str = "#slipup", beta_tag: str = "#slipup") -> None:
    mailbox.deliver(client_mail("a1@acme.example", "Kari <kari@acme.example>", "Rapporten"), "INBOX")
    mailbox.deliver(tag("t1@agency.example", "a1@acme.example", "Rapporten", acme_tag), "Sent")
    mailbox.deliver(client_mail("b1@beta.example", "Bob <bob@beta.example>", "The report"), "INBOX")
    mailbox.deliver(tag("t2@agency.example", "b1@beta.example", "The report", beta_tag), "Sent")


def recipients(transport: MemoryTransport) -> list[str]:
    """Whom the client mail went to (the owner's digest left out)."""
    sent = [message_from_bytes(h.message, policy=policy.default)["To"] for h in transport.sent]
    return [to for to in sent if to != "me@agency.example"]


@pytest.fixture
def template_broken_after_start(tmp_path):
    """Two cases; the nb override renders the sample case at load, but not a real case
    without promises (it assumes one)."""
    broken_override(tmp_path, "{% block subject %}Takk{% endblock %}Hei {{ client.name }}, {{ promises[0].quote }}\n")
    config = load_config(write_config(tmp_path, templates={"path": "tpl"}, clients=clients_and_beta()))
    mailbox, transport = MemorySource("mailbox"), MemoryTransport()
    two_cases(mailbox)
    daemon = Daemon(config, transport=transport, sources=[mailbox])
    report = daemon.run_once(T0 + timedelta(minutes=10))
    daemon.close()
    return report, transport


def test_a_case_whose_template_breaks_fails_alone_and_the_other_case_is_sent(template_broken_after_start):
    report, transport = template_broken_after_start
    assert recipients(transport) == ["bob@beta.example"] and report.failed == 1


def test_status_names_the_broken_case_and_its_reason(cli, template_broken_after_start):
    result = cli("status")
    assert result.exit_code == 1
    [line] = [line for line in result.stdout.splitlines() if "problem: case" in line]
    assert line.startswith("  problem: case 1 (acme): template ") and "nb/ack.txt.j2, line 1: list object" in line


def test_show_and_the_digest_name_the_broken_case(cli, template_broken_after_start):
    shown = cli("show", "1").stdout
    assert "PROBLEM: no update can go out: template" in shown and "nb/ack.txt.j2, line 1" in shown
    digest = cli("digest").stdout
    assert "Cases followup cannot serve" in digest and "nb/ack.txt.j2, line 1" in digest


def test_a_case_without_a_usable_cadence_fails_alone(tmp_path):
    """A config that got past the load check (built directly) with an unreadable default
    cadence: the case with its own cadence gets its update, the other is recorded."""
    data = tomllib.loads(site_toml(clients=clients_and_beta()))
    data["defaults"]["cadence"] = "every 2 bussiness days"
    config = config_from_mapping(data, file=write_config(tmp_path))
    mailbox, transport = MemorySource("mailbox"), MemoryTransport()
    two_cases(mailbox, beta_tag="#slipup every 1d")
    daemon = Daemon(config, transport=transport, sources=[mailbox])
    try:
        first = daemon.run_once(T0 + timedelta(minutes=10))
        daemon.run_once(T0 + timedelta(days=2))
        [(error,)] = daemon.archive.conn.execute(
            "SELECT json_extract(data, '$.error') FROM events WHERE kind = 'ack.not_composed'").fetchall()
    finally:
        daemon.close()
    assert recipients(transport) == ["bob@beta.example", "bob@beta.example"]  # the ack, then an update
    assert first.failed == 1 and "no usable cadence" in error


# --- a locked archive: one line, exit 2, for every command that writes -------------------------

WRITING = [("import", "mail"), ("note", "1", "hello"), ("close", "1"), ("pause", "1"), ("resume", "1"),
           ("promise", "confirm", "1"), ("outbox", "retry", "1"), ("run", "--once")]


@pytest.fixture
def locked(cli, monkeypatch):
    assert cli("import", str(cli.config.parent / "mail")).exit_code == 0  # the archive exists
    monkeypatch.setenv("FOLLOWUP_LOCK_WAIT", "0.2")
    monkeypatch.setenv("FOLLOWUP_OWNER", "me@agency.example")  # two owners: say who steers
    other = sqlite3.connect(cli.config.parent / "data" / "archive.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield cli
    other.execute("ROLLBACK")
    other.close()


@pytest.mark.parametrize("args", WRITING, ids=[" ".join(a) for a in WRITING])
def test_a_locked_archive_is_one_line_and_exit_2(locked, args):
    args = [str(locked.config.parent / a) if a == "mail" else a for a in args]
    result = locked(*args)
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("followup: error: ") and "the archive is locked by" in line and "(fix:" in line


HOLD = """
import fcntl, os, sqlite3, sys, time
fd = os.open(sys.argv[1] + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
os.write(fd, str(os.getpid()).encode())
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("ready", flush=True)
time.sleep(60)
"""


def test_the_locked_archive_error_names_the_daemons_pid(cli, monkeypatch):
    cli("import", str(cli.config.parent / "mail"))
    monkeypatch.setenv("FOLLOWUP_LOCK_WAIT", "0.2")
    monkeypatch.setenv("FOLLOWUP_OWNER", "me@agency.example")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(cli.config.parent / "data" / "archive.sqlite3")],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = cli("note", "1", "hello")
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 2 and f"locked by the followup daemon (pid {holder.pid})" in result.stderr


@pytest.mark.parametrize("kind", ["ack", "update", "close", "digest"])
def test_every_shipped_template_renders_against_the_load_time_sample_case(kind):
    """The sample a templates folder is checked against is what the passes give a template:
    every shipped language renders from it (an override is held to the same)."""
    from followup.config.loadcheck import sample_context
    from followup.render import Renderer

    renderer = Renderer(None)
    for locale in ("en", "nb", "da", "sv", "ca", "sk"):
        assert renderer.render(kind, locale, sample_context(kind, locale)).text.strip()
