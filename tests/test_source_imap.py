"""ImapSource against a real Dovecot on loopback (integration), plus Gmail and no-IDLE
paths against `FakeImap`, a small stand-in for the imapclient connection: Dovecot has no
X-GM-EXT-1 and always offers IDLE, so those paths cannot be reached on it. The fake is
used here only, never outside unit tests."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime
from email.parser import BytesHeaderParser

import pytest
from dovecot import dovecot, imap_config, imap_env  # noqa: F401 - `dovecot` is a fixture
from followup.errors import SourceAuthError, SourceError
from followup.sources.imap import IDLE_RENEW, ImapSource
from sources.contract import everything, last_checkpoint, mail
from configs import config_mapping, imap_source


def source_for(server, **overrides) -> ImapSource:
    context = overrides.pop("ssl_context", server.trusting_context())
    return ImapSource(imap_config(server, **overrides), env=imap_env(server), ssl_context=context)


@pytest.fixture
def admin(dovecot):  # noqa: F811
    conn = dovecot.client()
    yield conn
    try:
        conn.logout()
    except Exception:  # noqa: BLE001 - some tests kill the server under it
        conn.shutdown()


@pytest.fixture
def source(dovecot):  # noqa: F811
    src = source_for(dovecot)
    yield src
    src.close()


def fetch_all(src: ImapSource, checkpoint=None) -> list:
    return everything(list(src.fetch(checkpoint)))


# -- what a sync hands over ---------------------------------------------------------------

@pytest.mark.integration
def test_first_sync_gets_inbox_and_sent_and_marks_sent_mail(source, admin):
    admin.append("INBOX", mail(1))
    admin.append("Sent", mail(2))
    got = {m.data: (m.folder, m.from_sent) for m in fetch_all(source)}
    assert got == {mail(1): ("INBOX", False), mail(2): ("Sent", True)}


@pytest.mark.integration
def test_location_names_folder_uidvalidity_and_uid(source, admin):
    admin.append("INBOX", mail(1))
    uidvalidity = admin.select_folder("INBOX")[b"UIDVALIDITY"]
    (message,) = fetch_all(source)
    assert message.location == f"INBOX;UIDVALIDITY={uidvalidity};UID=1"


@pytest.mark.integration
def test_checkpoint_records_uidvalidity_last_uid_and_highestmodseq(source, admin):
    admin.append("INBOX", mail(1))
    admin.append("INBOX", mail(2))
    status = admin.folder_status("INBOX", [b"UIDVALIDITY", b"HIGHESTMODSEQ"])
    inbox = last_checkpoint(list(source.fetch(None)))["folders"]["INBOX"]
    assert inbox == {
        "uidvalidity": status[b"UIDVALIDITY"], "last_uid": 2, "highestmodseq": status[b"HIGHESTMODSEQ"],
    }


@pytest.mark.integration
def test_messages_in_the_tag_folder_are_handed_over_with_that_folder(source, admin):
    admin.create_folder("slipup")
    admin.append("slipup", mail(1))
    (message,) = fetch_all(source)
    assert (message.folder, message.from_sent) == ("slipup", False)


@pytest.mark.integration
def test_configured_extra_folders_are_watched(dovecot, admin):  # noqa: F811
    admin.create_folder("Clients/Acme")
    admin.append("Clients/Acme", mail(1))
    src = source_for(dovecot, folders=["INBOX", "Clients/Acme"])
    assert [m.folder for m in fetch_all(src)] == ["Clients/Acme"]
    src.close()


@pytest.mark.integration
def test_keywords_are_the_flags_without_system_flags(source, admin):
    admin.append("INBOX", mail(1), flags=[b"\\Flagged", b"\\Answered", b"slipup", b"$Followup"])
    (message,) = fetch_all(source)
    assert message.keywords == frozenset({"slipup", "$Followup"})


@pytest.mark.integration
def test_slipup_set_later_on_an_old_message_hands_it_over_again(source, admin):
    admin.append("INBOX", mail(1))
    admin.append("INBOX", mail(2))
    checkpoint = last_checkpoint(list(source.fetch(None)))
    admin.select_folder("INBOX")
    admin.add_flags([1], [b"slipup"])
    got = fetch_all(source, checkpoint)
    assert [(m.data, m.keywords) for m in got] == [(mail(1), frozenset({"slipup"}))]


@pytest.mark.integration
def test_reading_an_old_message_does_not_hand_it_over_again(source, admin):
    admin.append("INBOX", mail(1))
    checkpoint = last_checkpoint(list(source.fetch(None)))
    admin.select_folder("INBOX")
    admin.add_flags([1], [b"\\Seen"])
    assert fetch_all(source, checkpoint) == []


@pytest.mark.integration
def test_a_keyword_change_is_handed_over_once(source, admin):
    admin.append("INBOX", mail(1))
    checkpoint = last_checkpoint(list(source.fetch(None)))
    admin.select_folder("INBOX")
    admin.add_flags([1], [b"slipup"])
    checkpoint = last_checkpoint(list(source.fetch(checkpoint)))
    assert fetch_all(source, checkpoint) == []


@pytest.mark.integration
def test_fetching_does_not_mark_messages_seen(source, admin):
    admin.append("INBOX", mail(1))
    fetch_all(source)
    admin.select_folder("INBOX", readonly=True)
    assert b"\\Seen" not in admin.get_flags([1])[1]


@pytest.mark.integration
def test_first_sync_honours_since(dovecot, admin):  # noqa: F811
    admin.append("INBOX", mail(1), msg_time=datetime(2020, 1, 5, tzinfo=UTC))
    admin.append("INBOX", mail(2), msg_time=datetime(2026, 11, 3, tzinfo=UTC))
    src = source_for(dovecot, since="2026-01-01")
    assert [m.data for m in fetch_all(src)] == [mail(2)]
    src.close()


@pytest.mark.integration
def test_uidvalidity_change_resyncs_the_folder_and_warns(dovecot, source, admin, caplog):  # noqa: F811
    admin.append("INBOX", mail(1))
    checkpoint = last_checkpoint(list(source.fetch(None)))
    source.close()
    dovecot.doveadm("mailbox", "update", "-u", "alice", "--uid-validity", "4242", "INBOX")
    with caplog.at_level(logging.WARNING, logger="followup.sources.imap"):
        got = fetch_all(source, checkpoint)
    assert [(m.data, m.location) for m in got] == [(mail(1), "INBOX;UIDVALIDITY=4242;UID=1")]
    assert "UIDVALIDITY of INBOX changed" in caplog.text


@pytest.mark.integration
def test_find_thread_searches_sent_and_marks_those_from_sent(source, admin):
    admin.append("INBOX", mail(1))
    admin.append("Sent", mail(2, refers_to="<1@client.example>"))
    found = {m.data: m.from_sent for m in source.find_thread(["<1@client.example>"])}
    assert found == {mail(1): False, mail(2, refers_to="<1@client.example>"): True}


@pytest.mark.integration
def test_find_thread_between_two_batches_does_not_derail_the_sync(source, admin):
    source.batch_size = 1
    admin.append("INBOX", mail(1))
    admin.append("INBOX", mail(2))
    admin.append("Sent", mail(3))
    got = []
    for batch in source.fetch(None):
        got.extend(batch.messages)
        list(source.find_thread(["<3@client.example>"]))  # selects other folders
    assert sorted(m.data for m in got) == sorted([mail(1), mail(2), mail(3)])


@pytest.mark.integration
def test_append_returns_the_location_of_the_stored_message(source, admin):
    location = source.append("Drafts", mail(7), ["\\Draft"])
    uidvalidity = admin.select_folder("Drafts")[b"UIDVALIDITY"]
    assert location == f"Drafts;UIDVALIDITY={uidvalidity};UID=1"


# -- waiting --------------------------------------------------------------------------------


@pytest.mark.integration
def test_idle_wakes_wait_when_another_connection_appends(source, admin):
    assert source.wait(0.2) is False  # IDLE is now running on INBOX
    threading.Timer(0.3, admin.append, ("INBOX", mail(1))).start()
    assert source.wait(30) is True
    assert [m.data for m in fetch_all(source)] == [mail(1)]


@pytest.mark.integration
def test_idle_wakes_wait_when_a_keyword_is_set(source, dovecot, admin):  # noqa: F811
    admin.append("INBOX", mail(1))
    checkpoint = last_checkpoint(list(source.fetch(None)))
    assert source.wait(0.2) is False
    admin.select_folder("INBOX")
    admin.add_flags([1], [b"slipup"])
    assert source.wait(30) is True
    assert [m.keywords for m in fetch_all(source, checkpoint)] == [frozenset({"slipup"})]


@pytest.mark.integration
def test_server_killed_during_wait_is_a_source_error_then_reconnect_works(source, dovecot, admin):  # noqa: F811
    admin.append("INBOX", mail(1))
    checkpoint = last_checkpoint(list(source.fetch(None)))
    assert source.wait(0.2) is False
    killer = threading.Timer(0.3, dovecot.kill)
    killer.start()
    with pytest.raises(SourceError, match=f"{dovecot.host}:{dovecot.port}"):
        source.wait(30)
    killer.join()  # the connection drops before kill() has forgotten the old process
    dovecot.start()
    later = dovecot.client()
    later.append("INBOX", mail(2))
    later.logout()
    assert [m.data for m in fetch_all(source, checkpoint)] == [mail(2)]
    assert source.wait(0.2) is False  # a fresh IDLE connection


@pytest.mark.integration
def test_fetch_after_the_server_restarted_reconnects(source, dovecot):  # noqa: F811
    fetch_all(source)
    dovecot.kill()
    dovecot.start()
    conn = dovecot.client()
    conn.append("INBOX", mail(1))
    conn.logout()
    assert [m.data for m in fetch_all(source)] == [mail(1)]


# -- connecting, TLS and credentials ----------------------------------------------------------


@pytest.mark.integration
def test_wrong_password_is_an_auth_error_that_does_not_show_the_password(dovecot, caplog):  # noqa: F811
    src = ImapSource(imap_config(dovecot), env={"IMAP_PW": "hunter2-wrong"}, ssl_context=dovecot.trusting_context())
    with caplog.at_level(logging.DEBUG), pytest.raises(SourceAuthError) as refused:
        fetch_all(src)
    assert "alice" in str(refused.value) and "hunter2-wrong" not in str(refused.value)
    assert "hunter2-wrong" not in caplog.text


@pytest.mark.integration
def test_missing_password_variable_is_an_auth_error_naming_it(dovecot):  # noqa: F811
    src = ImapSource(imap_config(dovecot), env={}, ssl_context=dovecot.trusting_context())
    with pytest.raises(SourceAuthError, match="IMAP_PW is not set"):
        fetch_all(src)


@pytest.mark.integration
def test_password_command_is_used(dovecot, admin):  # noqa: F811
    admin.append("INBOX", mail(1))
    config = imap_config(dovecot, password_env=None, password_command=["printf", "%s", dovecot.users["alice"]])
    src = ImapSource(config, env={"PATH": "/usr/bin:/bin"}, ssl_context=dovecot.trusting_context())
    assert len(fetch_all(src)) == 1
    src.close()


@pytest.mark.integration
def test_implicit_tls_refuses_an_untrusted_certificate_and_names_the_fix(dovecot):  # noqa: F811
    src = source_for(dovecot, tls="implicit", port=dovecot.tls_port, ssl_context=None)
    with pytest.raises(SourceError, match="tls_verify") as failed:
        fetch_all(src)
    assert not isinstance(failed.value, SourceAuthError)


@pytest.mark.integration
def test_implicit_tls_works_when_the_context_trusts_the_certificate(dovecot, admin):  # noqa: F811
    admin.append("INBOX", mail(1))
    src = source_for(dovecot, tls="implicit", port=dovecot.tls_port)
    assert [m.data for m in fetch_all(src)] == [mail(1)]
    src.close()


@pytest.mark.integration
def test_starttls_refuses_an_untrusted_certificate(dovecot):  # noqa: F811
    src = source_for(dovecot, tls="starttls", ssl_context=None)
    with pytest.raises(SourceError, match="certificate"):
        fetch_all(src)


@pytest.mark.integration
def test_starttls_works_when_the_context_trusts_the_certificate(dovecot, admin):  # noqa: F811
    admin.append("INBOX", mail(1))
    src = source_for(dovecot, tls="starttls")
    assert [m.data for m in fetch_all(src)] == [mail(1)]
    src.close()


@pytest.mark.integration
def test_tls_verify_false_connects_to_an_untrusted_server_and_warns(dovecot, caplog):  # noqa: F811
    src = source_for(dovecot, tls="implicit", port=dovecot.tls_port, tls_verify=False, ssl_context=None)
    with caplog.at_level(logging.WARNING, logger="followup.sources.imap"):
        fetch_all(src)
    assert "tls_verify = false" in caplog.text
    src.close()


@pytest.mark.integration
def test_connection_refused_is_a_source_error_naming_host_and_port(dovecot):  # noqa: F811
    src = source_for(dovecot)
    dovecot.kill()
    with pytest.raises(SourceError, match=f"{dovecot.host}:{dovecot.port}.*fix: check that the server is running"):
        fetch_all(src)


# -- Gmail and servers without IDLE, against a stand-in connection ---------------------------


class FakeImap:
    """Just enough of imapclient.IMAPClient for the paths Dovecot cannot reach. Folders
    hold dicts: uid, data, flags, labels, msgid, modseq."""

    def __init__(self, capabilities=("IDLE", "CONDSTORE", "X-GM-EXT-1"), special=None):
        self.capabilities = set(capabilities)
        self.special = special or {b"\\Sent": "[Gmail]/Sent Mail", b"\\All": "[Gmail]/All Mail"}
        self.folders: dict[str, list[dict]] = {"INBOX": [], "[Gmail]/Sent Mail": [], "[Gmail]/All Mail": []}
        self.selected: str | None = None
        self.calls: list[str] = []
        self.idle_answers: list[list] = []
        self.logins: list[tuple] = []

    def put(self, folder: str, data: bytes, msgid: int, labels=(), flags=()) -> None:
        box = self.folders[folder]
        box.append({"uid": len(box) + 1, "data": data, "flags": tuple(flags),
                    "labels": tuple(labels), "msgid": msgid, "modseq": 1})

    def has_capability(self, name: str) -> bool:
        return name in self.capabilities

    def login(self, user, password):
        self.logins.append(("login", user, password))

    def oauth2_login(self, user, token):
        self.logins.append(("oauth2", user, token))

    def enable(self, *names):
        return list(names)

    def find_special_folder(self, flag):
        return self.special.get(flag)

    def folder_exists(self, name):
        return name in self.folders

    def select_folder(self, name, readonly=False):
        self.selected = name
        return {b"UIDVALIDITY": 7, b"HIGHESTMODSEQ": 1, b"UIDNEXT": len(self.folders[name]) + 1}

    def search(self, criteria):
        return [m["uid"] for m in self.folders[self.selected] if _matches(m, list(criteria))]

    def fetch(self, uids, items):
        answer = {}
        for m in self.folders[self.selected]:
            if m["uid"] in uids:
                every = {b"BODY[]": m["data"], b"FLAGS": m["flags"],
                         b"X-GM-MSGID": m["msgid"], b"X-GM-LABELS": m["labels"]}
                answer[m["uid"]] = {k: v for k, v in every.items() if k.replace(b".PEEK", b"") in items
                                    or (k == b"BODY[]" and b"BODY.PEEK[]" in items)}
        return answer

    def folder_status(self, name, items):
        return {b"UIDNEXT": len(self.folders[name]) + 1, b"MESSAGES": len(self.folders[name])}

    def idle(self):
        self.calls.append("idle")

    def idle_check(self, timeout):
        return self.idle_answers.pop(0) if self.idle_answers else []

    def idle_done(self):
        self.calls.append("idle_done")

    def noop(self):
        return None

    def logout(self):
        pass

    def shutdown(self):
        pass


def _matches(message: dict, criteria: list) -> bool:
    """The SEARCH keys ImapSource sends: ALL, UID n:*, or an OR-chain of HEADER keys."""
    head = criteria.pop(0)
    if head == "ALL":
        return True
    if head == "UID":
        return message["uid"] >= int(criteria.pop(0).split(":")[0])
    if head == "OR":
        left, right = _matches(message, criteria), _matches(message, criteria)
        return left or right
    if head == "HEADER":
        name, value = criteria.pop(0), criteria.pop(0)
        headers = BytesHeaderParser().parsebytes(message["data"])
        return any(value in str(v) for v in headers.get_all(name, []))
    raise AssertionError(f"FakeImap cannot search {head!r}")


class FakeConnected(ImapSource):
    """An ImapSource whose every connection is the given FakeImap."""

    def __init__(self, fake: FakeImap, clock=None, sleep=None, **overrides):
        from pathlib import Path

        from followup.config import config_from_mapping

        entry = imap_source("imap.gmail.example", name="gmail",
                            **{"username": "ann", "password_env": "PW", **overrides})
        config = config_from_mapping(config_mapping(archive=None, owners=["ann@ourfirm.example"], sources=[entry]),
                                     file=Path("/nonexistent/followup.toml")).sources[0]
        extra = {k: v for k, v in (("clock", clock), ("sleep", sleep)) if v is not None}
        super().__init__(config, env={"PW": "pw"}, **extra)
        self.fake = fake

    def _open_connection(self):
        return self.fake


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_gmail_labels_are_keywords_and_the_location_carries_the_gmail_id():
    fake = FakeImap()
    fake.put("INBOX", mail(1), msgid=1111, labels=[b"slipup", b"\\Important"], flags=[b"\\Seen"])
    (message,) = fetch_all(FakeConnected(fake))
    assert message.keywords == frozenset({"slipup"})
    assert message.location == "INBOX;UIDVALIDITY=7;UID=1;X-GM-MSGID=1111"


def test_gmail_labels_in_modified_utf7_are_decoded():
    fake = FakeImap()
    fake.put("INBOX", mail(1), msgid=1, labels=[b"Kunde/Bl&AOU-b&AOY-r"])
    (message,) = fetch_all(FakeConnected(fake))
    assert message.keywords == frozenset({"Kunde/Blåbær"})


def test_gmail_mode_is_off_without_the_capability_unless_configured():
    fake = FakeImap(capabilities=("IDLE",))
    fake.put("INBOX", mail(1), msgid=1111, labels=[b"slipup"])
    assert [m.keywords for m in fetch_all(FakeConnected(fake))] == [frozenset()]
    assert [m.keywords for m in fetch_all(FakeConnected(fake, gmail=True))] == [frozenset({"slipup"})]


def test_gmail_find_thread_searches_all_mail_and_hands_each_message_over_once():
    fake = FakeImap()
    fake.put("INBOX", mail(1), msgid=1)
    fake.put("[Gmail]/Sent Mail", mail(2, refers_to="<1@client.example>"), msgid=2)
    for msgid, n in ((1, 1), (2, 2)):  # All Mail shows the same messages again
        fake.put("[Gmail]/All Mail", mail(n, refers_to="<1@client.example>" if n == 2 else None), msgid=msgid)
    fake.put("[Gmail]/All Mail", mail(3, refers_to="<1@client.example>"), msgid=3)  # archived reply
    found = {m.data: m.from_sent for m in FakeConnected(fake).find_thread(["<1@client.example>"])}
    assert found == {mail(1): False, mail(2, refers_to="<1@client.example>"): True,
                     mail(3, refers_to="<1@client.example>"): False}


def test_oauth2_token_command_logs_in_with_xoauth2():
    fake = FakeImap()
    src = FakeConnected(fake, password_env=None, oauth2_token_command=["printf", "%s", "ya29.token"])
    src._env = {"PATH": "/usr/bin:/bin"}
    fetch_all(src)
    assert fake.logins == [("oauth2", "ann", "ya29.token")]


def test_without_idle_wait_polls_and_wakes_when_inbox_grows():
    fake, clock = FakeImap(capabilities=()), FakeClock()
    src = FakeConnected(fake, clock=clock, sleep=lambda s: (clock.sleep(s), fake.put("INBOX", mail(1), msgid=1)))
    assert src.wait(3600) is True


def test_without_idle_wait_returns_false_at_its_timeout():
    fake, clock = FakeImap(capabilities=()), FakeClock()
    assert FakeConnected(fake, clock=clock, sleep=clock.sleep).wait(3600) is False
    assert clock.now == 3600


def test_idle_keepalives_do_not_wake_wait():
    fake, clock = FakeImap(), FakeClock()
    fake.idle_answers = [[(b"OK", b"Still here")], [(3, b"EXISTS")]]
    fake.idle_check = lambda timeout, answers=fake.idle_answers: (clock.sleep(timeout / 2), answers.pop(0))[1]
    src = FakeConnected(fake, clock=clock)
    assert src.wait(3600) is True
    assert fake.idle_answers == []


def test_an_early_empty_idle_answer_is_a_lost_connection():
    fake = FakeImap()  # idle_check answers [] at once, as imapclient does after EOF
    with pytest.raises(SourceError, match="connection was lost"):
        FakeConnected(fake, clock=FakeClock()).wait(60)


def test_idle_is_renewed_within_ten_minutes():
    fake, clock = FakeImap(), FakeClock()

    def quiet(timeout):
        clock.sleep(timeout)
        return []

    fake.idle_check = quiet
    FakeConnected(fake, clock=clock).wait(3 * IDLE_RENEW)
    assert fake.calls == ["idle", "idle_done", "idle", "idle_done", "idle"]

