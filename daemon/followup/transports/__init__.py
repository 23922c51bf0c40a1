"""Transports by name. Backends are imported only when configured, so an install that
writes to the local outbox never imports smtplib's TLS set-up or exchangelib.

    transport = open_transport(config.transport)            # from the [transport] table
    transport = open_transport(config.transport, env=...)   # backend-specific keywords
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any

from followup.errors import FollowupError, TransportError

if TYPE_CHECKING:
    from followup.config import TransportConfig
    from followup.transports.base import Transport

# type -> (module, factory function taking the config and keywords)
BACKENDS: dict[str, tuple[str, str]] = {
    "outbox": ("followup.transports.outbox_maildir", "from_config"),
    "smtp": ("followup.transports.smtp", "from_config"),
    "ews": ("followup.transports.ews", "from_config"),  # needs sources= (the [[sources]] it sends from)
}
NOT_YET: dict[str, str] = {}


def open_transport(config: TransportConfig, **kw: Any) -> Transport:
    """The transport described by `config` (a [transport] table). Keywords go to the
    backend (e.g. `env=` and `ssl_context=` for SMTP). Raises FollowupError for an unknown
    or unavailable type."""
    kind = config.type
    if kind in NOT_YET:
        raise FollowupError(
            f'transport.type = "{kind}": {NOT_YET[kind]} (fix: use type = "smtp" or "outbox" for now)'
        )
    if kind not in BACKENDS:
        known = ", ".join(f'"{name}"' for name in BACKENDS)
        raise FollowupError(f'transport.type = "{kind}" is not known (fix: use one of {known})')
    module, factory = BACKENDS[kind]
    return getattr(import_module(module), factory)(config, **kw)


def check_handover(message: bytes, recipients: Sequence[str] | None = None) -> None:
    """What every backend refuses before touching the network or the disk: retrying an
    empty message or an empty recipient list cannot help. Drafts pass no recipients."""
    if not isinstance(message, (bytes, bytearray)) or not message.strip():
        raise TransportError("refusing to send an empty message", permanent=True)
    if recipients is not None and (isinstance(recipients, str) or not recipients):
        raise TransportError("refusing to send a message without recipients", permanent=True)
