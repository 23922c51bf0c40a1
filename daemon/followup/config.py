"""Configuration: one TOML file → frozen dataclasses, with every problem reported at once.

The schema *is* the dataclasses below: each field carries, in its metadata, the TOML key,
a check (which validates and converts the raw TOML value) and the raw default, which goes
through the same check (so a default path is resolved like a written one). A field may
instead inherit its default from a section read earlier (`clients[].locale` ← `defaults.locale`).
A table class may add rules that span its keys in `_finish`; `Config._finish` holds the rules
that span sections (duplicate names, a domain claimed twice, references between sections).

Config objects never hold a secret, only where to get it (`password_env`, `password_command`);
`followup.credentials.resolve_secret` reads it when a connection is made.
"""

from __future__ import annotations

import re
import shlex
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.configpath import find_config_path, missing_file_problem as _missing_file_problem
from followup.errors import ConfigError, Problem

LANGUAGES = ("en", "nb", "da", "sv", "ca", "sk")
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SECRET_KEYS = ("password", "passwd", "secret", "client_secret", "token", "oauth2_token", "api_key")

_REQUIRED = object()


# ---------------------------------------------------------------------------
# the small schema engine


class _Invalid(Exception):
    """One value is wrong: what was expected, and the fix."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message = message
        self.fix = fix


class _Reported(Exception):
    """Problems inside a nested table are already reported; `partial` is what did build."""

    def __init__(self, partial: Any = None):
        super().__init__()
        self.partial = partial


@dataclass
class _Context:
    file: Path
    problems: list[Problem] = field(default_factory=list)
    built: dict[str, Any] = field(default_factory=dict)  # finished top-level sections
    warnings: list[str] = field(default_factory=list)  # accepted, but the user should know

    def report(self, key: str, message: str, fix: str) -> None:
        self.problems.append(Problem(str(self.file), key, message, fix))

    @property
    def folder(self) -> Path:
        return self.file.parent


Check = Callable[[Any, _Context, str], Any]


def setting(
    check: Check,
    default: Any = _REQUIRED,
    *,
    key: str | None = None,
    inherit: tuple[str, str] | None = None,
) -> Any:
    """A schema field. `default` is a raw TOML value (checked like a written one); None means
    "absent is allowed and stays None"; `inherit` names (section, field) to copy when absent."""
    return field(metadata={"check": check, "default": default, "key": key, "inherit": inherit})


def _specs(cls: type) -> dict[str, tuple[str, Mapping[str, Any]]]:
    return {
        f.metadata.get("key") or f.name: (f.name, f.metadata) for f in fields(cls) if "check" in f.metadata
    }


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


class _Table:
    """Base of every schema table; `_finish` yields (key, message, fix) for cross-key rules
    and may fill derived values. It sees only the keys that passed their own check."""

    @classmethod
    def _finish(cls, values: dict[str, Any], ctx: _Context) -> Iterable[tuple[str, str, str]]:
        return ()


def _build_table(cls: type, raw: Mapping[str, Any], where: str, ctx: _Context, *, top: bool = False) -> Any:
    specs = _specs(cls)
    values: dict[str, Any] = {}
    ok = _report_unknown_keys(raw, specs, where, ctx)
    for key, (name, meta) in specs.items():
        try:
            values[name] = _field_value(raw, key, meta, _join(where, key), ctx)
        except _Invalid as bad:
            ctx.report(_join(where, key), bad.message, bad.fix)
            ok = False
        except _Reported as reported:
            ok = False
            if reported.partial is not None:
                values[name] = reported.partial
        if top and name in values:
            ctx.built[name] = values[name]
    for key, message, fix in cls._finish(values, ctx):
        ctx.report(_join(where, key), message, fix)
        ok = False
    if not ok:
        raise _Reported()
    return cls(**values)


def _field_value(raw: Mapping[str, Any], key: str, meta: Mapping[str, Any], where: str, ctx: _Context) -> Any:
    if key in raw:
        return meta["check"](raw[key], ctx, where)
    if meta["inherit"] is not None:
        section, name = meta["inherit"]
        return getattr(ctx.built.get(section), name, None)
    if meta["default"] is _REQUIRED:
        raise _Invalid("is required but missing", f"add `{key} = …` (see config.example.toml)")
    if meta["default"] is None:
        return None
    return meta["check"](meta["default"], ctx, where)


def _report_unknown_keys(raw: Mapping[str, Any], specs: Mapping[str, Any], where: str, ctx: _Context) -> bool:
    """Report keys the schema does not know; True when there were none."""
    unknown = [key for key in raw if key not in specs]
    for key in unknown:
        ctx.report(_join(where, key), "is not a known setting here", _unknown_key_fix(key, list(specs)))
    return not unknown


def _unknown_key_fix(key: str, accepted: list[str]) -> str:
    import difflib  # only needed when something is wrong

    if key.lower() in SECRET_KEYS:
        return "followup never keeps secrets in the config file: use password_env or password_command"
    close = difflib.get_close_matches(key, accepted, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return "remove it; accepted here: " + ", ".join(sorted(accepted))


# ---------------------------------------------------------------------------
# checks: each takes (raw value, context, dotted key) and returns the converted value


_TOML_TYPE_NAMES = (
    (bool, "a boolean"),
    (int, "an integer"),
    (float, "a float"),
    (str, "a string"),
    (list, "an array"),
    (dict, "a table"),
    (datetime, "a date-time"),
    (date, "a date"),
    (time, "a time"),
)


def _type_name(value: Any) -> str:
    return next((name for kind, name in _TOML_TYPE_NAMES if isinstance(value, kind)), type(value).__name__)


def _expect(value: Any, kind: type, expected: str) -> None:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _Invalid(f"expected {expected}, got {_type_name(value)}", f"write {expected}")


def text(value: Any, ctx: _Context, where: str) -> str:
    _expect(value, str, "a string")
    if not value.strip():
        raise _Invalid("is empty", "write a value or remove the key to use the default")
    return value


def boolean(value: Any, ctx: _Context, where: str) -> bool:
    _expect(value, bool, "a boolean (true or false)")
    return value


def integer(low: int, high: int) -> Check:
    def check(value: Any, ctx: _Context, where: str) -> int:
        _expect(value, int, f"an integer from {low} to {high}")
        if not low <= value <= high:
            raise _Invalid(f"{value} is out of range", f"use an integer from {low} to {high}")
        return value

    return check


def choice(*options: str) -> Check:
    def check(value: Any, ctx: _Context, where: str) -> str:
        _expect(value, str, "one of " + ", ".join(f'"{o}"' for o in options))
        if value not in options:
            return _reject_choice(value, options)
        return value

    return check


def _reject_choice(value: str, options: Iterable[str]) -> Any:
    import difflib  # only needed when something is wrong

    options = list(options)
    close = difflib.get_close_matches(value, options, n=1)
    hint = f'did you mean "{close[0]}"? ' if close else ""
    raise _Invalid(
        f'"{value}" is not one of ' + ", ".join(f'"{o}"' for o in options), f"{hint}use one of them"
    )


_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def domain(value: Any, ctx: _Context, where: str) -> str:
    _expect(value, str, 'a domain name such as "acme.example"')
    name = value.strip().lower().rstrip(".")
    try:
        ascii_name = name.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_name = ""
    labels = ascii_name.split(".")
    if len(labels) < 2 or len(ascii_name) > 253 or not all(_LABEL.match(label) for label in labels):
        raise _Invalid(
            f'"{value}" is not a domain name', 'write a domain such as "acme.example", without "@"'
        )
    return name


_DOT_ATOM = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")


def email_address(value: Any, ctx: _Context, where: str) -> str:
    """A bare address (RFC 5322 dot-atom local part), lower-cased. Quoted local parts
    ("a b"@x) are refused: they would not survive being written back unquoted."""
    _expect(value, str, 'an email address such as "me@agency.example"')
    local, _, host = value.strip().rpartition("@")
    try:
        host = domain(host, ctx, where)
    except _Invalid:
        host = ""
    if not _DOT_ATOM.match(local) or not host:
        raise _Invalid(
            f'"{value}" is not an email address', 'write a bare address such as "me@agency.example"'
        )
    return f"{local.lower()}@{host}"


def timezone_name(value: Any, ctx: _Context, where: str) -> str:
    _expect(value, str, 'an IANA time zone such as "Europe/Oslo"')
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise _Invalid(
            f'"{value}" is not a known time zone', 'use an IANA name such as "Europe/Oslo" or "UTC"'
        ) from None
    return value


_LOCALE = re.compile(r"^([a-z]{2})(?:[-_]([A-Za-z]{2}))?$")


def locale(value: Any, ctx: _Context, where: str) -> str:
    """A supported language, optionally with a region ("nb", "nb_NO"); stored as ll or ll_RR."""
    _expect(value, str, 'a locale such as "nb" or "nb_NO"')
    match = _LOCALE.match(value)
    if match and match.group(1) not in LANGUAGES and _is_language(match.group(1)):
        ctx.warnings.append(f'{ctx.file}: {where}: "{value}" is not a supported language, so English is used '
                            f'(supported: {", ".join(LANGUAGES)})')
        return "en"
    if not match or match.group(1) not in LANGUAGES:
        fix = "use one of " + ", ".join(LANGUAGES) + ' (optionally with a region, e.g. "nb_NO")'
        if value.lower().startswith("no"):
            fix = 'use "nb" for Norwegian bokmål'
        raise _Invalid(f'"{value}" is not a supported locale', fix)
    language, region = match.groups()
    return f"{language}_{region.upper()}" if region else language


def _is_language(code: str) -> bool:
    """A real language we have no rules or templates for ("de"), not a typo ("xx"); "no" is
    left to the error that points to "nb"."""
    from babel.localedata import exists

    return code != "no" and exists(code)


def clock_time(value: Any, ctx: _Context, where: str) -> time:
    if isinstance(value, time):
        return value
    _expect(value, str, 'a time of day such as "08:00"')
    match = re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)", value.strip())
    if not match:
        raise _Invalid(f'"{value}" is not a time of day', 'write 24-hour "HH:MM", e.g. "08:00"')
    return time(int(match.group(1)), int(match.group(2)))


def iso_date(value: Any, ctx: _Context, where: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    _expect(value, str, 'a date such as "2026-12-24"')
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise _Invalid(f'"{value}" is not a date', 'write an ISO date such as "2026-12-24"') from None


def path(value: Any, ctx: _Context, where: str) -> Path:
    """A path; `~` is expanded and a relative path is taken from the config file's folder."""
    _expect(value, str, "a path")
    if not value.strip():
        raise _Invalid("is empty", "write a path")
    return ctx.folder / Path(value).expanduser()


