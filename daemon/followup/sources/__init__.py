"""Sources the daemon watches, by type. Backends are imported only when configured, so an
IMAP-only install never imports exchangelib (as transports/__init__.py does for transports).

    sources = open_sources(config)   # one Source per [[sources]] table
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from followup.errors import FollowupError

if TYPE_CHECKING:
    from followup.config import SourceConfig
    from followup.sources.base import Source

# type -> (module, factory taking the [[sources]] table). An mbox source is read by
# `followup import` only, so the daemon has no backend for it.
BACKENDS: dict[str, tuple[str, str]] = {
    "maildir": ("followup.sources.maildir", "from_config"),
    "imap": ("followup.sources.imap", "ImapSource"),
    "ews": ("followup.sources.ews", "EwsSource"),
}


def open_source(config: SourceConfig) -> Source:
    """The source one [[sources]] table describes; FollowupError for a type the daemon cannot watch."""
    if config.type not in BACKENDS:
        raise FollowupError(f'sources: type "{config.type}" ({config.name}) cannot be watched by the daemon yet '
                            f'(fix: use `followup import` for it, or a maildir/imap source)')
    module, factory = BACKENDS[config.type]
    return getattr(import_module(module), factory)(config)


def open_sources(config) -> list[Source]:
    """Every configured source, in the config's order."""
    return [open_source(sc) for sc in config.sources]
