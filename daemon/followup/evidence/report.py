"""The evidence bundle's report.html: one self-contained page, readable offline and on paper.

Rendered from report.html.j2 beside this module in a sandboxed, autoescaping jinja2
environment: every subject, quote and message text is client-written and escaped. The page
fetches nothing: inline CSS, no scripts, fonts or images.

It speaks the reader's language (the client's locale; en, nb, da, sv, ca, sk, else English,
chosen as render.py chooses templates) with words from report_words.toml, and shows every
time in the client's time zone with UTC beside it, formatted by Babel.
"""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from followup.render import FALLBACK_LANGUAGE, locale_chain

if TYPE_CHECKING:
    from followup.evidence.export import Bundle

TEMPLATE = "report.html.j2"
WORDS = "report_words.toml"


@cache
def vocabulary() -> dict[str, dict]:
    return tomllib.loads(resources.files("followup.evidence").joinpath(WORDS).read_text(encoding="utf-8"))


def report_language(locale: str) -> tuple[str, str]:
    """(words language, Babel locale): "nb_NO" → ("nb", "nb_NO"); "de" → ("en", "en")."""
    chain = locale_chain(locale)
    language = next(c for c in chain if c in vocabulary() or c == FALLBACK_LANGUAGE)
    return language, chain[0] if chain[0].split("_")[0] == language else language


def render_report(bundle: Bundle) -> str:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                                        lstrip_blocks=True)
    language, babel_locale = report_language(bundle.reader.locale)
    words = vocabulary()[language]
    zone = ZoneInfo(bundle.reader.timezone)
    env.filters["when"] = lambda iso: _when(iso, zone, babel_locale)
    env.filters["addresses"] = _addresses
    env.filters["summary"] = _summary
    env.filters["word"] = lambda key: words["words"].get(key, key)
    env.filters["event"] = lambda kind: words["events"].get(kind, kind)
    source = resources.files("followup.evidence").joinpath(TEMPLATE).read_text(encoding="utf-8")
    return env.from_string(source).render(bundle=bundle, timezone=bundle.reader.timezone, language=language,
                                          say=lambda key, **values: _say(words[key], values), code=_code,
                                          anchors={m["anchor"] for m in bundle.messages})


def _say(text: str, values: dict):
    """A sentence from the vocabulary with values escaped into it (Markup values stay markup)."""
    from markupsafe import Markup, escape

    return escape(text).format(**{k: v if isinstance(v, Markup) else escape(v) for k, v in values.items()})


def _code(text: str):
    from markupsafe import Markup

    return Markup("<code>{}</code>").format(text)


def _when(iso: str | None, zone: ZoneInfo, locale: str):
    """"20. nov. 2026 17:00 CET (16:00 UTC)": local time in the reader's words, UTC beside it.

    Breakable only between the parts; the UTC part carries its date when that differs.
    """
    from babel.dates import format_date, format_time
    from markupsafe import Markup

    if not iso:
        return "—"
    moment = datetime.fromisoformat(iso)
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    local, utc = moment.astimezone(zone), moment.astimezone(UTC)
    shown = Markup('<span class="nw">{}</span> <span class="nw">{} {}</span>').format(
        format_date(local, "medium", locale=locale), format_time(local, "short", locale=locale), local.strftime("%Z"))
    if zone.key == "UTC":
        return shown
    beside = utc.strftime("%H:%M") if utc.date() == local.date() else utc.strftime("%Y-%m-%d %H:%M")
    return shown + Markup(' <span class="utc nw">({} UTC)</span>').format(beside)


def _addresses(people: list[dict]) -> str:
    return ", ".join(f"{p['name']} <{p['addr']}>" if p.get("name") else p.get("addr", "") for p in people)


def _summary(data: dict) -> str:
    """An event's data as "key: value" pairs, for the timeline."""
    return "; ".join(f"{key}: {value}" for key, value in data.items() if value not in (None, "", [], {}))