def env_name(value: Any, ctx: _Context, where: str) -> str:
    _expect(value, str, "the name of an environment variable")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
        raise _Invalid(
            f'"{value}" is not an environment variable name', 'write a name such as "IMAP_PASSWORD"'
        )
    return value


def argv(value: Any, ctx: _Context, where: str) -> tuple[str, ...]:
    """A command run without a shell: an array of arguments, or a string split like a shell would."""
    if isinstance(value, str):
        try:
            value = shlex.split(value)
        except ValueError:
            raise _Invalid(
                "has unbalanced quotes", 'write it as an array: ["pass", "show", "imap"]'
            ) from None
    _expect(value, list, 'a command: an array of strings such as ["pass", "show", "imap"]')
    if not value or not all(isinstance(arg, str) for arg in value) or not value[0]:
        raise _Invalid(
            "is not a command", 'write a non-empty array of strings such as ["pass", "show", "imap"]'
        )
    return tuple(value)


def url(value: Any, ctx: _Context, where: str) -> str:
    _expect(value, str, "a URL")
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise _Invalid(
            f'"{value}" is not an http(s) URL', 'write e.g. "https://mail.agency.example/EWS/Exchange.asmx"'
        )
    return value


def gmail_mode(value: Any, ctx: _Context, where: str) -> bool | None:
    """true, false, or "auto" (None: decided from the server's capabilities)."""
    if value == "auto":
        return None
    _expect(value, bool, 'true, false or "auto"')
    return value


