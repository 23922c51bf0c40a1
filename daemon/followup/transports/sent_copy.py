"""An SMTP transport with the owner's IMAP mailbox beside it: a copy of every update goes
into Sent (drafts into Drafts), and the outbox's restart check looks there.

SMTP alone cannot say whether a mail went out before a crash; the Sent folder can, once
we file a copy there ourselves. Gmail files copies itself: leave `save_copy_to` out there.
"""

from __future__ import annotations

from typing import Sequence

from followup.errors import SourceError, TransportError
from followup.transports.base import Transport


class SentCopy(Transport):
    def __init__(self, inner: Transport, mailbox):  # mailbox: an ImapSource (append, has_message_id, special_folder)
        self.inner, self.mailbox = inner, mailbox
        self.name = f"{inner.name}+{getattr(mailbox, 'name', 'imap')}"

    def send(self, message: bytes, *, sender: str, recipients: Sequence[str]) -> None:
        self.inner.send(message, sender=sender, recipients=recipients)
        try:
            self.mailbox.append(self._folder("sent"), message, ["\\Seen"])
        except SourceError as exc:
            # The mail went out; only the copy failed. Refusing now would send it twice.
            import logging

            logging.getLogger("followup.transports").warning("sent, but no copy in Sent: %s", exc)

    def save_draft(self, message: bytes) -> None:
        try:
            self.mailbox.append(self._folder("drafts"), message, ["\\Draft"])
        except SourceError as exc:
            raise TransportError(f"cannot save the draft: {exc}") from exc

    def was_sent(self, message_id: str) -> bool | None:
        answer = self.inner.was_sent(message_id)
        if answer is not None:
            return answer
        try:
            return self.mailbox.has_message_id(self._folder("sent"), message_id)
        except (SourceError, TransportError):
            return None  # cannot tell now: the outbox marks it unknown rather than guess

    def close(self) -> None:
        self.inner.close()
        self.mailbox.close()

    def _folder(self, role: str) -> str:
        found = self.mailbox.special_folder(role)
        if found is None:
            raise TransportError(f"the IMAP account has no {role.title()} folder (SPECIAL-USE) "
                                 f"(fix: create one, or leave save_copy_to out)", permanent=True)
        return found
