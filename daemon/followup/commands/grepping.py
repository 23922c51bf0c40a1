"""`followup grep`: run a Query and print hits like git grep (headings on a terminal)."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

from followup.archive.search import Hit, Query, grep
from followup.archive.db import open_readonly
from followup.errors import FollowupError

_BOLD, _RED, _CYAN, _DIM, _RESET = "\x1b[1m", "\x1b[1;31m", "\x1b[36m", "\x1b[2m", "\x1b[0m"


def run_grep(archive_path: Path, options: dict, *, out: TextIO) -> bool:
    query = _query(options)
    try:
        query.compile()
    except re.error as exc:
        raise FollowupError(f"bad regex {options['pattern']!r}: {exc} (fix: escape it, or use -F for a literal string)") from None
    conn = open_readonly(archive_path)
    try:
        show_lines = not (options["list_only"] or options["count"])
        hits = grep(conn, query, context=options["context"], lines=show_lines, first_only=options["list_only"])
        return _print(hits, options, out)
    finally:
        conn.close()


def _query(o: dict) -> Query:
    return Query(
        pattern=o["pattern"], fixed=o["fixed"], ignore_case=o["ignore_case"], word=o["word"],
        client=o["client"], case_id=o["case_id"], sender=o["sender"],
        since=_utc_bound(o["since"], "--since"), until=_utc_bound(o["until"], "--until"),
    )


def _utc_bound(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise FollowupError(f"{option} {value!r} is not a date (fix: write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).isoformat()


def _print(hits, o: dict, out: TextIO) -> bool:
    tty = out.isatty()
    color = o["color"] == "always" or (o["color"] == "auto" and tty)
    any_hit = False
    for hit in hits:
        if o["as_json"]:
            _print_json(hit, o, out)
        elif o["list_only"]:
            out.write(_listing(hit, color) + "\n")
        elif o["count"]:
            out.write(f"{_name(hit, color)}:{hit.count}\n")
        elif tty:
            _print_heading(hit, color, out, first=not any_hit)
        else:
            _print_plain(hit, color, out, first=not any_hit, context=o["context"])
        any_hit = True
    return any_hit


def _print_json(hit: Hit, o: dict, out: TextIO) -> None:
    base = {"message_id": hit.message_id, "sha256": hit.sha256, "date": hit.date, "from": hit.sender,
            "subject": hit.subject, "client": hit.client}
    if o["list_only"] or o["count"]:
        extra = {} if o["list_only"] else {"count": hit.count}  # -l stops at the first match
        out.write(json.dumps({**base, **extra}, ensure_ascii=False) + "\n")
        return
    for line in hit.lines:
        if line.spans:
            out.write(json.dumps({**base, "line_number": line.number, "line": line.text}, ensure_ascii=False) + "\n")


def _print_heading(hit: Hit, color: bool, out: TextIO, *, first: bool) -> None:
    if not first:
        out.write("\n")
    head = " · ".join(x for x in (hit.client or "-", _short_date(hit.date), hit.sender, hit.subject))
    out.write((f"{_BOLD}{head}{_RESET}  {_DIM}{hit.sha256[:12]}{_RESET}" if color else f"{head}  {hit.sha256[:12]}") + "\n")
    previous = None
    for line in hit.lines:
        if previous is not None and line.number != previous + 1:
            out.write("  --\n")
        mark = ":" if line.spans else "-"
        out.write(f"{line.number:>5}{mark} {_highlight(line.text, line.spans, color)}\n")
        previous = line.number


def _print_plain(hit: Hit, color: bool, out: TextIO, *, first: bool, context: int) -> None:
    """git grep's layout: name:line:text, context with '-', groups apart by '--'."""
    previous = None
    for line in hit.lines:
        starts_group = line.number != previous + 1 if previous is not None else not first
        if context and starts_group:
            out.write("--\n")
        mark = ":" if line.spans else "-"
        out.write(f"{_name(hit, color)}{mark}{line.number}{mark}{_highlight(line.text, line.spans, color)}\n")
        previous = line.number


def _listing(hit: Hit, color: bool) -> str:
    return "\t".join((_name(hit, color), _short_date(hit.date), hit.client or "-", hit.sender, hit.subject))


def _name(hit: Hit, color: bool) -> str:
    return f"{_CYAN}{hit.sha256[:12]}{_RESET}" if color else hit.sha256[:12]


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

