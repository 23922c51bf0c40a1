"""The evidence bundle's report.html: one self-contained page, readable offline and on paper.

Rendered from report.html.j2 beside this module in a sandboxed, autoescaping jinja2
environment: every subject, quote and message text is client-written and escaped. The page
fetches nothing: inline CSS, no scripts, fonts or images.
"""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from followup.archive.export import Bundle

TEMPLATE = "report.html.j2"


def render_report(bundle: Bundle, *, timezone: str = "UTC") -> str:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                                        lstrip_blocks=True)
    zone = ZoneInfo(timezone)
    env.filters["when"] = lambda iso: _when(iso, zone)
    env.filters["addresses"] = _addresses
    env.filters["summary"] = _summary
    source = resources.files("followup.archive").joinpath(TEMPLATE).read_text(encoding="utf-8")
    return env.from_string(source).render(bundle=bundle, timezone=timezone,
                                        anchors={m["anchor"] for m in bundle.messages})


def _when(iso: str | None, zone: ZoneInfo):
    """"2026-11-16 14:00 CET", breakable only between the date and the time."""
    from markupsafe import Markup

    if not iso:
        return "—"
    moment = datetime.fromisoformat(iso)
    moment = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(zone)
    return Markup('<span class="nw">{}</span> <span class="nw">{}</span>').format(
        moment.strftime("%Y-%m-%d"), moment.strftime("%H:%M %Z"))


def _addresses(people: list[dict]) -> str:
    return ", ".join(f"{p['name']} <{p['addr']}>" if p.get("name") else p.get("addr", "") for p in people)


def _summary(data: dict) -> str:
    """An event's data as "key: value" pairs, for the timeline."""
    return "; ".join(f"{key}: {value}" for key, value in data.items() if value not in (None, "", [], {}))

