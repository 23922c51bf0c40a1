"""IMAP benchmark: the daemon against its own Dovecot on loopback (tests/dovecot.py).

    python bench/imap.py [--messages 10000] [--tags 50] [--idle 60] [--sent-notes 5]
                         [--interval 60] [--tag-timeout 10] [--workdir bench/out] [--json]

1. first sync: the bench corpus (bench/corpus.py, cached in the workdir) is APPENDed to
   INBOX, then timed twice: a bare `ImapSource.fetch` from no checkpoint, and one
   `Daemon.ingest` pass (fetch, archive, case pass, backfill of the cases it opens);
2. tag-to-case latency: `followup run` as a subprocess (IDLE on INBOX); for each of
   --tags threads without a case, a `slipup` keyword STORE on one of its messages, then
   for other threads an owner's `#slipup` note APPENDed to INBOX (a note to self, DKIM
   passed), and --sent-notes notes APPENDed to Sent; the clock runs from the command to
   the moment the case is visible in the archive (read-only SQLite, polled every 20 ms);
3. idle: a fresh `followup run` subprocess, settled, watched for --idle seconds: CPU
   seconds (/proc/<pid>/stat) and RSS now and at peak (/proc/<pid>/status).

Targets are printed beside the figures, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
import archive as archive_bench  # bench/ and tests/ are not packages
from dovecot import DOVECOT, SKIP_REASON, Dovecot

LATENCY_TARGET_S = 2.0  # median tag-to-case
IDLE_CPU_TARGET = 0.01  # of one core
RSS_TARGET_MB = 80.0
POLL_S = 0.02
OWNER = "me@agency.example"
PASSWORD_VARIABLE = "FOLLOWUP_BENCH_IMAP_PASSWORD"
AUTH_OK = ("mx.agency.example; dkim=pass header.d=agency.example; spf=pass smtp.mailfrom=agency.example;"
           " dmarc=pass")


@dataclass
class Series:
    """Tag-to-case latencies of one kind of tag; `missed` ran into the timeout."""

    label: str
    seconds: list[float] = field(default_factory=list)
    missed: int = 0
    stopped_early: bool = False

    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None

    def p95(self) -> float | None:
        if len(self.seconds) < 2:
            return self.median()
        return statistics.quantiles(self.seconds, n=20, method="inclusive")[18]


@dataclass
class Figures:
    messages: int = 0
    append_s: float = 0.0
    fetch_s: float = 0.0
    ingest_s: float = 0.0
    cases_opened_by_sync: int = 0
    series: list[Series] = field(default_factory=list)
    tag_daemon_peak_rss_mb: float | None = None
    idle_s: float = 0.0
    idle_cpu_s: float = 0.0
    idle_rss_mb: float = 0.0
    idle_peak_rss_mb: float = 0.0
    machine: dict = field(default_factory=dict)


# --- the world: a Dovecot, a config, the daemon as a process ----------------------------------

def config_text(server: Dovecot, rundir: Path, interval_note: str = "") -> str:
    return f"""\
# bench/imap.py {interval_note}
[archive]
path = "{rundir / 'archive.sqlite3'}"
[owners]
addresses = ["{OWNER}", "colleague@agency.example"]
[defaults]
locale = "en"
timezone = "UTC"
send_window = "always"
[tagging]
trusted_authserv_ids = ["mx.agency.example"]
[[sources]]
name = "work"
type = "imap"
host = "{server.host}"
port = {server.port}
tls = "starttls"
username = "alice"
password_env = "{PASSWORD_VARIABLE}"
[transport]
type = "outbox"
path = "{rundir / 'outbox'}"
from = "{OWNER}"
"""


def daemon_env(server: Dovecot) -> dict[str, str]:
    """The password as users set it, and the server's certificate as the trust store."""
    return {**os.environ, PASSWORD_VARIABLE: server.users["alice"], "SSL_CERT_FILE": str(server.cert)}


