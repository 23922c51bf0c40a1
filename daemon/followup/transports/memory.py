"""An in-memory transport for other modules' tests: it records what was sent and drafted,
and can be told to fail the next sends, to exercise the outbox's retries.

    transport = MemoryTransport()
    transport.fail_next(2, permanent=False)   # the next two sends raise a temporary error
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from email import message_from_bytes, policy

from followup.errors import TransportError
from followup.mail.headers import message_ids
from followup.transports import check_handover
from followup.transports.base import Transport


@dataclass(frozen=True)
class Handover:
    """One accepted send: the bytes and the envelope, as given."""

    message: bytes
    sender: str
    recipients: tuple[str, ...]


class MemoryTransport(Transport):
    name = "memory"

    def __init__(self, *, knows_sent: bool = True):
        """`knows_sent=False` makes `was_sent` answer None, like SMTP, to test the outbox's
        path for transports that cannot tell."""
        self.sent: list[Handover] = []
        self.drafts: list[bytes] = []
        self.attempts = 0  # every call to send, failed or not
        self.closed = False
        self._knows_sent = knows_sent
        self._failures: list[TransportError] = []

    def fail_next(self, count: int = 1, *, permanent: bool = False, reason: str = "simulated failure") -> None:
        """Make the next `count` sends raise TransportError(permanent=...) without recording."""
        kind = "permanent" if permanent else "temporary"
        self._failures.extend(
            TransportError(f"memory transport: {reason} ({kind})", permanent=permanent) for _ in range(count)
        )

    def send(self, message: bytes, *, sender: str, recipients: Sequence[str]) -> None:
        self.attempts += 1
        if self._failures:
            raise self._failures.pop(0)
        check_handover(message, recipients)
        self.sent.append(Handover(bytes(message), sender, tuple(recipients)))

    def save_draft(self, message: bytes) -> None:
        check_handover(message)
        self.drafts.append(bytes(message))

    def was_sent(self, message_id: str) -> bool | None:
        if not self._knows_sent:
            return None
        wanted = message_id.strip().removeprefix("<").removesuffix(">")
        return any(wanted in _ids(handover.message) for handover in self.sent)

    def close(self) -> None:
        self.closed = True


def _ids(message: bytes) -> list[str]:
    parsed = message_from_bytes(message, policy=policy.compat32)
    return [found for value in parsed.get_all("Message-ID", []) for found in message_ids(str(value))]
