"""Load-time checks of what a config's shape cannot show (like `nginx -t`): every value
that could fail later is tried now, so a typo is refused at start, not on Tuesday at 09:00.

    cadences      each one read in its client's language (and English)
    schedules     the send window, holidays and time zone give an opening, and an update time
    digest times  each owner's next digest can be placed in their zone
    locales       Babel can read the code (an unsupported but valid one falls back later)
    templates     each override folder renders every mail kind against a sample case

Each problem names the file, the line when it can be found, and the fix.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Iterator

from followup.errors import Problem, RenderError

SAMPLE_NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # a Monday: fixed, so checks do not depend on the day
KINDS = ("ack", "update", "close", "digest")
_CADENCE_FIX = 'write a cadence such as "every 2 business days", "weekly", "every Tuesday" or "every 3d"'


def check_loaded(config, text: str) -> list[Problem]:
    """Every problem found; empty when the config can run."""
    where = _Where(config.file, text)
    return [*_cadences(config, where), *_schedules(config, where), *_digests(config, where),
            *_locales(config, where), *_templates(config, where)]


class _Where:
    """Problems with the line of the key in the file, when it can be found."""

    def __init__(self, file: Path, text: str):
        self.file, self.lines = str(file), text.splitlines()

    def problem(self, key: str, value: object, message: str, fix: str) -> Problem:
        name = re.escape(key.rpartition(".")[2].partition("[")[0])
        pattern = re.compile(rf"^\s*{name}\s*=.*{re.escape(str(value))}" if value is not None else rf"^\s*{name}\s*=")
        line = next((n for n, text in enumerate(self.lines, 1) if pattern.search(text)), None)
        return Problem(self.file, f"line {line}: {key}" if line else key, message, fix)


def _scopes(config) -> Iterator[tuple[str, object, str]]:
    """(key prefix, settings with cadence/window/holidays/timezone, language) for the defaults
    and each client that sets its own value."""
    yield "defaults", config.defaults, config.defaults.locale.partition("_")[0]
    for index, client in enumerate(config.clients):
        yield f"clients[{index}] ({client.name})", client, client.language


def _cadences(config, where: _Where) -> Iterator[Problem]:
    from followup.promises import parse_cadence

    for prefix, scope, language in _scopes(config):
        if prefix != "defaults" and scope.cadence == config.defaults.cadence:
            continue  # inherited: reported once, at the defaults (English is always tried too)
        languages = list(dict.fromkeys([language, "en"]))
        if parse_cadence(scope.cadence, languages) is None:
            yield where.problem(f"{prefix}.cadence", scope.cadence,
                                f'"{scope.cadence}" is not a cadence in {", ".join(languages)}', _CADENCE_FIX)


def _schedules(config, where: _Where) -> Iterator[Problem]:
    from followup import clock
    from followup.schedule.cadence import earliest_send_at, next_update_at
    from followup.promises import parse_cadence

    now = clock.utcnow()  # holidays are dates: what matters is the year ahead from today
    defaults = _schedule_of(config.defaults)
    for prefix, scope, language in _scopes(config):
        if prefix != "defaults" and _schedule_of(scope) == defaults:
            continue  # inherited: reported once, at the defaults
        cadence = parse_cadence(scope.cadence, [language, "en"])
        try:
            earliest_send_at(now, timezone=scope.timezone, window=scope.send_window, holidays=frozenset(scope.holidays))
            if cadence is not None:
                next_update_at(cadence=cadence, last_update_at=now, now=now, timezone=scope.timezone,
                               window=scope.send_window, holidays=frozenset(scope.holidays))
        except (ValueError, OverflowError, LookupError) as exc:
            yield where.problem(f"{prefix}.send_window", scope.send_window.spec, f"no update could ever be sent: {exc}",
                                "widen send_window or remove holidays so it opens at least once a year")


def _schedule_of(scope) -> tuple:
    return scope.cadence, scope.send_window, scope.holidays, scope.timezone


def _digests(config, where: _Where) -> Iterator[Problem]:
    from zoneinfo import ZoneInfo

    for index, person in enumerate(config.owners.people):
        try:
            local = SAMPLE_NOW.astimezone(ZoneInfo(person.timezone))
            datetime.combine(local.date(), person.digest_time, tzinfo=local.tzinfo) + timedelta(days=1)
        except (ValueError, OverflowError, LookupError) as exc:
            yield where.problem(f"owners.people[{index}].digest_time", None, f"cannot be placed in time: {exc}",
                                'use a time of day such as "08:00" and an IANA zone such as "Europe/Oslo"')


def _locales(config, where: _Where) -> Iterator[Problem]:
    from babel import Locale, UnknownLocaleError

    for prefix, scope, _ in _scopes(config):
        try:
            Locale.parse(scope.locale)
        except (ValueError, TypeError, UnknownLocaleError) as exc:
            yield where.problem(f"{prefix}.locale", scope.locale, f'"{scope.locale}" is not a locale: {exc}',
                                'use a language code such as "en" or "nb_NO"')


def _templates(config, where: _Where) -> Iterator[Problem]:
    folder = config.templates.path
    if folder is None:
        return
    if not folder.is_dir():
        yield where.problem("templates.path", None, f"{folder} is not a folder",
                            "create it with one subfolder per language (en/update.txt.j2 …), or remove the key")
        return
    from followup.render import Renderer

    renderer = Renderer(folder)
    for locale in sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for kind in KINDS:
            try:
                renderer.render(kind, locale, sample_context(kind, locale, config.tagging.tag))
            except RenderError as exc:
                yield Problem(str(folder / exc.template), f"line {exc.line}" if exc.line else "(template)",
                              f"cannot render the {kind} mail for a sample case: {_reason(exc)}", exc.fix)


def _reason(exc: RenderError) -> str:
    text = str(exc)
    return text.split(": ", 1)[1].rsplit(" (fix:", 1)[0] if ": " in text else text


def sample_context(kind: str, locale: str, tag: str = "slipup") -> dict:
    """What a real case (or digest) gives its template: sample rows in the archive's shape,
    through the same pure builders the send and digest passes use."""
    from followup.delivery.digest_data import build_digest
    from followup.delivery.updates import case_context

    now = SAMPLE_NOW
    at = lambda **delta: (now + timedelta(**delta)).isoformat()  # noqa: E731
    case = {"id": 1, "client": "Acme", "subject": "Delayed delivery", "opened_at": at(days=-9),
            "last_message_at": at(days=-8), "closed_at": at() if kind == "close" else None}
    promise = {"id": 1, "case": 1, "client": "Acme", "subject": "Delayed delivery", "quote": "We will ship it by Friday.",
               "author": "me@agency.example", "made_at": at(days=-3), "sha256": "0" * 64, "state": "open",
               "due_at": at(days=-2), "first_due_at": at(days=-4),
               "reschedules": [{"due_from": at(days=-4), "due_to": at(days=-2), "reason": "the parts were late"}]}
    promises = [promise, {**promise, "id": 2, "due_at": at(days=2), "reschedules": [], "first_due_at": at(days=2)},
                {**promise, "id": 3, "state": "kept", "reschedules": []}]
    owner = {"name": "Owner", "display_name": "Owner", "address": "me@agency.example"}
    if kind == "digest":
        open_promises = [p for p in promises if p["state"] == "open"]
        next_updates = {1: {"next_update_at": now - timedelta(hours=2), "missed": [now - timedelta(hours=2)],
                            "held": False}}
        data = build_digest(owner=owner, now=now, timezone="UTC", cases=[case], promises=open_promises,
                            next_updates=next_updates,
                            updates_sent=[{"client": "Acme", "case_id": 1, "subject": "Delayed delivery",
                                           "sent_at": now - timedelta(hours=20)}],
                            problems=[{"client": "Acme", "case_id": 1, "subject": "Delayed delivery",
                                       "reason": "template en/update.txt.j2, line 3: a sample problem"}])
        return {**data, "tag": tag}
    client = {"name": "Kari", "locale": locale, "timezone": "UTC"}
    next_update = None if kind == "close" else now + timedelta(days=2)
    return case_context(case, client, owner, promises, "The parts arrived today.", next_update, now)
