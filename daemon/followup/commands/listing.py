"""Read-only listings over the archive (stdlib sqlite3: these commands start fast)."""

from __future__ import annotations

from pathlib import Path

from followup.storage.db import connect, open_readonly
from followup.storage.unreadable import quarantined_unreadable
from followup.errors import FollowupError


def quarantined(archive_path: Path) -> list[dict]:
    conn = open_readonly(archive_path)
    try:
        cursor = conn.execute(
            "SELECT q.sha256, q.reason, q.source, q.location, q.at, r.size "
            "FROM quarantine q JOIN raw r USING (sha256) ORDER BY q.at, q.sha256"
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor] + quarantined_unreadable(conn)
    finally:
        conn.close()


def raw_bytes(archive_path: Path, sha256_prefix: str) -> bytes:
    prefix = sha256_prefix.lower()
    if len(prefix) < 6 or any(c not in "0123456789abcdef" for c in prefix):
        raise FollowupError(f"{sha256_prefix!r} is not a sha256 prefix (fix: give at least 6 hex digits, as grep prints them)")
    conn = connect(archive_path, readonly=True)
    try:
        rows = conn.execute(
            "SELECT sha256, bytes FROM raw WHERE sha256 >= ? AND sha256 < ? LIMIT 2", (prefix, prefix + "g")
        ).fetchall()
    finally:
        conn.close()
    if not rows:
        raise FollowupError(f"no archived message has a sha256 starting {prefix} (fix: check it with followup grep -l)")
    if len(rows) > 1:
        raise FollowupError(f"{prefix} is ambiguous (fix: give more digits of the sha256)")
    return rows[0][1]
