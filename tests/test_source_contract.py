"""Every source backend keeps the contract in tests/sources/contract.py."""

from __future__ import annotations

import pytest
from dovecot import dovecot, imap_config, imap_env  # noqa: F401 - `dovecot` is a fixture
from ews_fake import PASSWORD, EwsSourceHarness, FakeExchange
from followup.sources.imap import ImapSource
from followup.sources.memory import MemorySource
from sources.contract import SourceContract


class MemoryHarness:
    sent_folder = "Sent"

    def __init__(self):
        self.source = MemorySource("work")
        self._where: dict[str, str] = {}

    def deliver(self, data: bytes, folder: str = "INBOX") -> None:
        mid = data.split(b"Message-ID: ", 1)[1].split(b"\r\n", 1)[0].decode()
        self._where[mid] = self.source.deliver(data, folder)

    def add_keyword(self, message_id: str, keyword: str) -> None:
        self.source.set_keywords(self._where[message_id], {keyword})


class ImapHarness:
    """Dovecot on loopback; arranging mail goes through a second, plain connection."""

    sent_folder = "Sent"

    def __init__(self, server):
        self.source = ImapSource(imap_config(server), env=imap_env(server), ssl_context=server.trusting_context())
        self._admin = server.client()

    def deliver(self, data: bytes, folder: str = "INBOX") -> None:
        self._admin.append(folder, data)

    def add_keyword(self, message_id: str, keyword: str) -> None:
        self._admin.select_folder("INBOX")
        uids = self._admin.search(["HEADER", "Message-ID", message_id])
        assert uids, f"no message {message_id} in INBOX"
        self._admin.add_flags(uids, [keyword.encode()])

    def close(self) -> None:
        self.source.close()
        self._admin.logout()


class TestMemorySource(SourceContract):
    @pytest.fixture
    def harness(self):
        return MemoryHarness()


@pytest.mark.integration
class TestImapSource(SourceContract):
    @pytest.fixture
    def harness(self, dovecot):  # noqa: F811 - the fixture imported above
        harness = ImapHarness(dovecot)
        yield harness
        harness.close()


@pytest.mark.integration
class TestEwsSource(SourceContract):
    @pytest.fixture
    def harness(self):
        with FakeExchange(users={"ann": PASSWORD}) as fake:
            harness = EwsSourceHarness(fake)
            yield harness
            harness.close()
