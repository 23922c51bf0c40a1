"""Checks of one value each: (raw TOML value, context, dotted key) in, the converted value
out, or Invalid with the fix."""

from __future__ import annotations

import re
import shlex
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.config.engine import Check, Context, Invalid, Reported, expect, reject_choice
from followup.schedule.window import WINDOW_FIX, SendWindow, parse_send_window


LANGUAGES = ("en", "nb", "da", "sv", "ca", "sk")


# ---------------------------------------------------------------------------
# checks: each takes (raw value, context, dotted key) and returns the converted value


def text(value: Any, ctx: Context, where: str) -> str:
    expect(value, str, "a string")
    if not value.strip():
        raise Invalid("is empty", "write a value or remove the key to use the default")
    return value


def boolean(value: Any, ctx: Context, where: str) -> bool:
    expect(value, bool, "a boolean (true or false)")
    return value


def integer(low: int, high: int) -> Check:
    def check(value: Any, ctx: Context, where: str) -> int:
        expect(value, int, f"an integer from {low} to {high}")
        if not low <= value <= high:
            raise Invalid(f"{value} is out of range", f"use an integer from {low} to {high}")
        return value

    return check


def choice(*options: str) -> Check:
    def check(value: Any, ctx: Context, where: str) -> str:
        expect(value, str, "one of " + ", ".join(f'"{o}"' for o in options))
        if value not in options:
            return reject_choice(value, options)
        return value

    return check


def matching(pattern: str, expected: str, problem: str, fix: str) -> Check:
    """A string that `pattern` matches in full; else Invalid('"<value>" <problem>', fix)."""
    def check(value: Any, ctx: Context, where: str) -> str:
        expect(value, str, expected)
        if not re.fullmatch(pattern, value):
            raise Invalid(f'"{value}" {problem}', fix)
        return value

    return check


_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def domain(value: Any, ctx: Context, where: str) -> str:
    expect(value, str, 'a domain name such as "acme.example"')
    name = value.strip().lower().rstrip(".")
    try:
        ascii_name = name.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_name = ""
    labels = ascii_name.split(".")
    if len(labels) < 2 or len(ascii_name) > 253 or not all(_LABEL.match(label) for label in labels):
        raise Invalid(
            f'"{value}" is not a domain name', 'write a domain such as "acme.example", without "@"'
        )
    return name


_DOT_ATOM = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")


def email_address(value: Any, ctx: Context, where: str) -> str:
    """A bare address (RFC 5322 dot-atom local part), lower-cased. Quoted local parts
    ("a b"@x) are refused: they would not survive being written back unquoted."""
    expect(value, str, 'an email address such as "me@agency.example"')
    local, _, host = value.strip().rpartition("@")
    try:
        host = domain(host, ctx, where)
    except Invalid:
        host = ""
    if not _DOT_ATOM.match(local) or not host:
        raise Invalid(
            f'"{value}" is not an email address', 'write a bare address such as "me@agency.example"'
        )
    return f"{local.lower()}@{host}"


def timezone_name(value: Any, ctx: Context, where: str) -> str:
    expect(value, str, 'an IANA time zone such as "Europe/Oslo"')
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise Invalid(
            f'"{value}" is not a known time zone', 'use an IANA name such as "Europe/Oslo" or "UTC"'
        ) from None
    return value


_LOCALE = re.compile(r"^([a-z]{2})(?:[-_]([A-Za-z]{2}))?$")


def locale(value: Any, ctx: Context, where: str) -> str:
    """A supported language, optionally with a region ("nb", "nb_NO"); stored as ll or ll_RR."""
    expect(value, str, 'a locale such as "nb" or "nb_NO"')
    match = _LOCALE.match(value)
    if match and match.group(1) not in LANGUAGES and _is_language(match.group(1)):
        ctx.warnings.append(f'{ctx.file}: {where}: "{value}" is not a supported language, so English is used '
                            f'(supported: {", ".join(LANGUAGES)})')
        return "en"
    if not match or match.group(1) not in LANGUAGES:
        fix = "use one of " + ", ".join(LANGUAGES) + ' (optionally with a region, e.g. "nb_NO")'
        if value.lower().startswith("no"):
            fix = 'use "nb" for Norwegian bokmål'
        raise Invalid(f'"{value}" is not a supported locale', fix)
    language, region = match.groups()
    return f"{language}_{region.upper()}" if region else language


