"""The Exchange mailbox as the source sees it: the account (opened on first use, see
account.py), the watched folders, one SyncFolderItems page, and every library or network
error turned into SourceError / SourceAuthError naming the fix (see failures.py).
EwsWatcher (watching.py) and EwsSource (source.py) build on it."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from followup.config import EwsSourceConfig
from followup.errors import SecretError, SourceAuthError, SourceError
from followup.sources.base import ServerSource, said
from followup.sources.ews.account import open_account
from followup.sources.ews.failures import describe_failure, failures

log = logging.getLogger("followup.sources.ews")

BATCH_SIZE = 100  # changes per SyncFolderItems page (the server allows 1-512)
INBOX, SENT = "INBOX", "Sent Items"  # folder names handed over: stable, whatever the mailbox's language


class EwsMailbox(ServerSource):
    """One Exchange mailbox's account and folders. Not thread-safe: the daemon's ingest thread owns it."""

    batch_size = BATCH_SIZE

    def __init__(
        self,
        config: EwsSourceConfig,
        *,
        env: Mapping[str, str] = os.environ,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        super().__init__(config, env=env, clock=clock, sleep=sleep)
        self._account: Any = None
        self._folders: list[tuple[str, str, Any, bool]] | None = None  # (key, name, folder, from_sent)

    def close(self) -> None:
        account, self._account = self._account, None
        self._folders = None
        if account is None:
            return
        try:
            account.protocol.close()
        except Exception as ignored:  # noqa: BLE001 - releasing connections that may already be dead
            log.debug("source %s: closing failed: %s", self.name, ignored)

    # -- folders -------------------------------------------------------------------------

    def _watched(self) -> list[tuple[str, str, Any, bool]]:
        if self._folders is None:
            account = self._client()
            folders = [("inbox", INBOX, account.inbox, False), ("sentitems", SENT, account.sent, True)]
            tag = self._tag_folder()
            if tag is not None:
                folders.append(("tag", self.config.tag_folder, tag, False))
            self._folders = folders
        return self._folders

    def _tag_folder(self) -> Any:
        """The folder named like the tag folder under the Inbox or the top of the mailbox, if any."""
        from exchangelib import Q
        from exchangelib.folders import FolderCollection

        name = self.config.tag_folder
        if not name:
            return None
        account = self._client()
        for parent in (account.inbox, account.msg_folder_root):
            found = list(FolderCollection(account=account, folders=[parent]).find_folders(q=Q(name=name)))
            if found:
                return found[0]
        return None

    def _folder_named(self, name: str) -> Any:
        account = self._client()
        known = {"inbox": account.inbox, "sent items": account.sent, "sent": account.sent, "drafts": account.drafts}
        if name.casefold() in known:
            return known[name.casefold()]
        return account.msg_folder_root / name

    def _sync_page(self, folder: Any, state: str | None) -> tuple[list[tuple[str, Any]], str, bool]:
        """One SyncFolderItems page after `state`: (changes, the new state, whether it was the last page)."""
        from exchangelib.fields import FieldPath
        from exchangelib.services import SyncFolderItems

        service = SyncFolderItems(account=self._client())
        categories = FieldPath(field=folder.get_item_field_by_fieldname("categories"))
        changes = list(service.call(
            folder=folder, shape="IdOnly", additional_fields={categories}, sync_state=state,
            ignore=None, max_changes_returned=self.batch_size, sync_scope=None,
        ))
        return changes, service.sync_state, bool(service.includes_last_item_in_range)

    # -- the account ---------------------------------------------------------------------

    def _client(self) -> Any:
        if self._account is None:
            self._account = open_account(self.config, self._env)
        return self._account

    def _where(self) -> str:
        endpoint = self.config.service_endpoint or "autodiscover"
        return f"Exchange {self.config.primary_address} at {endpoint} (source {self.name})"

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Turn exchangelib, OAuth and socket errors into SourceError / SourceAuthError;
        after a refused login or a broken link the next call connects afresh."""
        try:
            yield
        except SourceError:
            raise
        except SecretError as missing:
            raise SourceAuthError(f"{self._where()}: {missing}") from None
        except failures() as failed:
            kind, fix = describe_failure(failed, self.config)
            if kind != "answer":
                self.close()
            error_class = SourceAuthError if kind == "auth" else SourceError
            raise error_class(f"{self._where()}: cannot {action}: {said(failed)} (fix: {fix})") from failed
