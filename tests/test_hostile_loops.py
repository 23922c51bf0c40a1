"""No mail loops, no spam cannon: bounces, list mail and another followup's updates in a case
thread trigger no reply, and a flood of tags sends at most the per-client rate limit."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import corpora_dir
from test_delivery import T0, World, mail


@pytest.fixture
def world(tmp_path):
    w = World(tmp_path)
    yield w
    w.daemon.close()


def acknowledged(world: World) -> None:
    world.tagged_case()
    world.run(T0 + timedelta(minutes=10))
    assert len(world.sent_to_client()) == 1


def threaded(raw: bytes, parent: str = "c1@x") -> bytes:
    """Put a message into the case thread, in its own line endings."""
    eol = b"\r\n" if b"\r\n" in raw else (b"\r" if b"\n" not in raw else b"\n")
    return b"In-Reply-To: <" + parent.encode() + b">" + eol + b"References: <" + parent.encode() + b">" + eol + raw


def dsn(mid: str) -> bytes:
    """A Postfix-style delivery status notification (RFC 3464) about our mail to the client."""
    return (
        "From: Mail Delivery System <MAILER-DAEMON@mx.acme.example>\r\nTo: me@agency.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\nDate: Mon, 16 Nov 2026 12:20:00 +0000\r\n"
        f"Message-ID: <{mid}>\r\nIn-Reply-To: <c1@x>\r\nReferences: <c1@x>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you that your message could not\r\n"
        "be delivered to one or more recipients.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.acme.example\r\n\r\n"
        "Final-Recipient: rfc822; kari@acme.example\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "--B--\r\n").encode()


def test_a_delivery_status_notification_in_the_thread_triggers_nothing(world):
    acknowledged(world)
    world.receive(dsn("dsn1@mx.acme.example"))
    world.run(T0 + timedelta(minutes=30))
    assert len(world.sent_to_client()) == 1


def test_list_mail_in_the_thread_triggers_nothing(world):
    acknowledged(world)
    world.receive(mail("list1@x", "Rapporten er nevnt på listen.", parents=("c1@x",), date=T0 + timedelta(minutes=20),
                       List_Id="<kunder.acme.example>", Precedence="list"))
    world.run(T0 + timedelta(minutes=30))
    assert len(world.sent_to_client()) == 1


def test_another_followups_update_triggers_nothing(world):
    acknowledged(world)
    (ours,) = world.sent_to_client()
    world.receive(mail("theirs@acme.example", "Status: vi jobber med saken.", parents=("c1@x", ours["Message-ID"].strip("<>")),
                       date=T0 + timedelta(minutes=20), Auto_Submitted="auto-generated", X_Followup_Update="update"))
    world.run(T0 + timedelta(minutes=30))
    world.run(T0 + timedelta(hours=3))
    assert len(world.sent_to_client()) == 1


def test_our_own_update_coming_back_in_the_inbox_triggers_nothing(world):
    acknowledged(world)
    (ours,) = world.sent_to_client()
    world.receive(ours.as_bytes())  # the client's server reflects it, or a CC to ourselves
    world.run(T0 + timedelta(minutes=30))
    assert len(world.sent_to_client()) == 1


@pytest.mark.corpora
@pytest.mark.integration
def test_real_bounces_from_sixty_mail_systems_in_the_thread_trigger_nothing(world):
    corpora = corpora_dir()
    if corpora is None:
        pytest.skip("../shared/corpora not found (set FOLLOWUP_CORPORA to run this)")
    bounces = sorted(p for p in (corpora / "sisimai-bounces").iterdir() if not p.name.startswith("not__"))
    assert len(bounces) > 800
    acknowledged(world)
    for path in bounces:
        world.receive(threaded(path.read_bytes()))
    world.run(T0 + timedelta(minutes=30))
    world.run(T0 + timedelta(minutes=40))
    assert len(world.sent_to_client()) == 1
    (archived,) = world.daemon.archive.conn.execute("SELECT count(*) FROM raw").fetchone()
    assert archived >= len(set(p.read_bytes() for p in bounces))


@pytest.mark.integration
def test_a_flood_of_a_thousand_tags_in_a_minute_sends_at_most_the_rate_limit(world):
    threads = 50
    for t in range(threads):
        world.receive(mail(f"c{t}@x", "Hvor er rapporten?", subject=f"Sak {t}", date=T0))
    for i in range(1000):
        t = i % threads
        world.we_sent(mail(f"n{i}@agency.example", f"#slipup\n#slipup note: flom {i}", frm="me@agency.example",
                           to="me@agency.example", subject=f"Sak {t}", date=T0 + timedelta(seconds=i * 0.06),
                           parents=(f"c{t}@x",)))
    world.run(T0 + timedelta(minutes=1))
    assert len(world.sent_to_client()) <= 4  # rate_limit_per_client_per_hour
    (cases,) = world.daemon.archive.conn.execute("SELECT count(*) FROM cases").fetchone()
    assert cases == threads
    busiest = world.daemon.archive.conn.execute(
        "SELECT max(n) FROM (SELECT count(*) AS n FROM outbox WHERE state IN ('pending', 'sending')"
        " AND case_id IS NOT NULL GROUP BY case_id)").fetchone()[0]
    assert (busiest or 0) <= 1
    for minutes in range(2, 60, 7):
        world.run(T0 + timedelta(minutes=minutes))
    assert len(world.sent_to_client()) <= 4
    world.run(T0 + timedelta(hours=1, minutes=2))
    assert len(world.sent_to_client()) <= 8
