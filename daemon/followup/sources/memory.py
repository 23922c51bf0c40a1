"""An in-memory Source for tests of the modules that consume sources.

It keeps the contract's promises the way a server would: every delivery and every change
of keywords gets the next change number; a checkpoint is the last change number handed
over, so `fetch` returns exactly what changed since. Folders named like the owner's Sent
folder give `from_sent=True`. Thread-safe: tests may deliver from another thread while
the code under test waits.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from email.parser import BytesHeaderParser
from email.policy import compat32

from followup.errors import SourceError
from followup.sources.base import Batch, RawMessage, Source
from followup.sources.files import is_sent_folder


@dataclass
class _Stored:
    message: RawMessage
    changed: int  # change number of its delivery or its last keyword change


class MemorySource(Source):
    """Mail held in a dict. `deliver` and `set_keywords` play the server's part."""

    def __init__(self, name: str = "memory", *, batch_size: int = 100):
        self.name = name
        self.batch_size = batch_size
        self._messages: dict[str, _Stored] = {}
        self._changes = 0
        self._waited: int | None = None  # change number when the last wait returned
        self._woken = threading.Condition()
        self.failing: SourceError | None = None  # set to make every call raise it

    # -- the server's side ----------------------------------------------------------

    def deliver(self, data: bytes, folder: str = "INBOX", keywords: Iterable[str] = ()) -> str:
        """Put a message in `folder`; returns its location."""
        with self._woken:
            location = f"{folder};UID={len(self._messages) + 1}"
            message = RawMessage(
                data, self.name, location, folder=folder,
                keywords=frozenset(keywords), from_sent=is_sent_folder(folder),
            )
            self._record(location, message)
            return location

    def set_keywords(self, location: str, keywords: Iterable[str]) -> None:
        """Replace the keywords of the message at `location` (like STORE FLAGS)."""
        with self._woken:
            stored = self._messages[location]
            self._record(location, replace(stored.message, keywords=frozenset(keywords)))

    def _record(self, location: str, message: RawMessage) -> None:
        self._changes += 1
        self._messages[location] = _Stored(message, self._changes)
        self._woken.notify_all()

    # -- the contract -------------------------------------------------------------------

    def fetch(self, checkpoint: dict | None) -> Iterator[Batch]:
        self._check()
        since = int((checkpoint or {}).get("change", 0))
        with self._woken:
            changed = sorted((s for s in self._messages.values() if s.changed > since), key=lambda s: s.changed)
        for start in range(0, len(changed), self.batch_size):
            chunk = changed[start:start + self.batch_size]
            yield Batch(tuple(s.message for s in chunk), {"change": chunk[-1].changed})

    def wait(self, timeout: float) -> bool:
        """True when something was delivered or changed since the previous wait returned
        (like IMAP IDLE, which keeps listening between waits), False at the timeout."""
        self._check()
        with self._woken:
            if self._waited is None:
                self._waited = self._changes
            news = self._woken.wait_for(lambda: self._changes != self._waited, timeout)
            self._waited = self._changes
            return news

    def find_thread(self, message_ids: Iterable[str]) -> Iterator[RawMessage]:
        self._check()
        wanted = {_bare(mid) for mid in message_ids if mid and mid.strip()}
        with self._woken:
            stored = [s.message for s in self._messages.values()]
        for message in stored:
            if _thread_ids(message.data) & wanted:
                yield message

    def close(self) -> None:
        pass

    # -- write side, as ImapSource offers it ------------------------------------------------

    def append(self, folder: str, data: bytes, flags: Sequence[str] = ()) -> str | None:
        return self.deliver(data, folder, keywords=[f for f in flags if not f.startswith("\\")])

    def has_message_id(self, folder: str, message_id: str) -> bool:
        self._check()
        wanted = _bare(message_id)
        with self._woken:
            return any(
                s.message.folder == folder and _own_id(s.message.data) == wanted for s in self._messages.values()
            )

    def _check(self) -> None:
        if self.failing is not None:
            raise self.failing


_parser = BytesHeaderParser(policy=compat32)


def _bare(message_id: str) -> str:
    return message_id.strip().strip("<>")


def _own_id(data: bytes) -> str:
    return _bare(str(_parser.parsebytes(data).get("Message-ID", "")))


def _thread_ids(data: bytes) -> set[str]:
    """The message's own id and every id it refers to."""
    headers = _parser.parsebytes(data)
    found = {_own_id(data)}
    for name in ("References", "In-Reply-To"):
        for value in headers.get_all(name, []):
            found.update(_bare(part) for part in str(value).replace(">", "> ").split() if "@" in part)
    found.discard("")
    return found
