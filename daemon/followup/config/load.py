"""The whole Config, the rules that span sections (duplicate names, a domain claimed twice,
references between sections), and the entry points that read a file or text.

Config objects never hold a secret, only where to get it (`password_env`, `password_command`);
`followup.credentials.resolve_secret` reads it when a connection is made.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from followup.config.engine import Context, Each, Reported, Section, Table, Tagged, build_table, setting, table_keys
from followup.config.sections import (
    SOURCE_TYPES,
    TRANSPORT_TYPES,
    ArchiveConfig,
    ClientConfig,
    DefaultsConfig,
    DeliveryConfig,
    DigestConfig,
    EwsSourceConfig,
    EwsTransportConfig,
    ImapSourceConfig,
    OwnersConfig,
    SmtpTransportConfig,
    SourceConfig,
    TaggingConfig,
    TemplatesConfig,
    TransportConfig,
)
from followup.configpath import missing_file_problem as _missing_file_problem
from followup.errors import ConfigError, Problem

class Config(Table):
    """The whole configuration. Sections are read in this order, so a later one may inherit
    from an earlier one (clients from defaults, owners from digest)."""

    file: Path
    archive: ArchiveConfig = setting(Section(ArchiveConfig), {})
    defaults: DefaultsConfig = setting(Section(DefaultsConfig), {})
    digest: DigestConfig = setting(Section(DigestConfig), {})
    tagging: TaggingConfig = setting(Section(TaggingConfig), {})
    templates: TemplatesConfig = setting(Section(TemplatesConfig), {})
    delivery: DeliveryConfig = setting(Section(DeliveryConfig), {})
    owners: OwnersConfig = setting(Section(OwnersConfig), {})
    clients: tuple[ClientConfig, ...] = setting(Each(Section(ClientConfig)), [])
    sources: tuple[SourceConfig, ...] = setting(Each(Tagged(SOURCE_TYPES)), [])
    transport: TransportConfig = setting(Tagged(TRANSPORT_TYPES), {"type": "outbox"})
    warnings: tuple[str, ...] = ()  # one line each, e.g. an unsupported locale falling back to English

    def client(self, name: str) -> ClientConfig | None:
        return next((c for c in self.clients if c.name == name), None)

    def source(self, name: str) -> SourceConfig | None:
        return next((s for s in self.sources if s.name == name), None)

    @classmethod
    def _finish(cls, values: dict[str, Any], ctx: Context) -> Iterable[tuple[str, str, str]]:
        values["file"] = ctx.file
        values["warnings"] = tuple(ctx.warnings)
        clients, sources = values.get("clients", ()), values.get("sources", ())
        yield from _unique(clients, "clients", lambda c: [c.name], "name", "client name")
        yield from _unique(clients, "clients", lambda c: c.domains, "domains", "domain")
        yield from _unique(clients, "clients", lambda c: c.addresses, "addresses", "address")
        yield from _unique(sources, "sources", lambda s: [s.name], "name", "source name")
        yield from _clients_vs_others(clients, values.get("owners"), values.get("defaults"))
        yield from _transport_refs(values.get("transport"), sources)


def _unique(
    items: Iterable[Any], where: str, keys_of: Callable[[Any], Iterable[str]], key: str, what: str
) -> Iterator[tuple[str, str, str]]:
    claimed: dict[str, int] = {}
    for index, item in enumerate(items):
        if item is None:
            continue
        for value in keys_of(item):
            if value in claimed:
                yield (
                    f"{where}[{index}].{key}",
                    f'{what} "{value}" is already claimed by {where}[{claimed[value]}]',
                    f'keep {what} "{value}" in one entry only',
                )
            else:
                claimed[value] = index


def _clients_vs_others(
    clients: Iterable[ClientConfig], owners: Any, defaults: Any
) -> Iterator[tuple[str, str, str]]:
    ignored = set(getattr(defaults, "ignore_domains", ()))
    owner_addresses = set(getattr(owners, "addresses", ()))
    for index, client in enumerate(clients):
        if client is None:
            continue
        for name in set(client.domains) & ignored:
            yield (
                f"clients[{index}].domains",
                f'"{name}" is also in defaults.ignore_domains',
                "remove it from one list",
            )
        for address in set(client.addresses) & owner_addresses:
            yield (
                f"clients[{index}].addresses",
                f'"{address}" is an owner address',
                "an owner cannot be a client; remove it",
            )


def _transport_refs(transport: Any, sources: Iterable[SourceConfig]) -> Iterator[tuple[str, str, str]]:
    sources = list(sources)
    if isinstance(transport, SmtpTransportConfig) and transport.save_copy_to is not None:
        imap = [s.name for s in sources if isinstance(s, ImapSourceConfig)]
        if transport.save_copy_to not in imap:
            fix = f"use one of: {', '.join(imap)}" if imap else "leave save_copy_to out, or add an imap source"
            yield "transport.save_copy_to", f'"{transport.save_copy_to}" is not an imap source', fix
    if isinstance(transport, EwsTransportConfig):
        ews = [s.name for s in sources if isinstance(s, EwsSourceConfig)]
        if transport.source not in ews:
            fix = f"use one of: {', '.join(ews)}" if ews else 'add a [[sources]] entry with type = "ews"'
            yield "transport.source", f'"{transport.source}" is not an ews source', fix


# ---------------------------------------------------------------------------
# public entry points


def config_from_mapping(data: Mapping[str, Any], *, file: Path) -> Config:
    """Build a Config from already-parsed TOML data, as if read from `file` (which anchors
    relative paths). Raises ConfigError listing every problem."""
    ctx = Context(file=file)
    try:
        return build_table(Config, data, "", ctx, top=True)
    except Reported:
        raise ConfigError(ctx.problems) from None


def parse_config(toml_text: str, *, file: Path) -> Config:
    """Check config text as if read from `file`; raises ConfigError listing every problem."""
    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as bad:
        raise ConfigError([_syntax_problem(file, bad)]) from None
    config = config_from_mapping(data, file=file)
    from followup.config.loadcheck import check_loaded  # tries every value, so it imports more

    problems = check_loaded(config, toml_text)
    if problems:
        raise ConfigError(problems)
    return config


def _syntax_problem(file: Path, bad: tomllib.TOMLDecodeError) -> Problem:
    where = re.search(r"\(at line (\d+), column (\d+)\)", str(bad))
    reason = re.sub(r"\s*\(at .*?\)", "", str(bad))
    key = f"line {where.group(1)}, column {where.group(2)}" if where else "(file)"
    return Problem(
        str(file), key, f"is not valid TOML: {reason}", "fix the syntax at that place (see toml.io)"
    )


def load_config(path: Path) -> Config:
    """Read and check the config file; raises ConfigError listing every problem found."""
    path = Path(path).expanduser().absolute()
    try:
        toml_text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ConfigError([_missing_file_problem(path)]) from None
    except UnicodeDecodeError as bad:
        raise _file_error(path, f"byte {bad.start}", "is not UTF-8", "save the file as UTF-8") from None
    except OSError as bad:
        raise _file_error(
            path, "(file)", f"cannot be read: {bad.strerror}", "check the path and its permissions"
        ) from None
    return parse_config(toml_text, file=path)


def _file_error(path: Path, key: str, message: str, fix: str) -> ConfigError:
    return ConfigError([Problem(str(path), key, message, fix)])


def accepted_keys() -> frozenset[str]:
    """Every key the loader accepts, as "section.key", "clients[].key", "sources[imap].key"."""
    return frozenset(table_keys(Config, ""))
