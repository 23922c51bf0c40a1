"""How much CPU the import's work costs in C alone, against the CPU 8x `notmuch new` allows.

    python bench/import_floor.py [--real] [--sizes 10000] [--workdir bench/out]
                                 [--followup followup] [--no-notmuch] [--json]

On the 13k real messages of bench/peers.py (`--real`; ../shared/corpora, skipped when
absent) and on generated corpora of bench/corpus.py (`--sizes`, seed 1). The
import must, per message, hash the bytes, deflate them for the raw table (the disk target),
parse the MIME structure, and write the rows and the trigram index grep needs. This measures
only the parts done in C, with as little Python around them as possible:

- sha256 (hashlib), deflate at level 1 (zlib, as storage/raw.py), the native MIME parse
  (fast_mail_parser.parse_email, which the fast path calls): each a tight loop over bytes
  read beforehand;
- SQLite: the rows of a real `followup import` of the same mail (read back from its archive
  beforehand, with each message's index text as storage/rows.py folds it) written into a
  fresh archive of the same schema by `executemany` (the rows, then the trigram index
  alone), one transaction per 500 messages as the import's windows, WAL with
  synchronous=NORMAL and the import's cache size. No savepoints, no look-ups, no thread or
  msgid logic: less than the writer does.

Then `notmuch new` on the same Maildir (own HOME), and the budget issue 14 sets: to import
at 8x its rate on real mail (10x on generated) with this machine's cores, a message may cost
at most cores x notmuch's wall time per message / 8 (or / 10) of CPU, and the single writer
process at most notmuch's wall time per message / 8 (or / 10) of its own. Where the C floor
exceeds a budget, no Python around it can meet the target. CPU is process time
(`time.process_time`, best of --runs); nothing is asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import archive as ab  # bench/archive.py: process timing, notmuch and followup helpers
import peers

WINDOW = 500  # storage/ingest.py's window: messages per transaction


def _best(runs: int, work) -> float:
    """Best process time of `runs` calls, in seconds."""
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def c_stages(messages: list[bytes], runs: int) -> dict[str, float]:
    import fast_mail_parser

    def parse_all() -> None:
        for data in messages:
            try:
                fast_mail_parser.parse_email(data)
            except Exception:  # the fast path hands these to the stdlib; the floor counts only the try
                pass

    return {
        "sha256": _best(runs, lambda: [hashlib.sha256(m).digest() for m in messages]),
        "deflate (zlib level 1)": _best(runs, lambda: [zlib.compress(m, 1) for m in messages]),
        "native MIME parse": _best(runs, parse_all),
    }


def archived_rows(path: Path) -> dict[str, tuple[str, list[tuple]]]:
    """Every row an import wrote, per table, with the INSERT that writes it again."""
    from followup.storage.fold import fold

    conn = sqlite3.connect(path)
    tables = {}
    for table in ("threads", "msgids", "raw", "messages", "locations", "events"):
        cursor = conn.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        tables[table] = (f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                         cursor.fetchall())
    fts = [(rowid, fold(subject + "\n" + text))
           for rowid, subject, text in conn.execute("SELECT id, subject, text FROM messages ORDER BY id")]
    tables["messages_fts"] = ("INSERT INTO messages_fts (rowid, body) VALUES (?, ?)", fts)
    conn.close()
    return tables


def sqlite_stage(tables: dict[str, tuple[str, list[tuple]]], messages: int, runs: int) -> float:
    """Best process time of writing every table again into a fresh archive."""
    best = float("inf")
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            best = min(best, replay(tables, messages, Path(tmp) / "archive.sqlite3"))
    return best


def replay(tables: dict[str, tuple[str, list[tuple]]], messages: int, path: Path) -> float:
    """Write the tables into a fresh archive at `path`, window by window; the process time."""
    from followup.storage.store import BULK_WAL_PAGES, Archive

    windows = -(-messages // WINDOW)
    sliced = [(sql, _slices(rows, windows)) for sql, rows in tables.values()]
    archive = Archive.open(path, now=_now())
    conn = archive.conn
    conn.execute(f"PRAGMA wal_autocheckpoint = {BULK_WAL_PAGES}")
    started = time.process_time()
    for i in range(windows):
        conn.execute("BEGIN")
        for sql, parts in sliced:
            conn.executemany(sql, parts[i])
        conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    spent = time.process_time() - started
    archive.close()
    return spent


def _slices(rows: list[tuple], count: int) -> list[list[tuple]]:
    """A table's rows cut into as many slices as there are windows of messages."""
    size = -(-len(rows) // count)
    return [rows[i * size:(i + 1) * size] for i in range(count)]


def _now():
    from datetime import datetime, timezone
    return datetime(2026, 12, 1, tzinfo=timezone.utc)


def measure(name: str, maildir: Path, ratio: int, args: argparse.Namespace) -> dict:
    files = sorted(p for sub in ("cur", "new") if (maildir / sub).is_dir() for p in (maildir / sub).iterdir())
    messages = [p.read_bytes() for p in files]
    n = len(messages)
    rundir = args.workdir / f"floor-followup-{maildir.name}"
    rundir.mkdir(parents=True, exist_ok=True)
    ab.fresh_archive(rundir)
    imported = ab.run([args.followup, "--config", str(ab.followup_config(rundir)), "import", "--json", str(maildir)])
    if imported.returncode != 0:
        raise SystemExit(f"followup import failed: {imported.stderr.strip()[-300:]}")
    stages = c_stages(messages, args.runs)
    tables = archived_rows(rundir / "archive.sqlite3")
    index = {"messages_fts": tables.pop("messages_fts")}
    stages["SQLite: the rows"] = sqlite_stage(tables, n, args.runs)
    stages["SQLite: the trigram index"] = sqlite_stage(index, n, args.runs)
    writer = stages["SQLite: the rows"] + stages["SQLite: the trigram index"]
    figures = {"corpus": name, "messages": n, "cores": os.cpu_count(), "target_ratio": ratio,
               "stages_ms_per_message": {k: round(v / n * 1000, 4) for k, v in stages.items()},
               "c_floor_ms_per_message": round(sum(stages.values()) / n * 1000, 4),
               "writer_floor_ms_per_message": round(writer / n * 1000, 4),
               "index_chars_per_message": round(sum(len(body) for _, body in index["messages_fts"][1]) / n),
               "followup_import": {"wall_s": round(imported.wall_s, 2), "cpu_s": round(imported.cpu_s, 2)}}
    if not args.no_notmuch:
        done = ab.run(["notmuch", "new", "--quiet"], ab.notmuch_env(args.workdir / "floor-notmuch", maildir))
        per_message = done.wall_s / n * 1000
        figures["notmuch_new"] = {"wall_s": round(done.wall_s, 2), "cpu_s": round(done.cpu_s, 2)}
        figures["budget_ms_per_message"] = round((os.cpu_count() or 1) * per_message / ratio, 4)
        figures["writer_budget_ms_per_message"] = round(per_message / ratio, 4)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", action="store_true", help="the 13k real messages of ../shared/corpora")
    parser.add_argument("--sizes", type=int, nargs="*", default=[], help="generated corpora of these sizes")
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--followup", default="followup", help="the followup command that builds the archive")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-notmuch", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    corpora = []
    if args.real:
        maildir = peers.real_maildir(args.workdir)
        if maildir is None:
            print(f"real mail skipped: the corpora are not at {peers.CORPORA}", file=sys.stderr)
        else:
            corpora.append(("real 13k (lore-linux-man + usrp-users)", maildir, 8))
    for size in args.sizes:
        corpora.append((f"generated {size:,}", ab.ensure_corpus(args.workdir, size, 1)[0], 10))
    results = [measure(name, maildir, ratio, args) for name, maildir, ratio in corpora]
    print(json.dumps(results, indent=2) if args.json else "\n\n".join(map(report, results)))
    return 0


def report(f: dict) -> str:
    n, ratio = f["messages"], f["target_ratio"]
    lines = [f"{f['corpus']}: {n:,} messages, {f['cores']} cores; CPU ms per message, best of runs"]
    lines += [f"  {stage:<42} {ms:8.3f}" for stage, ms in f["stages_ms_per_message"].items()]
    lines.append(f"  {'C floor, sum':<42} {f['c_floor_ms_per_message']:8.3f}"
                 f"   ({f['index_chars_per_message']:,} folded characters indexed a message)")
    imp = f["followup_import"]
    lines.append(f"  {'followup import (whole, all processes)':<42} {imp['cpu_s'] / n * 1000:8.3f}"
                 f"   ({n / imp['wall_s']:,.0f} msg/s)")
    if "notmuch_new" in f:
        nm = f["notmuch_new"]
        lines.append(f"  {'notmuch new':<42} {nm['cpu_s'] / n * 1000:8.3f}   ({n / nm['wall_s']:,.0f} msg/s)")
        budget, writer = f["budget_ms_per_message"], f["writer_budget_ms_per_message"]
        lines.append(f"  {f'budget for {ratio}x notmuch, all cores':<42} {budget:8.3f}"
                     f"   C floor / budget {f['c_floor_ms_per_message'] / budget:.2f}")
        lines.append(f"  {f'budget for {ratio}x notmuch, the one writer':<42} {writer:8.3f}"
                     f"   SQLite alone / budget {f['writer_floor_ms_per_message'] / writer:.2f}")
        lines.append("  (a ratio above 1: the target cannot be met whatever the Python around it does)")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
