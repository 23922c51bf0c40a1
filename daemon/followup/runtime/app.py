"""What followup works with, built in one place from the config: the archive (storage), the
case pass over it, and for the daemon the sources (through the sources registry) and the
transport (through the transports registry).

    app = open_app(config)              # `followup run`: archive, casebook, sources, transport
    app = open_app(config, mail=False)  # an owner's command: archive and casebook only
    ...
    app.close()
"""

from __future__ import annotations

from dataclasses import dataclass, field

from followup import clock
from followup.cases.casebook import Casebook
from followup.sources.base import Source
from followup.storage.store import Archive
from followup.transports.base import Transport


@dataclass
class App:
    config: object
    archive: Archive
    book: Casebook
    sources: list[Source] = field(default_factory=list)
    transport: Transport | None = None

    def close(self) -> None:
        for source in self.sources:
            source.close()
        if self.transport is not None:
            self.transport.close()
        self.archive.close()


def open_app(config, *, mail: bool = True, transport: Transport | None = None,
             sources: list[Source] | None = None) -> App:
    """The archive (migrated to our schema) and its casebook; with `mail`, also the configured
    transport and sources unless given (tests and the benchmark bring their own)."""
    if mail:
        transport = open_transport_for(config) if transport is None else transport
        sources = _open_sources(config) if sources is None else sources
    archive = Archive.open(config.archive.path, now=clock.utcnow())
    return App(config, archive, Casebook.for_config(archive, config), list(sources or ()), transport)


def _open_sources(config) -> list[Source]:
    from followup.sources import open_sources

    return open_sources(config)


def open_transport_for(config) -> Transport:
    """The configured transport; with `save_copy_to`, copies go to that IMAP account too."""
    from followup.transports import open_configured_transport

    transport = open_configured_transport(config)
    copy_to = getattr(config.transport, "save_copy_to", None)
    if copy_to:
        from followup.sources.imap import ImapSource
        from followup.transports.sent_copy import SentCopy

        transport = SentCopy(transport, ImapSource(config.source(copy_to)))
    return transport
