"""Delivery through the daemon's passes: due updates go out once, in the client's language,
threaded; nothing twice across restarts and crashes; loops and floods send nothing more."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from followup.config import load_config
from followup.runtime.passes import Daemon
from followup.sources.memory import MemorySource
from followup.transports.memory import MemoryTransport
from mailfactory import message
from configs import client, config_toml

T0 = datetime(2026, 11, 16, 12, 0, tzinfo=timezone.utc)  # a Monday
SITE = dict(  # no sources and no transport: each World hands the daemon a memory source and transport
    defaults={"timezone": "Europe/Oslo", "cadence": "every 2 business days", "send_window": "always"},
    clients=[client("acme", locale="nb", timezone="Europe/Oslo"), client("drafty", mode="draft")],
    delivery={"rate_limit_per_client_per_hour": 4},
)


def mail(mid: str, body: str, *, frm="Kari Nordmann <kari@acme.example>", to="me@agency.example",
         date: datetime = T0, parents=(), subject="Rapporten", **headers) -> bytes:
    extra = {"In_Reply_To": f"<{parents[-1]}>", "References": " ".join(f"<{p}>" for p in parents)} if parents else {}
    return message(body, From=frm, To=to, Subject=subject, Message_ID=f"<{mid}>",
                   Date=date.strftime("%a, %d %b %Y %H:%M:%S +0000"), **extra, **headers).as_bytes()


class World:
    def __init__(self, tmp_path: Path, archive: str | Path = "data/archive.sqlite3"):
        (tmp_path / "config.toml").write_text(config_toml(archive=archive, **SITE), encoding="utf-8")
        self.config = load_config(tmp_path / "config.toml")
        self.mailbox = MemorySource("mailbox")
        self.transport = MemoryTransport()
        self.daemon = self._daemon()

    def _daemon(self) -> Daemon:
        return Daemon(self.config, transport=self.transport, sources=[self.mailbox])

    def receive(self, data: bytes) -> None:
        self.mailbox.deliver(data, "INBOX")

    def we_sent(self, data: bytes) -> None:
        self.mailbox.deliver(data, "Sent")

    def restart(self, transport: MemoryTransport | None = None) -> None:
        self.daemon.close()
        self.transport = transport or self.transport
        self.daemon = self._daemon()

    def tagged_case(self, *, client_domain="acme.example") -> None:
        """A client complaint, tagged by the owner's note from the Sent folder."""
        self.receive(mail("c1@x", "Hvor er rapporten?", frm=f"Kari Nordmann <kari@{client_domain}>", date=T0))
        self.we_sent(mail("n1@agency.example", "#slipup", frm="me@agency.example", to="me@agency.example",
                                  date=T0 + timedelta(minutes=5), parents=("c1@x",)))

    def run(self, at: datetime):
        return self.daemon.run_once(at)

    def sent_to_client(self) -> list:
        return [message_from_bytes(h.message, policy=policy.default) for h in self.transport.sent
                if "me@agency.example" not in h.recipients]


@pytest.fixture
def world(tmp_path):
    w = World(tmp_path)
    yield w
    w.daemon.close()


def test_an_unanswered_tagged_case_gets_one_acknowledgement_threaded_in_the_clients_language(world):
    world.tagged_case()
    world.run(T0 + timedelta(minutes=10))
    (ack,) = world.sent_to_client()
    assert ack["To"] == "kari@acme.example" and ack["Subject"] == "Re: Rapporten"
    # the client's own message, not the owner's tag note to herself (the client never saw that)
    assert ack["In-Reply-To"] == "<c1@x>" and "n1@agency.example" not in ack["References"]
    assert ack["Auto-Submitted"] == "auto-generated"
    assert "Hei Kari" in ack.get_body(("plain",)).get_content()


def test_a_second_pass_and_a_restart_send_nothing_more(world):
    world.tagged_case()
    world.run(T0 + timedelta(minutes=10))
    world.run(T0 + timedelta(minutes=11))
    world.restart()
    world.run(T0 + timedelta(minutes=12))
    assert len(world.sent_to_client()) == 1


def test_the_next_update_follows_the_cadence_and_only_then(world):
    world.tagged_case()
    world.run(T0 + timedelta(minutes=10))  # ack, Monday
    world.run(T0 + timedelta(days=1))  # Tuesday: not yet
    assert len(world.sent_to_client()) == 1
    world.run(T0 + timedelta(days=2, minutes=11))  # Wednesday, two business days later
    assert len(world.sent_to_client()) == 2


def test_the_sent_update_is_archived_in_the_case(world):
    world.tagged_case()
    world.run(T0 + timedelta(minutes=10))
    (count,) = world.daemon.archive.conn.execute(
        "SELECT count(*) FROM messages m JOIN cases c ON c.thread_id = m.thread_id"
        " WHERE m.direction = 'out' AND m.automatic IS NOT NULL").fetchone()
    assert count == 1