class DaemonProcess:
    """`followup run` in its own process; ready once it logged that it is watching."""

    def __init__(self, config: Path, server: Dovecot, interval: float, log: Path):
        self.log = log
        self._log_file = log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "followup", "--config", str(config), "run", "--interval", str(interval)],
            env=daemon_env(server), stdout=subprocess.DEVNULL, stderr=self._log_file)

    def wait_ready(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while b"followup running" not in self.log.read_bytes():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"followup run did not start; its log:\n{self.log.read_text(errors='replace')}")
            time.sleep(0.1)

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime

    def rss_mb(self, key: str) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
        raise KeyError(key)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log_file.close()


# --- 1. first sync ------------------------------------------------------------------------------

def corpus_messages(workdir: Path, n: int) -> list[bytes]:
    maildir, _, _ = archive_bench.ensure_corpus(workdir, n, seed=1)
    files = sorted([*(maildir / "cur").iterdir(), *(maildir / "new").iterdir()])
    return [path.read_bytes() for path in files]


def append_all(server: Dovecot, messages: list[bytes], chunk: int = 500) -> float:
    started = time.perf_counter()
    admin = server.client()
    for start in range(0, len(messages), chunk):
        admin.multiappend("INBOX", messages[start:start + chunk])
    admin.logout()
    return time.perf_counter() - started


def first_sync(server: Dovecot, config_file: Path, figures: Figures) -> None:
    from followup.config import load_config
    from followup.runtime.passes import Daemon, open_transport_for
    from followup.sources.imap import ImapSource

    config = load_config(config_file)
    env = {PASSWORD_VARIABLE: server.users["alice"]}

    source = ImapSource(config.sources[0], env=env, ssl_context=server.trusting_context())
    started = time.perf_counter()
    fetched = sum(len(batch.messages) for batch in source.fetch(None))
    figures.fetch_s = time.perf_counter() - started
    source.close()
    if fetched != figures.messages:
        print(f"warning: the bare fetch handed over {fetched} of {figures.messages} messages", file=sys.stderr)

    source = ImapSource(config.sources[0], env=env, ssl_context=server.trusting_context())
    daemon = Daemon(config, transport=open_transport_for(config), sources=[source])
    try:
        started = time.perf_counter()
        report = daemon.ingest(datetime.now(UTC))
        figures.ingest_s = time.perf_counter() - started
        figures.cases_opened_by_sync = report.cases_opened
    finally:
        daemon.close()


# --- 2. tag-to-case latency ---------------------------------------------------------------------

class ArchiveReader:
    """The daemon's archive, read-only, as a second process sees it."""

    def __init__(self, path: Path):
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, timeout=5)

    def has_case(self, message_id: str) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM cases c JOIN messages m ON m.thread_id = c.thread_id WHERE m.message_id = ?",
            (message_id.strip("<>"),)).fetchone() is not None

    def untagged_threads(self, count: int) -> list[tuple[str, str]]:
        """(Message-ID, subject) of the first client message in `count` threads without a case."""
        rows = self.conn.execute(
            "SELECT min(m.id) FROM messages m WHERE m.direction = 'in'"
            " AND m.thread_id NOT IN (SELECT thread_id FROM cases) GROUP BY m.thread_id ORDER BY m.thread_id"
            " LIMIT ?", (count,)).fetchall()
        ids = [row[0] for row in rows]
        found = self.conn.execute(
            f"SELECT message_id, subject FROM messages WHERE id IN ({','.join('?' * len(ids))}) ORDER BY id", ids)
        return [(f"<{mid}>", subject or "") for mid, subject in found]

    def close(self) -> None:
        self.conn.close()


def until_case(reader: ArchiveReader, message_id: str, started: float, timeout: float) -> float | None:
    while (elapsed := time.monotonic() - started) < timeout:
        if reader.has_case(message_id):
            return elapsed
        time.sleep(POLL_S)
    return None


def measure(series: Series, reader: ArchiveReader, tags, timeout: float, give_up_after: int = 3) -> None:
    """`tags` yields (tag action, Message-ID whose thread must get a case); a run of
    `give_up_after` misses ends the series (a broken path would otherwise take ages)."""
    in_a_row = 0
    for act, message_id in tags:
        started = time.monotonic()
        act()
        took = until_case(reader, message_id, started, timeout)
        if took is None:
            series.missed += 1
            in_a_row += 1
            if in_a_row >= give_up_after:
                series.stopped_early = True
                return
        else:
            series.seconds.append(took)
            in_a_row = 0