def name_check(value: Any, ctx: _Context, where: str) -> str:
    _expect(value, str, "a name")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", value):
        raise _Invalid(
            f'"{value}" is not a usable name', "use letters, digits, '.', '_' or '-', e.g. \"acme\""
        )
    return value


def tag_word(value: Any, ctx: _Context, where: str) -> str:
    _expect(value, str, 'a word such as "slipup"')
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", value):
        raise _Invalid(
            f'"{value}" is not a single word', 'write the word without "#" or spaces, e.g. "slipup"'
        )
    return value


def cadence_text(value: Any, ctx: _Context, where: str) -> str:
    # Kept as written: followup.schedule.cadence parses it, so the grammar lives in one place.
    return " ".join(text(value, ctx, where).split())


def list_of(check: Check) -> Check:
    def check_list(value: Any, ctx: _Context, where: str) -> tuple[Any, ...]:
        _expect(value, list, "an array")
        items, failed = [], False
        for index, item in enumerate(value):
            try:
                items.append(check(item, ctx, f"{where}[{index}]"))
            except _Invalid as bad:
                ctx.report(f"{where}[{index}]", bad.message, bad.fix)
                failed = True
        if failed:
            raise _Reported()
        return tuple(items)

    return check_list


# ---------------------------------------------------------------------------
# send windows


