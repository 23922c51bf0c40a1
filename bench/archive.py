"""Archive benchmark: `followup import` and `followup grep` against notmuch on the same Maildir.

    python bench/archive.py [--sizes 10000,100000] [--runs 5] [--workdir bench/out] [--json]

For each size N: generate a corpus (bench/corpus.py, cached in the workdir by N and seed),
time one whole-process `followup import --json` into a fresh archive (and a second, all-
duplicate import), then whole-process `followup grep` for a rare word, a common word, a
phrase and a regex, with `-l` and plain, each the median of --runs runs after one warm-up.
When notmuch is installed, `notmuch new` indexes the same Maildir from scratch (own config
and HOME in the workdir) and `notmuch search --output=messages` runs the same queries.
Prints a table with the targets beside the figures; never asserts them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # bench/ is not a package: this runs as a script

IMPORT_TARGET = 2000  # messages/s on 2 cores
GREP_TARGET_MS = 150  # word grep on 100k messages, whole process, median


@dataclass(frozen=True)
class Probe:
    """One search, spelled for each tool; notmuch None where it has no equivalent."""

    label: str
    grep_args: tuple[str, ...]
    notmuch_query: str | None


PROBES = (
    Probe("rare word", ("-w", corpus.RARE_WORD), corpus.RARE_WORD),
    Probe("common word", ("-w", corpus.COMMON_WORD), corpus.COMMON_WORD),
    Probe("phrase", ("-F", corpus.PHRASE), f'"{corpus.PHRASE}"'),
    Probe("regex", (corpus.REGEX,), None),  # notmuch has no regex over bodies
)


@dataclass
class Run:
    wall_s: float
    cpu_s: float
    maxrss_mb: float
    returncode: int
    stdout: str = ""
    stderr: str = ""


@dataclass
class Timing:
    median_ms: float
    min_ms: float
    runs: int
    hits: int | None = None  # lines from the -l / --output=messages run
    error: str | None = None


@dataclass
class SizeResult:
    n: int
    corpus: dict
    corpus_cached: bool
    followup_import: dict | None = None
    followup_reimport: dict | None = None
    notmuch_new: dict | None = None
    grep: dict[str, Timing] = field(default_factory=dict)
    notmuch_search: dict[str, Timing] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


# --- running things ------------------------------------------------------------------------

def run(cmd: list[str], env: dict | None = None, keep_stdout: bool = True) -> Run:
    """One whole process: wall time, its own CPU time and peak RSS (os.wait4, not the shell's)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, env=env,
                                stdout=out if keep_stdout else subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: tell Popen
        out.seek(0)
        err.seek(0)
        return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                   proc.returncode, out.read().decode(errors="replace"),
                   err.read().decode(errors="replace"))


def timed(cmd: list[str], runs: int, env: dict | None = None, ok: tuple[int, ...] = (0, 1)) -> Timing:
    """Median of `runs` whole-process runs (stdout to /dev/null), after one warm-up run."""
    warm = run(cmd, env)
    if warm.returncode not in ok:
        return Timing(0, 0, 0, error=f"exit {warm.returncode}: {warm.stderr.strip()[-300:]}")
    walls = [run(cmd, env, keep_stdout=False).wall_s * 1000 for _ in range(runs)]
    return Timing(round(statistics.median(walls), 1), round(min(walls), 1), runs)


def count_lines(cmd: list[str], env: dict | None = None) -> int | None:
    result = run(cmd, env)
    return len(result.stdout.splitlines()) if result.returncode in (0, 1) else None


def disk_mb(*paths: Path) -> float:
    total = 0
    for path in paths:
        if path.is_file():
            total += path.stat().st_size
        elif path.is_dir():
            total += sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return round(total / 1e6, 1)


# --- corpus --------------------------------------------------------------------------------

