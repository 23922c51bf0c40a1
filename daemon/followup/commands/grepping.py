"""`followup grep`: git grep's options over the archive, on the fast path.

Only the stdlib and the search module load here (no click): grepoptions reads the options
(argparse when it hands a command line back), tomllib the config's `[archive] path` and client names. Output mirrors git grep: `NAME:TEXT`,
`-n` adds the line number, `-h` drops the name, `--` only between context groups; the NAME of
a message is the start of its SHA-256 (what `followup cat` takes).
"""

from __future__ import annotations

import os
import re
import sys
from io import TextIOBase as TextIO  # annotations only; `typing` costs start-up time

from followup.commands.grepoptions import APPEND, FLAG, HELP, OPTIONS, Options, read
from followup.errors import FollowupError

USAGE = "followup grep [options] PATTERN | followup grep [options] -e PATTERN..."


def _parser():
    """grep's argparse parser, built from grepoptions.OPTIONS (imported only when grepoptions.read
    hands a command line back: --help, a mistake, an unusual form)."""
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message: str):  # one line with the fix, exit 2 (argparse prints usage + error)
            _fail(f"{message} (fix: see followup grep --help)")

    class Formatter(argparse.HelpFormatter):
        """Sized by os (argparse's own default imports shutil, ~5 ms, for every add_argument)."""

        def __init__(self, prog: str):
            try:
                width = os.get_terminal_size(sys.stdout.fileno()).columns - 2
            except (OSError, ValueError, AttributeError):
                width = 78
            super().__init__(prog, width=max(width, 40))

    def count(text: str) -> int:
        if not text.isdigit():
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number")
        return int(text)

    p = Parser(prog="followup grep", usage=USAGE, add_help=False, allow_abbrev=False, formatter_class=Formatter,
               description="Search archived messages like git grep: line 0 is the subject, lines 1..n the body. "
                           "Exit status: 0 when something matched, 1 when nothing did, 2 on an error.")
    p.add_argument("pattern", nargs="?", metavar="PATTERN", help="A Python regular expression (or -F: a string).")
    for option in OPTIONS:
        p.add_argument(*option.flags, **_argparse_keywords(option, count))
    return p


def _argparse_keywords(option, count) -> dict:
    if option.kind == HELP:
        return {"action": "help", "help": option.help}
    words = {"dest": option.dest, "help": option.help}
    if option.kind == FLAG:
        const = option.const
        action = "store_true" if const is True else "store_false" if const is False else "store_const"
        return {**words, "action": action, **({"const": const} if action == "store_const" else {}),
                **({"default": option.default} if option.default is not None else {})}
    words["metavar"] = option.metavar
    if option.kind == APPEND:
        return {**words, "action": "append", "default": list(option.default)}
    if option.check == "count":
        words["type"] = count
    elif option.check is not None:
        words["choices"] = option.check
    return {**words, "default": option.default}


def parse(argv: list[str]) -> Options:
    # git grep: a bare --color means always; a value needs the `=` form
    argv = ["--color=always" if a == "--color" else a for a in argv]
    o = read(argv) or _parser().parse_args(argv)
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


def run(o: Options, config_path: str | None, out: TextIO) -> bool:
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


def _query(o: Options):
    from followup.storage.search import Query

    patterns = o.patterns
    if len(patterns) == 1:
        pattern, fixed = patterns[0], o.fixed
    else:  # several -e: a line matches when any does
        pattern, fixed = "|".join(re.escape(p) if o.fixed else f"(?:{p})" for p in patterns), False
    return Query(pattern=pattern, fixed=fixed, ignore_case=o.ignore_case, word=o.word,
                 client=o.client, case_id=o.case_id, sender=o.sender,
                 since=_utc_bound(o.since, "--since", end=False), until=_utc_bound(o.until, "--until", end=True))


def _check_filters(conn, o: Options, config_clients: tuple[str, ...]) -> None:
    """A name that matches nothing known is an error (exit 2), not "no match" (exit 1)."""
    if o.client is None and o.case_id is None:
        return
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
