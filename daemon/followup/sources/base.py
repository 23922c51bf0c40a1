"""The source contract: what every kind of mailbox (IMAP, Exchange, Maildir, memory) offers.

A source hands over raw bytes and where they were; it never parses and never decides. The
caller (the daemon's ingest pass) archives each batch, commits, and only then stores the
batch's checkpoint; on the next pass (or after a crash) it passes the last stored
checkpoint back. A source may therefore hand a message over more than once, never less:
the archive dedupes by SHA-256, so "at least once" here becomes "exactly once" there.

Checkpoints are opaque, JSON-serialisable dicts owned by the source (IMAP: per folder
UIDVALIDITY, last UID, HIGHESTMODSEQ; EWS: SyncFolderItems state; Maildir: a scan mark).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping


def escaped(text: str) -> str:
    """Text safe to store: what is not valid Unicode (surrogate-escaped bytes of a file
    name, lone surrogates) becomes \\xNN / \\uDXXX escapes; valid text is unchanged."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape" if _only_escaped_bytes(text) else "backslashreplace").decode(
            "utf-8", "backslashreplace")


def _only_escaped_bytes(text: str) -> bool:
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in text)


def path_text(path: object) -> str:
    """A file path as stored and shown: a name that is not UTF-8 (a Windows zip unpacked
    without UTF-8 names) keeps every byte, escaped as \\xNN."""
    return escaped(str(path))


@dataclass(frozen=True)
class RawMessage:
    data: bytes
    source: str  # the configured source name, or "import" for `followup import`
    location: str  # e.g. "/home/me/Mail/cur/1700000000.M1P2.host:2,S" or "INBOX;UIDVALIDITY=7;UID=42"
    folder: str | None = None  # the folder it sits in, when the source has folders
    keywords: frozenset[str] = field(default_factory=frozenset)  # IMAP keywords, Gmail labels, categories
    from_sent: bool = False  # found in the owner's own Sent folder (trusted for directives)


@dataclass(frozen=True)
class Batch:
    """Messages, and the checkpoint that is true once they are safely archived.

    `unreadable`: (location, reason) of messages in the batch that could not be read this
    time (a file without read permission). The caller keeps the checkpoint until each is
    read, or has failed often enough to be quarantined; the others are archived at once."""

    messages: tuple[RawMessage, ...]
    checkpoint: dict
    unreadable: tuple[tuple[str, str], ...] = ()


class Source(ABC):
    """One configured mailbox. Methods may raise followup.errors.SourceError (transient:
    the caller backs off and retries) or SourceAuthError (the caller backs off hard and
    tells the owner)."""

    name: str

    @abstractmethod
    def fetch(self, checkpoint: dict | None) -> Iterator[Batch]:
        """Everything new or changed (e.g. newly tagged) since `checkpoint` (None: from the
        start, honouring the source's `since` setting), in batches."""

    def wait(self, timeout: float) -> bool:
        """Block until new mail may have arrived (IMAP IDLE, EWS notifications): True; or
        until `timeout` seconds have passed: False. The default polls: it sleeps, then says
        there may be news."""
        import time

        time.sleep(timeout)
        return True

    def find_thread(self, message_ids: Iterable[str]) -> Iterator[RawMessage]:
        """Backfill for a new case: messages whose Message-ID is one of `message_ids` or
        that refer to one of them (In-Reply-To/References), from every folder it watches."""
        return iter(())

    def close(self) -> None:
        """Release connections; the source may be used again after (it reconnects)."""


class ServerSource(Source):
    """A source that logs in to a mail server (IMAP, Exchange): its [[sources]] table, the
    environment its secrets are read from, and the clock it waits by (tests bring their own).
    Each backend sets `batch_size`, how many messages one Batch holds at most."""

    batch_size: int

    def __init__(self, config: Any, *, env: Mapping[str, str], clock: Callable[[], float],
                 sleep: Callable[[float], None]):
        self.config = config
        self.name = config.name
        self._env = env
        self._clock = clock
        self._sleep = sleep


def one_line(text: str, limit: int = 200) -> str:
    """A server's or library's words for an error message: one line, at most `limit` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def said(failed: BaseException) -> str:
    """What an exception says, on one line; its class name when it says nothing."""
    return one_line(str(failed)) or type(failed).__name__
