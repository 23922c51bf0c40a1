"""What is particular to the Exchange source (the shared contract runs in
test_source_contract.py): categories, resuming a sync after a restart, the MIME bytes,
the ConversationId, the tag folder, wake-ups, and refused logins. The real exchangelib
Account talks to tests/ews_fake.py over loopback HTTP."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from ews_fake import PASSWORD, EwsSourceHarness, FakeExchange, ews_config, ews_env
from followup.errors import SourceAuthError, SourceError
from followup.sources.ews import EwsSource
from sources.contract import everything, last_checkpoint, mail
from configs import config_toml, ews_source, ews_transport

pytestmark = pytest.mark.integration


@pytest.fixture
def fake():
    with FakeExchange(users={"ann": PASSWORD}) as server:
        yield server


@pytest.fixture
def harness(fake):
    harness = EwsSourceHarness(fake)
    yield harness
    harness.close()


def new_daemon_source(fake: FakeExchange, **overrides) -> EwsSource:
    return EwsSource(ews_config(fake, **overrides), env=ews_env(), pull_interval=0.05)


def test_the_outlook_category_slipup_comes_as_a_keyword(harness, fake):
    fake.deliver(mail(1), categories=["slipup"])
    (message,) = everything(list(harness.source.fetch(None)))
    assert message.keywords == frozenset({"slipup"})


def test_a_restarted_daemon_resumes_from_the_stored_sync_state(fake):
    fake.deliver(mail(1))
    first = new_daemon_source(fake)
    stored = json.dumps(last_checkpoint(list(first.fetch(None))))
    first.close()
    fake.deliver(mail(2))
    restarted = new_daemon_source(fake)
    assert [m.data for m in everything(list(restarted.fetch(json.loads(stored))))] == [mail(2)]
    restarted.close()


def test_the_checkpoint_holds_the_servers_sync_state_per_folder(harness, fake):
    fake.deliver(mail(1))
    checkpoint = last_checkpoint(list(harness.source.fetch(None)))
    assert set(checkpoint["folders"]) == {"inbox", "sentitems"}
    assert all(state["sync_state"] for state in checkpoint["folders"].values())


def test_a_sync_state_the_server_rejects_means_reading_the_folder_again(harness, fake):
    fake.deliver(mail(1))
    stale = {"version": 1, "folders": {"inbox": {"sync_state": "bm90IGEgc3RhdGU="}}}
    assert [m.data for m in everything(list(harness.source.fetch(stale)))] == [mail(1)]


def test_the_archive_gets_the_mime_bytes_exactly(harness, fake):
    raw = mail(1).replace(b"Message 1.", "Hei, vi leverer på fredag.".encode())
    fake.deliver(raw)
    assert [m.data for m in everything(list(harness.source.fetch(None)))] == [raw]


def test_the_location_names_folder_item_and_conversation(harness, fake):
    item_id = fake.deliver(mail(1))
    (message,) = everything(list(harness.source.fetch(None)))
    assert message.location == f"INBOX;ItemId={item_id};ConversationId={fake.items[item_id].conversation}"


def test_a_reply_in_sent_items_shares_the_conversation_id(harness, fake):
    fake.deliver(mail(1))
    fake.deliver(mail(2, refers_to="<1@client.example>"), "sentitems")
    conversations = {m.location.rsplit("ConversationId=", 1)[1] for m in everything(list(harness.source.fetch(None)))}
    assert len(conversations) == 1


def test_find_thread_follows_the_conversation_id(harness, fake):
    first = fake.deliver(mail(1))
    fake.deliver(mail(2, refers_to="<1@client.example>"))
    third = fake.deliver(mail(3))
    fake.items[third].conversation = fake.items[first].conversation  # Exchange links by its own rules too
    found = {m.data for m in harness.source.find_thread(["<2@client.example>"])}
    assert found == {mail(1), mail(2, refers_to="<1@client.example>"), mail(3)}


def test_a_read_flag_change_is_not_handed_over_again(harness, fake):
    item_id = fake.deliver(mail(1))
    checkpoint = last_checkpoint(list(harness.source.fetch(None)))
    (item,) = harness._outlook.inbox.filter(message_id="<1@client.example>")
    item.is_read = True
    item.save(update_fields=["is_read"])
    assert fake.items[item_id].is_read
    assert everything(list(harness.source.fetch(checkpoint))) == []


def test_the_tag_folder_is_watched_when_it_exists(fake):
    folder = fake.add_folder("slipup", parent="inbox")
    fake.deliver(mail(1), folder)
    source = new_daemon_source(fake)
    (message,) = everything(list(source.fetch(None)))
    assert (message.folder, message.from_sent) == ("slipup", False)
    source.close()


def test_a_new_message_wakes_wait_through_the_pull_subscription(harness, fake):
    assert harness.source.wait(0.1) is False
    fake.deliver(mail(1))
    assert harness.source.wait(30) is True
    assert "GetEvents" in fake.operations and "Subscribe" in fake.operations


def test_a_lost_subscription_wakes_wait_and_is_renewed(harness, fake):
    assert harness.source.wait(0.1) is False
    fake.drop_subscriptions()
    assert harness.source.wait(5) is True
    assert harness.source.wait(0.1) is False
    assert fake.operations.count("Subscribe") == 2


def test_a_server_without_notifications_is_polled(fake):
    fake.notifications = False
    source = new_daemon_source(fake)
    assert source.wait(0.1) is False
    fake.deliver(mail(1))
    assert source.wait(30) is True
    assert source.wait(0.1) is False
    source.close()


def test_a_wrong_password_is_an_auth_error_that_does_not_show_the_password(fake):
    source = EwsSource(ews_config(fake), env=ews_env("not the password"))
    with pytest.raises(SourceAuthError) as refused:
        list(source.fetch(None))
    assert "not the password" not in str(refused.value)
    assert "FOLLOWUP_EWS_PASSWORD" in str(refused.value) and "ann" in str(refused.value)


def test_a_missing_password_is_an_auth_error_naming_the_variable(fake):
    source = EwsSource(ews_config(fake), env={})
    with pytest.raises(SourceAuthError, match="FOLLOWUP_EWS_PASSWORD"):
        list(source.fetch(None))


def test_a_server_that_is_gone_is_a_source_error_and_the_next_call_reconnects(fake):
    source = new_daemon_source(fake)
    fake.deliver(mail(1))
    list(source.fetch(None))
    fake.stop()
    with pytest.raises(SourceError) as failed:
        list(source.fetch(None))
    assert not isinstance(failed.value, SourceAuthError)
    fake.start()
    assert len(everything(list(source.fetch(None)))) == 1


EWS_INSTALL = config_toml(
    archive="archive.sqlite", owners=["ann@ourfirm.example"],
    sources=[ews_source(name="exchange", service_endpoint="https://mail.ourfirm.example/EWS/Exchange.asmx",
                        primary_address="ann@ourfirm.example", auth_type="basic", username="ann",
                        password_env="FOLLOWUP_EWS_PASSWORD")],
    transport=ews_transport("exchange"),
)


def test_cli_runner_and_grep_never_import_exchangelib_even_with_exchange_configured(tmp_path):
    config = tmp_path / "followup.toml"
    config.write_text(EWS_INSTALL)
    probe = (
        "import sys, followup.cli, followup.runtime.passes, followup.transports;"
        "from click.testing import CliRunner;"
        f"done = CliRunner().invoke(followup.cli.main, ['--config', {str(config)!r}, 'grep', 'word']);"
        "print(done.exit_code, 'exchangelib' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    exit_code, imported = done.stdout.split()
    assert exit_code in ("1", "2") and imported == "False"
