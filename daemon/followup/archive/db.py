"""Opening the archive file: the one connection recipe, and the schema check for readers.

Stdlib only: read-only commands (grep, listings) import this and nothing heavier.
"""

from __future__ import annotations

import os
import sqlite3

from followup.archive.schema import LATEST, current_version
from followup.errors import ArchiveError


def connect(path: os.PathLike | str, *, readonly: bool = False) -> sqlite3.Connection:
    """A stdlib connection in autocommit mode (we issue BEGIN/COMMIT ourselves). (os.path, not
    pathlib: grep's start-up would pay ~3.5 ms for importing pathlib.)"""
    if readonly:
        if not os.path.exists(path):
            raise ArchiveError(f"{path}: no archive yet (fix: run `followup import PATH` or `followup run` first)")
        conn = sqlite3.connect(_readonly_uri(path), uri=True, isolation_level=None)
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


def _readonly_uri(path: os.PathLike | str) -> str:
    """file: URI of the real path; SQLite URIs need only %, ? and # escaped."""
    real = os.path.realpath(path)
    for char, code in (("%", "%25"), ("?", "%3f"), ("#", "%23")):
        real = real.replace(char, code)
    return f"file:{real}?mode=ro"


def schema_ok(conn: sqlite3.Connection, path: os.PathLike | str) -> None:
    """For read-only commands: the archive must be at our schema version."""
    version = current_version(conn)
    if version > LATEST:
        raise ArchiveError(f"{path}: archive schema {version} is newer than this followup (fix: upgrade followup)")
    if version < LATEST:
        raise ArchiveError(f"{path}: archive schema {version} is older (fix: run `followup import` or `followup run` once to migrate)")