def note(n: int, message_id: str, subject: str) -> EmailMessage:
    """An owner's note to self in the client's thread, as the receiving server stamps it."""
    msg = EmailMessage()
    msg["From"] = f"Me <{OWNER}>"
    msg["To"] = OWNER
    msg["Subject"] = "Re: " + subject.removeprefix("Re: ")
    msg["Date"] = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    msg["Message-ID"] = f"<bench-note-{n}@agency.example>"
    msg["In-Reply-To"] = message_id
    msg["References"] = message_id
    msg["Authentication-Results"] = AUTH_OK
    msg.set_content("#slipup\n\nThey are still waiting; chase this.\n")
    return msg


def tag_latency(server: Dovecot, config_file: Path, rundir: Path, args, figures: Figures) -> None:
    daemon = DaemonProcess(config_file, server, args.interval, rundir / "daemon-tags.log")
    reader = ArchiveReader(rundir / "archive.sqlite3")
    admin = server.client()
    try:
        daemon.wait_ready()
        time.sleep(3)  # the start-up pass, then the watcher's IDLE
        threads = reader.untagged_threads(2 * args.tags + args.sent_notes)
        if len(threads) < 2 * args.tags + args.sent_notes:
            print(f"warning: only {len(threads)} untagged threads to tag", file=sys.stderr)
        keyword = threads[:args.tags]
        inbox = threads[args.tags:2 * args.tags]
        sent = threads[2 * args.tags:]
        admin.select_folder("INBOX")

        def store(message_id: str):
            (uid, *_) = admin.search(["HEADER", "Message-ID", message_id])
            return lambda: admin.add_flags([uid], [b"slipup"])

        def append(folder: str, n: int, message_id: str, subject: str):
            data = note(n, message_id, subject).as_bytes()
            return lambda: admin.append(folder, data)

        runs = [
            (Series("keyword STORE on an archived message in INBOX"),
             [(store(mid), mid) for mid, _ in keyword], args.tag_timeout),
            (Series("#slipup note APPENDed to INBOX"),
             [(append("INBOX", i, mid, subj), f"<bench-note-{i}@agency.example>")
              for i, (mid, subj) in enumerate(inbox)], args.tag_timeout),
            (Series("#slipup note APPENDed to Sent"),
             [(append("Sent", 10_000 + i, mid, subj), f"<bench-note-{10_000 + i}@agency.example>")
              for i, (mid, subj) in enumerate(sent)], args.interval + args.tag_timeout),
        ]
        for series, tags, timeout in runs:
            if tags:
                print(f"measuring {series.label} ...", file=sys.stderr, flush=True)
                measure(series, reader, tags, timeout)
                figures.series.append(series)
        figures.tag_daemon_peak_rss_mb = daemon.rss_mb("VmHWM")
    finally:
        admin.logout()
        reader.close()
        daemon.stop()


# --- 3. idle ------------------------------------------------------------------------------------

def idle(server: Dovecot, config_file: Path, rundir: Path, args, figures: Figures) -> None:
    daemon = DaemonProcess(config_file, server, args.interval, rundir / "daemon-idle.log")
    try:
        daemon.wait_ready()
        time.sleep(5)  # past the start-up pass
        print(f"watching the idle daemon for {args.idle:.0f} s ...", file=sys.stderr, flush=True)
        cpu, wall = daemon.cpu_seconds(), time.monotonic()
        time.sleep(args.idle)
        figures.idle_cpu_s = daemon.cpu_seconds() - cpu
        figures.idle_s = time.monotonic() - wall
        figures.idle_rss_mb = daemon.rss_mb("VmRSS")
        figures.idle_peak_rss_mb = daemon.rss_mb("VmHWM")
    finally:
        daemon.stop()


# --- report -------------------------------------------------------------------------------------

def _s(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f} s"


