"""Configs for tests, built from their sections, so that a test names only what it is about:

    config_toml(sources=[maildir_source("mail")], transport=outbox_transport("outbox"))

`config_mapping` is what the loader reads (for `config_from_mapping`), `config_toml` the
same as the file a user writes, `site_toml` the site most CLI tests share (conftest's
`config_file`) with any section replaced. A section left out is left out of the file, so
the loader's own defaults apply; `archive` and `owners` have values unless given None.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

ME = "me@agency.example"
COLLEAGUE = "colleague@agency.example"


# --- entries ---------------------------------------------------------------------------------


def client(name: str, *domains: str, **keys: Any) -> dict:
    """A [[clients]] entry; its mail comes from `<name>.example` unless other domains are named."""
    return {"name": name, "domains": list(domains) or [f"{name}.example"], **keys}


def maildir_source(path: str | Path = "mail", *, name: str = "local", **keys: Any) -> dict:
    return {"name": name, "type": "maildir", "path": str(path), **keys}


def imap_source(host: str, port: int | None = None, *, name: str = "work", **keys: Any) -> dict:
    """An IMAP [[sources]] entry; tls, username and the password's source as the test needs
    them. A key given None is left out (the port too: then it follows tls)."""
    return {key: value for key, value in {"name": name, "type": "imap", "host": host, "port": port, **keys}.items()
            if value is not None}


def ews_source(*, name: str = "ex", **keys: Any) -> dict:
    return {"name": name, "type": "ews", **keys}


def outbox_transport(path: str | Path = "outbox", *, sender: str = ME, **keys: Any) -> dict:
    """The [transport] that writes updates into a local Maildir (`from` is `sender`)."""
    return {"type": "outbox", "path": str(path), "from": sender, **keys}


def smtp_transport(host: str = "127.0.0.1", *, sender: str = ME, **keys: Any) -> dict:
    return {"type": "smtp", "host": host, **keys, "from": sender}


def ews_transport(source: str) -> dict:
    """Updates sent through the Exchange account of the [[sources]] entry named `source`."""
    return {"type": "ews", "source": source}


# --- whole configs ---------------------------------------------------------------------------


def config_mapping(*, archive: str | Path | None = "data/archive.sqlite3", owners: Sequence[str] | None = (ME,),
                   people: Sequence[Mapping] = (), clients: Sequence[Mapping] = (), sources: Sequence[Mapping] = (),
                   transport: Mapping | None = None, **tables: Mapping) -> dict:
    """archive, owners, the other [section]s (`tables`: defaults, tagging, templates, digest,
    delivery) in the order given, then clients, sources and transport, as config.example.toml has them."""
    mapping: dict[str, Any] = {}
    if archive is not None:
        mapping["archive"] = {"path": str(archive)}
    if owners is not None or people:
        mapping["owners"] = {**({"addresses": list(owners)} if owners is not None else {}),
                             **({"people": list(people)} if people else {})}
    mapping.update({name: dict(table) for name, table in tables.items()})  # copies: a test may change its own
    for name, entries in (("clients", clients), ("sources", sources)):
        if entries:
            mapping[name] = [dict(entry) for entry in entries]
    if transport is not None:
        mapping["transport"] = dict(transport)
    return mapping


def config_toml(**sections: Any) -> str:
    """The config file for `config_mapping(**sections)`."""
    return as_toml(config_mapping(**sections))


SITE: dict[str, Any] = {
    "owners": [ME, COLLEAGUE],
    "defaults": {"locale": "en", "timezone": "UTC"},
    "tagging": {"trusted_authserv_ids": ["mx.agency.example"]},
    "clients": [client("acme", locale="nb", timezone="Europe/Oslo")],
    "sources": [maildir_source("mail")],
    "transport": outbox_transport("outbox"),
}


def site_toml(**changes: Any) -> str:
    """The shared site (two owners, the client acme in Norwegian, the Maildir `mail`, the
    outbox), each section in `changes` replacing the site's own."""
    return config_toml(**{**SITE, **changes})


# --- TOML ------------------------------------------------------------------------------------


def as_toml(mapping: Mapping[str, Any]) -> str:
    """TOML for a config mapping: tables, arrays of tables (also nested, as [[owners.people]])
    and values that are strings, numbers, booleans, dates, paths or lists of them."""
    lines: list[str] = []
    for name, body in mapping.items():
        _tables(lines, name, body)
    return "\n".join(lines) + "\n"


def _tables(lines: list[str], name: str, body: Mapping | Sequence[Mapping]) -> None:
    array = not isinstance(body, Mapping)
    for table in body if array else [body]:
        lines.append(f"[[{name}]]" if array else f"[{name}]")
        nested = {key: value for key, value in table.items() if _is_table(value)}
        lines += [f"{key} = {_value(value)}" for key, value in table.items() if key not in nested]
        for key, value in nested.items():  # after the table's own keys, or they would belong to the subtable
            _tables(lines, f"{name}.{key}", value)


def _is_table(value: Any) -> bool:
    return isinstance(value, Mapping) or (
        isinstance(value, list) and bool(value) and all(isinstance(item, Mapping) for item in value))


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | date):
        return value.isoformat() if isinstance(value, date) else repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    # JSON's string escapes are TOML's; DEL is the one character TOML wants escaped and JSON does not
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")
