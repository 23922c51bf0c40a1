"""When an open case's next update is due: the case record and config in, a time out.

The last update is the later of our last update and an owner's own reply to the client
(cases.last_update_at); before any, the case's opening. Paused and closed cases have none.
"""

from __future__ import annotations

from datetime import datetime

from followup.errors import FollowupError
from followup.schedule.cadence import ResolvedCadence, due_after, next_update_at, resolve_cadence
from followup.schedule.settings import ClientSettings, case_settings

# What one case's schedule can raise at run time: a cadence no level can read (CadenceError
# is a FollowupError), a window that never opens, a zone that is gone, dates out of range.
SCHEDULE_ERRORS = (FollowupError, ValueError, LookupError, OverflowError)


def cadence_for(case: dict, settings: ClientSettings, default_cadence: str) -> ResolvedCadence:
    """settings: the case's client settings; default_cadence: [defaults] cadence, the last resort."""
    return resolve_cadence(
        case.get("cadence_text"),
        case.get("stated_cadence"),
        settings.cadence,
        default_cadence,
        [settings.locale.split("_")[0], "en"],
    )


def next_update(case: dict, settings: ClientSettings, default_cadence: str, now: datetime) -> datetime | None:
    if case["state"] != "open":
        return None
    last = case.get("last_update_at") or case["opened_at"]
    return next_update_at(
        cadence=cadence_for(case, settings, default_cadence).cadence,
        last_update_at=datetime.fromisoformat(last),
        now=now,
        timezone=settings.timezone,
        window=settings.send_window,
        holidays=settings.holidays,
    )


def with_schedule(config, cases: list[dict], now: datetime) -> list[dict]:
    """The cases with next_update_at and the cadence in force (and where it came from).

    A case whose schedule cannot be computed gets `problem` (the reason) instead; the
    others are not affected."""
    out = []
    for case in cases:
        settings = case_settings(config, case)
        try:
            upcoming = next_update(case, settings, config.defaults.cadence, now)
            resolved = cadence_for(case, settings, config.defaults.cadence)
        except SCHEDULE_ERRORS as exc:
            out.append({**case, "next_update_at": None, "cadence": None, "cadence_source": None,
                        "problem": str(exc)})
            continue
        out.append({**case, "next_update_at": upcoming.isoformat() if upcoming else None,
                    "cadence": resolved.cadence.to_text(), "cadence_source": resolved.source, "problem": None})
    return out


def missed_slots(config, case: dict, now: datetime, limit: int = 52) -> list[datetime]:
    """The send times (inside the send window, as `show` reckons them) of every update that
    should have gone out by `now` and did not, oldest first; at most `limit` of them."""
    if case["state"] != "open":
        return []
    settings = case_settings(config, case)
    cadence = cadence_for(case, settings, config.defaults.cadence).cadence
    zone, window, holidays = settings.timezone, settings.send_window, settings.holidays
    slots: list[datetime] = []
    last = datetime.fromisoformat(case.get("last_update_at") or case["opened_at"])
    while len(slots) < limit:
        # now=last: the slot's own send time, not pushed to the present
        send = next_update_at(cadence=cadence, last_update_at=last, now=last, timezone=zone, window=window,
                              holidays=holidays)
        if send >= now:
            break
        slots.append(send)
        last = due_after(cadence, last, timezone=zone, holidays=holidays)
    return slots
