"""Transports by name. Backends are imported only when configured, so an install that
writes to the local outbox never imports smtplib's TLS set-up or exchangelib.

    transport = open_transport(config.transport)            # from the [transport] table
    transport = open_transport(config.transport, env=...)   # backend-specific keywords
    transport = open_configured_transport(config)           # from the whole Config
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any, NamedTuple

from followup.errors import FollowupError, TransportError

if TYPE_CHECKING:
    from followup.config import Config, TransportConfig
    from followup.transports.base import Transport


class Backend(NamedTuple):
    module: str
    factory: str  # a function taking the [transport] table and keywords
    needs: tuple[str, ...] = ()  # parts of the whole Config it is given as keywords of that name


BACKENDS: dict[str, Backend] = {
    "outbox": Backend("followup.transports.outbox_maildir", "from_config"),
    "smtp": Backend("followup.transports.smtp", "from_config"),
    "ews": Backend("followup.transports.ews", "from_config", needs=("sources",)),  # it sends from a source's mailbox
}


def open_transport(config: TransportConfig, **kw: Any) -> Transport:
    """The transport described by `config` (a [transport] table). Keywords go to the
    backend (e.g. `env=` and `ssl_context=` for SMTP). Raises FollowupError for an unknown
    or unavailable type."""
    kind = config.type
    if kind not in BACKENDS:
        known = ", ".join(f'"{name}"' for name in BACKENDS)
        raise FollowupError(f'transport.type = "{kind}" is not known (fix: use one of {known})')
    backend = BACKENDS[kind]
    return getattr(import_module(backend.module), backend.factory)(config, **kw)


def open_configured_transport(config: Config, **kw: Any) -> Transport:
    """The transport of a whole Config: its [transport] table, and the parts of the rest
    that this backend needs (the EWS transport: the [[sources]], one of which sends)."""
    backend = BACKENDS.get(config.transport.type)
    needs = {name: getattr(config, name) for name in (backend.needs if backend else ())}
    return open_transport(config.transport, **needs, **kw)


def check_handover(message: bytes, recipients: Sequence[str] | None = None) -> None:
    """What every backend refuses before touching the network or the disk: retrying an
    empty message or an empty recipient list cannot help. Drafts pass no recipients."""
    if not isinstance(message, (bytes, bytearray)) or not message.strip():
        raise TransportError("refusing to send an empty message", permanent=True)
    if recipients is not None and (isinstance(recipients, str) or not recipients):
        raise TransportError("refusing to send a message without recipients", permanent=True)