def ensure_corpus(workdir: Path, n: int, seed: int) -> tuple[Path, dict, bool]:
    """The Maildir for (n, seed), generated once; the stats file marks it complete.

    The name carries a hash of corpus.py, so a changed generator never reuses a stale corpus.
    """
    version = hashlib.sha256(Path(corpus.__file__).read_bytes()).hexdigest()[:8]
    maildir = workdir / f"maildir-n{n}-s{seed}-{version}"
    marker = workdir / f"{maildir.name}.json"  # outside the Maildir: indexers would read it
    if marker.exists() and maildir.is_dir():
        return maildir, json.loads(marker.read_text()), True
    shutil.rmtree(maildir, ignore_errors=True)
    print(f"generating {n:,} messages into {maildir} ...", file=sys.stderr, flush=True)
    stats = corpus.generate_maildir(maildir, n, seed).as_dict()
    marker.write_text(json.dumps(stats, indent=1))
    return maildir, stats, False


# --- followup ------------------------------------------------------------------------------

def followup_config(rundir: Path) -> Path:
    config = rundir / "config.toml"
    config.write_text(f'[archive]\npath = "{rundir / "archive.sqlite3"}"\n\n'
                      '[owners]\naddresses = ["me@agency.example", "colleague@agency.example"]\n\n'
                      '[defaults]\nlocale = "en"\ntimezone = "UTC"\n\n'
                      # nothing is sent while benchmarking; the config just has to be complete
                      f'[transport]\ntype = "outbox"\npath = "{rundir / "outbox"}"\n'
                      'from = "me@agency.example"\n')
    return config


