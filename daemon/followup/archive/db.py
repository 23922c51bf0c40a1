"""Opening the archive file: the one connection recipe, and the schema check for readers.

Stdlib only: read-only commands (grep, listings) import this and nothing heavier.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from followup.archive.schema import LATEST, current_version
from followup.errors import ArchiveError


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A stdlib connection in autocommit mode (we issue BEGIN/COMMIT ourselves)."""
    if readonly:
        if not path.exists():
            raise ArchiveError(f"{path}: no archive yet (fix: run `followup import PATH` or `followup run` first)")
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


def schema_ok(conn: sqlite3.Connection, path: Path) -> None:
    """For read-only commands: the archive must be at our schema version."""
    version = current_version(conn)
    if version > LATEST:
        raise ArchiveError(f"{path}: archive schema {version} is newer than this followup (fix: upgrade followup)")
    if version < LATEST:
        raise ArchiveError(f"{path}: archive schema {version} is older (fix: run `followup import` or `followup run` once to migrate)")
