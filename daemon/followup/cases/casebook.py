"""The case pass: read each archived message once, apply what it does to its case.

The cursor (table `cursors`, name "cases") moves in the same transaction as the effects, so
a crash replays nothing twice and skips nothing. Promise extraction imports dateparser and
lingua only when a case actually needs it.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from followup.storage import readback
from followup.storage.db import archive_path, transaction
from followup.storage.events import EventLog
from followup.cases.directives import Directive, clean_subject, without_directive_lines, without_tag
from followup.cases.engine import Apply, Extract, Open, OwnerReplied, Policy, Refuse, Seen, effects, retagged
from followup.errors import FollowupError
from followup.mail.thread import subject_key

CURSOR = "cases"
BATCH = 500
PROPOSED_BELOW = 0.6  # less sure than this, a promise waits for an owner to confirm it
FORWARD_WINDOW = timedelta(days=120)  # how far back a forwarded tag note looks for its thread


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
    opened: int = 0
    refused: int = 0
    promises: int = 0
    opened_ids: list[int] = field(default_factory=list)


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

    @classmethod
    def for_config(cls, archive, config) -> Casebook:
        """The case pass over an open Archive, with the config's owners, tag and locales."""
        return cls(archive.conn, archive.events, policy_from_config(config), locales_from_config(config))

    def run(self, now: datetime) -> PassSummary:
        """Process every message archived since the last pass."""
        summary = PassSummary()
        while True:
            with self._transaction():
                done = self._batch(now, summary)
            if done:
                return summary

    def _batch(self, now: datetime, summary: PassSummary) -> bool:
        self._revisit(now, summary)
        position = self._cursor()
        cursor = self.conn.execute(readback.SELECT_MESSAGE + " WHERE m.id > ? ORDER BY m.id LIMIT ?", (position, BATCH))
        rows = [readback.as_dict(cursor, r) for r in cursor.fetchall()]
        for row in rows:
            self._one(row, now, summary)
        if rows:
            self.conn.execute("INSERT OR REPLACE INTO cursors (name, position) VALUES (?, ?)", (CURSOR, rows[-1]["id"]))
        return len(rows) < BATCH

    def _revisit(self, now: datetime, summary: PassSummary) -> None:
        """Known messages that turned up tagged (a keyword set later, a move into the tag
        folder): the case opens now, and finds the thread's promises as any case does."""
        ids = [r[0] for r in self.conn.execute("SELECT message_id FROM revisits ORDER BY message_id")]
        for message_id in ids:
            cursor = self.conn.execute(readback.SELECT_MESSAGE + " WHERE m.id = ?", (message_id,))
            row = cursor.fetchone()
            if row is not None:
                seen = self._seen(readback.as_dict(cursor, row))
                case = self._case_of(seen.thread_id)
                for effect in retagged(seen, case[1] if case else None, self.policy):
                    opened = self._open(seen, effect, now.isoformat())
                    summary.opened += 1
                    summary.opened_ids.append(opened[0])
                    summary.promises += self._extract_thread(opened[0], now.isoformat())
            self.conn.execute("DELETE FROM revisits WHERE message_id = ?", (message_id,))

    def _cursor(self) -> int:
        row = self.conn.execute("SELECT position FROM cursors WHERE name = ?", (CURSOR,)).fetchone()
        return row[0] if row else 0

    def _one(self, row: dict, now: datetime, summary: PassSummary) -> None:
        summary.messages += 1
        case = self._case_of(row["thread_id"])
        if case is None and not self._may_steer(row):
            return  # most mail: no case in its thread, no tag anywhere; nothing can follow from it
        seen = self._seen(row)
        at = now.isoformat()
        for effect in effects(seen, case[1] if case else None, self.policy):
            if isinstance(effect, Open):
                case = self._open(seen, effect, at)
                summary.opened += 1
                summary.opened_ids.append(case[0])
                summary.promises += self._extract_thread(case[0], at)
            elif isinstance(effect, Refuse):
                summary.refused += 1
                self.events.append(at, "directive.refused", {"reason": effect.reason, "line": effect.line},
                                   case_id=case[0] if case else None, sha256=seen.msg.sha256)
            elif isinstance(effect, Apply) and case:
                before = self.refused_in_apply
                summary.promises += self._apply(case[0], effect.directive, effect.by, seen, at)
                summary.refused += self.refused_in_apply - before
            elif isinstance(effect, Extract) and case:
                summary.promises += self._extract(case[0], row, at)
            elif isinstance(effect, OwnerReplied) and case and seen.msg.date:
                self.conn.execute(
                    "UPDATE cases SET last_update_at = max(coalesce(last_update_at, ''), ?) WHERE id = ?",
                    (seen.msg.date.isoformat(), case[0]))

    def _may_steer(self, row: dict) -> bool:
        """Without a case, only a tag (written, a keyword, the tag folder) or a directive to
        refuse can matter, and each of those needs the tag somewhere."""
        marker = f"#{self.policy.tag}".lower()
        if marker in row["subject"].lower() or marker in row["text"].lower():
            return True
        tag, folder = self.policy.tag.lower(), self.policy.tag_folder.lower()
        for (keywords, place) in self.conn.execute("SELECT keywords, folder FROM locations WHERE sha256 = ?",
                                                   (row["sha256"],)):
            if tag in keywords.lower() or (place and folder in place.lower()):
                return True
        return False

    def _seen(self, row: dict) -> Seen:
        places = self.conn.execute(
            "SELECT folder, keywords, from_sent FROM locations WHERE sha256 = ?", (row["sha256"],)).fetchall()
        return Seen(
            id=row["id"], msg=readback.parsed(row), thread_id=row["thread_id"], client=row["client"],
            direction=row["direction"],
            keywords=frozenset(k for _, kw, _ in places for k in json.loads(kw)),
            folders=frozenset(f for f, _, _ in places if f),
            from_sent=any(s for _, _, s in places),
        )

    def _case_of(self, thread_id: int) -> tuple[int, str] | None:
        return self.conn.execute(
            "SELECT id, state FROM cases WHERE thread_id = ? ORDER BY id DESC LIMIT 1", (thread_id,)).fetchone()

    def _open(self, seen: Seen, effect: Open, at: str) -> tuple[int, str]:
        thread_id = self._forwarded_into(seen) or seen.thread_id
        existing = self._case_of(thread_id)
        if existing:
            return existing
        client = seen.client or self._thread_client(thread_id)
        subject = self._case_subject(thread_id)
        opened_at = seen.msg.date.isoformat() if seen.msg.date else at
        last_reply = self.conn.execute(  # our side's last word to the client before the tag, from Sent
            "SELECT max(m.date) FROM messages m WHERE m.thread_id = ? AND m.direction = 'out'"
            " AND m.automatic IS NULL AND EXISTS (SELECT 1 FROM locations l WHERE l.sha256 = m.sha256"
            " AND l.from_sent = 1)", (thread_id,)).fetchone()[0]
        case_id = self.conn.execute(
            "INSERT INTO cases (thread_id, client, subject, state, opened_at, opened_by, opened_via, opened_sha256,"
            " last_update_at) VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?)",
            (thread_id, client, subject, opened_at, effect.by, effect.via, seen.msg.sha256, last_reply)).lastrowid
        self.events.append(at, "case.opened", {"via": effect.via, "by": effect.by, "client": client, "subject": subject},
                           case_id=case_id, sha256=seen.msg.sha256)
        return case_id, "open"

    def _forwarded_into(self, seen: Seen) -> int | None:
        """A tag note forwarded to ourselves starts a thread of its own; join it to the client
        thread it forwards (same subject, most recent, not too old)."""
        alone = self.conn.execute("SELECT count(*) FROM messages WHERE thread_id = ?", (seen.thread_id,)).fetchone()[0]
        if alone != 1 or seen.direction != "internal":
            return None
        key, _ = subject_key(without_tag(seen.msg.subject, self.policy.tag))
        since = ((seen.msg.date or datetime.now(timezone.utc)) - FORWARD_WINDOW).isoformat()
        row = self.conn.execute(
            "SELECT id FROM threads WHERE subject_key = ? AND id != ? AND merged_into IS NULL AND client IS NOT NULL"
            " AND last_date >= ? ORDER BY last_date DESC LIMIT 1", (key, seen.thread_id, since)).fetchone()
        if row is None:
            return None
        self.conn.execute("UPDATE messages SET thread_id = ? WHERE thread_id = ?", (row[0], seen.thread_id))
        self.conn.execute("UPDATE msgids SET thread_id = ? WHERE thread_id = ?", (row[0], seen.thread_id))
        self.conn.execute("UPDATE threads SET merged_into = ? WHERE id = ?", (row[0], seen.thread_id))
        return row[0]

    def _thread_client(self, thread_id: int) -> str | None:
        row = self.conn.execute(
            "SELECT client FROM messages WHERE thread_id = ? AND client IS NOT NULL"
            " GROUP BY client ORDER BY count(*) DESC, min(date) LIMIT 1", (thread_id,)).fetchone()
        return row[0] if row else None

    def _case_subject(self, thread_id: int) -> str:
        rows = self.conn.execute(
            "SELECT subject FROM messages WHERE thread_id = ? ORDER BY direction = 'internal', date, id",
            (thread_id,)).fetchall()
        for (subject,) in rows:
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
            self.conn.execute("INSERT INTO notes (case_id, text, author, at, sha256) VALUES (?, ?, ?, ?, ?)",
                              (case_id, d.text, by, seen.msg.date.isoformat() if seen.msg.date else at, sha))
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
        return transaction(self.conn, archive_path(self.conn), on_rollback=self.events.forget)

    def add_note(self, case_id: int, text: str, by: str, at: str) -> None:
        self._require_case(case_id)
        self.conn.execute("INSERT INTO notes (case_id, text, author, at) VALUES (?, ?, ?, ?)", (case_id, text, by, at))
        self.events.append(at, "note.added", {"text": text, "by": by}, case_id=case_id)

    def decide_promise(self, promise_id: int, decision: str, by: str, at: str) -> None:
        """confirm (proposed → open), reject, kept, broken, withdrawn."""
        state = {"confirm": "open", "reject": "rejected", "kept": "kept", "broken": "broken",
                 "withdraw": "withdrawn"}[decision]
        row = self.conn.execute("SELECT case_id, state FROM promises WHERE id = ?", (promise_id,)).fetchone()
        if row is None:
            raise FollowupError(f"no promise {promise_id} (fix: list them with followup promises)")
        if decision == "confirm" and row[1] != "proposed":
            raise FollowupError(f"promise {promise_id} is {row[1]}, not proposed (fix: only proposed promises are confirmed)")
        self.conn.execute("UPDATE promises SET state = ?, decided_at = ?, decided_by = ? WHERE id = ?",
                          (state, at, by, promise_id))
        self.events.append(at, f"promise.{state}", {"id": promise_id, "by": by, "was": row[1]}, case_id=row[0])

    def _require_case(self, case_id: int) -> str:
        row = self.conn.execute("SELECT state FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise FollowupError(f"no case {case_id} (fix: list them with followup cases)")
        return row[0]

    def set_state(self, case_id: int, verb: str, by: str, at: str, reason: str | None = None,
                  sha: str | None = None, *, strict: bool = False) -> None:
        """close, pause or resume. Mail that repeats the current state changes nothing;
        from the command line (`strict`) it is an error."""
        state, column = {"close": ("closed", "closed_at"), "pause": ("paused", "paused_at"), "resume": ("open", None)}[verb]
        current = self._require_case(case_id)
        if current == state:
            if strict:
                raise FollowupError(f"case {case_id} is already {state} (fix: see it with followup show {case_id})")
            return
        if column:
            self.conn.execute(f"UPDATE cases SET state = ?, {column} = ? WHERE id = ?", (state, at, case_id))
        else:
            self.conn.execute("UPDATE cases SET state = 'open', paused_at = NULL, closed_at = NULL WHERE id = ?", (case_id,))
        self.events.append(at, f"case.{state}", {"by": by, "reason": reason}, case_id=case_id, sha256=sha)

    def _set_cadence(self, case_id: int, text: str, by: str, at: str, sha: str, line: str) -> bool:
        from followup.promises import parse_cadence

        locale, _ = self._case_locale(case_id)
        cadence = parse_cadence(text, [locale, "en", "nb", "da", "sv", "ca", "sk"])
        if cadence is None:
            self._refuse(at, f"cannot read the cadence {text!r} (write it like \"every 2 business days\" or "
                             "\"every Tuesday\")", line, case_id, sha)
            return False
        self.conn.execute("UPDATE cases SET cadence_text = ? WHERE id = ?", (cadence.to_text(), case_id))
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
        cursor = self.conn.execute(readback.SELECT_MESSAGE + " WHERE m.thread_id = (SELECT thread_id FROM cases"
                                   " WHERE id = ?) AND m.direction = 'out' ORDER BY m.date, m.id", (case_id,))
        rows = [readback.as_dict(cursor, r) for r in cursor.fetchall()]
        return sum(self._extract(case_id, row, at) for row in rows)

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
                self.conn.execute("UPDATE cases SET stated_cadence = ? WHERE id = ?", (cadence, case_id))
        return found

    def _record_promise(self, case_id, sha, author, quote, made, due, due_text, cadence, confidence, language,
                        source, at) -> int:
        state = "open" if confidence >= PROPOSED_BELOW else "proposed"
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO promises (case_id, sha256, author, quote, made_at, due_at, due_text, cadence,"
            " confidence, language, source, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (case_id, sha, author, quote, made.isoformat(), due.isoformat() if due else None, due_text, cadence,
             confidence, language, source, state))
        if not cursor.rowcount:
            return 0
        self.events.append(at, "promise.recorded", {
            "id": cursor.lastrowid, "quote": quote, "author": author, "due_at": due.isoformat() if due else None,
            "state": state, "source": source}, case_id=case_id, sha256=sha)
        return 1

    def _case_locale(self, case_id: int) -> tuple[str, str]:
        client = self.conn.execute("SELECT client FROM cases WHERE id = ?", (case_id,)).fetchone()[0]
        return self.locales.of_client(client)

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

