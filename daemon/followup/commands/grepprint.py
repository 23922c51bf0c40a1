"""How `followup grep` prints hits: git grep's layouts, JSON, and a heading per message on a terminal."""

from __future__ import annotations

import json
from collections.abc import Iterable
from io import TextIOBase as TextIO  # annotations only; `typing` costs grep's start-up ~4 ms

from followup.storage.search import Hit, Line

_BOLD, _RED, _CYAN, _DIM, _RESET = "\x1b[1m", "\x1b[1;31m", "\x1b[36m", "\x1b[2m", "\x1b[0m"


def printer(o, out: TextIO, *, color: bool) -> "Printer":
    return Printer(o, out, color)


class Printer:
    def __init__(self, o, out: TextIO, color: bool):
        self.o, self.out, self.color = o, out, color
        self.heading = out.isatty() and o.names and not (o.fmt or o.list_only or o.count or o.only_matching)
        self.rows: list[dict] = []

    def print_all(self, hits: Iterable[Hit]) -> bool:
        any_hit = False
        for hit in hits:
            if self.o.quiet:
                return True
            self.one(hit, first=not any_hit)
            any_hit = True
        if self.o.fmt == "json":
            self.out.write(json.dumps(self.rows, ensure_ascii=False) + "\n")
        return any_hit

    def one(self, hit: Hit, *, first: bool) -> None:
        o = self.o
        if o.fmt:
            for row in _json_rows(hit, o):
                self.rows.append(row) if o.fmt == "json" else self.out.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif o.list_only:
            self.out.write(self.name(hit) + "\n")
        elif o.count:
            self.out.write((f"{self.name(hit)}:" if o.names else "") + f"{hit.count}\n")
        elif o.only_matching:
            self._only_matching(hit)
        elif self.heading:
            self._heading(hit, first)
        else:
            self._plain(hit, first)

    def name(self, hit: Hit) -> str:
        return f"{_CYAN}{hit.sha256[:12]}{_RESET}" if self.color else hit.sha256[:12]

    def prefix(self, hit: Hit, line: Line, mark: str) -> str:
        parts = ([self.name(hit)] if self.o.names else []) + ([str(line.number)] if self.o.line_number else [])
        return "".join(p + mark for p in parts)

    def _plain(self, hit: Hit, first: bool) -> None:
        """git grep's layout: NAME:[LINE:]TEXT; context lines with '-'; groups apart by '--'."""
        previous = None
        for line in hit.lines:
            starts_group = line.number != previous + 1 if previous is not None else not first
            if self.o.context and starts_group:
                self.out.write("--\n")
            mark = ":" if line.spans else "-"
            self.out.write(self.prefix(hit, line, mark) + _highlight(line.text, line.spans, self.color) + "\n")
            previous = line.number

    def _only_matching(self, hit: Hit) -> None:
        for line in hit.lines:
            for start, end in line.spans:
                if end > start:
                    text = line.text[start:end]
                    self.out.write(self.prefix(hit, line, ":") + (f"{_RED}{text}{_RESET}" if self.color else text) + "\n")

    def _heading(self, hit: Hit, first: bool) -> None:
        """On a terminal: who, when and what once per message, then its lines."""
        if not first:
            self.out.write("\n")
        head = " · ".join((hit.client or "-", _short_date(hit.date), hit.sender, hit.subject))
        self.out.write((f"{_BOLD}{head}{_RESET}  {_DIM}{hit.sha256[:12]}{_RESET}" if self.color
                        else f"{head}  {hit.sha256[:12]}") + "\n")
        previous = None
        for line in hit.lines:
            if self.o.context and previous is not None and line.number != previous + 1:
                self.out.write("--\n")
            mark = ":" if line.spans else "-"
            number = f"{line.number:>5}{mark} " if self.o.line_number else ""
            self.out.write(f"{number}{_highlight(line.text, line.spans, self.color)}\n")
            previous = line.number


def _json_rows(hit: Hit, o) -> list[dict]:
    base = {"message_id": hit.message_id, "sha256": hit.sha256, "date": hit.date, "from": hit.sender,
            "subject": hit.subject, "client": hit.client}
    if o.list_only:
        return [base]  # -l stops at the first match: no count
    if o.count:
        return [{**base, "count": hit.count}]
    return [{**base, "line_number": line.number, "line": line.text} for line in hit.lines if line.spans]


def _short_date(iso: str | None) -> str:
    return iso[:16].replace("T", " ") if iso else "(no date)"


def _highlight(text: str, spans: tuple[tuple[int, int], ...], color: bool) -> str:
    if not color or not spans:
        return text
    parts, last = [], 0
    for start, end in spans:
        if end > start:
            parts += [text[last:start], _RED, text[start:end], _RESET]
            last = end
    return "".join(parts) + text[last:]