@dataclass(frozen=True)
class SendWindow:
    """When updates may go out, in the client's time zone. `days` are weekday numbers
    (0 = Monday, as `datetime.weekday()`); `end` None means until midnight."""

    days: frozenset[int]
    start: time
    end: time | None
    spec: str

    @property
    def always(self) -> bool:
        return len(self.days) == 7 and self.start == time(0) and self.end is None


_WINDOW = re.compile(
    r"^\s*(?P<days>[A-Za-z][A-Za-z ,\-]*?)\s+(?P<start>\d\d:\d\d)\s*-\s*(?P<end>\d\d:\d\d)\s*$"
)
_WINDOW_FIX = 'write "always" or days and hours such as "Mon-Fri 09:00-17:00" or "Mon,Wed,Sat 10:00-14:00"'


def parse_send_window(spec: str) -> SendWindow:
    """Parse "always" or "<days> HH:MM-HH:MM"; raises ValueError with the reason."""
    if spec.strip().lower() == "always":
        return SendWindow(frozenset(range(7)), time(0), None, "always")
    match = _WINDOW.match(spec)
    if not match:
        raise ValueError("is not a send window")
    days = _parse_days(match.group("days"))
    start = _parse_hhmm(match.group("start"), allow_midnight=False)
    end = _parse_hhmm(match.group("end"), allow_midnight=True)
    if end is not None and end <= start:
        raise ValueError("ends before it starts (windows over midnight are not supported)")
    return SendWindow(days, start, end, spec.strip())


def _parse_days(spec: str) -> frozenset[int]:
    days: set[int] = set()
    for part in spec.replace(" ", "").lower().split(","):
        first, _, last = part.partition("-")
        a, b = _day_number(first), _day_number(last or first)
        days.update((a + step) % 7 for step in range((b - a) % 7 + 1))
    return frozenset(days)


