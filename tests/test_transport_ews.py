"""What is particular to sending through Exchange (the shared contract runs in
test_transports.py): our Message-ID and threading headers go out unchanged with a copy in
Sent Items, drafts land in Drafts, the restart check reads Sent Items, and a refused
login is permanent without showing the password."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes

import pytest
from ews_fake import PASSWORD, FakeExchange, ews_config, ews_env
from followup.errors import TransportError
from followup.mail.compose import compose, make_message_id
from followup.transports.ews import EwsTransport

pytestmark = pytest.mark.integration
SENDER, CLIENT = "ann@ourfirm.example", "bob@client.example"


@pytest.fixture
def fake():
    with FakeExchange(users={"ann": PASSWORD}) as server:
        yield server


@pytest.fixture
def transport(fake):
    ews = EwsTransport(ews_config(fake), env=ews_env())
    yield ews
    ews.close()


def update(message_id: str, to: str = CLIENT) -> bytes:
    return compose(
        sender=SENDER, sender_name="Ann Owner", to=[to], subject="Re: Order 1: status",
        text="Hello Bob,\n\nThe parts ship on Friday.\n", html=None,
        in_reply_to="1@client.example", references=["1@client.example"], message_id=message_id,
        date=datetime(2026, 11, 3, 9, 0, tzinfo=UTC), extra_headers={"X-Followup-Update": "case-1"},
    )


def test_sending_keeps_our_message_id_and_threading_headers(transport, fake):
    message_id = make_message_id("ourfirm.example")
    transport.send(update(message_id), sender=SENDER, recipients=[CLIENT])
    ((sent, recipients),) = fake.sent
    headers = message_from_bytes(sent)
    assert (headers["Message-ID"], headers["In-Reply-To"]) == (f"<{message_id}>", "<1@client.example>")
    assert recipients == [CLIENT]


def test_sending_keeps_a_copy_in_sent_items(transport, fake):
    message = update(make_message_id("ourfirm.example"))
    transport.send(message, sender=SENDER, recipients=[CLIENT])
    assert [item.mime for item in fake.in_folder("sentitems")] == [message]
    assert fake.operations.count("CreateItem") == 1


def test_a_draft_is_saved_in_drafts_and_not_sent(transport, fake):
    message = update(make_message_id("ourfirm.example"))
    transport.save_draft(message)
    assert ([i.mime for i in fake.in_folder("drafts")], fake.sent) == ([message], [])


def test_a_restarted_daemon_finds_the_update_in_sent_items(fake):
    message_id = make_message_id("ourfirm.example")
    before_crash = EwsTransport(ews_config(fake), env=ews_env())
    before_crash.send(update(message_id), sender=SENDER, recipients=[CLIENT])
    before_crash.close()
    after_restart = EwsTransport(ews_config(fake), env=ews_env())
    assert after_restart.was_sent(message_id) is True
    assert after_restart.was_sent(make_message_id("ourfirm.example")) is False
    after_restart.close()


def test_a_recipient_missing_from_the_headers_is_added_as_bcc(transport, fake):
    transport.send(update(make_message_id("ourfirm.example")), sender=SENDER,
                   recipients=[CLIENT, "carol@client.example"])
    ((_, recipients),) = fake.sent
    assert recipients == [CLIENT, "carol@client.example"]


def test_a_wrong_password_is_permanent_and_the_error_does_not_show_it(fake):
    refused = EwsTransport(ews_config(fake), env=ews_env("hunter2-wrong"))
    with pytest.raises(TransportError) as failed:
        refused.send(update(make_message_id("ourfirm.example")), sender=SENDER, recipients=[CLIENT])
    assert failed.value.permanent
    assert "hunter2-wrong" not in str(failed.value) and "FOLLOWUP_EWS_PASSWORD" in str(failed.value)
    assert fake.sent == []


def test_a_missing_password_is_permanent(fake):
    with pytest.raises(TransportError) as failed:
        EwsTransport(ews_config(fake), env={}).was_sent("x@ourfirm.example")
    assert failed.value.permanent and "FOLLOWUP_EWS_PASSWORD" in str(failed.value)


def test_a_server_that_is_gone_is_a_temporary_error(fake):
    transport = EwsTransport(ews_config(fake), env=ews_env())
    transport.was_sent("x@ourfirm.example")
    fake.stop()
    with pytest.raises(TransportError) as failed:
        transport.send(update(make_message_id("ourfirm.example")), sender=SENDER, recipients=[CLIENT])
    assert not failed.value.permanent
