"""Read-only listings over the archive (stdlib sqlite3: these commands start fast)."""

from __future__ import annotations

from pathlib import Path

from followup.storage import quarantine, raw
from followup.storage.reading import reading
from followup.errors import FollowupError


def quarantined(archive_path: Path) -> list[dict]:
    with reading(archive_path) as conn:
        return quarantine.rows(conn)


def raw_bytes(archive_path: Path, sha256_prefix: str) -> bytes:
    prefix = sha256_prefix.lower()
    if len(prefix) < 6 or any(c not in "0123456789abcdef" for c in prefix):
        raise FollowupError(f"{sha256_prefix!r} is not a sha256 prefix (fix: give at least 6 hex digits, as grep prints them)")
    with reading(archive_path) as conn:
        rows = raw.by_prefix(conn, prefix)
    if not rows:
        raise FollowupError(f"no archived message has a sha256 starting {prefix} (fix: check it with followup grep -l)")
    if len(rows) > 1:
        raise FollowupError(f"{prefix} is ambiguous (fix: give more digits of the sha256)")
    sha256, data = rows[0]
    if data is None:
        raise FollowupError(f"message {sha256}: its stored bytes are damaged "
                            "(fix: run `followup verify` and restore the archive from a backup)")
    return data
