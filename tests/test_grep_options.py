"""grep's two option readers agree: what grepoptions.read accepts, argparse reads the same way.

grepoptions.read keeps argparse (and gettext, locale) out of grep's start-up for the
command lines people type; whatever it hands back (None) argparse reads as before. So for
every command line read accepts, argparse must accept it too and give the same options.
"""

from __future__ import annotations

import contextlib
import io
import random

import pytest

from followup.commands.grepoptions import read
from followup.commands.grepping import _parser

TOKENS = [
    "-i", "-w", "-F", "-E", "-l", "-c", "-q", "-n", "-o", "-h", "-H", "-liw", "-iC2", "-C", "2", "-C2", "-C0",
    "--context", "3", "--context=4", "--client", "acme", "--client=acme", "--client=", "--case", "7", "--case=8",
    "--from", "ana@acme.example", "--since", "2026-01-01", "--until=2026-02-01", "--json", "--nl",
    "--color=never", "--color=always", "--color=auto", "--no-color", "-e", "foo", "-efoo", "-ie", "--regexp",
    "--regexp=baz", "--", "pattern", "other words", "-", "", "x", "--color=blue", "--json=1", "-e=x", "-ie=x",
    "--clie", "-x", "-5", "--help", "-C-1", "-C", "²", "--case=٣", "-i foo", "--files-with-matches",
    "--name-only", "--ignore-case", "--word-regexp", "--fixed-strings", "--extended-regexp", "--line-number",
    "--only-matching", "--no-filename", "--count", "--quiet",
]
TYPED = [
    ["firmware"], ["-l", "-i", "-w", "firmware"], ["-liw", "firmware"], ["-n", "-C", "2", "invoice"],
    ["-C2", "-n", "invoice"], ["--client", "acme", "-i", "report"], ["--client=acme", "--since", "2026-11-01", "x"],
    ["-e", "one", "-e", "two"], ["-F", "--", "-literal"], ["--json", "-c", "x"], ["--nl", "x"],
    ["--color=never", "-o", "x"], ["-q", "x"], ["--case", "3", "x"], ["--from", "ana", "--until", "2026-12-01", "x"],
]


def _argparse(argv: list[str]) -> dict | None:
    """argparse's options, or None when it refuses the line (or prints help) and exits."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            return vars(_parser().parse_args(argv))
        except SystemExit:
            return None


@pytest.mark.parametrize("argv", TYPED, ids=" ".join)
def test_command_lines_people_type_are_read_without_argparse_and_as_argparse_reads_them(argv):
    fast = read(argv)
    assert fast is not None
    assert vars(fast) == _argparse(argv)


def test_every_line_read_accepts_argparse_reads_the_same_way():
    rng = random.Random(14)
    accepted = 0
    for _ in range(4000):
        argv = rng.choices(TOKENS, k=rng.randint(0, 6))
        fast = read(argv)
        if fast is not None:
            accepted += 1
            assert vars(fast) == _argparse(argv), argv
    assert accepted > 200  # the comparison covered many accepted lines, not only refusals


@pytest.mark.parametrize("argv", [["--help"], ["-x", "y"], ["-C", "two", "y"], ["-e=x"], ["a", "b"], ["--json=1", "x"],
                                  ["--color=blue", "x"], ["-e", "-x"], ["--", "a", "--"]], ids=" ".join)
def test_help_mistakes_and_unusual_forms_are_left_to_argparse(argv):
    assert read(argv) is None
