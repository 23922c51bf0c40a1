"""The daemon: passes that each take `now`, driven by one explicit schedule.Scheduler.

    ingest   every source: fetch since its checkpoint, archive, then move the checkpoint;
             then the case pass (tags, directives, promises)
    send     plan the updates that are due, commit them to the outbox, deliver
    digest   each owner's digest once a day at their local time

The database is the truth for every due time: a pass that did not run (a restart, a
missed tick, a laptop asleep) loses nothing, the next pass finds the work. A pass that
fails is logged and the loop goes on; one failing source does not stop the others: it is
retried with backoff, its last error is kept for `followup status`, and a message it cannot
read is quarantined after MAX_ATTEMPTS so the checkpoint moves on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable

from followup import clock
from followup.storage import outbox, sync, threads
from followup.storage.db import transaction
from followup.storage.events import last_data
from followup.storage.store import Arrival
from followup.storage.unreadable import record_unreadable
from followup.cases.clients import rules_from_config
from followup.delivery.outbox import Outbox
from followup.errors import ArchiveError, FollowupError, SourceAuthError, SourceError
from followup.runtime.app import open_app, open_transport_for
from followup.sources.base import RawMessage, Source
from followup.transports.base import Transport

log = logging.getLogger("followup.runtime.passes")
INGEST_EVERY = 15.0  # seconds, at most, between ingest passes
BACKOFF_FIRST = timedelta(seconds=15)  # a failing source waits this long, doubling per failure
BACKOFF_AUTH = timedelta(minutes=5)  # a refused login: trying soon again would only hammer the server
BACKOFF_MAX = timedelta(minutes=15)


class Backoff:
    """When each failing source may be tried again; a success forgets its failures."""

    def __init__(self) -> None:
        self._failures: dict[str, int] = {}
        self._until: dict[str, datetime] = {}

    def due(self, source: str, now: datetime) -> bool:
        until = self._until.get(source)
        return until is None or now >= until

    def failed(self, source: str, now: datetime, *, auth: bool = False) -> timedelta:
        count = self._failures[source] = self._failures.get(source, 0) + 1
        first = BACKOFF_AUTH if auth else BACKOFF_FIRST
        delay = min(first * 2 ** (count - 1), max(BACKOFF_MAX, first))
        self._until[source] = now + delay
        return delay

    def succeeded(self, source: str) -> None:
        self._failures.pop(source, None)
        self._until.pop(source, None)


@dataclass(kw_only=True)  # ten counters: never by position
class PassReport:
    """What one pass did; `run --once --json` prints these fields."""

    archived: int = 0
    cases_opened: int = 0
    promises: int = 0
    queued: int = 0
    sent: int = 0
    drafts: int = 0
    failed: int = 0
    refused: int = 0  # directives refused this pass: followup refusals lists them
    skipped: int = 0  # messages the case pass skipped after a fault (case.message_failed events)
    mails: list[dict] = field(default_factory=list)  # what this pass queued: kind, case, to, subject, draft
    source_errors: dict[str, str] = field(default_factory=dict)


class Daemon:
    def __init__(self, config, *, transport: Transport | None = None, sources: list[Source] | None = None,
                 renderer=None):
        """The configured transport and sources unless given (tests bring their own)."""
        from followup.render import Renderer

        self.config = config
        self.app = open_app(config, transport=transport, sources=sources)
        self.transport, self.sources = self.app.transport, self.app.sources
        self.archive, self.book = self.app.archive, self.app.book
        self.renderer = renderer or Renderer(config.templates.path)
        self.rules = rules_from_config(config)
        self.outbox = Outbox(self.archive.conn, self.archive.events, self.transport)
        self.backoff = Backoff()
        self.log_source_errors = True  # `run --once` reports them itself, in one line

    def close(self) -> None:
        self.app.close()

    # --- passes ---------------------------------------------------------------------------

    def run_once(self, now: datetime) -> PassReport:
        report = PassReport()
        self.ingest(now, report)
        self.send(now, report)
        self.digests(now, report)
        return report

    def ingest(self, now: datetime, report: PassReport | None = None) -> PassReport:
        report = report or PassReport()
        for source in self.sources:
            if not self.backoff.due(source.name, now):
                continue
            try:
                self._ingest_source(source, now, report)
                self.backoff.succeeded(source.name)
            except ArchiveError as exc:
                self._source_failed(source.name, exc, now, report)
                raise  # the archive cannot take mail now; no checkpoint moved, the next pass fetches again
            except Exception as exc:  # noqa: BLE001 - this source waits; the other sources and passes go on
                delay = self.backoff.failed(source.name, now, auth=isinstance(exc, SourceAuthError))
                self._source_failed(source.name, exc, now, report, delay)
        cases = self.book.run(now)
        report.cases_opened += cases.opened
        report.promises += cases.promises
        report.refused += cases.refused
        report.skipped += cases.skipped
        if cases.opened_ids:
            report.archived += self._backfill(cases.opened_ids, now)
            again = self.book.run(now)
            report.promises += again.promises
            report.refused += again.refused
            report.skipped += again.skipped
        return report

    def _backfill(self, case_ids: list[int], now: datetime, rounds: int = 3) -> int:
        """A new case pulls the thread's earlier messages from every source (INBOX, Sent,
        All Mail), so the record holds every exchange, not only what the source had sent us."""
        archived = 0
        for _ in range(rounds):
            ids = threads.ids_in_cases(self.archive.conn, case_ids)
            found = 0
            for source in self.sources:
                try:
                    arrivals = [Arrival.of(raw, self.rules) for raw in source.find_thread(sorted(ids))]
                except Exception as exc:  # noqa: BLE001 - backfill is a bonus; the pass goes on without it
                    log.warning("source %s: backfill failed: %s", source.name, exc)
                    continue
                if arrivals:
                    found += self.archive.store(arrivals, now=now).count("new")
            archived += found
            if not found:
                break
        return archived

    def _ingest_source(self, source: Source, now: datetime, report: PassReport) -> None:
        """Counted batch by batch: what was archived counts even when a later batch fails."""
        for batch in source.fetch(self._checkpoint(source.name)):
            arrivals = [Arrival.of(raw, self.rules) for raw in batch.messages]
            report.archived += self.archive.store(arrivals, now=now).count("new")
            waiting = record_unreadable(self.archive.conn, self.archive.path, self.archive.events, source.name,
                                        batch.unreadable, now)
            if waiting:  # read again next pass; the checkpoint stays before them
                raise SourceError(f"{len(waiting)} message(s) could not be read: {waiting[0]}")
            self._save_checkpoint(source.name, batch.checkpoint, now)  # only after the archive commit

    def send(self, now: datetime, report: PassReport | None = None) -> PassReport:
        from followup.delivery.updates import compose_planned, plan

        report = report or PassReport()
        unplanned: list[tuple[dict, Exception]] = []
        for item in plan(self.archive.conn, self.config, now, unplanned):
            try:
                queued = compose_planned(self.archive.conn, self.config, item, self.renderer, now)
            except Exception as exc:  # noqa: BLE001 - a broken template: nothing half-made goes out, the others do
                report.failed += 1
                self._record_failure(item.case["id"], item.kind, exc, now)
                continue
            if queued is None:
                log.warning("case %s: no client address in the thread; nothing to send", item.case["id"])
                continue
            self._enqueue(queued, now, report)
        delivered = self.outbox.deliver(now)
        report.sent += delivered["sent"]
        report.drafts += delivered["drafts"]
        report.failed += delivered["failed"]
        self._archive_sent_copies(now)
        for case, exc in unplanned:  # after delivery: the other cases' mail is out first
            report.failed += 1
            self._record_failure(case["id"], "update", exc, now)
        return report

    def digests(self, now: datetime, report: PassReport | None = None) -> PassReport:
        from followup.delivery.digest_mail import due_digests

        report = report or PassReport()
        for queued in due_digests(self.archive.conn, self.config, self.renderer, now):
            self._enqueue(queued, now, report)
        report.sent += self.outbox.deliver(now)["sent"]
        return report

    def _enqueue(self, queued, now: datetime, report: PassReport) -> None:
        if self.outbox.enqueue(queued, now):
            report.queued += 1
            report.mails.append({"kind": queued.kind, "case": queued.case_id, "to": list(queued.recipients),
                                 "subject": queued.subject, "draft": queued.draft})

    # --- bookkeeping ----------------------------------------------------------------------

    def _archive_sent_copies(self, now: datetime) -> None:
        """Every sent update joins the case record; also repairs a crash between the two."""
        rows = outbox.sent_not_archived(self.archive.conn)
        if rows:
            arrivals = [Arrival.of(RawMessage(raw, "outbox", f"outbox:{mid}", from_sent=True), self.rules)
                        for mid, raw in rows]
            self.archive.store(arrivals, now=now)
            self.book.run(now)

    def _record_failure(self, case_id: int, kind: str, exc: Exception, now: datetime) -> None:
        """Once per case and error, so a broken template does not fill the log every minute;
        `followup status`, `show` and the digest name the case with this reason."""
        error = str(exc) if isinstance(exc, FollowupError) else f"internal error: {type(exc).__name__}: {exc}"
        last = last_data(self.archive.conn, f"{kind}.not_composed", case_id)
        if last is None or last.get("error") != error:
            log.error("case %s: the %s cannot be composed: %s", case_id, kind, error)
            with self._writing():
                self.archive.events.append(now.isoformat(), f"{kind}.not_composed", {"error": error}, case_id=case_id)

    def _writing(self):
        return transaction(self.archive.conn, self.archive.path, on_rollback=self.archive.events.forget)

    def _checkpoint(self, source: str) -> dict | None:
        return sync.checkpoint(self.archive.conn, source)

    def _save_checkpoint(self, source: str, checkpoint: dict, now: datetime) -> None:
        with self._writing():
            sync.save_checkpoint(self.archive.conn, source, checkpoint, now.isoformat())

    def _source_failed(self, source: str, exc: Exception, now: datetime, report: PassReport,
                       delay: timedelta | None = None) -> None:
        """Kept for `followup status` (one line) and logged; a bug is logged with its traceback."""
        known = isinstance(exc, FollowupError)
        line = " ".join((str(exc) if known else f"internal error: {type(exc).__name__}: {exc} (fix: report a bug)").split())
        report.source_errors[source] = line
        if self.log_source_errors:
            retry = f" (next try in {int(delay.total_seconds())} s)" if delay else ""
            log.error("source %s: %s%s", source, line, retry, exc_info=None if known else exc,
                      extra={"auth": isinstance(exc, SourceAuthError)})
        try:
            with self._writing():
                sync.record_error(self.archive.conn, source, line, now.isoformat())
        except ArchiveError as stored:  # the archive itself is failing: the log line is all we can do
            log.error("source %s: its error cannot be recorded: %s", source, stored)


class Passes:
    """The daemon's passes on one explicit schedule.Scheduler; each job takes `now`."""

    def __init__(self, daemon: Daemon, interval: float, now: Callable[[], datetime] = clock.utcnow):
        import schedule

        self.daemon, self.now = daemon, now
        self.scheduler = schedule.Scheduler()
        # Sources push news only for some folders (IMAP IDLE watches INBOX): a tag in Sent or
        # a move into the tag folder is found by the ingest pass, so it runs more often.
        self.scheduler.every(min(interval, INGEST_EVERY)).seconds.do(_guarded, daemon.ingest, now)
        for job in (daemon.send, daemon.digests):
            self.scheduler.every(interval).seconds.do(_guarded, job, now)
        self.scheduler.run_all()  # every pass once at start: catch up on what happened while down

    def run_pending(self) -> None:
        self.scheduler.run_pending()

    def run_all_ingest(self) -> None:
        """A source said there is news: ingest now, and send what that makes due."""
        _guarded(self.daemon.ingest, self.now)
        _guarded(self.daemon.send, self.now)

    def idle_seconds(self) -> float:
        idle = self.scheduler.idle_seconds
        return 1.0 if idle is None else idle


def scheduler_for(daemon: Daemon, interval: float) -> Passes:
    return Passes(daemon, interval)


def _guarded(job: Callable[[datetime], object], now: Callable[[], datetime]) -> None:
    try:
        job(now())
    except FollowupError as exc:  # a known trouble (archive full, read-only …): one line with the fix
        log.error("pass %s failed: %s", getattr(job, "__name__", job), exc)
    except Exception:  # the loop survives any one pass; the next one retries from the database
        log.exception("pass %s failed", getattr(job, "__name__", job))


def open_daemon(config) -> Daemon:
    """The daemon as `followup run` builds it (runtime/app.py): the archive, the configured
    transport and sources."""
    return Daemon(config)


__all__ = ["Daemon", "PassReport", "Passes", "open_daemon", "open_transport_for", "scheduler_for"]