def _day_number(name: str) -> int:
    if len(name) >= 3 and name[:3] in DAY_NAMES:
        return DAY_NAMES.index(name[:3])
    raise ValueError(f'has an unknown day "{name}"')


def _parse_hhmm(spec: str, *, allow_midnight: bool) -> time | None:
    hours, minutes = int(spec[:2]), int(spec[3:])
    if allow_midnight and (hours, minutes) == (24, 0):
        return None
    if hours > 23 or minutes > 59:
        raise ValueError(f'has an impossible time "{spec}"')
    return time(hours, minutes)


def send_window(value: Any, ctx: _Context, where: str) -> SendWindow:
    _expect(value, str, 'a send window such as "Mon-Fri 09:00-17:00"')
    try:
        return parse_send_window(value)
    except ValueError as bad:
        raise _Invalid(f'"{value}" {bad}', _WINDOW_FIX) from None


# ---------------------------------------------------------------------------
# nested tables


def _table_word(where: str) -> str:
    return "a table" if where.endswith("]") else f"a table [{where}]"


@dataclass(frozen=True)
class _Section:
    cls: type

    def __call__(self, value: Any, ctx: _Context, where: str) -> Any:
        _expect(value, dict, _table_word(where))
        return _build_table(self.cls, value, where, ctx)


@dataclass(frozen=True)
class _Each:
    """An array of tables ([[where]]), each read by `item`."""

    item: Check

    def __call__(self, value: Any, ctx: _Context, where: str) -> tuple[Any, ...]:
        _expect(value, list, f"an array of tables [[{where}]]")
        built = [self._one(raw, ctx, f"{where}[{index}]") for index, raw in enumerate(value)]
        # None keeps the positions, so rules across entries still name the right index.
        if any(item is None for item in built):
            raise _Reported(partial=tuple(built))
        return tuple(built)

    def _one(self, raw: Any, ctx: _Context, where: str) -> Any:
        """The entry read by `item`, or None once its problems are reported."""
        try:
            return self.item(raw, ctx, where)
        except _Invalid as bad:
            ctx.report(where, bad.message, bad.fix)
        except _Reported:
            pass
        return None


@dataclass(frozen=True)
class _Tagged:
    """A table whose `type` key picks the class that reads the rest of it."""

    variants: Mapping[str, type]

    def __call__(self, value: Any, ctx: _Context, where: str) -> Any:
        _expect(value, dict, _table_word(where))
        kind = value.get("type")
        if not isinstance(kind, str) or kind not in self.variants:
            options = ", ".join(f'"{v}"' for v in self.variants)
            if kind is None:
                ctx.report(f"{where}.type", "is required but missing", f"add `type = …`, one of {options}")
            else:
                try:
                    _reject_choice(str(kind), self.variants)
                except _Invalid as bad:
                    ctx.report(f"{where}.type", bad.message, bad.fix)
            raise _Reported()
        return _build_table(self.variants[kind], value, where, ctx)


# ---------------------------------------------------------------------------
# the schema


@dataclass(frozen=True, kw_only=True)
class ArchiveConfig(_Table):
    path: Path = setting(path, "data/archive.sqlite3")


@dataclass(frozen=True, kw_only=True)
class DefaultsConfig(_Table):
    locale: str = setting(locale, "en")
    timezone: str = setting(timezone_name, "UTC")
    cadence: str = setting(cadence_text, "every 2 business days")
    send_window: SendWindow = setting(send_window, "Mon-Fri 09:00-17:00")
    mode: str = setting(choice("send", "draft"), "send")
    holidays: tuple[date, ...] = setting(list_of(iso_date), [])
    unknown_domains: str = setting(choice("client", "ignore"), "client")
    ignore_domains: tuple[str, ...] = setting(list_of(domain), [])


@dataclass(frozen=True, kw_only=True)
class DigestConfig(_Table):
    time: time = setting(clock_time, "08:00")


