"""bench/import_floor.py replays exactly the rows and index an import wrote (its floor is of the same work)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))
import archive as ab  # noqa: E402  bench/archive.py
import import_floor  # noqa: E402

TABLES = ("threads", "msgids", "raw", "messages", "locations", "events")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A followup archive of 700 generated messages (more than one window of 500)."""
    workdir = tmp_path_factory.mktemp("floor")
    maildir = ab.ensure_corpus(workdir, 700, 1)[0]
    rundir = workdir / "run"
    rundir.mkdir()
    subprocess.run([sys.executable, "-m", "followup", "--config", str(ab.followup_config(rundir)),
                    "import", "--json", str(maildir)], check=True, capture_output=True)
    return rundir / "archive.sqlite3"


def _contents(path: Path, table: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()


def test_replay_writes_every_row_the_import_wrote(imported: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite3"
    import_floor.replay(import_floor.archived_rows(imported), 700, copy)
    assert len(_contents(imported, "messages")) == 700
    for table in TABLES:
        assert _contents(copy, table) == _contents(imported, table), table


def test_replayed_trigram_index_finds_what_the_imported_one_finds(imported: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite3"
    import_floor.replay(import_floor.archived_rows(imported), 700, copy)
    query = "SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid"
    for term in ('"the"', '"ing"', '"zzq"'):
        with sqlite3.connect(imported) as a, sqlite3.connect(copy) as b:
            assert a.execute(query, (term,)).fetchall() == b.execute(query, (term,)).fetchall(), term
    with sqlite3.connect(copy) as b:
        assert b.execute(query, ('"the"',)).fetchall(), "a common trigram finds messages"


def test_report_names_the_budget_and_the_ratio() -> None:
    figures = {"corpus": "c", "messages": 1000, "cores": 2, "target_ratio": 8,
               "stages_ms_per_message": {"sha256": 0.1}, "c_floor_ms_per_message": 0.3,
               "writer_floor_ms_per_message": 0.2, "index_chars_per_message": 1000,
               "followup_import": {"wall_s": 1.0, "cpu_s": 1.5},
               "notmuch_new": {"wall_s": 2.0, "cpu_s": 2.0},
               "budget_ms_per_message": 0.5, "writer_budget_ms_per_message": 0.25}
    text = import_floor.report(figures)
    assert "C floor / budget 0.60" in text
    assert "SQLite alone / budget 0.80" in text
