"""The whole daemon against real servers: an IMAP mailbox (Dovecot) and an SMTP server
(aiosmtpd). A slipup keyword opens the case, the thread is backfilled from before `since`,
the acknowledgement goes out once by SMTP and its copy lands in Sent."""

from __future__ import annotations

import email
from datetime import datetime, timedelta, timezone

import pytest

from dovecot import dovecot, imap_env  # noqa: F401 - `dovecot` is a fixture
from followup.config import config_from_mapping
from followup.runtime.passes import Daemon
from followup.sources.imap import ImapSource
from followup.transports.sent_copy import SentCopy
from followup.transports.smtp import SmtpTransport
from mailfactory import message
from smtpserver import SmtpServer
from configs import config_mapping, smtp_transport
from dovecot import alice_source

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def smtp():
    with SmtpServer() as server:
        yield server


@pytest.fixture
def world(dovecot, smtp, tmp_path):  # noqa: F811
    config = config_from_mapping(config_mapping(
        archive=tmp_path / "archive.sqlite3", owners=["ann@ourfirm.example"],
        defaults={"send_window": "always", "timezone": "Europe/Oslo"},
        sources=[alice_source(dovecot, since="2026-11-01")],
        transport=smtp_transport(smtp.host, port=smtp.port, tls="none", sender="ann@ourfirm.example",
                                 save_copy_to="work"),
    ), file=tmp_path / "config.toml")

    def imap():
        return ImapSource(config.sources[0], env=imap_env(dovecot), ssl_context=dovecot.trusting_context())

    daemon = Daemon(config, transport=SentCopy(SmtpTransport(config.transport), imap()), sources=[imap()])
    admin = dovecot.client()
    yield daemon, admin, smtp
    daemon.close()
    admin.logout()


def arrange(admin) -> None:
    """An old promise (before `since`: only backfill finds it), then the client's complaint."""
    old = message("Hi Bob,\n\nWe will deliver the new API by Friday 30 October.\n", From="ann@ourfirm.example",
                  To="bob@client.example", Subject="API", Message_ID="<a1@ourfirm.example>",
                  Date="Mon, 26 Oct 2026 10:00:00 +0000")
    admin.append("INBOX", old.as_bytes(), msg_time=datetime(2026, 10, 26, 10, tzinfo=timezone.utc))
    complaint = message("Where is the API you promised?\n", From="Bob Client <bob@client.example>",
                        To="ann@ourfirm.example", Subject="Re: API", Message_ID="<b1@client.example>",
                        In_Reply_To="<a1@ourfirm.example>", References="<a1@ourfirm.example>",
                        Date="Mon, 16 Nov 2026 09:00:00 +0000")
    admin.append("INBOX", complaint.as_bytes(), flags=[b"slipup"])


def test_a_keyword_opens_the_case_backfills_the_promise_and_acknowledges_once_with_a_copy_in_sent(world):
    daemon, admin, smtp = world
    arrange(admin)
    report = daemon.run_once(NOW)
    assert report.cases_opened == 1 and report.archived == 2  # the complaint, then the old promise by backfill
    (quote, due), = daemon.archive.conn.execute("SELECT quote, due_at FROM promises").fetchall()
    assert "new API" in quote and due.startswith("2026-10-30")
    (ack,) = [r for r in smtp.received if "bob@client.example" in r.recipients]
    parsed = email.message_from_bytes(ack.data)
    assert parsed["In-Reply-To"] == "<b1@client.example>" and parsed["Subject"] == "Re: API"
    admin.select_folder("Sent")
    assert admin.search(["HEADER", "Message-ID", parsed["Message-ID"]])

    daemon.run_once(NOW + timedelta(minutes=5))
    assert len([r for r in smtp.received if "bob@client.example" in r.recipients]) == 1


def test_a_mail_interrupted_mid_send_is_found_in_sent_and_not_sent_again(world):
    daemon, admin, smtp = world
    arrange(admin)
    daemon.run_once(NOW)
    daemon.archive.conn.execute("UPDATE outbox SET state = 'sending' WHERE kind = 'ack'")  # as if killed
    daemon.run_once(NOW + timedelta(minutes=5))
    (state,) = daemon.archive.conn.execute("SELECT state FROM outbox WHERE kind = 'ack'").fetchone()
    assert state == "sent"
    assert len([r for r in smtp.received if "bob@client.example" in r.recipients]) == 1
