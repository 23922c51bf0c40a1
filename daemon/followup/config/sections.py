"""The config's tables, one dataclass each: what every key is, its check and its default.
The whole Config, which holds them, and the rules across sections are in load.py."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, time
from pathlib import Path
from typing import Any, ClassVar

from followup.config.engine import Context, Each, Section, Table, setting
from followup.config.values import (argv, boolean, cadence_text, choice, clock_time, domain, email_address, env_name,
                                    gmail_mode, integer, iso_date, list_of, locale, name_check, path, send_window,
                                    tag_word, text, timezone_name, url)
from followup.schedule.window import SendWindow


# ---------------------------------------------------------------------------
# the schema


class ArchiveConfig(Table):
    path: Path = setting(path, "data/archive.sqlite3")


class DefaultsConfig(Table):
    locale: str = setting(locale, "en")
    timezone: str = setting(timezone_name, "UTC")
    cadence: str = setting(cadence_text, "every 2 business days")
    send_window: SendWindow = setting(send_window, "Mon-Fri 09:00-17:00")
    mode: str = setting(choice("send", "draft"), "send")
    holidays: tuple[date, ...] = setting(list_of(iso_date), [])
    unknown_domains: str = setting(choice("client", "ignore"), "client")
    ignore_domains: tuple[str, ...] = setting(list_of(domain), [])


class DigestConfig(Table):
    time: time = setting(clock_time, "08:00")


class TaggingConfig(Table):
    tag: str = setting(tag_word, "slipup")
    tag_folder: str = setting(text, "slipup")
    trusted_authserv_ids: tuple[str, ...] = setting(list_of(text), [])


class TemplatesConfig(Table):
    path: Path | None = setting(path, None)


class DeliveryConfig(Table):
    rate_limit_per_client_per_hour: int = setting(integer(1, 1000), 4)
    # An update whose every open promise is late with no new date waits as a draft.
    hold_updates_without_news: bool = setting(boolean, True)


class OwnerPerson(Table):
    address: str = setting(email_address)
    name: str | None = setting(text, None)
    digest_time: time = setting(clock_time, inherit=("digest", "time"))
    timezone: str = setting(timezone_name, inherit=("defaults", "timezone"))


class OwnersConfig(Table):
    """`addresses` holds every owner (listed ones and people); `people` has one entry per
    owner, those not described under [[owners.people]] getting the digest defaults."""

    addresses: tuple[str, ...] = setting(list_of(email_address), [])
    people: tuple[OwnerPerson, ...] = setting(Each(Section(OwnerPerson)), [])

    def is_owner(self, address: str) -> bool:
        return address.strip().lower() in self.addresses

    @classmethod
    def _finish(cls, values: dict[str, Any], ctx: Context) -> Iterable[tuple[str, str, str]]:
        if "addresses" not in values or "people" not in values:
            return  # already reported; merging half a list would invent problems
        people = list(values["people"])
        described = {person.address for person in people}
        for address in values["addresses"]:
            if address not in described:
                described.add(address)
                people.append(_default_person(address, ctx))
        values["people"] = tuple(people)
        values["addresses"] = tuple(person.address for person in people)
        if not people:
            yield "addresses", "names no owner", 'add your address: addresses = ["me@agency.example"]'


def _default_person(address: str, ctx: Context) -> OwnerPerson:
    return OwnerPerson(
        address=address,
        name=None,
        digest_time=getattr(ctx.built.get("digest"), "time", time(8)),
        timezone=getattr(ctx.built.get("defaults"), "timezone", "UTC"),
    )


class ClientConfig(Table):
    """A client. Keys left out take their value from [defaults] (a list replaces, not adds)."""

    name: str = setting(name_check)
    domains: tuple[str, ...] = setting(list_of(domain), [])
    addresses: tuple[str, ...] = setting(list_of(email_address), [])
    locale: str = setting(locale, inherit=("defaults", "locale"))
    timezone: str = setting(timezone_name, inherit=("defaults", "timezone"))
    cadence: str = setting(cadence_text, inherit=("defaults", "cadence"))
    send_window: SendWindow = setting(send_window, inherit=("defaults", "send_window"))
    mode: str = setting(choice("send", "draft"), inherit=("defaults", "mode"))
    holidays: tuple[date, ...] = setting(list_of(iso_date), inherit=("defaults", "holidays"))

    @property
    def language(self) -> str:
        return self.locale.partition("_")[0]

    @classmethod
    def _finish(cls, values: dict[str, Any], ctx: Context) -> Iterable[tuple[str, str, str]]:
        if values.get("domains") == () and values.get("addresses") == ():
            yield "domains", "the client has neither domains nor addresses", 'add domains = ["acme.example"]'


def _password_rule(
    values: Mapping[str, Any], needed: bool, extra: str = ""
) -> Iterator[tuple[str, str, str]]:
    """Exactly one way to get the password when one is needed, none when it is not."""
    keys = [key for key in ("password_env", "password_command", extra) if key]
    if any(key not in values for key in keys):
        return  # one of them failed its own check and is reported already
    given = [key for key in keys if values[key] is not None]
    if needed and not given:
        options = "password_env or password_command" + (f" or {extra}" if extra else "")
        yield "password_env", "no way to get the password is set", f"set one of {options}"
    elif len(given) > 1:
        yield given[1], f"is set together with {given[0]}", "keep only one of them"
    elif given and not needed:
        yield given[0], "is set but no username is", "set username, or remove it"


def _plaintext_rule(values: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    if values.get("tls") == "none" and values.get("username") and not values.get("allow_plaintext_auth"):
        yield (
            "tls",
            '"none" would send the password unencrypted',
            'use "implicit" or "starttls", or set allow_plaintext_auth = true',
        )


_TLS = choice("implicit", "starttls", "none")


class Login(Table):
    """How we log in to a server: the password comes from the environment or a command,
    never from the file. Shared by every source and transport that logs in."""

    tls_verify: bool = setting(boolean, True)
    allow_plaintext_auth: bool = setting(boolean, False)
    username: str | None = setting(text, None)  # required where a subclass says so
    password_env: str | None = setting(env_name, None)
    password_command: tuple[str, ...] | None = setting(argv, None)


class MailServer(Table):
    """A server spoken to over a mail protocol: its port, unless given, follows from `tls`."""

    host: str = setting(text)
    port: int = setting(integer(1, 65535), None)  # None in TOML: derived from tls
    tls: str = setting(_TLS, "implicit")

    _ports: ClassVar[Mapping[str, int]] = {}  # the protocol's port for each tls value

    @classmethod
    def _fill_port(cls, values: dict[str, Any]) -> None:
        if values.get("port") is None and "tls" in values:
            values["port"] = cls._ports[values["tls"]]


class SourceConfig(Table):
    name: str = setting(name_check)
    type: str = setting(text)


class LocalSourceConfig(SourceConfig):
    path: Path = setting(path)
    tag_folder: str = setting(text, inherit=("tagging", "tag_folder"))


class MaildirSourceConfig(LocalSourceConfig):
    """A Maildir on this machine (Maildir++ subfolders included)."""


class MboxSourceConfig(LocalSourceConfig):
    """An mbox file on this machine."""


class ImapSourceConfig(Login, MailServer, SourceConfig):
    username: str = setting(text)  # keeps its place among Login's keys
    oauth2_token_command: tuple[str, ...] | None = setting(argv, None)
    folders: tuple[str, ...] = setting(list_of(text), ["INBOX"])
    tag_folder: str = setting(text, inherit=("tagging", "tag_folder"))
    since: date | None = setting(iso_date, None)
    gmail: bool | None = setting(gmail_mode, "auto")

    _ports = {"implicit": 993, "starttls": 143, "none": 143}

    @classmethod
    def _finish(cls, values: dict[str, Any], ctx: Context) -> Iterable[tuple[str, str, str]]:
        cls._fill_port(values)
        yield from _password_rule(values, needed=True, extra="oauth2_token_command")
        yield from _plaintext_rule(values)


class ExchangeEndpoint(Table):
    """Where the Exchange mailbox is (a URL, or autodiscover from its address) and how we sign in."""

    service_endpoint: str | None = setting(url, None)
    autodiscover: bool = setting(boolean, False)
    primary_address: str = setting(email_address)
    auth_type: str = setting(choice("oauth2", "basic", "ntlm"), "oauth2")


class EwsSourceConfig(Login, ExchangeEndpoint, SourceConfig):
    client_id: str | None = setting(text, None)
    tenant_id: str | None = setting(text, None)
    client_secret_env: str | None = setting(env_name, None)
    oauth2_token_command: tuple[str, ...] | None = setting(argv, None)  # delegated: prints an access token
    server_version: str | None = setting(text, None)
    tag_folder: str = setting(text, inherit=("tagging", "tag_folder"))

    @classmethod
    def _finish(cls, values: dict[str, Any], ctx: Context) -> Iterable[tuple[str, str, str]]:
        endpoint, auto = values.get("service_endpoint"), values.get("autodiscover")
        if (endpoint is None) == (not auto) and {"service_endpoint", "autodiscover"} <= values.keys():
            yield (
                "service_endpoint",
                "set exactly one of service_endpoint and autodiscover = true",
                "keep one",
            )
        if endpoint and endpoint.startswith("http:") and not values.get("allow_plaintext_auth"):
            yield "service_endpoint", "is plain http", "use https, or set allow_plaintext_auth = true"
        if values.get("auth_type") == "oauth2" and values.get("oauth2_token_command") is None:
            # app-only (client credentials); a delegated token command needs none of these
            for key in ("client_id", "tenant_id", "client_secret_env"):
                if key in values and values[key] is None:
                    yield (
                        key,
                        'is required with auth_type = "oauth2"',
                        f"add `{key} = …` from your Entra app registration",
                    )
        elif "auth_type" in values:
            if values.get("username") is None:
                yield (
                    "username",
                    f'is required with auth_type = "{values["auth_type"]}"',
                    'add username = "…"',
                )
            yield from _password_rule(values, needed=True)


class TransportConfig(Table):
    type: str = setting(text)


class OutboxTransportConfig(TransportConfig):
    """The default: updates are written to a local Maildir for a person or a script to send."""

    path: Path = setting(path, "outbox")
    from_address: str = setting(email_address, None, key="from")  # default: the first owner
    from_name: str | None = setting(text, None)

    @classmethod
    def _finish(cls, values: dict[str, Any], ctx: Context) -> Iterable[tuple[str, str, str]]:
        if values.get("from_address") is None and "from_address" in values:
            owners = ctx.built.get("owners")
            if owners is not None and owners.addresses:
                values["from_address"] = owners.addresses[0]
            else:
                yield "from", "is required when there is no owner", 'add from = "you@agency.example"'


class SmtpTransportConfig(Login, MailServer, TransportConfig):
    from_address: str = setting(email_address, key="from")
    from_name: str | None = setting(text, None)
    save_copy_to: str | None = setting(text, None)  # an imap source whose Sent/Drafts get copies

    _ports = {"implicit": 465, "starttls": 587, "none": 25}

    @classmethod
    def _finish(cls, values: dict[str, Any], ctx: Context) -> Iterable[tuple[str, str, str]]:
        cls._fill_port(values)
        if "username" in values:
            yield from _password_rule(values, needed=values["username"] is not None)
        yield from _plaintext_rule(values)


class EwsTransportConfig(TransportConfig):
    source: str = setting(name_check)  # the [[sources]] name whose Exchange account sends


SOURCE_TYPES: Mapping[str, type] = {
    "maildir": MaildirSourceConfig,
    "mbox": MboxSourceConfig,
    "imap": ImapSourceConfig,
    "ews": EwsSourceConfig,
}
TRANSPORT_TYPES: Mapping[str, type] = {
    "outbox": OutboxTransportConfig,
    "smtp": SmtpTransportConfig,
    "ews": EwsTransportConfig,
}
