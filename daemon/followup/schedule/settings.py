"""A client's effective settings: the client's own where the config names the client, else
[defaults]. The one place that decides it, so no caller writes `client.X if client else ...`.

A named client's keys left out already inherit from [defaults] when the config is loaded;
this covers a case with no client (or one no longer in the config).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from followup.schedule.window import SendWindow


@dataclass(frozen=True)
class ClientSettings:
    locale: str
    timezone: str
    cadence: str
    send_window: SendWindow
    mode: str
    holidays: frozenset[date]


def settings_for(client, defaults) -> ClientSettings:
    """client: a ClientConfig or None; defaults: the config's DefaultsConfig."""
    source = client if client else defaults
    return ClientSettings(locale=source.locale, timezone=source.timezone, cadence=source.cadence,
                          send_window=source.send_window, mode=source.mode, holidays=frozenset(source.holidays))


def case_settings(config, case: dict) -> ClientSettings:
    """The settings in force for a case's client."""
    return settings_for(config.client(case["client"]) if case["client"] else None, config.defaults)
