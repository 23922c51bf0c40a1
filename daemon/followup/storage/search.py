"""`followup grep`: git-grep semantics over archived message text. Stdlib only, read-only.

A message's searchable text is its subject (line 0) followed by its body (lines 1..n).
The trigram index narrows candidates when the pattern requires some literal text; the
regex, applied line by line, decides what matches, so results equal a full scan.
"""

from __future__ import annotations

import re
import sqlite3
from collections import namedtuple
from collections.abc import Iterator

from followup.storage.fold import fold
from followup.storage.literals import fts_query, literal_text, required


# Named tuples, not dataclasses: importing dataclasses costs grep's start-up ~9 ms.
_QUERY = ("pattern", "fixed", "ignore_case", "word", "client", "case_id", "sender", "since", "until")


class Query(namedtuple("Query", _QUERY, defaults=(False, False, False, None, None, None, None, None))):
    """pattern; fixed (-F), ignore_case (-i), word (-w); filters: client, case_id, sender (--from:
    a substring of address or display name, any case), since and until (ISO 8601, against the
    UTC date; until is exclusive)."""

    __slots__ = ()

    def compile(self) -> re.Pattern[str]:
        """Raises re.error for a bad pattern."""
        body = re.escape(self.pattern) if self.fixed else self.pattern
        if self.word:
            body = rf"(?<!\w)(?:{body})(?!\w)"
        return re.compile(body, re.IGNORECASE if self.ignore_case else 0)

    def literal(self) -> bool:
        """A plain string (or -F) cannot match across a line break, so the whole text can be
        searched at once and the matches placed on their lines: the same hits, much faster."""
        if not self.pattern or "\n" in self.pattern or "\r" in self.pattern:
            return False
        return self.fixed or literal_text(self.pattern) is not None

    def opening(self) -> re.Pattern[str] | None:
        """For a literal pattern, the literal alone (None for other patterns): every match
        of compile() starts where this one matches, and without -w's look-arounds re finds
        a literal by a fast scan instead of trying each position (3x faster on list mail)."""
        if not self.literal():
            return None
        text = self.pattern if self.fixed else literal_text(self.pattern)
        return re.compile(re.escape(text), re.IGNORECASE if self.ignore_case else 0)

    def folded(self) -> str | None:
        """For a literal pattern under -i, the literal folded (storage/fold.py; None otherwise):
        where the regex matches an ASCII text, its lower-cased copy holds this string, so
        str.find can look for it (5x faster than re's case-blind scan)."""
        if not (self.ignore_case and self.literal()):
            return None
        return fold(self.pattern if self.fixed else literal_text(self.pattern))

    def within_lines(self) -> bool:
        """No match can span a line break: true of every pattern but a literal holding an
        escaped one ("a\\nb", which the whole-text search of a literal matches across lines)."""
        if not self.literal():
            return True
        text = self.pattern if self.fixed else literal_text(self.pattern)
        return "\n" not in text and "\r" not in text

    def narrowing(self) -> str | None:
        """The FTS5 expression every matching message satisfies, or None."""
        if self.fixed:
            return fts_query(self.pattern) if len(self.pattern) >= 3 else None
        need = required(self.pattern, re.IGNORECASE if self.ignore_case else 0)
        return fts_query(need) if need is not None else None


class Line(namedtuple("Line", "number text spans")):
    """number (0 is the subject), text, spans: the matches ((start, end), …; none for context)."""

    __slots__ = ()


class Hit(namedtuple("Hit", "message_id sha256 date sender subject client count lines", defaults=((),))):
    """One message with at least one matching line: count is its matching lines, lines the
    matching lines with their context (when asked)."""

    __slots__ = ()


def grep(conn: sqlite3.Connection, query: Query, *, context: int = 0, lines: bool = True,
         first_only: bool = False) -> Iterator[Hit]:
    """`first_only` (for -l): stop reading a message at its first matching line; count is 1."""
    regex = query.compile()
    opening, folded = query.opening(), query.folded()
    if opening is None:
        find = _find_per_line
    else:
        def find(subject: str, text: str, regex: re.Pattern[str], first_only: bool) -> dict[int, tuple]:
            return _find_in_text(subject, text, regex, first_only, opening, folded)
    if first_only and not lines and query.within_lines():
        yield from _names(conn, query, regex, find)
        return
    sql, params = _select(query)
    for row in conn.execute(sql, params):
        hit = _match(row, regex, find, context, lines, first_only)
        if hit is not None:
            yield hit


_CHUNK = 256  # candidates whose texts are read with one query


def _names(conn: sqlite3.Connection, query: Query, regex: re.Pattern[str], find) -> Iterator[Hit]:
    """-l and -q: a message whose subject (line 0, looked at first) matches is a hit without
    its text, and most of a common word's hits are there ("[PATCH] ..."); the texts of the
    others are read a chunk at a time. (Query.within_lines: the subject followed by an empty
    text gives line 0's first match as the whole message does.)"""
    sql, params = _select(query, last="m.id")
    cursor = conn.execute(sql, params)
    while chunk := cursor.fetchmany(_CHUNK):
        in_subject = [0 in find(row[5], "", regex, True) for row in chunk]
        missing = [row[7] for row, found in zip(chunk, in_subject) if not found]
        texts = dict(conn.execute(f"SELECT id, text FROM messages WHERE id IN ({','.join('?' * len(missing))})",
                                  missing)) if missing else {}
        for (*head, message_id), found in zip(chunk, in_subject):
            if found:
                yield Hit(*head[:3], _sender(head[3], head[4]), head[5], head[6], 1)
                continue
            hit = _match((*head, texts[message_id]), regex, find, 0, False, True)
            if hit is not None:
                yield hit