def test_an_owners_own_reply_counts_as_the_update(world):
    world.tagged_case()
    world.we_sent(mail("r1@agency.example", "Vi sender den i morgen.", frm="me@agency.example",
                               to="kari@acme.example", date=T0 + timedelta(minutes=6), parents=("c1@x",)))
    world.run(T0 + timedelta(minutes=10))
    assert world.sent_to_client() == []  # answered by hand: no acknowledgement


def test_a_paused_case_gets_nothing_and_a_closed_one_its_summary_once(world):
    world.tagged_case()
    world.run(T0 + timedelta(minutes=10))
    world.we_sent(mail("p1@agency.example", "#slipup pause", frm="me@agency.example", to="me@agency.example",
                               date=T0 + timedelta(hours=1), parents=("c1@x", "n1@agency.example")))
    world.run(T0 + timedelta(days=5))
    assert len(world.sent_to_client()) == 1
    world.we_sent(mail("x1@agency.example", "#slipup close", frm="me@agency.example", to="me@agency.example",
                               date=T0 + timedelta(days=5, hours=1), parents=("c1@x", "n1@agency.example")))
    world.run(T0 + timedelta(days=5, hours=2))
    world.run(T0 + timedelta(days=9))
    kinds = [m["X-Followup-Update"] for m in world.sent_to_client()]
    assert len(kinds) == 2


def test_draft_mode_saves_drafts_and_sends_nothing(world):
    world.tagged_case(client_domain="drafty.example")
    world.run(T0 + timedelta(minutes=10))
    assert world.sent_to_client() == [] and len(world.transport.drafts) == 1


def test_a_temporary_failure_is_retried_later_and_sent_once(world):
    world.tagged_case()
    world.transport.fail_next(1)
    world.run(T0 + timedelta(minutes=10))
    assert world.sent_to_client() == []
    world.run(T0 + timedelta(minutes=12))
    assert len(world.sent_to_client()) == 1


def test_a_permanent_failure_is_recorded_and_not_retried(world):
    world.tagged_case()
    world.transport.fail_next(1, permanent=True)
    world.run(T0 + timedelta(minutes=10))
    world.run(T0 + timedelta(minutes=30))
    (state, attempts) = world.daemon.archive.conn.execute("SELECT state, attempts FROM outbox WHERE kind = 'ack'").fetchone()
    assert (state, attempts) == ("failed", 1)


def test_a_crash_while_sending_is_resolved_by_asking_the_transport(world):
    world.tagged_case()
    world.run(T0 + timedelta(minutes=10))
    world.daemon.archive.conn.execute("UPDATE outbox SET state = 'sending' WHERE kind = 'ack'")  # as if killed
    world.restart()
    world.run(T0 + timedelta(minutes=20))
    assert len(world.sent_to_client()) == 1
    (state,) = world.daemon.archive.conn.execute("SELECT state FROM outbox WHERE kind = 'ack'").fetchone()
    assert state == "sent"


def test_a_crash_while_sending_through_a_transport_that_cannot_tell_resends_the_same_message(world):
    world.tagged_case()
    world.transport.fail_next(1)  # leaves it pending; then pretend the process died mid-send
    world.run(T0 + timedelta(minutes=10))
    (message_id,) = world.daemon.archive.conn.execute("SELECT message_id FROM outbox WHERE kind = 'ack'").fetchone()
    world.daemon.archive.conn.execute("UPDATE outbox SET state = 'sending' WHERE kind = 'ack'")
    world.restart(MemoryTransport(knows_sent=False))
    world.run(T0 + timedelta(minutes=20))
    (ack,) = world.sent_to_client()
    assert ack["Message-ID"] == f"<{message_id}>"


def test_an_out_of_office_reply_triggers_nothing(world):
    world.tagged_case()
    world.run(T0 + timedelta(minutes=10))
    world.receive(mail("ooo@x", "Jeg er på ferie.", subject="Fravær: Rapporten", date=T0 + timedelta(minutes=20),
                         parents=("c1@x",), Auto_Submitted="auto-replied"))
    world.run(T0 + timedelta(minutes=30))
    assert len(world.sent_to_client()) == 1


def test_a_flood_of_tags_sends_one_mail(world):
    world.receive(mail("c1@x", "Hvor er rapporten?", date=T0))
    for i in range(300):
        world.we_sent(mail(f"n{i}@agency.example", "#slipup", frm="me@agency.example", to="me@agency.example",
                                   date=T0 + timedelta(seconds=i), parents=("c1@x",)))
    world.run(T0 + timedelta(minutes=10))
    world.run(T0 + timedelta(minutes=11))
    assert len(world.sent_to_client()) == 1


