"""Weeks of a case under a simulated clock, sent through a real SMTP server (aiosmtpd):
updates arrive on the cadence, inside the send window, across the DST change, never twice."""

from __future__ import annotations

import email
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import pytest

from followup.config import config_from_mapping
from followup.runtime.passes import Daemon
from followup.sources.memory import MemorySource
from followup.transports.smtp import SmtpTransport
from mailfactory import message
from smtpserver import SmtpServer
from configs import client, config_mapping, smtp_transport

pytestmark = pytest.mark.integration
OSLO = ZoneInfo("Europe/Oslo")
OPENED = datetime(2026, 10, 14, 9, 40, tzinfo=OSLO)  # a Wednesday; DST ends Sunday 25 October


@pytest.fixture
def received(tmp_path):
    with SmtpServer() as smtp:
        config = config_from_mapping(config_mapping(
            archive=tmp_path / "archive.sqlite3",
            clients=[client("acme", locale="nb", timezone="Europe/Oslo", cadence="every 2 business days",
                            send_window="Mon-Fri 09:00-17:00")],
            transport=smtp_transport(smtp.host, port=smtp.port, tls="none"),
        ), file=tmp_path / "config.toml")
        mailbox = MemorySource("mailbox")
        mailbox.deliver(message("Rapporten er forsinket igjen.", From="Kari <kari@acme.example>", To="me@agency.example",
                                Subject="Rapport", Message_ID="<c1@acme.example>",
                                Date="Wed, 14 Oct 2026 07:30:00 +0000").as_bytes(), "INBOX")
        mailbox.deliver(message("#slipup", From="me@agency.example", To="me@agency.example", Subject="Rapport",
                                Message_ID="<tag@agency.example>", In_Reply_To="<c1@acme.example>",
                                References="<c1@acme.example>", Date="Wed, 14 Oct 2026 07:40:00 +0000").as_bytes(), "Sent")
        daemon = Daemon(config, transport=SmtpTransport(config.transport), sources=[mailbox])
        try:
            now = OPENED.astimezone(timezone.utc)
            while now < datetime(2026, 11, 13, tzinfo=timezone.utc):
                daemon.run_once(now)
                now += timedelta(hours=1)
        finally:
            daemon.close()
        yield [email.message_from_bytes(r.data) for r in smtp.received if "kari@acme.example" in r.recipients]


def local_times(mails) -> list[datetime]:
    return [parsedate_to_datetime(m["Date"]).astimezone(OSLO) for m in mails]


def test_each_mail_goes_out_once(received):
    ids = [m["Message-ID"] for m in received]
    assert len(ids) == len(set(ids)) >= 10


def test_every_mail_is_inside_the_clients_send_window(received):
    for moment in local_times(received):
        assert moment.weekday() < 5 and 9 <= moment.hour < 17, moment


def test_the_first_is_the_acknowledgement_then_updates_every_two_business_days(received):
    days = [t.date() for t in local_times(received)]
    assert days[0] == OPENED.date()
    business_gaps = [sum(1 for d in range((b - a).days) if (a + timedelta(days=d + 1)).weekday() < 5)
                     for a, b in zip(days, days[1:])]
    assert set(business_gaps) == {2}


def test_the_local_time_of_day_survives_the_dst_change(received):
    hours = {t.hour for t in local_times(received)}
    assert hours == {9}  # the acknowledgement went out at 09:40 (the first pass), and so does every update


def test_every_mail_is_threaded_into_the_clients_conversation(received):
    for m in received:
        assert m["Subject"] == "Re: Rapport" and "<c1@acme.example>" in m["References"]
        assert m["Auto-Submitted"] == "auto-generated"
