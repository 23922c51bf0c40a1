"""What the parser hands to the rest of followup: plain data, picklable for worker processes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Address:
    name: str  # display name, decoded; "" when absent
    addr: str  # "local@domain", domain lower-cased; "" when unparseable

    @property
    def domain(self) -> str:
        return self.addr.rpartition("@")[2]


@dataclass(frozen=True)
class Attachment:
    filename: str | None
    content_type: str
    size: int  # decoded bytes
    sha256: str  # of the decoded bytes


@dataclass(frozen=True)
class ParsedMessage:
    sha256: str  # of the raw bytes as stored
    message_id: str  # without angle brackets
    message_id_synthetic: bool  # True when made up from sha256 (missing/empty/broken header)
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]  # oldest first, no duplicates, never contains message_id
    subject: str
    from_: Address | None
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    date: datetime | None  # UTC, timezone-aware
    date_offset_minutes: int | None  # the offset written in the Date header
    text: str  # plain-text body; HTML converted to text
    new_text: str  # text without quoted history and signature
    attachments: tuple[Attachment, ...] = ()
    defects: tuple[str, ...] = ()  # what the fallbacks had to repair, for the record
    headers: tuple[tuple[str, str], ...] = field(default=())  # selected decoded headers, lower-case names
