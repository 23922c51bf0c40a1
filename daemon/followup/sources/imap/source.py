"""ImapSource: what the daemon calls (fetch, wait, find_thread) and the write side (append,
has_message_id), with the sync of one folder. See the package's docstring for the checkpoint."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence

from followup.errors import SourceError
from followup.sources.base import Batch, RawMessage
from followup.sources.imap.keywords import GMAIL_ITEMS, keywords
from followup.sources.imap.watching import ImapWatcher

log = logging.getLogger("followup.sources.imap")

BATCH_SIZE = 200
CHECKPOINT_VERSION = 1

_BODY = b"BODY[]"


class ImapSource(ImapWatcher):
    """One IMAP account. Not thread-safe: the daemon's ingest thread owns it.

    ImapSource(config, env=os.environ, ssl_context=None, clock=time.monotonic, sleep=time.sleep)"""

    batch_size = BATCH_SIZE

    # -- the contract ----------------------------------------------------------------

    def fetch(self, checkpoint: dict | None) -> Iterator[Batch]:
        folders_state = dict((checkpoint or {}).get("folders", {}))
        with self._guard("fetch"):
            self._revive()
            watched = self._watched_folders()
        for folder in watched:
            last_yielded = folders_state.get(folder)
            for messages, state in self._sync_folder(folder, folders_state.get(folder)):
                folders_state[folder] = state
                if messages or state != last_yielded:
                    last_yielded = state
                    yield Batch(tuple(messages), _checkpoint(folders_state))

    def find_thread(self, message_ids: Iterable[str]) -> Iterator[RawMessage]:
        ids = [_bracketed(mid) for mid in message_ids if mid and mid.strip()]
        if not ids:
            return
        seen_gmail_ids: set[int] = set()
        with self._guard("find a thread"):
            self._revive()
            folders = self._thread_folders()
        for folder in folders:
            with self._guard(f"search {folder}"):
                uidvalidity = self._select(folder)
                uids = sorted({uid for mid in ids for uid in self._client().search(_refers_to(mid))})
            for chunk in _chunks(uids, self.batch_size):
                with self._guard(f"fetch from {folder}"):
                    found = self._fetch_messages(folder, uidvalidity, chunk)
                for message, gmail_id in found:
                    if gmail_id is not None and gmail_id in seen_gmail_ids:
                        continue  # Gmail shows one message in INBOX and All Mail alike
                    if gmail_id is not None:
                        seen_gmail_ids.add(gmail_id)
                    yield message

    # -- write side (drafts, the outbox's restart check) ----------------------------

    def append(self, folder: str, data: bytes, flags: Sequence[str] = ()) -> str | None:
        """Store `data` in `folder` with `flags`; returns its location when the server
        reports it (UIDPLUS), else None."""
        with self._guard(f"append to {folder}"):
            self._revive()
            answer = self._client().append(folder, data, flags=[f.encode() for f in flags])
        found = re.search(rb"APPENDUID (\d+) (\d+)", answer or b"")
        if not found:
            return None
        return _location(folder, int(found.group(1)), int(found.group(2)), None)

    def has_message_id(self, folder: str, message_id: str) -> bool:
        """Whether `folder` holds a message with this Message-ID header."""
        with self._guard(f"search {folder}"):
            self._revive()
            self._select(folder)
            return bool(self._client().search(["HEADER", "Message-ID", _bracketed(message_id)]))

    # -- one folder -------------------------------------------------------------------

    def _sync_folder(self, folder: str, state: dict | None) -> Iterator[tuple[list[RawMessage], dict]]:
        with self._guard(f"open {folder}"):
            uidvalidity, modseq = self._open(folder)
        if state is not None and state.get("uidvalidity") != uidvalidity:
            log.warning(
                "source %s: UIDVALIDITY of %s changed from %s to %s; every UID there is void, "
                "reading the whole folder again (the archive skips what it already has)",
                self.name, folder, state.get("uidvalidity"), uidvalidity,
            )
            state = None
        if state is None:
            state = {"uidvalidity": uidvalidity, "last_uid": 0, "highestmodseq": modseq}
        else:
            yield from self._changed(folder, uidvalidity, state, modseq)
        for chunk in _chunks(self._new_uids(folder, state), self.batch_size):
            with self._guard(f"fetch from {folder}"):
                self._reselect(folder, uidvalidity)
                found = self._fetch_messages(folder, uidvalidity, chunk)
            state = {**state, "last_uid": max(chunk)}
            yield [message for message, _ in found], state
        yield [], {**state, "highestmodseq": modseq}

    def _new_uids(self, folder: str, state: dict) -> list[int]:
        last = int(state["last_uid"])
        with self._guard(f"search {folder}"):
            if last == 0:
                criteria = ["SINCE", self.config.since] if self.config.since else ["ALL"]
            else:
                criteria = ["UID", f"{last + 1}:*"]
            # "UID n:*" also answers the highest UID when it is below n: filter
            return sorted(uid for uid in self._client().search(criteria) if uid > last)

    def _changed(
        self, folder: str, uidvalidity: int, state: dict, modseq: int | None
    ) -> Iterator[tuple[list[RawMessage], dict]]:
        old = state.get("highestmodseq")
        if modseq is None or old is None or modseq <= old or not state["last_uid"]:
            return
        with self._guard(f"look for changed flags in {folder}"):
            last = int(state["last_uid"])
            uids = sorted(u for u in self._client().search(["MODSEQ", old + 1]) if u <= last)
            tagged = self._keyworded(uids)
        for chunk in _chunks(tagged, self.batch_size):
            with self._guard(f"fetch from {folder}"):
                self._reselect(folder, uidvalidity)
                found = self._fetch_messages(folder, uidvalidity, chunk)
            yield [message for message, _ in found], state

    def _keyworded(self, uids: list[int]) -> list[int]:
        """Those of `uids` that carry a keyword or label now (flags only, no bodies)."""
        items = [b"FLAGS", *(GMAIL_ITEMS if self._is_gmail() else [])]
        found: list[int] = []
        for chunk in _chunks(uids, self.batch_size * 5):
            for uid, data in self._client().fetch(chunk, items).items():
                if keywords(data):
                    found.append(uid)
        return sorted(found)

    def _fetch_messages(
        self, folder: str, uidvalidity: int, uids: list[int]
    ) -> list[tuple[RawMessage, int | None]]:
        gmail = self._is_gmail()
        items = [b"BODY.PEEK[]", b"FLAGS", *(GMAIL_ITEMS if gmail else [])]
        response = self._client().fetch(uids, items)
        sent = folder == self._role("sent")
        found = []
        for uid in uids:
            data = response.get(uid)
            if data is None or data.get(_BODY) is None:
                continue  # expunged meanwhile
            gmail_id = int(data[b"X-GM-MSGID"]) if gmail and b"X-GM-MSGID" in data else None
            message = RawMessage(
                data=bytes(data[_BODY]),
                source=self.name,
                location=_location(folder, uidvalidity, uid, gmail_id),
                folder=folder,
                keywords=frozenset(keywords(data)),
                from_sent=sent,
            )
            found.append((message, gmail_id))
        return found

    def _reselect(self, folder: str, uidvalidity: int) -> None:
        """Another call (find_thread between two batches) may have selected another folder."""
        if self._select(folder) != uidvalidity:
            raise SourceError(
                f"IMAP {self._where()}: UIDVALIDITY of {folder} changed during a sync "
                "(fix: none needed; the next pass reads the folder again)"
            )

    # -- which folders ---------------------------------------------------------------

    def _watched_folders(self) -> list[str]:
        names = list(self.config.folders)
        sent = self._role("sent")
        if sent:
            names.append(sent)
        tag = self.config.tag_folder
        if tag and tag not in names and self._client().folder_exists(tag):
            names.append(tag)
        return list(dict.fromkeys(names))

    def _thread_folders(self) -> list[str]:
        names = ["INBOX", *(f for f in [self._role("sent")] if f)]
        if self._is_gmail() and self._role("all"):
            names.append(self._role("all"))
        return list(dict.fromkeys(names + list(self.config.folders)))


# -- helpers -------------------------------------------------------------------------


def _checkpoint(folders: dict[str, dict]) -> dict:
    return {"version": CHECKPOINT_VERSION, "folders": {k: dict(v) for k, v in folders.items()}}


def _location(folder: str, uidvalidity: int, uid: int, gmail_id: int | None) -> str:
    where = f"{folder};UIDVALIDITY={uidvalidity};UID={uid}"
    return f"{where};X-GM-MSGID={gmail_id}" if gmail_id is not None else where


def _bracketed(message_id: str) -> str:
    mid = message_id.strip()
    return mid if mid.startswith("<") else f"<{mid.strip('<>')}>"


def _refers_to(message_id: str) -> list:
    """SEARCH criteria: the message itself, or one naming it in References / In-Reply-To."""
    return [
        "OR", "HEADER", "Message-ID", message_id,
        "OR", "HEADER", "References", message_id, "HEADER", "In-Reply-To", message_id,
    ]


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
