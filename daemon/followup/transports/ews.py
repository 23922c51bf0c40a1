"""Send updates through Exchange (EWS), from the mailbox of a configured ews source.

The message goes to the server as its MIME content, unchanged: Exchange keeps our
Message-ID, In-Reply-To and References, so the client's reply threads into the case
exactly as with SMTP. `send` is CreateItem with SendAndSaveCopy (the copy lands in Sent
Items, where the owner sees it); `save_draft` is CreateItem with SaveOnly in Drafts.
`was_sent` looks the Message-ID up in Sent Items and in the Outbox (a message Exchange has
accepted but not yet delivered sits there).

Envelope recipients missing from the To/Cc headers are added as Bcc recipients, since
Exchange delivers to the addresses on the item, not to an envelope.

Errors become TransportError: a refused login, a refused sender (SendAs), a refused
recipient or an oversized message are permanent; a busy server or a broken link temporary.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses
from typing import TYPE_CHECKING, Any

from followup.errors import FollowupError, SecretError, TransportError
from followup.sources.ews import describe_failure, failures, open_account
from followup.transports import check_handover
from followup.transports.base import Transport

if TYPE_CHECKING:
    from followup.config import EwsSourceConfig, EwsTransportConfig, SourceConfig

log = logging.getLogger(__name__)

# ResponseCodes after which sending the same message again cannot succeed
_PERMANENT = {
    "ErrorSendAsDenied", "ErrorInvalidRecipients", "ErrorMessageSizeExceeded", "ErrorQuotaExceeded",
    "ErrorNonExistentMailbox", "ErrorInvalidSmtpAddress", "ErrorInvalidRequest", "ErrorMimeContentInvalid",
    "ErrorMimeContentConversionFailed", "ErrorAccessDenied", "ErrorImpersonateUserDenied",
}


class EwsTransport(Transport):
    name = "ews"

    def __init__(self, account: EwsSourceConfig, *, env: Mapping[str, str] | None = None):
        """`account` is the [[sources]] entry (type "ews") whose mailbox sends."""
        self.account_config = account
        self._env = os.environ if env is None else env
        self._account: Any = None

    def send(self, message: bytes, *, sender: str, recipients: Sequence[str]) -> None:
        from exchangelib import Message

        check_handover(message, recipients)
        hidden = _not_in_headers(bytes(message), recipients)
        with self._guard("send"):
            account = self._client()
            item = Message(account=account, folder=account.sent, mime_content=bytes(message),
                           bcc_recipients=hidden or None)
            item.send_and_save()
        log.info("handed %d bytes to %s for %d recipients", len(message), self._where(), len(recipients))

    def save_draft(self, message: bytes) -> None:
        from exchangelib import Message

        check_handover(message)
        with self._guard("save a draft"):
            account = self._client()
            Message(account=account, folder=account.drafts, mime_content=bytes(message)).save()

    def was_sent(self, message_id: str) -> bool | None:
        from exchangelib.folders import FolderCollection

        wanted = f"<{message_id.strip().strip('<>')}>"
        with self._guard("look in Sent Items"):
            account = self._client()
            folders = FolderCollection(account=account, folders=[account.sent, account.outbox])
            return folders.filter(message_id=wanted).exists()

    def close(self) -> None:
        account, self._account = self._account, None
        if account is not None:
            try:
                account.protocol.close()
            except Exception as ignored:  # noqa: BLE001 - releasing connections that may already be dead
                log.debug("closing the Exchange connection failed: %s", ignored)

    # -- the account -------------------------------------------------------------------

    def _client(self) -> Any:
        if self._account is None:
            self._account = open_account(self.account_config, self._env)
        return self._account

    def _where(self) -> str:
        config = self.account_config
        return f"Exchange {config.primary_address} at {config.service_endpoint or 'autodiscover'}"

    def _guard(self, action: str) -> _Guard:
        return _Guard(self, action)


class _Guard:
    """Turns what exchangelib raises into TransportError; a broken link is dropped."""

    def __init__(self, transport: EwsTransport, action: str):
        self.transport, self.action = transport, action

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, failed, tb) -> bool:
        if failed is None or isinstance(failed, TransportError):
            return False
        where = self.transport._where()
        if isinstance(failed, SecretError):
            raise TransportError(f"{where}: {failed}", permanent=True) from None
        if isinstance(failed, FollowupError):
            raise TransportError(f"{where}: {failed}", permanent=True) from None
        if not isinstance(failed, failures()):
            return False  # a bug, not the server's answer: let it show as one
        how, fix = describe_failure(failed, self.transport.account_config)
        if how != "answer":
            self.transport.close()
        code = type(failed).__name__
        permanent = how == "auth" or code in _PERMANENT
        said = " ".join(str(failed).split())[:200] or code
        raise TransportError(f"{where}: cannot {self.action}: {said} (fix: {fix})", permanent=permanent) from failed


def _not_in_headers(message: bytes, recipients: Sequence[str]) -> list[str]:
    headers = BytesHeaderParser(policy=compat32).parsebytes(message)
    named = {a.casefold() for _, a in getaddresses(
        [str(v) for name in ("To", "Cc", "Bcc") for v in headers.get_all(name, [])])}
    return [r for r in recipients if r.strip().casefold() not in named]


def from_config(
    config: EwsTransportConfig,
    *,
    sources: Sequence[SourceConfig] = (),
    account: EwsSourceConfig | None = None,
    env: Mapping[str, str] | None = None,
) -> EwsTransport:
    """The registry's entry point: the transport sends from the mailbox of the ews source
    named by `transport.source`, given as `account` or found among `sources`."""
    if account is None:
        account = next((s for s in sources if s.name == config.source and s.type == "ews"), None)
    if account is None:
        raise FollowupError(
            f'transport.source = "{config.source}": no ews source of that name was handed to the transport '
            '(fix: add a [[sources]] entry with type = "ews" and that name)'
        )
    return EwsTransport(account, env=env)  # type: ignore[arg-type]