def report(figures: Figures, args) -> str:
    m = figures.machine
    lines = [
        f"followup IMAP benchmark · {m['when']} · {m['dovecot']} · nproc {m['nproc']} · Python {m['python']}",
        "",
        "| figure | value | target |",
        "| --- | ---: | --- |",
    ]
    for series in figures.series:
        miss = f", {series.missed} missed (> timeout)" if series.missed else ""
        miss += ", stopped after 3 misses in a row" if series.stopped_early else ""
        tried = len(series.seconds) + series.missed
        lines.append(f"| tag-to-case, {series.label} (n={tried}) | median {_s(series.median())}, p95 {_s(series.p95())}"
                     f"{miss} | median < {LATENCY_TARGET_S:.0f} s |")
    n = figures.messages
    lines += [
        f"| first sync: APPEND {n:,} messages (setup) | {figures.append_s:.1f} s | |",
        f"| first sync: bare `ImapSource.fetch` | {figures.fetch_s:.1f} s, **{n / figures.fetch_s:,.0f} msg/s** | |",
        (f"| first sync: `Daemon.ingest` (fetch, archive, cases, backfill; {figures.cases_opened_by_sync} cases) "
         f"| {figures.ingest_s:.1f} s, **{n / figures.ingest_s:,.0f} msg/s** | |"),
        (f"| idle daemon CPU over {figures.idle_s:.0f} s | {figures.idle_cpu_s:.2f} s "
         f"(**{100 * figures.idle_cpu_s / figures.idle_s:.2f}%** of a core) | < {100 * IDLE_CPU_TARGET:.0f}% |"),
        (f"| idle daemon RSS (now / peak) | {figures.idle_rss_mb:.0f} MB / **{figures.idle_peak_rss_mb:.0f} MB** "
         f"| < {RSS_TARGET_MB:.0f} MB |"),
    ]
    if figures.tag_daemon_peak_rss_mb is not None:
        lines.append(f"| peak RSS of the daemon that opened the tagged cases | {figures.tag_daemon_peak_rss_mb:.0f} MB | |")
    lines.append(f"\n(`followup run --interval {args.interval:g}`; a tag that no IDLE reports waits for the next "
                 "scheduled pass)")
    return "\n".join(lines)


def machine() -> dict:
    version = subprocess.run([DOVECOT, "--version"], check=False, capture_output=True, text=True).stdout.strip()
    return {"when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "dovecot": f"Dovecot {version}",
            "nproc": os.cpu_count(), "python": sys.version.split()[0]}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=10_000, help="first-sync size (default 10000)")
    parser.add_argument("--tags", type=int, default=50, help="keyword STOREs and INBOX notes, each (default 50)")
    parser.add_argument("--sent-notes", type=int, default=5, help="notes APPENDed to Sent (default 5)")
    parser.add_argument("--idle", type=float, default=60.0, help="seconds of idle watched (default 60)")
    parser.add_argument("--interval", type=float, default=60.0, help="the daemon's --interval (default 60)")
    parser.add_argument("--tag-timeout", type=float, default=10.0, help="seconds before a tag counts as missed")
    parser.add_argument("--workdir", type=Path, default=HERE / "out", help="corpus cache and run files")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if DOVECOT is None:
        print(f"bench/imap.py: {SKIP_REASON}", file=sys.stderr)
        return 2
    args.workdir.mkdir(parents=True, exist_ok=True)
    rundir = args.workdir / "imap-run"
    shutil.rmtree(rundir, ignore_errors=True)  # scratch: the archive and outbox of the last run
    rundir.mkdir()
    figures = Figures(machine=machine())
    messages = corpus_messages(args.workdir, args.messages)
    figures.messages = len(messages)
    server = Dovecot().start()
    try:
        config_file = rundir / "config.toml"
        config_file.write_text(config_text(server, rundir))
        print(f"appending {len(messages):,} messages ...", file=sys.stderr, flush=True)
        figures.append_s = append_all(server, messages)
        print("first sync ...", file=sys.stderr, flush=True)
        first_sync(server, config_file, figures)
        tag_latency(server, config_file, rundir, args, figures)
        idle(server, config_file, rundir, args, figures)
    finally:
        server.remove()
    data = asdict(figures)
    (args.workdir / "last-imap-run.json").write_text(json.dumps(data, indent=1))
    print(json.dumps(data, indent=1) if args.json else report(figures, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
