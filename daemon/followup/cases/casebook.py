"""The case pass: read each archived message once, apply what it does to its case.

The cursor (table `cursors`, name "cases") moves in the same transaction as the effects, so
a crash replays nothing twice and skips nothing. Promise extraction imports dateparser and
lingua only when a case actually needs it.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from followup.storage import cases, promises, readback, threads
from followup.storage.cases import CaseRef, NewCase
from followup.storage.db import savepoint, transaction
from followup.storage.events import EventLog
from followup.cases.directives import Directive, clean_subject, without_directive_lines, without_tag
from followup.cases.engine import Apply, Extract, Open, OwnerReplied, Policy, Refuse, Seen, effects, retagged
from followup.errors import FollowupError
from followup.mail.thread import subject_key

CURSOR = "cases"
BATCH = 500
PROPOSED_BELOW = 0.6  # less sure than this, a promise waits for an owner to confirm it
FORWARD_WINDOW = timedelta(days=120)  # how far back a forwarded tag note looks for its thread
# What a bug meeting one odd message raises: that message is skipped, the pass goes on. An
# archive fault (sqlite3.Error, ArchiveError) is none of these and still stops the pass.
MESSAGE_FAULTS = (ValueError, TypeError, LookupError, AttributeError, ArithmeticError, RecursionError)
FAILED = object()  # what _guarded returns for a message it skipped
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Locales:
    """Language and time zone per client and owner, from config."""

    default_locale: str = "en"
    default_timezone: str = "UTC"
    clients: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (locale, tz)
    owners: dict[str, str] = field(default_factory=dict)  # address -> tz

    def of_client(self, client: str | None) -> tuple[str, str]:
        return self.clients.get(client or "", (self.default_locale, self.default_timezone))


@dataclass
class PassSummary:
    messages: int = 0
    refused: int = 0
    promises: int = 0
    opened_ids: list[int] = field(default_factory=list)
    skipped: int = 0  # messages whose effects failed and were rolled back (case.message_failed events)

    @property
    def opened(self) -> int:
        return len(self.opened_ids)


def policy_from_config(config) -> Policy:
    return Policy(
        owners=frozenset(a.lower() for a in config.owners.addresses),
        tag=config.tagging.tag,
        tag_folder=config.tagging.tag_folder,
        trusted_authserv_ids=tuple(config.tagging.trusted_authserv_ids),
    )


def locales_from_config(config) -> Locales:
    return Locales(
        default_locale=config.defaults.locale,
        default_timezone=config.defaults.timezone,
        clients={c.name: (c.locale, c.timezone) for c in config.clients},
        owners={p.address.lower(): p.timezone for p in config.owners.people},
    )


class Casebook:
    def __init__(self, conn: sqlite3.Connection, events: EventLog, policy: Policy, locales: Locales):
        self.conn, self.events, self.policy, self.locales = conn, events, policy, locales
        self.refused_in_apply = 0  # refusals found while applying a directive (a date it cannot read...)
        self.skipped_ids: set[int] = set()  # messages skipped after a fault, this pass
        self.failures: dict[int, tuple] = {}  # message id -> (sha256, case id, reason), not yet recorded

    @classmethod
    def for_config(cls, archive, config) -> Casebook:
        """The case pass over an open Archive, with the config's owners, tag and locales."""
        return cls(archive.conn, archive.events, policy_from_config(config), locales_from_config(config))

    def run(self, now: datetime) -> PassSummary:
        """Process every message archived since the last pass."""
        summary = PassSummary()
        self.skipped_ids = set()
        while True:
            with self._transaction():
                done = self._batch(now, summary)
            if done:
                summary.skipped = len(self.skipped_ids)
                return summary

    def _batch(self, now: datetime, summary: PassSummary) -> bool:
        self._revisit(now, summary)
        rows = threads.messages_after(self.conn, cases.cursor(self.conn, CURSOR), BATCH)
        for row in rows:
            self._isolated(row, now, summary)
        if rows:
            cases.move_cursor(self.conn, CURSOR, rows[-1]["id"])
        return len(rows) < BATCH

    def _isolated(self, row: dict, now: datetime, summary: PassSummary, work=None) -> None:
        """One message's effects, or none (see _guarded); its failures are recorded once it has
        settled, so no rollback of an enclosing step can take their events with it."""
        refused, found, opened = summary.refused, summary.promises, len(summary.opened_ids)
        if self._guarded(row, work or self._one, row, now, summary) is FAILED:  # the message still counts as read
            summary.refused, summary.promises = refused, found
            del summary.opened_ids[opened:]
        self._record_failures(now.isoformat())

    def _guarded(self, row: dict, work, *args, case_id: int | None = None):
        """work(*args) for one message, or FAILED: a fault on one odd message rolls back what it
        did and is noted for a case.message_failed event. An archive fault still stops."""
        try:
            with savepoint(self.conn, "case_message", on_rollback=self.events.forget):
                return work(*args)
        except MESSAGE_FAULTS as exc:
            if not self.conn.in_transaction:
                raise  # SQLite gave the whole transaction up: nothing more can be written safely
            self.failures.setdefault(row["id"], (row.get("sha256"), case_id, f"{type(exc).__name__}: {exc}"))
            return FAILED

    def _record_failures(self, at: str) -> None:
        for message_id, (sha, case_id, reason) in self.failures.items():
            if message_id not in self.skipped_ids:  # a message read twice in a pass is recorded once
                self.skipped_ids.add(message_id)
                self.events.append(at, "case.message_failed", {"reason": reason, "message_id": message_id},
                                   case_id=case_id, sha256=sha)
                log.warning("case pass: message %s skipped, its effects rolled back: %s (fix: report a bug; "
                            "the message stays archived)", message_id, reason)
        self.failures.clear()

    def _revisit(self, now: datetime, summary: PassSummary) -> None:
        """Known messages that turned up tagged (a keyword set later, a move into the tag
        folder): the case opens now, and finds the thread's promises as any case does."""
        for message_id in cases.revisits(self.conn):
            row = threads.message(self.conn, message_id)
            if row is not None:
                self._isolated(row, now, summary, work=self._retag)
            cases.revisited(self.conn, message_id)  # also after a fault: a retag is tried once

    def _retag(self, row: dict, now: datetime, summary: PassSummary) -> None:
        seen = self._seen(row)
        case = cases.of_thread(self.conn, seen.thread_id)
        for effect in retagged(seen, case.state if case else None, self.policy):
            opened = self._open(seen, effect, now.isoformat())
            summary.opened_ids.append(opened.id)
            summary.promises += self._extract_thread(opened.id, now.isoformat())

    def _one(self, row: dict, now: datetime, summary: PassSummary) -> None:
        summary.messages += 1
        case = cases.of_thread(self.conn, row["thread_id"])
        if case is None and not self._may_steer(row):
            return  # most mail: no case in its thread, no tag anywhere; nothing can follow from it
        seen = self._seen(row)
        at = now.isoformat()
        for effect in effects(seen, case.state if case else None, self.policy):
            if isinstance(effect, Open):
                case = self._open(seen, effect, at)
                summary.opened_ids.append(case.id)
                summary.promises += self._extract_thread(case.id, at)
            elif isinstance(effect, Refuse):
                summary.refused += 1
                self.events.append(at, "directive.refused", {"reason": effect.reason, "line": effect.line},
                                   case_id=case.id if case else None, sha256=seen.msg.sha256)
            elif isinstance(effect, Apply) and case:
                before = self.refused_in_apply
                summary.promises += self._apply(case.id, effect.directive, effect.by, seen, at)
                summary.refused += self.refused_in_apply - before
            elif isinstance(effect, Extract) and case:
                found = self._guarded(row, self._extract, case.id, row, at, case_id=case.id)
                summary.promises += 0 if found is FAILED else found
            elif isinstance(effect, OwnerReplied) and case and seen.msg.date:
                cases.owner_replied(self.conn, case.id, seen.msg.date.isoformat())

    def _may_steer(self, row: dict) -> bool:
        """Without a case, only a tag (written, a keyword, the tag folder) or a directive to
        refuse can matter, and each of those needs the tag somewhere."""
        marker = f"#{self.policy.tag}".lower()
        if marker in row["subject"].lower() or marker in row["text"].lower():
            return True
        tag, folder = self.policy.tag.lower(), self.policy.tag_folder.lower()
        for place in threads.locations(self.conn, row["sha256"]):
            if any(tag in k.lower() for k in place.keywords) or (place.folder and folder in place.folder.lower()):
                return True
        return False

    def _seen(self, row: dict) -> Seen:
        places = threads.locations(self.conn, row["sha256"])
        return Seen(
            id=row["id"], msg=readback.parsed(row), thread_id=row["thread_id"], client=row["client"],
            direction=row["direction"],
            keywords=frozenset(k for place in places for k in place.keywords),
            folders=frozenset(place.folder for place in places if place.folder),
            from_sent=any(place.from_sent for place in places),
        )

    def _open(self, seen: Seen, effect: Open, at: str) -> CaseRef:
        thread_id = self._forwarded_into(seen, at) or seen.thread_id
        existing = cases.of_thread(self.conn, thread_id)
        if existing:
            return existing
        client = seen.client or threads.main_client(self.conn, thread_id)
        subject = self._case_subject(thread_id)
        opened_at = seen.msg.date.isoformat() if seen.msg.date else at
        case_id = cases.add(self.conn, NewCase(thread_id, client, subject, opened_at, effect.by, effect.via,
                                               seen.msg.sha256, threads.last_sent_reply(self.conn, thread_id)))
        self.events.append(at, "case.opened", {"via": effect.via, "by": effect.by, "client": client, "subject": subject},
                           case_id=case_id, sha256=seen.msg.sha256)
        return CaseRef(case_id, "open")

    def _forwarded_into(self, seen: Seen, at: str) -> int | None:
        """A tag note forwarded to ourselves starts a thread of its own; join it to the client
        thread it forwards (same subject, most recent, not too old: counted back from the note's
        date, or from the pass's `at` when it has none)."""
        if threads.size(self.conn, seen.thread_id) != 1 or seen.direction != "internal":
            return None
        key, _ = subject_key(without_tag(seen.msg.subject, self.policy.tag))
        since = ((seen.msg.date or datetime.fromisoformat(at)) - FORWARD_WINDOW).isoformat()
        into = threads.latest_client_thread(self.conn, key, seen.thread_id, since)
        if into is not None:
            threads.join(self.conn, seen.thread_id, into)
        return into

    def _case_subject(self, thread_id: int) -> str:
        for subject in threads.subjects(self.conn, thread_id):
            clean = clean_subject(subject, self.policy.tag)
            if clean:
                return clean
        return "(no subject)"

    def _apply(self, case_id: int, d: Directive, by: str, seen: Seen, at: str) -> int:
        sha = seen.msg.sha256
        if d.kind in ("close", "pause", "resume"):
            self.set_state(case_id, d.kind, by, at, d.text, sha)
            return 0
        if d.kind == "note":
            cases.add_note(self.conn, case_id, d.text, by, seen.msg.date.isoformat() if seen.msg.date else at, sha)
            self.events.append(at, "note.added", {"text": d.text, "by": by}, case_id=case_id, sha256=sha)
            return 0
        cadence_text = d.cadence_text if d.kind in ("tag", "cadence") else None
        if cadence_text and not self._set_cadence(case_id, cadence_text, by, at, sha, d.line):
            return 0
        if d.kind == "promise" or (d.kind == "tag" and d.due_text):
            return self._directive_promise(case_id, d, by, seen, at)
        if d.kind == "reschedule":
            self._reschedule(case_id, d, by, seen, at)
        return 0

    # --- what an owner does from the command line (the same records as a directive) ---

    def command(self, fn, *args) -> None:
        """Run one owner command in its own transaction."""
        with self._transaction():
            fn(*args)

    def _transaction(self):
        return transaction(self.conn, on_rollback=self.events.forget)

    def add_note(self, case_id: int, text: str, by: str, at: str) -> None:
        self._require_case(case_id)
        cases.add_note(self.conn, case_id, text, by, at)
        self.events.append(at, "note.added", {"text": text, "by": by}, case_id=case_id)

    def decide_promise(self, promise_id: int, decision: str, by: str, at: str) -> None:
        """confirm (proposed → open), reject, kept, broken, withdrawn."""
        state = {"confirm": "open", "reject": "rejected", "kept": "kept", "broken": "broken",
                 "withdraw": "withdrawn"}[decision]
        found = promises.find(self.conn, promise_id)
        if found is None:
            raise FollowupError(f"no promise {promise_id} (fix: list them with followup promises)")
        if decision == "confirm" and found.state != "proposed":
            raise FollowupError(f"promise {promise_id} is {found.state}, not proposed "
                                f"(fix: only proposed promises are confirmed)")
        promises.decide(self.conn, promise_id, state, at, by)
        self.events.append(at, f"promise.{state}", {"id": promise_id, "by": by, "was": found.state},
                           case_id=found.case_id)

    def _require_case(self, case_id: int) -> str:
        current = cases.state(self.conn, case_id)
        if current is None:
            raise FollowupError(f"no case {case_id} (fix: list them with followup cases)")
        return current

    def set_state(self, case_id: int, verb: str, by: str, at: str, reason: str | None = None,
                  sha: str | None = None, *, strict: bool = False) -> None:
        """close, pause or resume. Mail that repeats the current state changes nothing;
        from the command line (`strict`) it is an error."""
        state = {"close": "closed", "pause": "paused", "resume": "open"}[verb]
        current = self._require_case(case_id)
        if current == state:
            if strict:
                raise FollowupError(f"case {case_id} is already {state} (fix: see it with followup show {case_id})")
            return
        cases.set_state(self.conn, case_id, state, at)
        self.events.append(at, f"case.{state}", {"by": by, "reason": reason}, case_id=case_id, sha256=sha)

    def _set_cadence(self, case_id: int, text: str, by: str, at: str, sha: str, line: str) -> bool:
        from followup.promises import parse_cadence

        locale, _ = self._case_locale(case_id)
        cadence = parse_cadence(text, [locale, "en", "nb", "da", "sv", "ca", "sk"])
        if cadence is None:
            self._refuse(at, f"cannot read the cadence {text!r} (write it like \"every 2 business days\" or "
                             "\"every Tuesday\")", line, case_id, sha)
            return False
        cases.set_cadence(self.conn, case_id, cadence.to_text())
        self.events.append(at, "case.cadence", {"cadence": cadence.to_text(), "as_written": text, "by": by},
                           case_id=case_id, sha256=sha)
        return True

    def _directive_promise(self, case_id: int, d: Directive, by: str, seen: Seen, at: str) -> int:
        from followup.promises import parse_due

        locale, zone = self._case_locale(case_id)
        made = seen.msg.date or datetime.fromisoformat(at)
        due = parse_due(d.due_text or "", relative_to=made, timezone=zone, languages=[locale, "en"]) if d.due_text else None
        if d.due_text and due is None:
            self._refuse(at, f"cannot read the date {d.due_text!r} (write it like 2026-12-01 or \"friday\")", d.line,
                         case_id, seen.msg.sha256)
            return 0
        quote = d.text or d.line
        return self._record_promise(case_id, seen.msg.sha256, by, quote, made, due, d.due_text, None, 1.0, locale,
                                    "directive", at)

    def _reschedule(self, case_id: int, d: Directive, by: str, seen: Seen, at: str) -> None:
        from followup.storage.reschedules import by_directive

        try:
            by_directive(self.conn, self.events, case_id, d, by, seen.msg, at, self._case_locale(case_id))
        except FollowupError as refused:
            self._refuse(at, str(refused), d.line, case_id, seen.msg.sha256)

    def _refuse(self, at: str, reason: str, line: str, case_id: int, sha: str | None) -> None:
        self.refused_in_apply += 1
        self.events.append(at, "directive.refused", {"reason": reason, "line": line}, case_id=case_id, sha256=sha)

    def _extract_thread(self, case_id: int, at: str) -> int:
        """A case opened late still finds the promises made before the tag."""
        found = (self._guarded(row, self._extract, case_id, row, at, case_id=case_id)
                 for row in threads.outgoing_of_case(self.conn, case_id))
        return sum(n for n in found if n is not FAILED)

    def _extract(self, case_id: int, row: dict, at: str) -> int:
        from followup.cases.loops import is_automatic
        from followup.promises import extract_promises

        msg = readback.parsed(row)
        if msg.date is None or is_automatic(msg):
            return 0
        locale, _ = self._case_locale(case_id)
        zone = self._writer_zone(msg)
        text = without_directive_lines(msg.new_text, self.policy.tag)
        found = 0
        for c in extract_promises(text, sent_at=msg.date, timezone=zone, locale_hint=locale):
            cadence = c.cadence.to_text() if c.cadence else None
            found += self._record_promise(case_id, msg.sha256, msg.from_.addr if msg.from_ else "", c.quote, msg.date,
                                          c.due_at, c.due_text, cadence, c.confidence, c.language, "extracted", at)
            if cadence:
                cases.set_stated_cadence(self.conn, case_id, cadence)
        return found

    def _record_promise(self, case_id, sha, author, quote, made, due, due_text, cadence, confidence, language,
                        source, at) -> int:
        state = "open" if confidence >= PROPOSED_BELOW else "proposed"
        promise_id = promises.add(self.conn, promises.NewPromise(
            case_id, sha, author, quote, made.isoformat(), due.isoformat() if due else None, due_text, cadence,
            confidence, language, source, state))
        if promise_id is None:
            return 0
        self.events.append(at, "promise.recorded", {
            "id": promise_id, "quote": quote, "author": author, "due_at": due.isoformat() if due else None,
            "state": state, "source": source}, case_id=case_id, sha256=sha)
        return 1

    def _case_locale(self, case_id: int) -> tuple[str, str]:
        return self.locales.of_client(cases.client(self.conn, case_id))

    def _writer_zone(self, msg) -> str:
        """The writer's zone when it agrees with the Date header's offset, else that offset."""
        candidate = self.locales.owners.get(msg.from_.addr.lower() if msg.from_ else "", self.locales.default_timezone)
        offset = msg.date_offset_minutes
        if offset is None or ZoneInfo(candidate).utcoffset(msg.date.replace(tzinfo=None)) == timedelta(minutes=offset):
            return candidate
        if offset % 60 == 0 and abs(offset) <= 14 * 60:
            hours = -offset // 60  # the Etc zones count the other way round
            return "Etc/GMT" + (f"{hours:+d}" if hours else "")
        return candidate

