"""The one place that reads the wall clock. Everything else takes `now` as an argument.

FOLLOWUP_NOW (an ISO 8601 time with a zone) freezes the clock for a whole process: for
tests that run followup as a subprocess, and for a dry run of what a pass would do at a
given moment (with an outbox transport, nothing leaves the machine).
"""

from __future__ import annotations

import os
from datetime import datetime, timezone


def utcnow() -> datetime:
    frozen = os.environ.get("FOLLOWUP_NOW")
    if frozen:
        moment = datetime.fromisoformat(frozen)
        if moment.tzinfo is None:
            raise ValueError(f"FOLLOWUP_NOW={frozen!r} has no time zone (fix: add one, e.g. 2026-11-23T09:00:00+00:00)")
        return moment.astimezone(timezone.utc)
    return datetime.now(timezone.utc)
