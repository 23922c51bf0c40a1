"""Put a stream of raw messages into the archive: hash, skip known, parse in parallel, store.

Parsing is the bottleneck (DESIGN.md: ~1,660-5,000 msg/s per core), so worker processes
parse one window while this process writes the previous one. Known hashes are skipped
before parsing, which makes a re-import cheap.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Callable, Iterable, Iterator

from followup.storage.raw import pack
from followup.storage.rows import MessageRow, row_or_reason
from followup.storage.store import QUARANTINED, Archive, Arrival
from followup.cases.clients import ClientRules
from followup.sources.base import RawMessage

WINDOW = 500  # messages per parse window and per archive transaction (two are in memory)
SWITCH_INTERVAL = 0.0005  # seconds; see _parser.__enter__
PARALLEL_FROM = 400  # below this, starting worker processes costs more than it saves


@dataclass
class Counts:
    messages: int = 0
    new: int = 0
    duplicate: int = 0
    quarantined: int = 0
    quarantine_reasons: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: str, reason: str | None = None) -> None:
        self.messages += 1
        setattr(self, outcome, getattr(self, outcome) + 1)
        if outcome == QUARANTINED and reason:
            key = reason.split(":")[0][:80]
            self.quarantine_reasons[key] = self.quarantine_reasons.get(key, 0) + 1


_worker_rules: ClientRules | None = None  # set once per worker process by _init_worker


def _init_worker(rules: ClientRules) -> None:
    global _worker_rules
    _worker_rules = rules


def _prepared(data: bytes, rules: ClientRules) -> tuple[MessageRow | None, str | None, bytes]:
    """(row, reason, packed) for an Arrival: everything but the writing, so workers do it."""
    return (*row_or_reason(data, rules), pack(data))


def _row_in_worker(data: bytes) -> tuple[tuple | None, str | None, bytes]:
    """As _prepared, the row as a plain tuple of its fields: a frozen dataclass pickles and
    unpickles at three times the cost, and the unpickling is the single writer's process."""
    row, reason, packed = _prepared(data, _worker_rules)
    return (None if row is None else tuple(vars(row).values())), reason, packed  # the fields in order


def _row_of(fields: tuple | None) -> MessageRow | None:
    return fields if fields is None or isinstance(fields, MessageRow) else MessageRow(*fields)


def ingest(
    archive: Archive,
    messages: Iterable[RawMessage],
    rules: ClientRules,
    *,
    now: Callable[[], datetime],
    expected: int | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> Counts:
    counts = Counts()
    with _parser(expected, rules) as parse_all:
        pending = None  # the window being parsed while we store the previous one
        for window in _windows(messages, archive.known_among):
            started = parse_all(window)
            if pending is not None:
                _store(archive, pending, now, counts, on_progress)
            pending = started
        if pending is not None:
            _store(archive, pending, now, counts, on_progress)
    return counts


Window = list[tuple[RawMessage, str, bool]]  # (message, sha256, already archived)


def _windows(messages: Iterable[RawMessage], known_among: Callable[[list[str]], set[str]]) -> Iterator[Window]:
    """Windows of messages, each marked when its bytes are archived already or came earlier
    in this import. The archive is asked per window; the two windows not yet stored when
    the next is cut (the one being parsed, the one being written) are remembered here."""
    it = iter(messages)
    in_flight: list[set[str]] = []
    while chunk := list(islice(it, WINDOW)):
        hashes = [hashlib.sha256(raw.data).hexdigest() for raw in chunk]
        seen = known_among(hashes).union(*in_flight)
        window = []
        for raw, sha256 in zip(chunk, hashes):
            window.append((raw, sha256, sha256 in seen))
            seen.add(sha256)
        in_flight = [*in_flight[-1:], set(hashes)]
        yield window


class _Pending:
    def __init__(self, window: Window, results):
        self.window, self.results = window, results

    def arrivals(self) -> list[Arrival]:
        results = iter(self.results if isinstance(self.results, list) else self.results.get())
        arrivals = []
        for raw, sha256, seen in self.window:
            if seen:  # a known message is stored again only to record where else it was found
                arrivals.append(Arrival(raw, sha256, None, None))
            else:
                row, reason, packed = next(results)
                arrivals.append(Arrival(raw, sha256, _row_of(row), reason, packed))
        return arrivals


def _store(archive: Archive, pending: _Pending, now, counts: Counts,
           on_progress: Callable[[int], None] | None) -> None:
    arrivals = pending.arrivals()
    for arrival, outcome in zip(arrivals, archive.store(arrivals, now=now())):
        counts.add(outcome, arrival.reason)
    if on_progress:
        on_progress(len(arrivals))


class _parser:
    """Context manager giving `parse_all(window) -> _Pending`, in workers when worth it."""

    def __init__(self, expected: int | None, rules: ClientRules):
        self.rules = rules
        workers = os.cpu_count() or 1
        self.parallel = workers > 1 and (expected is None or expected >= PARALLEL_FROM)
        self.pool = None
        self.workers = workers

    def __enter__(self):
        if self.parallel:
            self.pool = multiprocessing.get_context("fork").Pool(
                self.workers, initializer=_init_worker, initargs=(self.rules,))
            # The pool's result thread reads each worker's rows in 64 kB pieces and needs
            # the GIL after every read, while the writer thread holds it in Python between
            # SQLite calls: at the default 5 ms switch interval the workers stall on full
            # pipes and the two cores take turns instead of working together.
            self.switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(SWITCH_INTERVAL)
        return self.parse_all

    def parse_all(self, window: Window) -> _Pending:
        datas = [raw.data for raw, _, seen in window if not seen]
        if self.pool is None:
            return _Pending(window, [_prepared(d, self.rules) for d in datas])
        return _Pending(window, self.pool.map_async(_row_in_worker, datas, chunksize=25))

    def __exit__(self, *exc):
        if self.pool is not None:
            self.pool.terminate() if exc[0] else self.pool.close()
            self.pool.join()
            sys.setswitchinterval(self.switch_interval)
        return False
