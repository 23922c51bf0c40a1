"""`followup grep`: git grep's options over the archive, on the fast path.

Only the stdlib and the search module load here (no click): argparse reads the options,
tomllib the config's `[archive] path` and client names. Output mirrors git grep: `NAME:TEXT`,
`-n` adds the line number, `-h` drops the name, `--` only between context groups; the NAME of
a message is the start of its SHA-256 (what `followup cat` takes).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from io import TextIOBase as TextIO  # annotations only; `typing` costs start-up time

from followup.errors import FollowupError

USAGE = "followup grep [options] PATTERN | followup grep [options] -e PATTERN..."


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line with the fix, exit 2 (argparse prints usage + error)
        _fail(f"{message} (fix: see followup grep --help)")


class _Formatter(argparse.HelpFormatter):
    """Sized by os (argparse's own default imports shutil, ~5 ms, for every add_argument)."""

    def __init__(self, prog: str):
        try:
            width = os.get_terminal_size(sys.stdout.fileno()).columns - 2
        except (OSError, ValueError, AttributeError):
            width = 78
        super().__init__(prog, width=max(width, 40))


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="followup grep", usage=USAGE, add_help=False, allow_abbrev=False, formatter_class=_Formatter,
                description="Search archived messages like git grep: line 0 is the subject, lines 1..n the body. "
                            "Exit status: 0 when something matched, 1 when nothing did, 2 on an error.")
    p.add_argument("pattern", nargs="?", metavar="PATTERN", help="A Python regular expression (or -F: a string).")
    p.add_argument("-e", "--regexp", dest="patterns", action="append", default=[], metavar="PATTERN",
                   help="A pattern; repeat it: a line matches when any pattern does.")
    p.add_argument("-E", "--extended-regexp", action="store_true", help="Patterns are regular expressions (the default).")
    p.add_argument("-F", "--fixed-strings", dest="fixed", action="store_true", help="Patterns are literal strings.")
    p.add_argument("-i", "--ignore-case", action="store_true", help="Ignore case.")
    p.add_argument("-w", "--word-regexp", dest="word", action="store_true", help="Match whole words only.")
    p.add_argument("-n", "--line-number", action="store_true", help="Prefix each line with its number (0: subject).")
    p.add_argument("-o", "--only-matching", action="store_true", help="Print only the matched parts, one per line.")
    p.add_argument("-h", "--no-filename", dest="names", action="store_false", help="Do not print message names.")
    p.add_argument("-H", dest="names", action="store_true", help="Print message names (the default; undoes -h).")
    p.add_argument("-l", "--files-with-matches", "--name-only", dest="list_only", action="store_true",
                   help="Print the name of each matching message, one per line.")
    p.add_argument("-c", "--count", action="store_true", help="Print NAME:COUNT, the matching lines per message.")
    p.add_argument("-q", "--quiet", action="store_true", help="Print nothing; the exit status says whether it matched.")
    p.add_argument("-C", "--context", type=_count, default=0, metavar="N", help="Show N lines around each match.")
    p.add_argument("--client", metavar="NAME", help="Only this client's messages.")
    p.add_argument("--case", dest="case_id", type=_count, metavar="ID", help="Only this case's messages.")
    p.add_argument("--from", dest="sender", metavar="TEXT", help="Only messages whose sender address or name contains TEXT.")
    p.add_argument("--since", metavar="DATE", help="Only messages dated on or after DATE (YYYY-MM-DD, UTC).")
    p.add_argument("--until", metavar="DATE", help="Only messages dated up to and including DATE (YYYY-MM-DD, UTC).")
    p.add_argument("--json", dest="fmt", action="store_const", const="json",
                   help="One JSON array: an object per matching line (with -l or -c: per message).")
    p.add_argument("--nl", dest="fmt", action="store_const", const="nl", help="The same objects, one per line.")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", metavar="WHEN",
                   help="Highlight matches: auto (on a terminal, unless NO_COLOR is set), always or never.")
    p.add_argument("--no-color", dest="color", action="store_const", const="never", help="The same as --color=never.")
    p.add_argument("--help", action="help", help="Show this help and exit.")
    return p


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number")
    return int(text)


