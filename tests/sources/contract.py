"""The source contract as tests: every backend (memory, IMAP against Dovecot, ...) runs these.

A backend's test class inherits `SourceContract` and provides a `harness` fixture: an
object with
    source                 the Source under test (its `batch_size` may be set)
    sent_folder            the name of the owner's Sent folder there
    deliver(data, folder)  put a message in a folder, as the server would
    add_keyword(mid, kw)   set keyword `kw` on the INBOX message with Message-ID `mid`

`wait()` returns True when woken by news and False at its timeout (ImapSource and
MemorySource both do); a broken wake-up therefore fails here instead of passing slowly.
"""

from __future__ import annotations

import json
from email.message import EmailMessage
from email.policy import SMTP

import pytest
from followup.sources.base import Batch


def mail(n: int, *, refers_to: str | None = None, **headers: str) -> bytes:
    """Message number n (Message-ID <n@client.example>), CRLF line ends as on the wire."""
    msg = EmailMessage(policy=SMTP)
    msg["From"] = headers.get("From", "Bob Client <bob@client.example>")
    msg["To"] = "Ann Owner <ann@ourfirm.example>"
    msg["Subject"] = headers.get("Subject", f"Order {n}")
    msg["Date"] = "Mon, 03 Nov 2026 10:00:00 +0100"
    msg["Message-ID"] = f"<{n}@client.example>"
    if refers_to:
        msg["In-Reply-To"] = refers_to
        msg["References"] = refers_to
    msg.set_content(f"Message {n}.\n")
    return msg.as_bytes()


def everything(batches: list[Batch]) -> list:
    return [message for batch in batches for message in batch.messages]


def last_checkpoint(batches: list[Batch]) -> dict:
    assert batches, "fetch handed over no batch at all"
    return batches[-1].checkpoint


class SourceContract:
    @pytest.fixture
    def harness(self):
        raise NotImplementedError("a backend's test class provides the harness")

    def test_first_fetch_hands_over_every_message_byte_for_byte(self, harness):
        sent = [mail(1), mail(2)]
        for data in sent:
            harness.deliver(data)
        got = everything(list(harness.source.fetch(None)))
        assert sorted(m.data for m in got) == sorted(sent)

    def test_messages_carry_the_source_name_and_their_folder(self, harness):
        harness.deliver(mail(1))
        (message,) = everything(list(harness.source.fetch(None)))
        assert (message.source, message.folder) == (harness.source.name, "INBOX")

    def test_messages_in_sent_are_from_sent_and_others_are_not(self, harness):
        harness.deliver(mail(1))
        harness.deliver(mail(2, From="Ann Owner <ann@ourfirm.example>"), harness.sent_folder)
        got = {m.data: m for m in everything(list(harness.source.fetch(None)))}
        assert got[mail(2, From="Ann Owner <ann@ourfirm.example>")].from_sent is True
        assert got[mail(1)].from_sent is False

    def test_fetch_from_the_last_checkpoint_hands_over_only_new_mail(self, harness):
        harness.deliver(mail(1))
        checkpoint = last_checkpoint(list(harness.source.fetch(None)))
        harness.deliver(mail(2))
        got = everything(list(harness.source.fetch(checkpoint)))
        assert [m.data for m in got] == [mail(2)]

    def test_fetch_with_nothing_new_hands_over_no_message(self, harness):
        harness.deliver(mail(1))
        checkpoint = last_checkpoint(list(harness.source.fetch(None)))
        assert everything(list(harness.source.fetch(checkpoint))) == []

    def test_checkpoint_survives_a_json_round_trip(self, harness):
        harness.deliver(mail(1))
        checkpoint = json.loads(json.dumps(last_checkpoint(list(harness.source.fetch(None)))))
        harness.deliver(mail(2))
        assert [m.data for m in everything(list(harness.source.fetch(checkpoint)))] == [mail(2)]

    def test_resuming_from_any_batch_checkpoint_loses_nothing(self, harness):
        harness.source.batch_size = 2
        for n in range(1, 6):
            harness.deliver(mail(n))
        batches = list(harness.source.fetch(None))
        for index, batch in enumerate(batches):
            later = {m.data for b in batches[index + 1:] for m in b.messages}
            resumed = {m.data for m in everything(list(harness.source.fetch(batch.checkpoint)))}
            assert later <= resumed

    def test_first_fetch_comes_in_batches_no_larger_than_batch_size(self, harness):
        harness.source.batch_size = 2
        for n in range(1, 6):
            harness.deliver(mail(n))
        batches = list(harness.source.fetch(None))
        assert max(len(b.messages) for b in batches) == 2
        assert len(everything(batches)) == 5

    def test_keyword_set_later_hands_the_message_over_again_with_it(self, harness):
        harness.deliver(mail(1))
        harness.deliver(mail(2))
        checkpoint = last_checkpoint(list(harness.source.fetch(None)))
        harness.add_keyword("<1@client.example>", "slipup")
        got = everything(list(harness.source.fetch(checkpoint)))
        assert [(m.data, m.keywords) for m in got] == [(mail(1), frozenset({"slipup"}))]

    def test_locations_differ_between_messages(self, harness):
        for n in (1, 2, 3):
            harness.deliver(mail(n))
        got = everything(list(harness.source.fetch(None)))
        assert len({m.location for m in got}) == 3

    def test_wait_returns_true_when_mail_arrived(self, harness):
        assert harness.source.wait(0.2) is False  # starts listening; nothing new yet
        harness.deliver(mail(1))
        assert harness.source.wait(30) is True
        assert [m.data for m in everything(list(harness.source.fetch(None)))] == [mail(1)]

    def test_wait_returns_false_at_its_timeout_when_nothing_arrived(self, harness):
        assert harness.source.wait(0.3) is False

    def test_find_thread_finds_the_message_and_the_replies_to_it(self, harness):
        harness.deliver(mail(1))
        harness.deliver(mail(2, refers_to="<1@client.example>"), harness.sent_folder)
        harness.deliver(mail(3))
        found = {m.data for m in harness.source.find_thread(["<1@client.example>"])}
        assert found == {mail(1), mail(2, refers_to="<1@client.example>")}

    def test_find_thread_accepts_ids_without_angle_brackets(self, harness):
        harness.deliver(mail(1))
        assert [m.data for m in harness.source.find_thread(["1@client.example"])] == [mail(1)]

    def test_find_thread_of_an_unknown_id_finds_nothing(self, harness):
        harness.deliver(mail(1))
        assert list(harness.source.find_thread(["<nobody@nowhere.example>"])) == []

    def test_a_closed_source_can_be_used_again(self, harness):
        harness.deliver(mail(1))
        list(harness.source.fetch(None))
        harness.source.close()
        assert len(everything(list(harness.source.fetch(None)))) == 1

    def test_appended_message_is_found_by_its_message_id(self, harness):
        harness.source.append("Drafts", mail(7), ["\\Draft"])
        assert harness.source.has_message_id("Drafts", "<7@client.example>")
        assert not harness.source.has_message_id("Drafts", "<8@client.example>")