@dataclass(frozen=True, kw_only=True)
class TaggingConfig(_Table):
    tag: str = setting(tag_word, "slipup")
    tag_folder: str = setting(text, "slipup")
    trusted_authserv_ids: tuple[str, ...] = setting(list_of(text), [])


@dataclass(frozen=True, kw_only=True)
class TemplatesConfig(_Table):
    path: Path | None = setting(path, None)


@dataclass(frozen=True, kw_only=True)
class DeliveryConfig(_Table):
    rate_limit_per_client_per_hour: int = setting(integer(1, 1000), 4)
    # An update whose every open promise is late with no new date waits as a draft.
    hold_updates_without_news: bool = setting(boolean, True)


@dataclass(frozen=True, kw_only=True)
class OwnerPerson(_Table):
    address: str = setting(email_address)
    name: str | None = setting(text, None)
    digest_time: time = setting(clock_time, inherit=("digest", "time"))
    timezone: str = setting(timezone_name, inherit=("defaults", "timezone"))


@dataclass(frozen=True, kw_only=True)
class OwnersConfig(_Table):
    """`addresses` holds every owner (listed ones and people); `people` has one entry per
    owner, those not described under [[owners.people]] getting the digest defaults."""

    addresses: tuple[str, ...] = setting(list_of(email_address), [])
    people: tuple[OwnerPerson, ...] = setting(_Each(_Section(OwnerPerson)), [])

    def is_owner(self, address: str) -> bool:
        return address.strip().lower() in self.addresses

    @classmethod
    def _finish(cls, values: dict[str, Any], ctx: _Context) -> Iterable[tuple[str, str, str]]:
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


def _default_person(address: str, ctx: _Context) -> OwnerPerson:
    return OwnerPerson(
        address=address,
        name=None,
        digest_time=getattr(ctx.built.get("digest"), "time", time(8)),
        timezone=getattr(ctx.built.get("defaults"), "timezone", "UTC"),
    )


@dataclass(frozen=True, kw_only=True)
class ClientConfig(_Table):
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
    def _finish(cls, values: dict[str, Any], ctx: _Context) -> Iterable[tuple[str, str, str]]:
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


@dataclass(frozen=True, kw_only=True)
class SourceConfig(_Table):
    name: str = setting(name_check)
    type: str = setting(text)


@dataclass(frozen=True, kw_only=True)
class MaildirSourceConfig(SourceConfig):
    path: Path = setting(path)
    tag_folder: str = setting(text, inherit=("tagging", "tag_folder"))


@dataclass(frozen=True, kw_only=True)
class MboxSourceConfig(SourceConfig):
    path: Path = setting(path)
    tag_folder: str = setting(text, inherit=("tagging", "tag_folder"))


_IMAP_PORTS = {"implicit": 993, "starttls": 143, "none": 143}


@dataclass(frozen=True, kw_only=True)
class ImapSourceConfig(SourceConfig):
    host: str = setting(text)
    port: int = setting(integer(1, 65535), None)  # None in TOML: derived from tls
    tls: str = setting(_TLS, "implicit")
    tls_verify: bool = setting(boolean, True)
    allow_plaintext_auth: bool = setting(boolean, False)
    username: str = setting(text)
    password_env: str | None = setting(env_name, None)
    password_command: tuple[str, ...] | None = setting(argv, None)
    oauth2_token_command: tuple[str, ...] | None = setting(argv, None)
    folders: tuple[str, ...] = setting(list_of(text), ["INBOX"])
    tag_folder: str = setting(text, inherit=("tagging", "tag_folder"))
    since: date | None = setting(iso_date, None)
    gmail: bool | None = setting(gmail_mode, "auto")

    @classmethod
    def _finish(cls, values: dict[str, Any], ctx: _Context) -> Iterable[tuple[str, str, str]]:
        if values.get("port") is None and "tls" in values:
            values["port"] = _IMAP_PORTS[values["tls"]]
        yield from _password_rule(values, needed=True, extra="oauth2_token_command")
        yield from _plaintext_rule(values)


