"""What every source hands over: the raw bytes of a message and where it was found.

A source never parses and never decides anything; the archive stores the bytes as they
came, and `location` lets a user (or a court) find the original again.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawMessage:
    data: bytes
    source: str  # the configured source name, or "import" for `followup import`
    location: str  # e.g. "/home/me/Mail/cur/1700000000.M1P2.host:2,S" or "INBOX;UIDVALIDITY=7;UID=42"
    folder: str | None = None  # the folder it sits in, when the source has folders
    keywords: frozenset[str] = field(default_factory=frozenset)  # IMAP keywords, Gmail labels, categories
    from_sent: bool = False  # found in the owner's own Sent folder (trusted for directives)
