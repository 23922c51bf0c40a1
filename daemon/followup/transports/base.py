"""The transport contract: how a finished update leaves followup (SMTP, Exchange, a local
outbox Maildir, memory for tests).

A transport sends bytes exactly as given: the outbox (followup/delivery/outbox.py) has already set
Message-ID, threading headers and the marker header, and recorded the update as pending
before calling `send`. After a crash between "pending" and "sent", the outbox asks
`was_sent(message_id)` before sending again, so nothing goes out twice.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Sequence


class Transport(ABC):
    """Methods raise followup.errors.TransportError; `.permanent` means retrying cannot help
    (a rejected recipient, a refused login), otherwise the outbox tries again later."""

    name: str

    @abstractmethod
    def send(self, message: bytes, *, sender: str, recipients: Sequence[str]) -> None:
        """Hand the message over for delivery (and keep a copy in Sent where the server
        does that, e.g. Exchange's SendAndSaveCopy)."""

    def save_draft(self, message: bytes) -> None:
        """Draft mode: leave the message for an owner to review and send."""
        raise NotImplementedError(f"{type(self).__name__} cannot save drafts")

    def was_sent(self, message_id: str) -> bool | None:
        """Whether a message with this Message-ID already went out (True/False), or None
        when this transport cannot tell (the outbox then relies on its own record)."""
        return None

    def close(self) -> None:
        """Release connections."""