def _is_language(code: str) -> bool:
    """A real language we have no rules or templates for ("de"), not a typo ("xx"); "no" is
    left to the error that points to "nb"."""
    from babel.localedata import exists

    return code != "no" and exists(code)


def clock_time(value: Any, ctx: Context, where: str) -> time:
    if isinstance(value, time):
        return value
    expect(value, str, 'a time of day such as "08:00"')
    match = re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)", value.strip())
    if not match:
        raise Invalid(f'"{value}" is not a time of day', 'write 24-hour "HH:MM", e.g. "08:00"')
    return time(int(match.group(1)), int(match.group(2)))


def iso_date(value: Any, ctx: Context, where: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    expect(value, str, 'a date such as "2026-12-24"')
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise Invalid(f'"{value}" is not a date', 'write an ISO date such as "2026-12-24"') from None


def path(value: Any, ctx: Context, where: str) -> Path:
    """A path; `~` is expanded and a relative path is taken from the config file's folder."""
    expect(value, str, "a path")
    if not value.strip():
        raise Invalid("is empty", "write a path")
    return ctx.folder / Path(value).expanduser()


env_name = matching(r"[A-Za-z_][A-Za-z0-9_]*", "the name of an environment variable",
                    "is not an environment variable name", 'write a name such as "IMAP_PASSWORD"')


def argv(value: Any, ctx: Context, where: str) -> tuple[str, ...]:
    """A command run without a shell: an array of arguments, or a string split like a shell would."""
    if isinstance(value, str):
        try:
            value = shlex.split(value)
        except ValueError:
            raise Invalid(
                "has unbalanced quotes", 'write it as an array: ["pass", "show", "imap"]'
            ) from None
    expect(value, list, 'a command: an array of strings such as ["pass", "show", "imap"]')
    if not value or not all(isinstance(arg, str) for arg in value) or not value[0]:
        raise Invalid(
            "is not a command", 'write a non-empty array of strings such as ["pass", "show", "imap"]'
        )
    return tuple(value)


def url(value: Any, ctx: Context, where: str) -> str:
    expect(value, str, "a URL")
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise Invalid(
            f'"{value}" is not an http(s) URL', 'write e.g. "https://mail.agency.example/EWS/Exchange.asmx"'
        )
    return value


def gmail_mode(value: Any, ctx: Context, where: str) -> bool | None:
    """true, false, or "auto" (None: decided from the server's capabilities)."""
    if value == "auto":
        return None
    expect(value, bool, 'true, false or "auto"')
    return value


name_check = matching(r"[A-Za-z0-9][A-Za-z0-9._-]*", "a name", "is not a usable name",
                      "use letters, digits, '.', '_' or '-', e.g. \"acme\"")
tag_word = matching(r"[A-Za-z0-9][A-Za-z0-9_-]*", 'a word such as "slipup"', "is not a single word",
                    'write the word without "#" or spaces, e.g. "slipup"')


def cadence_text(value: Any, ctx: Context, where: str) -> str:
    # Kept as written: followup.schedule.cadence parses it, so the grammar lives in one place.
    return " ".join(text(value, ctx, where).split())


def list_of(check: Check) -> Check:
    def check_list(value: Any, ctx: Context, where: str) -> tuple[Any, ...]:
        expect(value, list, "an array")
        items, failed = [], False
        for index, item in enumerate(value):
            try:
                items.append(check(item, ctx, f"{where}[{index}]"))
            except Invalid as bad:
                ctx.report(f"{where}[{index}]", bad.message, bad.fix)
                failed = True
        if failed:
            raise Reported()
        return tuple(items)

    return check_list


def send_window(value: Any, ctx: Context, where: str) -> SendWindow:
    expect(value, str, 'a send window such as "Mon-Fri 09:00-17:00"')
    try:
        return parse_send_window(value)
    except ValueError as bad:
        raise Invalid(f'"{value}" {bad}', WINDOW_FIX) from None
