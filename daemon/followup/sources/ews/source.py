"""EwsSource: what the daemon calls (fetch, wait, find_thread) and the write side (append,
has_message_id), with the sync of one folder. See the package's docstring for the checkpoint."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from followup.config import EwsSourceConfig
from followup.errors import SourceError
from followup.sources.base import Batch, RawMessage
from followup.sources.ews.watching import EwsWatcher

log = logging.getLogger("followup.sources.ews")

CHECKPOINT_VERSION = 1
_ITEM_FIELDS = ["mime_content", "categories", "conversation_id"]


class EwsSource(EwsWatcher):
    """One Exchange mailbox. Not thread-safe: the daemon's ingest thread owns it.

    EwsSource(config, env=os.environ, clock=time.monotonic, sleep=time.sleep, pull_interval=PULL_INTERVAL)"""

    # -- the contract ----------------------------------------------------------------

    def fetch(self, checkpoint: dict | None) -> Iterator[Batch]:
        states = {k: dict(v) for k, v in (checkpoint or {}).get("folders", {}).items()}
        with self._guard("open the mailbox"):
            watched = self._watched()
        for key, name, folder, sent in watched:
            last = states.get(key)
            for messages, sync_state in self._sync(folder, name, sent, (last or {}).get("sync_state")):
                states[key] = {"sync_state": sync_state}
                if messages or states[key] != last:
                    last = states[key]
                    yield Batch(tuple(messages), _checkpoint(states))

    def find_thread(self, message_ids: Iterable[str]) -> Iterator[RawMessage]:
        ids = sorted({_bracketed(mid) for mid in message_ids if mid and mid.strip()})
        if not ids:
            return
        with self._guard("find a thread"):
            found = self._thread_items(ids)
        for name, sent, refs in found:
            with self._guard(f"fetch from {name}"):
                messages = self._messages(refs, name, sent)
            yield from messages

    # -- write side, as ImapSource offers it (drafts, the outbox's restart check) ----

    def append(self, folder: str, data: bytes, flags: Iterable[str] = ()) -> str | None:
        """Store `data` as an item in `folder` ("Drafts", "INBOX", "Sent Items" or a folder
        under the top of the mailbox); `flags` without a backslash become categories."""
        from exchangelib import Message

        with self._guard(f"store in {folder}"):
            target = self._folder_named(folder)
            categories = [f for f in flags if not f.startswith("\\")] or None
            item = Message(account=self._client(), folder=target, mime_content=bytes(data), categories=categories)
            item.save()
        return f"{folder};ItemId={item.id}" if item.id else None

    def has_message_id(self, folder: str, message_id: str) -> bool:
        """Whether `folder` holds an item with this Message-ID (InternetMessageId)."""
        with self._guard(f"search {folder}"):
            return self._folder_named(folder).filter(message_id=_bracketed(message_id)).exists()

    # -- one folder --------------------------------------------------------------------

    def _sync(self, folder: Any, name: str, sent: bool, state: str | None) -> Iterator[tuple[list[RawMessage], str]]:
        from exchangelib.errors import ErrorInvalidSyncStateData

        while True:
            try:
                with self._guard(f"sync {name}"):
                    changes, new_state, complete = self._sync_page(folder, state)
                    messages = self._messages(_handed_over(changes), name, sent)
            except SourceError as failed:
                if not isinstance(failed.__cause__, ErrorInvalidSyncStateData) or state is None:
                    raise
                log.warning("source %s: the server no longer knows the sync state of %s; reading the whole "
                            "folder again (the archive skips what it already has)", self.name, name)
                state = None
                continue
            yield messages, new_state
            if complete or new_state == state:
                return
            state = new_state

    def _messages(self, refs: list[tuple[str, str]], name: str, sent: bool) -> list[RawMessage]:
        """The items `refs` ((id, changekey) pairs) with their MIME bytes; items deleted
        meanwhile are skipped."""
        if not refs:
            return []
        found = []
        for item in self._client().fetch(ids=refs, only_fields=_ITEM_FIELDS):
            if isinstance(item, Exception) or not item.mime_content:
                continue  # gone since the change was reported
            conversation = item.conversation_id.id if item.conversation_id else ""
            found.append(RawMessage(
                data=bytes(item.mime_content),
                source=self.name,
                location=f"{name};ItemId={item.id};ConversationId={conversation}",
                folder=name,
                keywords=frozenset(item.categories or ()),
                from_sent=sent,
            ))
        return found

    def _thread_items(self, ids: list[str]) -> list[tuple[str, bool, list[tuple[str, str]]]]:
        """Per watched folder, the items that are one of `ids`, refer to one of them, or
        share a ConversationId with those."""
        from exchangelib import Q

        watched = self._watched()
        named = Q(message_id__in=ids) | Q(in_reply_to__in=ids)
        for mid in ids:
            named |= Q(references__contains=mid)
        hits = {key: list(folder.filter(named).only("conversation_id")) for key, _, folder, _ in watched}
        conversations = {i.conversation_id.id: i.conversation_id for items in hits.values() for i in items
                         if i.conversation_id}
        found = []
        for key, name, folder, sent in watched:
            items = {i.id: i for i in hits[key]}
            if conversations:
                for item in folder.filter(conversation_id__in=list(conversations.values())).only("conversation_id"):
                    items.setdefault(item.id, item)
            if items:
                found.append((name, sent, [(i.id, i.changekey) for i in items.values()]))
        return found


# -- helpers -----------------------------------------------------------------------------


def _handed_over(changes: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    """Created items, and updated items that carry a category now, as (id, changekey)."""
    refs = []
    for kind, item in changes:
        if kind == "create" or (kind == "update" and getattr(item, "categories", None)):
            refs.append((item.id, item.changekey))
    return refs


def _checkpoint(states: dict[str, dict]) -> dict:
    return {"version": CHECKPOINT_VERSION, "folders": {k: dict(v) for k, v in states.items()}}


def _bracketed(message_id: str) -> str:
    return f"<{message_id.strip().strip('<>')}>"


def from_config(config: EwsSourceConfig, **kw: Any) -> EwsSource:
    return EwsSource(config, **kw)