@dataclass(frozen=True, kw_only=True)
class EwsSourceConfig(SourceConfig):
    service_endpoint: str | None = setting(url, None)
    autodiscover: bool = setting(boolean, False)
    primary_address: str = setting(email_address)
    auth_type: str = setting(choice("oauth2", "basic", "ntlm"), "oauth2")
    tls_verify: bool = setting(boolean, True)
    allow_plaintext_auth: bool = setting(boolean, False)
    username: str | None = setting(text, None)
    password_env: str | None = setting(env_name, None)
    password_command: tuple[str, ...] | None = setting(argv, None)
    client_id: str | None = setting(text, None)
    tenant_id: str | None = setting(text, None)
    client_secret_env: str | None = setting(env_name, None)
    oauth2_token_command: tuple[str, ...] | None = setting(argv, None)  # delegated: prints an access token
    server_version: str | None = setting(text, None)
    tag_folder: str = setting(text, inherit=("tagging", "tag_folder"))

    @classmethod
    def _finish(cls, values: dict[str, Any], ctx: _Context) -> Iterable[tuple[str, str, str]]:
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


_SMTP_PORTS = {"implicit": 465, "starttls": 587, "none": 25}


@dataclass(frozen=True, kw_only=True)
class TransportConfig(_Table):
    type: str = setting(text)


@dataclass(frozen=True, kw_only=True)
class OutboxTransportConfig(TransportConfig):
    """The default: updates are written to a local Maildir for a person or a script to send."""

    path: Path = setting(path, "outbox")
    from_address: str = setting(email_address, None, key="from")  # default: the first owner
    from_name: str | None = setting(text, None)

    @classmethod
    def _finish(cls, values: dict[str, Any], ctx: _Context) -> Iterable[tuple[str, str, str]]:
        if values.get("from_address") is None and "from_address" in values:
            owners = ctx.built.get("owners")
            if owners is not None and owners.addresses:
                values["from_address"] = owners.addresses[0]
            else:
                yield "from", "is required when there is no owner", 'add from = "you@agency.example"'


@dataclass(frozen=True, kw_only=True)
class SmtpTransportConfig(TransportConfig):
    host: str = setting(text)
    port: int = setting(integer(1, 65535), None)  # None in TOML: derived from tls
    tls: str = setting(_TLS, "implicit")
    tls_verify: bool = setting(boolean, True)
    allow_plaintext_auth: bool = setting(boolean, False)
    username: str | None = setting(text, None)
    password_env: str | None = setting(env_name, None)
    password_command: tuple[str, ...] | None = setting(argv, None)
    from_address: str = setting(email_address, key="from")
    from_name: str | None = setting(text, None)
    save_copy_to: str | None = setting(text, None)  # an imap source whose Sent/Drafts get copies

    @classmethod
    def _finish(cls, values: dict[str, Any], ctx: _Context) -> Iterable[tuple[str, str, str]]:
        if values.get("port") is None and "tls" in values:
            values["port"] = _SMTP_PORTS[values["tls"]]
        if "username" in values:
            yield from _password_rule(values, needed=values["username"] is not None)
        yield from _plaintext_rule(values)


@dataclass(frozen=True, kw_only=True)
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