def parse(argv: list[str]) -> argparse.Namespace:
    # git grep: a bare --color means always; a value needs the `=` form
    argv = ["--color=always" if a == "--color" else a for a in argv]
    o = _parser().parse_args(argv)
    if o.pattern is not None and o.patterns:
        _fail(f"unexpected argument {o.pattern!r} after -e (fix: give every pattern with -e, or none)")
    if o.pattern is None and not o.patterns:
        _fail("no pattern given (fix: followup grep PATTERN, or -e PATTERN)")
    o.patterns = o.patterns or [o.pattern]
    return o


def main(argv: list[str], config_path: str | None, out: TextIO | None = None) -> None:
    """Run grep and exit: 0 a match, 1 none, 2 an error (one line on stderr)."""
    try:
        matched = run(parse(argv), config_path, out or sys.stdout)
    except FollowupError as exc:
        _fail(str(exc))
    except BrokenPipeError:  # `followup grep x | head`
        sys.stderr.close()
        sys.exit(0)
    sys.exit(0 if matched else 1)


def _fail(message: str):
    print(f"followup: error: {message}", file=sys.stderr)
    sys.exit(2)


def run(o: argparse.Namespace, config_path: str | None, out: TextIO) -> bool:
    from followup.storage.db import open_readonly
    from followup.storage.search import grep
    from followup.commands.grepprint import printer
    from followup.configpath import config_file, fast_settings

    query = _query(o)
    try:
        query.compile()
    except re.error as exc:
        raise FollowupError(f"bad regex {query.pattern!r}: {exc} (fix: escape it, or use -F for a literal string)") from None
    settings = fast_settings(config_file(config_path, os.environ))
    conn = open_readonly(settings.archive)
    try:
        _check_filters(conn, o, settings.clients)
        show_lines = not (o.list_only or o.count or o.quiet)
        hits = grep(conn, query, context=0 if o.only_matching else o.context, lines=show_lines,
                    first_only=o.list_only or o.quiet)
        return printer(o, out, color=_color(o.color, out)).print_all(hits)
    finally:
        conn.close()


def _query(o: argparse.Namespace):
    from followup.storage.search import Query

    patterns = o.patterns
    if len(patterns) == 1:
        pattern, fixed = patterns[0], o.fixed
    else:  # several -e: a line matches when any does
        pattern, fixed = "|".join(re.escape(p) if o.fixed else f"(?:{p})" for p in patterns), False
    return Query(pattern=pattern, fixed=fixed, ignore_case=o.ignore_case, word=o.word,
                 client=o.client, case_id=o.case_id, sender=o.sender,
                 since=_utc_bound(o.since, "--since", end=False), until=_utc_bound(o.until, "--until", end=True))


def _check_filters(conn, o: argparse.Namespace, config_clients: tuple[str, ...]) -> None:
    """A name that matches nothing known is an error (exit 2), not "no match" (exit 1)."""
    from followup.commands.unknown import unknown
    from followup.storage.search import case_exists, case_ids, client_has_mail, mail_clients

    if o.client is not None and o.client not in config_clients and not client_has_mail(conn, o.client):
        raise FollowupError(unknown("client", o.client, set(config_clients) | mail_clients(conn)))
    if o.case_id is not None and not case_exists(conn, o.case_id):
        raise FollowupError(unknown("case", o.case_id, case_ids(conn)))


def _utc_bound(value: str | None, option: str, *, end: bool) -> str | None:
    """A date is a whole UTC day: --since from its start, --until up to its end."""
    if value is None:
        return None
    from datetime import datetime, timedelta, timezone

    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise FollowupError(f"{option} {value!r} is not a date (fix: write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    if end:  # search compares `date < until`: move past the day, or past the second given
        parsed += timedelta(days=1) if len(value) == 10 else timedelta(seconds=1)
    return parsed.astimezone(timezone.utc).isoformat()


def _color(when: str, out: TextIO) -> bool:
    if when == "auto":
        return out.isatty() and not os.environ.get("NO_COLOR")
    return when == "always"