def test_the_owner_gets_one_digest_a_day_after_the_digest_time(world):
    world.tagged_case()
    world.run(T0 + timedelta(minutes=10))
    world.run(T0 + timedelta(minutes=20))
    digests = [h for h in world.transport.sent if h.recipients == ("me@agency.example",)]
    assert len(digests) == 1


def test_a_broken_template_fails_before_anything_is_sent_and_says_where(world, tmp_path):
    override = tmp_path / "override" / "nb"
    override.mkdir(parents=True)
    shipped = (Path(__file__).resolve().parents[1] / "templates" / "nb" / "ack.txt.j2").read_text()
    (override / "ack.txt.j2").write_text(shipped.replace("client.name", "client.nickname"))
    from followup.render import Renderer

    world.daemon.renderer = Renderer(tmp_path / "override")
    world.tagged_case()
    report = world.run(T0 + timedelta(minutes=10))
    assert world.sent_to_client() == [] and report.failed == 1
    (data,) = world.daemon.archive.conn.execute("SELECT data FROM events WHERE kind = 'ack.not_composed'").fetchone()
    assert "ack.txt.j2" in data and "nickname" in data


def test_a_sandbox_escape_in_a_template_fails_before_anything_is_sent(world, tmp_path):
    override = tmp_path / "override" / "nb"
    override.mkdir(parents=True)
    (override / "ack.txt.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    from followup.render import Renderer

    world.daemon.renderer = Renderer(tmp_path / "override")
    world.tagged_case()
    assert world.run(T0 + timedelta(minutes=10)).failed == 1 and world.sent_to_client() == []


def test_a_mail_that_failed_for_good_shows_in_the_owners_digest_as_missed(world):
    world.tagged_case()
    world.transport.fail_next(1, permanent=True)
    world.run(T0 + timedelta(minutes=10))
    from followup.commands.casework import digest_data

    data = digest_data(world.config, None, T0 + timedelta(minutes=20))
    assert [u["missed"] for u in data["updates_due"]] == [True]


def test_a_forged_owner_reply_does_not_put_off_the_clients_update(world):
    world.tagged_case()
    world.run(T0 + timedelta(minutes=10))  # the acknowledgement
    world.receive(mail("forged@x", "All fine, no need to write.", frm="me@agency.example", to="kari@acme.example",
                       date=T0 + timedelta(days=1), parents=("c1@x",)))  # in INBOX, no Authentication-Results
    world.run(T0 + timedelta(days=2, minutes=11))
    assert len(world.sent_to_client()) == 2  # the update came on time all the same


def test_only_the_clients_own_addresses_are_written_to(world):
    world.tagged_case()
    world.receive(mail("c2@x", "Also copying someone.", frm="Kari <kari@acme.example>", date=T0 + timedelta(minutes=1),
                       parents=("c1@x",), Cc="boss@acme.example, outsider@elsewhere.example"))
    world.run(T0 + timedelta(minutes=10))
    (ack,) = world.sent_to_client()
    assert ack["To"] == "kari@acme.example, boss@acme.example"


def test_a_tag_keyword_set_later_on_an_archived_message_opens_the_case(world):
    location = world.mailbox.deliver(mail("c1@x", "Hvor er rapporten?", date=T0), "INBOX")
    world.run(T0 + timedelta(minutes=1))
    assert world.daemon.archive.conn.execute("SELECT count(*) FROM cases").fetchone() == (0,)
    world.mailbox.set_keywords(location, ["slipup"])
    report = world.run(T0 + timedelta(minutes=2))
    assert report.cases_opened == 1 and len(world.sent_to_client()) == 1


@pytest.mark.parametrize("opened", [T0, datetime(2020, 3, 2, 12, 0, tzinfo=timezone.utc)], ids=["recent", "years-ago"])
def test_a_forwarded_tag_note_without_a_date_joins_the_thread_it_forwards_counted_from_the_pass(world, opened):
    """The note has no Date: how far back it looks for its client thread counts from the pass's
    time (FOLLOWUP_NOW in a dry run), not from the wall clock; the same on any day."""
    world.receive(mail("c1@x", "Hvor er rapporten?", date=opened))
    world.we_sent(message("#slipup\n", From="me@agency.example", To="me@agency.example", Subject="Fwd: Rapporten",
                          Message_ID="<n1@agency.example>", Date=None).as_bytes())
    report = world.run(opened + timedelta(hours=1))
    conn = world.daemon.archive.conn
    (client_thread,) = conn.execute("SELECT thread_id FROM messages WHERE message_id = 'c1@x'").fetchone()
    assert report.cases_opened == 1
    assert conn.execute("SELECT thread_id, client FROM cases").fetchall() == [(client_thread, "acme")]
