"""Reading the archive: `with reading(path) as conn` for a command, `with snapshot(conn)` for
a consistent view across several queries.

Every reading command opens the archive through `reading` (hence db.open_readonly: read-only,
schema checked, errors translated) and closes it on the way out. (grep, whose start-up is
measured, calls open_readonly itself: this module is not on its import path.)
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing

from followup.storage.db import open_readonly


def reading(path: os.PathLike | str) -> closing[sqlite3.Connection]:
    """A read-only connection to the archive at `path`, closed when the block ends."""
    return closing(open_readonly(path))


class snapshot:  # noqa: N801 - used like a function: `with snapshot(conn):`
    """One read transaction: every query inside sees the same archive, while the daemon
    keeps writing (WAL). Nothing is written, so it always ends in ROLLBACK."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN")
        return self.conn

    def __exit__(self, kind, exc, traceback) -> bool:
        self.conn.execute("ROLLBACK")
        return False