# Each filter's condition, in the order of the values _select gives them; a condition binds
# its value once per `?`.
_CONDITIONS = (
    "m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)",
    "m.client = ?",
    "m.thread_id = (SELECT thread_id FROM cases WHERE id = ?)",
    "(instr(lower(m.from_addr), ?) OR instr(lower(m.from_name), ?))",
    "m.date >= ?",
    "m.date < ?",
)


def _select(query: Query, last: str = "m.text") -> tuple[str, list]:
    """The candidates' SQL: message_id, sha256, date, from_addr, from_name, subject, client
    and `last` (the text, or for _names the row id), in grep's order."""
    sender = query.sender.lower() if query.sender is not None else None
    values = (query.narrowing(), query.client, query.case_id, sender, query.since, query.until)
    where, params = [], []
    for condition, value in zip(_CONDITIONS, values):
        if value is not None:
            where.append(condition)
            params += [value] * condition.count("?")
    sql = (
        f"SELECT m.message_id, m.sha256, m.date, m.from_addr, m.from_name, m.subject, m.client, {last} "
        "FROM messages m"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY m.date, m.id"
    )
    return sql, params


def _match(row: tuple, regex: re.Pattern[str], find, context: int, want_lines: bool, first_only: bool) -> Hit | None:
    message_id, sha256, date, from_addr, from_name, subject, client, text = row
    matching = find(subject, text, regex, first_only)
    if not matching:
        return None
    shown: tuple[Line, ...] = ()
    if want_lines:
        shown = tuple(_with_context(_lines(subject, text), matching, context))
    return Hit(message_id, sha256, date, _sender(from_addr, from_name), subject, client, len(matching), shown)


def _sender(from_addr: str, from_name: str) -> str:
    return f"{from_name} <{from_addr}>" if from_name else from_addr


def _lines(subject: str, text: str) -> list[str]:
    """The subject, then the body's lines; a final line break ends the last line (as in git
    grep), it does not start an empty one."""
    body = text.split("\n")
    if len(body) > 1 and body[-1] == "":
        body.pop()
    return [subject, *body]


def _find_per_line(subject: str, text: str, regex: re.Pattern[str], first_only: bool) -> dict[int, tuple]:
    matching: dict[int, tuple] = {}
    for number, line in enumerate(_lines(subject, text)):
        spans = tuple(m.span() for m in regex.finditer(line))
        if spans:
            matching[number] = spans
            if first_only:
                break
    return matching


def _find_in_text(subject: str, text: str, regex: re.Pattern[str], first_only: bool,
                  opening: re.Pattern[str], folded: str | None) -> dict[int, tuple]:
    """For literal patterns: one search over the message (_literal_matches), each match
    placed on its line."""
    if "\n" in subject:
        return _find_per_line(subject, text, regex, first_only)
    doc = subject + "\n" + text
    matching: dict[int, list] = {}
    line, line_start, scanned = 0, 0, 0
    for start, end in _literal_matches(doc, regex, opening, folded):
        breaks = doc.count("\n", scanned, start)
        if breaks:
            line += breaks
            line_start = doc.rfind("\n", 0, start) + 1
        scanned = start
        matching.setdefault(line, []).append((start - line_start, end - line_start))
        if first_only:
            break
    return {number: tuple(spans) for number, spans in matching.items()}


def _literal_matches(doc: str, regex: re.Pattern[str], opening: re.Pattern[str],
                     folded: str | None) -> Iterator[tuple[int, int]]:
    """The spans of regex.finditer(doc), for a literal pattern, faster. Every match starts
    where the literal alone matches (Query.opening), so the regex is only tried there, in
    order, from the end of the last match (its look-behind, for -w, still sees the text
    before): without -w's look-arounds re finds a literal by a fast scan instead of trying
    each position. Under -i an ASCII text is lower-cased and str.find looks for the folded
    literal: it finds every place the case-blind literal matches (and maybe more, which the
    regex rejects)."""
    lowered = doc.lower() if folded is not None and doc.isascii() else None
    pos, size = 0, len(doc)
    while pos <= size:
        if lowered is not None:
            at = lowered.find(folded, pos)
            if at < 0:
                return
        else:
            found = opening.search(doc, pos)
            if found is None:
                return
            at = found.start()
        m = regex.match(doc, at)
        if m is None:
            pos = at + 1
            continue
        start, end = m.span()
        yield start, end
        pos = end if end > start else end + 1


def _with_context(all_lines: list[str], matching: dict, context: int) -> Iterator[Line]:
    wanted: set[int] = set()
    for number in matching:
        # as in git grep, the subject (line 0) is just the first line: context flows across it
        low = max(0, number - context)
        high = min(len(all_lines) - 1, number + context)
        wanted.update(range(low, high + 1))
    for number in sorted(wanted):
        yield Line(number, all_lines[number], matching.get(number, ()))


# --- what the filters may name: --client and --case of grep and of the listings -------------


def client_has_mail(conn: sqlite3.Connection, client: str) -> bool:
    return conn.execute("SELECT 1 FROM messages WHERE client = ? LIMIT 1", (client,)).fetchone() is not None


def mail_clients(conn: sqlite3.Connection) -> set[str]:
    """Every client some archived message belongs to."""
    return {r[0] for r in conn.execute("SELECT DISTINCT client FROM messages WHERE client IS NOT NULL")}


def case_exists(conn: sqlite3.Connection, case_id: int) -> bool:
    return conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is not None


def case_ids(conn: sqlite3.Connection) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM cases ORDER BY id")]
