"""The one place that reads the wall clock. Everything else takes `now` as an argument."""

from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
