"""`followup grep`'s options: one table, read by argparse and by a small reader for plain command lines.

Importing and building argparse (with gettext and locale, which argparse pulls in) costs
grep's start-up about 3 ms, as much as the rest of grep's own modules. `read` takes the
command lines people type (flags, clustered short flags, `-C 2`, `-C2`, `--client acme`,
`--client=acme`, one PATTERN, `--`) and gives argparse's result; anything else (--help, a
mistake, an unusual form such as `-e=x` or a value starting with "-") it hands back with
None, and argparse reads it and answers as it always did. tests/test_grep_options.py
compares the two readers on every form.
"""

from __future__ import annotations

from collections import namedtuple

FLAG, VALUE, APPEND, HELP = "flag", "value", "append", "help"


class Option(namedtuple("Option", "flags dest kind const default check metavar help",
                        defaults=(True, None, None, None, None))):
    """flags; dest; kind: FLAG (stores `const`), VALUE (stores its value), APPEND (adds it) or
    HELP; default; check: "count" (a whole number) or a tuple of the allowed values."""

    __slots__ = ()


OPTIONS = (
    Option(("-e", "--regexp"), "patterns", APPEND, default=(), metavar="PATTERN",
           help="A pattern; repeat it: a line matches when any pattern does."),
    Option(("-E", "--extended-regexp"), "extended_regexp", FLAG, default=False,
           help="Patterns are regular expressions (the default)."),
    Option(("-F", "--fixed-strings"), "fixed", FLAG, default=False, help="Patterns are literal strings."),
    Option(("-i", "--ignore-case"), "ignore_case", FLAG, default=False, help="Ignore case."),
    Option(("-w", "--word-regexp"), "word", FLAG, default=False, help="Match whole words only."),
    Option(("-n", "--line-number"), "line_number", FLAG, default=False,
           help="Prefix each line with its number (0: subject)."),
    Option(("-o", "--only-matching"), "only_matching", FLAG, default=False,
           help="Print only the matched parts, one per line."),
    Option(("-h", "--no-filename"), "names", FLAG, const=False, default=True, help="Do not print message names."),
    Option(("-H",), "names", FLAG, help="Print message names (the default; undoes -h)."),
    Option(("-l", "--files-with-matches", "--name-only"), "list_only", FLAG, default=False,
           help="Print the name of each matching message, one per line."),
    Option(("-c", "--count"), "count", FLAG, default=False, help="Print NAME:COUNT, the matching lines per message."),
    Option(("-q", "--quiet"), "quiet", FLAG, default=False,
           help="Print nothing; the exit status says whether it matched."),
    Option(("-C", "--context"), "context", VALUE, default=0, check="count", metavar="N",
           help="Show N lines around each match."),
    Option(("--client",), "client", VALUE, metavar="NAME", help="Only this client's messages."),
    Option(("--case",), "case_id", VALUE, check="count", metavar="ID", help="Only this case's messages."),
    Option(("--from",), "sender", VALUE, metavar="TEXT",
           help="Only messages whose sender address or name contains TEXT."),
    Option(("--since",), "since", VALUE, metavar="DATE", help="Only messages dated on or after DATE (YYYY-MM-DD, UTC)."),
    Option(("--until",), "until", VALUE, metavar="DATE",
           help="Only messages dated up to and including DATE (YYYY-MM-DD, UTC)."),
    Option(("--json",), "fmt", FLAG, const="json",
           help="One JSON array: an object per matching line (with -l or -c: per message)."),
    Option(("--nl",), "fmt", FLAG, const="nl", help="The same objects, one per line."),
    Option(("--color",), "color", VALUE, default="auto", check=("auto", "always", "never"), metavar="WHEN",
           help="Highlight matches: auto (on a terminal, unless NO_COLOR is set), always or never."),
    Option(("--no-color",), "color", FLAG, const="never", help="The same as --color=never."),
    Option(("--help",), "help", HELP, help="Show this help and exit."),
)
_BY_FLAG = {flag: option for option in OPTIONS for flag in option.flags}


class Options:
    """What argparse.Namespace holds after reading the same command line."""

    def __init__(self) -> None:
        for option in OPTIONS:  # as argparse: the first option naming a dest gives its default
            if option.kind != HELP and not hasattr(self, option.dest):
                setattr(self, option.dest, list(option.default) if option.kind == APPEND else option.default)
        self.pattern: str | None = None


def read(argv: list[str]) -> Options | None:
    """The options of a plain command line, or None: argparse is to read it."""
    o, pattern = Options(), []
    args = iter(argv)
    for arg in args:
        if arg == "--":  # only "-- PATTERN" at the end; argparse has its own rules for the rest
            rest = list(args)
            if pattern or len(rest) != 1 or rest[0] == "--":
                return None
            pattern.append(rest[0])
        elif arg.startswith("--"):
            name, has_value, value = arg.partition("=")
            option = _BY_FLAG.get(name)
            if option is None or option.kind == HELP or has_value and option.kind == FLAG:
                return None
            if not has_value and option.kind != FLAG:
                value = next(args, None)
            if not _apply(o, option, value):
                return None
        elif arg.startswith("-") and arg != "-":
            if "=" in arg or not _cluster(o, arg[1:], args):
                return None
        else:
            pattern.append(arg)
    if len(pattern) > 1:
        return None
    o.pattern = pattern[0] if pattern else None
    return o


def _cluster(o: Options, letters: str, args) -> bool:
    """Short options run together ("-liw", "-C2", "-iC", "2"), as argparse reads them."""
    for at, letter in enumerate(letters):
        option = _BY_FLAG.get("-" + letter)
        if option is None or option.kind == HELP:
            return False
        if option.kind != FLAG:
            return _apply(o, option, letters[at + 1:] or next(args, None))
        _apply(o, option, None)
    return True


def _apply(o: Options, option: Option, value: str | None) -> bool:
    if option.kind == FLAG:
        setattr(o, option.dest, option.const)
        return True
    # a missing value, or one argparse might take for an option: argparse decides
    if value is None or value.startswith("-") or not _valid(option.check, value):
        return False
    if option.kind == APPEND:
        getattr(o, option.dest).append(value)
    else:
        setattr(o, option.dest, int(value) if option.check == "count" else value)
    return True


def _valid(check, value: str) -> bool:
    if check == "count":
        return value.isascii() and value.isdigit()
    return check is None or value in check
