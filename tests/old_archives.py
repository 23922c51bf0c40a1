"""Archives as an older followup left them, for the migration tests: build one with today's
writer, close it, then undo the newer migrations in SQL, newest first. Each undo restores
exactly what its migration changed, so the result is what that older version wrote."""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path

from followup.storage.fold import fold


def _undo_6(conn: sqlite3.Connection) -> None:
    """Raw bytes back as received, and no codec column."""
    conn.create_function("inflate", 1, zlib.decompress)
    conn.execute("UPDATE raw SET bytes = inflate(bytes) WHERE codec = 'zlib'")
    conn.execute("ALTER TABLE raw DROP COLUMN codec")
    conn.execute("DROP TABLE IF EXISTS maintenance")


def _undo_5(conn: sqlite3.Connection) -> None:
    """The trigram index with positions (FTS5's default detail=full)."""
    conn.create_function("fold", 1, fold)
    conn.execute("DROP TABLE messages_fts")
    conn.execute("CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='', tokenize='trigram case_sensitive 1')")
    conn.execute("INSERT INTO messages_fts (rowid, body) SELECT id, fold(subject || char(10) || text) FROM messages")


def _undo_7(conn: sqlite3.Connection) -> None:
    """The trigram index back to FTS5's default merging (4 segments a level)."""
    conn.execute("DELETE FROM messages_fts_config WHERE k = 'automerge'")


_UNDO = {7: _undo_7, 6: _undo_6, 5: _undo_5}


def downgrade(path: Path, version: int) -> None:
    """Turn the (closed) archive at `path` into the one schema `version` wrote."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        for undone in sorted((v for v in _UNDO if v > version), reverse=True):
            _UNDO[undone](conn)
        conn.execute("DELETE FROM schema_migrations WHERE version > ?", (version,))
        conn.execute("COMMIT")
    finally:
        conn.close()