@dataclass(frozen=True, kw_only=True)
class Config(_Table):
    """The whole configuration. Sections are read in this order, so a later one may inherit
    from an earlier one (clients from defaults, owners from digest)."""

    file: Path
    archive: ArchiveConfig = setting(_Section(ArchiveConfig), {})
    defaults: DefaultsConfig = setting(_Section(DefaultsConfig), {})
    digest: DigestConfig = setting(_Section(DigestConfig), {})
    tagging: TaggingConfig = setting(_Section(TaggingConfig), {})
    templates: TemplatesConfig = setting(_Section(TemplatesConfig), {})
    delivery: DeliveryConfig = setting(_Section(DeliveryConfig), {})
    owners: OwnersConfig = setting(_Section(OwnersConfig), {})
    clients: tuple[ClientConfig, ...] = setting(_Each(_Section(ClientConfig)), [])
    sources: tuple[SourceConfig, ...] = setting(_Each(_Tagged(SOURCE_TYPES)), [])
    transport: TransportConfig = setting(_Tagged(TRANSPORT_TYPES), {"type": "outbox"})
    warnings: tuple[str, ...] = ()  # one line each, e.g. an unsupported locale falling back to English

    def client(self, name: str) -> ClientConfig | None:
        return next((c for c in self.clients if c.name == name), None)

    def source(self, name: str) -> SourceConfig | None:
        return next((s for s in self.sources if s.name == name), None)

    @classmethod
    def _finish(cls, values: dict[str, Any], ctx: _Context) -> Iterable[tuple[str, str, str]]:
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
    ctx = _Context(file=file)
    try:
        return _build_table(Config, data, "", ctx, top=True)
    except _Reported:
        raise ConfigError(ctx.problems) from None


def parse_config(toml_text: str, *, file: Path) -> Config:
    """Check config text as if read from `file`; raises ConfigError listing every problem."""
    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as bad:
        raise ConfigError([_syntax_problem(file, bad)]) from None
    config = config_from_mapping(data, file=file)
    from followup.configcheck import check_loaded  # tries every value, so it imports more

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
    return frozenset(_keys_of(Config, ""))


def _keys_of(cls: type, where: str) -> Iterator[str]:
    for key, (_, meta) in _specs(cls).items():
        yield from _keys_of_check(meta["check"], _join(where, key))


def _keys_of_check(check: Check, here: str) -> Iterator[str]:
    if isinstance(check, _Section):
        yield from _keys_of(check.cls, here)
    elif isinstance(check, _Each):
        yield from _keys_of_check(check.item, here + ("" if isinstance(check.item, _Tagged) else "[]"))
    elif isinstance(check, _Tagged):
        for kind, variant in check.variants.items():
            yield from _keys_of(variant, f"{here}[{kind}]")
    else:
        yield here


# ---------------------------------------------------------------------------
# the starter config `followup init` writes


_STARTER = """\
# followup configuration, written by `followup init`.
# Every setting is described in config.example.toml (shipped with followup).
# Relative paths are taken from this file's folder.

[archive]
path = "data/archive.sqlite3"        # the evidence: every message, byte for byte

[owners]
# People on our side. Only they can open, steer or close a case.
addresses = ["{owner}"]

[defaults]
locale = "en"                        # en, nb, da, sv, ca or sk (another language: English, with a warning)
timezone = "UTC"                     # an IANA name such as "Europe/Oslo"
cadence = "every 2 business days"    # how often a client gets an update
send_window = "Mon-Fri 09:00-17:00"  # in the client's time zone
mode = "draft"                       # "draft" until you trust it, then "send"

# One [[clients]] entry per client; leave out what [defaults] already says.
# [[clients]]
# name = "acme"
# domains = ["acme.example"]
# locale = "nb"
# timezone = "Europe/Oslo"

[[sources]]
name = "local"
type = "maildir"
path = "mail"                        # point this at your Maildir

[transport]
type = "outbox"                      # writes updates into a local Maildir; nothing leaves the machine
path = "outbox"
from = "{owner}"
"""


def starter_config(owner: str | None = None) -> str:
    """The commented config `followup init` writes, with `owner` as the only owner."""
    address = owner or "me@agency.example"
    try:
        address = email_address(address, _Context(file=Path("config.toml")), "owners.addresses")
    except _Invalid as bad:
        raise ConfigError([Problem("(followup init)", "owner", bad.message, bad.fix)]) from None
    return _STARTER.format(owner=address)