def fresh_archive(rundir: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        (rundir / f"archive.sqlite3{suffix}").unlink(missing_ok=True)


def import_figures(result: Run) -> dict:
    """Wall/CPU/RSS plus the counts `followup import --json` printed (its last JSON line)."""
    counts: dict = {}
    for line in reversed(result.stdout.splitlines()):
        if line.strip().startswith("{"):
            counts = json.loads(line)
            break
    messages = counts.get("messages", 0)
    return {"wall_s": round(result.wall_s, 2), "cpu_s": round(result.cpu_s, 2),
            "maxrss_mb": round(result.maxrss_mb), "counts": counts,
            "messages_per_s": round(messages / result.wall_s) if result.wall_s else None,
            "returncode": result.returncode,
            "stderr_tail": result.stderr.strip()[-500:] if result.returncode else ""}


def bench_followup(res: SizeResult, followup: list[str], maildir: Path, rundir: Path,
                   runs: int) -> None:
    rundir.mkdir(parents=True, exist_ok=True)
    base = followup + ["--config", str(followup_config(rundir))]
    fresh_archive(rundir)
    print(f"followup import of {res.n:,} messages ...", file=sys.stderr, flush=True)
    res.followup_import = import_figures(run(base + ["import", "--json", str(maildir)]))
    res.followup_import["archive_mb"] = disk_mb(*rundir.glob("archive.sqlite3*"))
    if res.followup_import["returncode"] != 0:
        res.errors.append(f"followup import failed: {res.followup_import['stderr_tail']}")
        return
    res.followup_reimport = import_figures(run(base + ["import", "--json", str(maildir)]))
    for probe in PROBES:
        for listing in (True, False):
            args = base + ["grep"] + (["-l"] if listing else []) + list(probe.grep_args)
            timing = timed(args, runs)
            if listing and timing.error is None:
                timing.hits = count_lines(args)
            res.grep[probe.label + (" -l" if listing else "")] = timing


# --- notmuch --------------------------------------------------------------------------------

def notmuch_env(home: Path, maildir: Path) -> dict:
    """A private notmuch: its own HOME and config, database outside the Maildir."""
    shutil.rmtree(home, ignore_errors=True)
    (home / "db").mkdir(parents=True)
    config = home / "notmuch-config"
    config.write_text(f"[database]\npath={home / 'db'}\nmail_root={maildir}\n\n"
                      "[user]\nname=Bench\nprimary_email=me@agency.example\n\n"
                      "[new]\ntags=inbox;unread;\nignore=\n\n[search]\nexclude_tags=\n\n"
                      "[maildir]\nsynchronize_flags=false\n")
    return dict(os.environ, HOME=str(home), NOTMUCH_CONFIG=str(config))


def bench_notmuch(res: SizeResult, maildir: Path, home: Path, runs: int) -> None:
    env = notmuch_env(home, maildir)
    print(f"notmuch new over {res.n:,} messages ...", file=sys.stderr, flush=True)
    new = run(["notmuch", "new", "--quiet"], env)
    res.notmuch_new = {"wall_s": round(new.wall_s, 2), "cpu_s": round(new.cpu_s, 2),
                       "maxrss_mb": round(new.maxrss_mb), "index_mb": disk_mb(home / "db"),
                       "messages_per_s": round(res.n / new.wall_s), "returncode": new.returncode}
    if new.returncode != 0:
        res.errors.append(f"notmuch new failed: {new.stderr.strip()[-300:]}")
        return
    for probe in PROBES:
        if probe.notmuch_query is None:
            continue
        cmd = ["notmuch", "search", "--output=messages", probe.notmuch_query]
        timing = timed(cmd, runs, env, ok=(0,))
        if timing.error is None:
            timing.hits = count_lines(cmd, env)
        res.notmuch_search[probe.label] = timing


# --- report ---------------------------------------------------------------------------------

def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    notmuch = shutil.which("notmuch")
    version = run(["notmuch", "--version"]).stdout.strip() if notmuch else None
    return {"date": datetime.now(UTC).isoformat(timespec="seconds"), "nproc": os.cpu_count(),
            "cpu": cpu, "python": platform.python_version(), "notmuch": version,
            "loadavg_at_start": os.getloadavg()}


def _ms(t: Timing | None) -> str:
    if t is None:
        return "-"
    return t.error[:40] if t.error else f"{t.median_ms:,.0f} ms"


def _ratio(a: Timing | None, b: Timing | None) -> str:
    if not a or not b or a.error or b.error or not a.median_ms:
        return "-"
    return f"{b.median_ms / a.median_ms:.1f}x"


def _row(label: str, followup: str = "", notmuch: str = "", ratio: str = "", target: str = "") -> str:
    return f"{label:34}{followup:>18}{notmuch:>18}{ratio:>18}   {target}".rstrip()


def header(info: dict, python_ms: float) -> str:
    return "\n".join([
        (f"{info['date']}  nproc={info['nproc']}  {info['cpu']}  Python {info['python']}  "
         f"{info['notmuch'] or 'notmuch: not installed'}  load at start "
         f"{info['loadavg_at_start'][0]:.2f}"),
        f"python3 -c pass: {python_ms:.0f} ms (the floor for any whole-process figure)"])


def block(r: SizeResult) -> str:
    """The figures for one corpus size."""
    c = r.corpus
    made = "cached" if r.corpus_cached else f"generated in {c['seconds']:.0f} s"
    lines = ["", f"N = {r.n:,} messages, {c['threads']:,} threads, {c['bytes'] / 1e6:,.0f} MB ({made})",
             _row("", "followup", "notmuch", "notmuch/followup", "target")]
    lines += _import_rows(r) + _grep_rows(r)
    lines += [f"error: {e}" for e in r.errors]
    return "\n".join(lines)


def _grep_rows(r: SizeResult) -> list[str]:
    rows = []
    for probe in PROBES:
        for suffix in (" -l", ""):
            g = r.grep.get(probe.label + suffix)
            nm = r.notmuch_search.get(probe.label) if suffix else None
            hits = f" ({g.hits:,} msgs)" if g and g.hits is not None else ""
            nm_hits = f" ({nm.hits:,})" if nm and nm.hits is not None else ""
            target = ""
            if "word" in probe.label and suffix:
                target = f"< {GREP_TARGET_MS} ms" + (", < notmuch" if nm else "")
            rows.append(_row(f"grep {probe.label}{suffix}{hits}", _ms(g), _ms(nm) + nm_hits,
                             _ratio(g, nm), target))
    return rows


def _rate(d: dict | None) -> str:
    return f"{d['wall_s']:,.1f} s {d['messages_per_s'] or 0:,}/s" if d else "-"


def _cores(d: dict | None) -> str:
    return f"{d['cpu_s'] / d['wall_s']:.2f} cores" if d and d["wall_s"] else "-"


def _mb(d: dict | None, key: str) -> str:
    return f"{d[key]:,.0f} MB" if d and key in d else "-"


def _import_rows(r: SizeResult) -> list[str]:
    fi, nm = r.followup_import, r.notmuch_new
    ratio = "-"
    if fi and nm and fi.get("messages_per_s") and nm.get("messages_per_s"):
        ratio = f"{fi['messages_per_s'] / nm['messages_per_s']:.1f}x faster"
    rows = [_row("import, whole process", _rate(fi), _rate(nm), ratio, f">= {IMPORT_TARGET:,} msg/s"),
            _row("  CPU used (cpu s / wall s)", _cores(fi), _cores(nm)),
            _row("  peak RSS", _mb(fi, "maxrss_mb"), _mb(nm, "maxrss_mb")),
            _row("  archive / index on disk", _mb(fi, "archive_mb"), _mb(nm, "index_mb"))]
    if fi:
        rows.append(f"  followup counts: {fi['counts']}")
    if r.followup_reimport:
        rows.append(_row("re-import (all duplicates)", _rate(r.followup_reimport)))
    return rows


def scaling(results: list[SizeResult]) -> str:
    """Each size's import rate as a share of the smallest size's (target: 300k >= 80% of 10k)."""
    done = sorted(((r.n, r.followup_import) for r in results if r.followup_import and r.followup_import["wall_s"]),
                  key=lambda pair: pair[0])
    if len(done) < 2:
        return ""
    (base_n, base), *rest = done
    # CPU seconds per message as well: a shared machine's load moves the rate far more than it
    lines = [f"import rate at {n:,} = {d['messages_per_s'] / base['messages_per_s']:.0%} of the rate at {base_n:,}, "
             f"CPU per message {d['cpu_s'] / n / (base['cpu_s'] / base_n):.2f}x (target at 300,000: rate >= 80% of 10,000)"
             for n, d in rest]
    return "\n" + "\n".join(lines)


# --- main -----------------------------------------------------------------------------------

def followup_available(followup: list[str]) -> str | None:
    """None when `followup import --help` works, else why not."""
    try:
        result = run(followup + ["import", "--help"])
    except OSError as exc:
        return str(exc)
    return None if result.returncode == 0 else result.stderr.strip()[-300:]


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated N (default %(default)s)")
    parser.add_argument("--runs", type=_positive, default=5, help="timed runs per grep (median)")
    parser.add_argument("--workdir", type=Path, default=Path(__file__).resolve().parent / "out")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--followup", default="followup", help="command to run (default %(default)s)")
    parser.add_argument("--no-notmuch", action="store_true", help="skip notmuch even if installed")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    followup = args.followup.split()
    missing = followup_available(followup)
    if missing:
        print(f"followup is not usable ({missing}); timing notmuch only", file=sys.stderr)
    use_notmuch = shutil.which("notmuch") is not None and not args.no_notmuch
    info = machine()
    python_ms = timed([sys.executable, "-c", "pass"], args.runs).median_ms
    if not args.json:
        print(header(info, python_ms), flush=True)
    results = []
    for n in (int(s) for s in args.sizes.split(",")):
        maildir, stats, cached = ensure_corpus(args.workdir, n, args.seed)
        res = SizeResult(n, stats, cached)
        if not missing:
            bench_followup(res, followup, maildir, args.workdir / f"followup-n{n}", args.runs)
        if use_notmuch:
            bench_notmuch(res, maildir, args.workdir / f"notmuch-n{n}", args.runs)
        results.append(res)
        if not args.json:
            print(block(res), flush=True)
    if not args.json:
        print(scaling(results), flush=True)
    info["loadavg_at_end"] = os.getloadavg()
    dump = {"machine": info, "python_pass_ms": python_ms, "sizes": [asdict(r) for r in results],
            "targets": {"import_msgs_per_s": IMPORT_TARGET, "grep_word_ms": GREP_TARGET_MS}}
    (args.workdir / "last-run.json").write_text(json.dumps(dump, indent=1))
    if args.json:
        print(json.dumps(dump, indent=1))
    else:
        print(f"\nload average at end {info['loadavg_at_end'][0]:.2f}; "
              f"figures in {args.workdir / 'last-run.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
