"""The archive's schema as an ordered list of migrations. Never edit a shipped migration: add one.

Stdlib only (no sqlite-utils), so read-only commands such as `followup grep` can check the
schema version without paying for heavy imports.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[tuple[str, str]] = [
    (
        "evidence archive: raw bytes, messages, threads, full-text index, events",
        """
        CREATE TABLE raw (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            size INTEGER NOT NULL,
            bytes BLOB NOT NULL
        );
        CREATE TABLE threads (
            id INTEGER PRIMARY KEY,
            subject TEXT NOT NULL,
            subject_key TEXT NOT NULL,
            client TEXT,
            first_date TEXT,
            last_date TEXT,
            merged_into INTEGER REFERENCES threads(id)
        );
        CREATE INDEX threads_subject_key ON threads(subject_key, client);
        -- every Message-ID seen, as the message's own id or as a reference (a "ghost" parent)
        CREATE TABLE msgids (
            message_id TEXT PRIMARY KEY,
            thread_id INTEGER NOT NULL REFERENCES threads(id)
        ) WITHOUT ROWID;
        CREATE INDEX msgids_thread ON msgids(thread_id);
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE REFERENCES raw(sha256),
            message_id TEXT NOT NULL,
            message_id_synthetic INTEGER NOT NULL,
            thread_id INTEGER NOT NULL REFERENCES threads(id),
            client TEXT,
            direction TEXT NOT NULL CHECK (direction IN ('in', 'out', 'internal')),
            date TEXT,
            date_offset_minutes INTEGER,
            from_addr TEXT NOT NULL,
            from_name TEXT NOT NULL,
            to_json TEXT NOT NULL,
            cc_json TEXT NOT NULL,
            subject TEXT NOT NULL,
            in_reply_to_json TEXT NOT NULL,
            references_json TEXT NOT NULL,
            text TEXT NOT NULL,
            new_text TEXT NOT NULL,
            attachments_json TEXT NOT NULL,
            defects_json TEXT NOT NULL,
            headers_json TEXT NOT NULL,
            archived_at TEXT NOT NULL
        );
        CREATE INDEX messages_message_id ON messages(message_id);
        CREATE INDEX messages_thread ON messages(thread_id, date);
        CREATE INDEX messages_client_date ON messages(client, date);
        CREATE INDEX messages_date ON messages(date);
        -- where each message was found; one message can sit in several folders
        CREATE TABLE locations (
            sha256 TEXT NOT NULL,
            source TEXT NOT NULL,
            location TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (sha256, source, location)
        ) WITHOUT ROWID;
        CREATE TABLE quarantine (
            sha256 TEXT PRIMARY KEY REFERENCES raw(sha256),
            reason TEXT NOT NULL,
            source TEXT NOT NULL,
            location TEXT NOT NULL,
            at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            thread_id INTEGER NOT NULL REFERENCES threads(id),
            client TEXT,
            subject TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('open', 'paused', 'closed')),
            opened_at TEXT NOT NULL,
            opened_by TEXT NOT NULL,
            closed_at TEXT
        );
        CREATE INDEX cases_thread ON cases(thread_id);
        -- append-only; each row's hash covers the previous row's hash (see archive/events.py)
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            case_id INTEGER,
            sha256 TEXT,
            data TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX events_case ON events(case_id);
        CREATE INDEX events_sha256 ON events(sha256);
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
        -- contentless trigram index over the folded subject and text (archive/fold.py);
        -- it only narrows candidates for grep, the regex decides
        CREATE VIRTUAL TABLE messages_fts USING fts5(
            body, content='', tokenize='trigram case_sensitive 1'
        );
        """,
    ),
]

LATEST = len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return row[0] or 0


def migrate(conn: sqlite3.Connection, now_iso: str) -> list[int]:
    """Apply every migration newer than the database, each in its own transaction."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    applied = []
    for version, (name, sql) in enumerate(MIGRATIONS, start=1):
        if version <= current_version(conn):
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, now_iso),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (executescript would commit our transaction)."""
    statements, current = [], []
    for line in sql.splitlines():
        if line.strip().startswith("--"):
            continue
        current.append(line)
        candidate = "\n".join(current).strip()
        if candidate and sqlite3.complete_statement(candidate):
            statements.append(candidate)
            current = []
    return statements
