"""`followup run`: one daemon per archive, in the foreground, for systemd or a terminal.

Signal handlers only set flags: SIGTERM/SIGINT stop after the current pass (well within
systemd's 10 s), SIGHUP reloads the config (an invalid new config keeps the old one, and
says why). Each source gets a thread that only waits for news (IMAP IDLE, EWS
notifications) and wakes the loop; fetching and writing stay on the loop's thread, the
archive's one writer.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import signal
import socket
import sys
import threading
import time
from pathlib import Path

from followup import clock
from followup.errors import FollowupError

log = logging.getLogger("followup.run")
MIN_WAKE_GAP = 1.0  # seconds between passes a source's news starts: a flapping server cannot spin us


def run_daemon(config, *, once: bool, interval: float, config_file: Path | None = None,
               log_format: str = "text"):
    from followup.runtime.passes import open_daemon
    from followup.sources import open_sources

    setup_logging(log_format)
    with ArchiveLock(config.archive.path):
        daemon = open_daemon(config)
        if once:
            daemon.log_source_errors = False  # the caller reports them, once
            try:
                return daemon.run_once(clock.utcnow())
            finally:
                daemon.close()
        Loop(daemon, config_file, interval, watchers=open_sources(config)).run()
        return None


class Loop:
    """`watchers`: separate source objects used only to wait for news (IMAP IDLE holds its own
    connection); fetching uses the daemon's. Without them, the daemon's sources wait too."""

    def __init__(self, daemon, config_file: Path | None, interval: float, watchers: list | None = None):
        self.daemon, self.config_file, self.interval = daemon, config_file, interval
        self.watchers = watchers
        self.stop = threading.Event()
        self.wake = threading.Event()
        self.reload = threading.Event()
        self.poke = threading.Event()  # any of the above: the loop looks at once
        self._watching = threading.Event()  # cleared to end this generation of watcher threads
        self._threads: list[threading.Thread] = []

    def run(self) -> None:
        from followup.runtime.passes import scheduler_for

        self._handle_signals()
        scheduler = scheduler_for(self.daemon, self.interval)
        self._start_watchers()
        notify("READY=1\nSTATUS=watching " + ", ".join(s.name for s in self.daemon.sources))
        log.info("followup running: %d source(s), passes every %.0f s", len(self.daemon.sources), self.interval)
        last_wake_pass = 0.0
        try:
            while not self.stop.is_set():
                if self.reload.is_set():
                    scheduler = self._reload(scheduler)
                if self.wake.is_set() and time.monotonic() - last_wake_pass >= MIN_WAKE_GAP:
                    self.wake.clear()
                    scheduler.run_all_ingest()
                    last_wake_pass = time.monotonic()
                scheduler.run_pending()
                notify("WATCHDOG=1")
                self.poke.wait(min(1.0, max(0.05, scheduler.idle_seconds())))
                self.poke.clear()
        finally:
            notify("STOPPING=1")
            self.stop.set()
            self._stop_watchers()
            self.daemon.close()
            log.info("followup stopped")

    def _handle_signals(self) -> None:
        def flag(event: threading.Event):
            def handler(*_):
                event.set()
                self.poke.set()
            return handler

        signal.signal(signal.SIGTERM, flag(self.stop))
        signal.signal(signal.SIGINT, flag(self.stop))
        signal.signal(signal.SIGHUP, flag(self.reload))

    def _start_watchers(self) -> None:
        self._watching = threading.Event()
        self._watching.set()
        for source in self.watchers if self.watchers is not None else self.daemon.sources:
            thread = threading.Thread(target=self._watch, args=(source, self._watching), name=f"watch-{source.name}",
                                      daemon=True)
            thread.start()
            self._threads.append(thread)

    def _stop_watchers(self) -> None:
        self._watching.clear()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads = []
        for source in self.watchers or ():
            source.close()

    def _watch(self, source, watching: threading.Event) -> None:
        """Wait for news on the source's own connection; errors just mean polling for now."""
        while watching.is_set() and not self.stop.is_set():
            try:
                if source.wait(min(self.interval, 30.0)) is not False:
                    self.wake.set()
                    self.poke.set()
            except FollowupError as exc:
                log.warning("source %s: waiting for news failed: %s", source.name, exc)
                self.stop.wait(self.interval)
            except Exception:  # never let a watcher thread die silently
                log.exception("source %s: watcher failed", source.name)
                self.stop.wait(self.interval)

    def _reload(self, scheduler):
        from followup.config import load_config
        from followup.runtime.passes import open_daemon, scheduler_for
        from followup.sources import open_sources

        self.reload.clear()
        if self.config_file is None:
            log.warning("SIGHUP: no config file to reload")
            return scheduler
        try:
            config = load_config(self.config_file)
            daemon = open_daemon(config)
        except FollowupError as exc:
            log.error("SIGHUP: the new config is not used, the old one stays: %s", exc)
            return scheduler
        self._stop_watchers()
        self.daemon.close()
        self.daemon = daemon
        if self.watchers is not None:
            self.watchers = open_sources(config)
        self._start_watchers()
        log.info("SIGHUP: config reloaded from %s", self.config_file)
        return scheduler_for(daemon, self.interval)


class ArchiveLock:
    """One daemon per archive: an exclusive lock on `<archive>.lock` holding our pid."""

    def __init__(self, archive: Path):
        from followup.storage.db import lock_file

        self.path = Path(lock_file(archive))
        self.fd: int | None = None

    def __enter__(self) -> "ArchiveLock":
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            other = os.read(fd, 32).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise FollowupError(f"another followup (pid {other}) is running on {self.path.with_suffix('')} "
                                "(fix: stop it first, or give this one another [archive] path)") from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self.fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            os.close(self.fd)  # closing releases the lock


def notify(state: str) -> None:
    """sd_notify(3) without a dependency: a datagram to $NOTIFY_SOCKET, when systemd set it."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return
    if address.startswith("@"):
        address = "\0" + address[1:]  # abstract namespace
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall(state.encode())
    except OSError as exc:
        log.debug("sd_notify failed: %s", exc)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"), "level": record.levelname.lower(),
                 "logger": record.name, "message": record.getMessage()}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(log_format: str) -> None:
    """One line per event on stderr (journald adds the time itself, so text omits it there)."""
    handler = logging.StreamHandler(sys.stderr)
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        stamp = "" if os.environ.get("JOURNAL_STREAM") else "%(asctime)s "
        handler.setFormatter(logging.Formatter(stamp + "%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


def describe_pass(report) -> str:
    """What `run --once` did, for a person: the counts, each mail it wrote, where refusals are."""
    lines = [f"archived {report.archived} new messages; {report.cases_opened} cases opened, "
             f"{report.promises} promises found; {report.queued} mails queued, {report.sent} sent, "
             f"{report.drafts} drafts, {report.failed} failed"
             + (f"; {report.refused} directives refused (see: followup refusals)" if report.refused else "")
             + (f"; {report.skipped} messages skipped by the case pass (the reasons are in the log)"
                if report.skipped else "")]
    for mail in report.mails:
        what = f"{mail['kind']} for case {mail['case']}" if mail["case"] else mail["kind"]
        held = " (held as a draft)" if mail["draft"] else ""
        lines.append(f"  wrote the {what} to {', '.join(mail['to'])}{held}: {mail['subject']}")
    return "\n".join(lines)
