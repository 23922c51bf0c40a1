"""The archive's schema as an ordered list of migrations. Never edit a shipped migration: add one.

Stdlib only, so read-only commands such as `followup grep` can check the schema version
without paying for heavy imports. (followup does not use sqlite-utils: its FTS helpers make
external-content indexes with their own triggers, not our contentless trigram index fed
with folded text, and importing it costs ~150 ms.)
"""

from __future__ import annotations

import sqlite3

from followup.storage.fold import fold

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
    (
        "cases and promises: case settings, the promise ledger, notes, where messages were found",
        """
        ALTER TABLE cases ADD COLUMN opened_via TEXT NOT NULL DEFAULT 'directive';
        ALTER TABLE cases ADD COLUMN opened_sha256 TEXT;
        ALTER TABLE cases ADD COLUMN cadence_text TEXT;
        ALTER TABLE cases ADD COLUMN stated_cadence TEXT;
        ALTER TABLE cases ADD COLUMN paused_at TEXT;
        ALTER TABLE cases ADD COLUMN last_update_at TEXT;
        ALTER TABLE cases ADD COLUMN next_update_at TEXT;
        CREATE INDEX cases_state ON cases(state, client);
        CREATE TABLE promises (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            sha256 TEXT REFERENCES raw(sha256),
            author TEXT NOT NULL,
            quote TEXT NOT NULL,
            made_at TEXT NOT NULL,
            due_at TEXT,
            due_text TEXT,
            cadence TEXT,
            confidence REAL NOT NULL,
            language TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('extracted', 'directive', 'cli')),
            state TEXT NOT NULL CHECK (state IN ('proposed', 'open', 'kept', 'broken', 'withdrawn', 'rejected')),
            decided_at TEXT,
            decided_by TEXT,
            UNIQUE (case_id, sha256, quote)
        );
        CREATE INDEX promises_case ON promises(case_id, state);
        CREATE INDEX promises_due ON promises(state, due_at);
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            text TEXT NOT NULL,
            author TEXT NOT NULL,
            at TEXT NOT NULL,
            sha256 TEXT
        );
        CREATE INDEX notes_case ON notes(case_id, id);
        ALTER TABLE locations ADD COLUMN folder TEXT;
        ALTER TABLE locations ADD COLUMN keywords TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE locations ADD COLUMN from_sent INTEGER NOT NULL DEFAULT 0;
        -- how far the case pass has read the messages table (exactly once per message)
        CREATE TABLE cursors (name TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;
        """,
    ),
    (
        "delivery: the outbox (exactly-once updates and digests) and source checkpoints",
        """
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('ack', 'update', 'close', 'digest')),
            case_id INTEGER REFERENCES cases(id),
            owner TEXT,
            slot TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'draft', 'failed')),
            message_id TEXT NOT NULL UNIQUE,
            sender TEXT NOT NULL,
            recipients TEXT NOT NULL,
            subject TEXT NOT NULL,
            raw BLOB NOT NULL,
            sha256 TEXT NOT NULL,
            created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            sent_at TEXT,
            last_error TEXT,
            -- "update:case=7:<slot>", "digest:owner=me@x:<day>": one mail per due slot, ever
            dedupe_key TEXT NOT NULL UNIQUE
        );
        CREATE INDEX outbox_state ON outbox(state, next_attempt_at);
        -- why a message is automatic (RFC 3834 auto-reply, bounce, list, another followup), else NULL
        ALTER TABLE messages ADD COLUMN automatic TEXT;
        -- known messages found in a new folder or with new keywords: the case pass looks again
        CREATE TABLE revisits (message_id INTEGER PRIMARY KEY);
        CREATE INDEX outbox_case ON outbox(case_id, sent_at);
        CREATE TABLE sync_state (
            source TEXT PRIMARY KEY,
            checkpoint TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            last_error TEXT,
            last_error_at TEXT
        ) WITHOUT ROWID;
        """,
    ),
    (
        "honest timeframes: every new due date of a promise, with who set it and why",
        """
        CREATE TABLE promise_reschedules (
            id INTEGER PRIMARY KEY,
            promise_id INTEGER NOT NULL REFERENCES promises(id),
            due_from TEXT,
            due_to TEXT NOT NULL,
            by TEXT NOT NULL,
            reason TEXT,
            at TEXT NOT NULL,
            sha256 TEXT
        );
        CREATE INDEX promise_reschedules_promise ON promise_reschedules(promise_id, id);
        """,
    ),
    (
        "a smaller, faster trigram index: doclists without positions (grep looks literals up as trigrams)",
        """
        DROP TABLE messages_fts;
        CREATE VIRTUAL TABLE messages_fts USING fts5(
            body, content='', detail=none, tokenize='trigram case_sensitive 1'
        );
        INSERT INTO messages_fts (rowid, body) SELECT id, followup_fold(subject || char(10) || text) FROM messages;
        """,
    ),
    (
        "raw bytes deflated (storage/raw.py): the archive about halves; sha256 and size stay those of the bytes as received",
        """
        ALTER TABLE raw ADD COLUMN codec TEXT;
        UPDATE raw SET bytes = followup_deflate(bytes), codec = 'zlib';
        -- work left for after the migration's transaction; done and deleted by migrate()
        CREATE TABLE IF NOT EXISTS maintenance (task TEXT PRIMARY KEY);
        INSERT OR IGNORE INTO maintenance (task) VALUES ('compact');
        """,
    ),
    (
        "the trigram index merges 16 segments at a time, not 4: fewer rewrites as the archive grows",
        """
        -- every commit writes a segment; with FTS5's default of merging 4 a level, each row is
        -- rewritten once per level (about 5 levels at 300k messages: the writer's commits cost
        -- twice what they cost at 10k); 16 a level halves the levels, grep reads a few more segments
        INSERT INTO messages_fts (messages_fts, rank) VALUES ('automerge', 16);
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
    import zlib  # here, not at the top: grep imports this module for LATEST and needs no zlib

    from followup.storage.db import transaction  # db.py imports this module for LATEST

    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    conn.create_function("followup_fold", 1, fold, deterministic=True)  # migration 5 refills the index
    conn.create_function("followup_deflate", 1, zlib.compress, deterministic=True)  # migration 6
    applied = []
    for version, (name, sql) in enumerate(MIGRATIONS, start=1):
        if version <= current_version(conn):
            continue
        with transaction(conn, doing="open"):
            if version <= current_version(conn):  # another writer applied it while we waited
                continue
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, now_iso),
            )
        applied.append(version)
    _compact_if_asked(conn)
    return applied


def _compact_if_asked(conn: sqlite3.Connection) -> None:
    """Compact (VACUUM) after a migration that freed much of the file. The request is a row
    written by the migration itself, so a compaction cut short (disk full, a kill) is tried
    again at the next open instead of being forgotten."""
    from followup.storage.db import transaction

    has_table = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'maintenance'").fetchone()
    if not has_table or not conn.execute("SELECT 1 FROM maintenance WHERE task = 'compact'").fetchone():
        return
    if _much_free(conn):
        conn.execute("VACUUM")  # outside any transaction, as SQLite requires; atomic all the same
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # in WAL mode the file shrinks only here
    with transaction(conn, doing="open"):
        conn.execute("DELETE FROM maintenance WHERE task = 'compact'")


def _much_free(conn: sqlite3.Connection) -> bool:
    """A tenth or more of the file is free pages (a new archive has next to none; the real
    13k archive had 24% free after migration 6)."""
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    return free * 10 >= conn.execute("PRAGMA page_count").fetchone()[0]


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
