"""Migration 5 rebuilds the trigram index without positions and refills it from the archive."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime

from followup.storage import schema
from followup.storage.search import Query, grep
from followup.storage.store import Archive, Arrival
from followup.cases.clients import ClientRules
from followup.sources.base import RawMessage
from mailfactory import message
from old_archives import downgrade

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
RULES = ClientRules(owners=frozenset({"me@agency.example"}))


def _store(archive: Archive, mid: str, body: str) -> None:
    raw = RawMessage(message(body, Message_ID=f"<{mid}>").as_bytes(), "import", f"/mail/{mid}")
    archive.store([Arrival.of(raw, RULES)], now=NOW)


def test_an_archive_indexed_with_positions_is_reindexed_and_grep_still_finds_everything(tmp_path):
    path = tmp_path / "archive.sqlite3"
    old = Archive.open(path, now=NOW)
    _store(old, "a@x", "The revised invoice is attached.\n")
    _store(old, "b@x", "Invoice revised, see attached.\n")
    old.close()
    downgrade(path, 4)
    with closing(sqlite3.connect(path)) as conn:
        assert "detail=none" not in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'messages_fts'").fetchone()[0]

    archive = Archive.open(path, now=NOW)
    try:
        assert schema.current_version(archive.conn) == schema.LATEST
        sql = archive.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'messages_fts'").fetchone()[0]
        assert "detail=none" in sql
        hits = list(grep(archive.conn, Query("revised invoice", fixed=True)))
        assert [h.message_id for h in hits] == ["a@x"]
        assert len(list(grep(archive.conn, Query("attached", word=True)))) == 2
    finally:
        archive.close()



def _automerge(path) -> int | None:
    with closing(sqlite3.connect(path)) as conn:
        row = conn.execute("SELECT v FROM messages_fts_config WHERE k = 'automerge'").fetchone()
    return row[0] if row else None


def test_the_trigram_index_of_an_upgraded_archive_merges_sixteen_segments_a_level(tmp_path):
    path = tmp_path / "archive.sqlite3"
    old = Archive.open(path, now=NOW)
    _store(old, "a@x", "The revised invoice is attached.\n")
    old.close()
    downgrade(path, 6)
    assert _automerge(path) is None  # FTS5's default: 4

    Archive.open(path, now=NOW).close()
    assert _automerge(path) == 16
