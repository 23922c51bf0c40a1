"""`followup grep` flag by flag against real `git grep` on the same text.

Each archived message is mirrored into a file named like the message (the start of its
SHA-256) holding its searchable text: the subject, then the body. `git grep --no-index`
over those files is the reference: same flags, same lines (git numbers lines from 1 where
our subject is line 0). The text is ASCII so both regex engines agree on words and case.
"""

from __future__ import annotations

import os
import pty
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mailfactory import message

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (.ci/install.sh adds it)")

MAILS = [
    ("Report for Q3", "Hi Kari,\n\nWe will send the report by Friday 20 November.\nThe invoice follows.\n"
     "line five\nline six\nline seven\nSorry for the delay with the report.\n", "Mon, 02 Nov 2026 10:00:00 +0000"),
    ("Invoice #2041 (net)", "Hi,\n\nWe will send the revised invoice #2041 (net) by Friday.\nreporting is fine\n",
     "Tue, 03 Nov 2026 23:30:00 +0000"),
    ("Lunch", "No match here, only sandwiches.\nreports, reporters and a Report.\n", "Wed, 04 Nov 2026 08:00:00 +0000"),
]


@pytest.fixture
def mirror(cli, tmp_path: Path):
    box = tmp_path / "box"
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True)
    for n, (subject, body, date) in enumerate(MAILS):
        raw = message(body, Subject=subject, Date=date, From="me@agency.example", To="kari@acme.example",
                      Message_ID=f"<g{n}@agency.example>").as_bytes()
        (box / "cur" / f"{n}:2,S").write_bytes(raw)
    assert cli("import", str(box)).exit_code == 0
    files = tmp_path / "mirror"
    files.mkdir()
    conn = sqlite3.connect(tmp_path / "data" / "archive.sqlite3")
    for sha, subject, text in conn.execute("SELECT sha256, subject, text FROM messages"):
        (files / sha[:12]).write_text(subject + "\n" + text, encoding="utf-8")
    conn.close()
    return cli, files


def ours(cli, *args: str) -> list[str]:
    result = cli("grep", *args)
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout.splitlines()


def gits(files: Path, *args: str) -> list[str]:
    """git grep with extended regexps, our default (git's own is basic, -G)."""
    extended = [] if "-F" in args else ["-E"]
    done = subprocess.run(["git", "-c", "color.ui=never", "grep", "--no-index", *extended, *args], cwd=files,
                          capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout.splitlines()


def groups(lines: list[str]) -> list[list[str]]:
    """Output split at git's `--` separators, in a stable order (git sorts by name, we by date)."""
    found, current = [], []
    for line in lines + ["--"]:
        if line == "--":
            found.append(sorted(current, key=lambda line: line[:12]))  # by name; a file keeps its order
            current = []
        else:
            current.append(line)
    return sorted(found)


def git_numbers(lines: list[str], *, names: bool = True) -> list[str]:
    """Our line numbers start at 0 (the subject); git's at 1."""
    pattern = r"^([0-9a-f]{12}[:-])(\d+)([:-])" if names else r"^(\s*)(\d+)([:-])"
    return [re.sub(pattern, lambda m: f"{m[1]}{int(m[2]) + 1}{m[3]}", line) for line in lines]


@pytest.mark.parametrize("flags", [
    ["report"],
    ["-i", "report"],
    ["-w", "report"],
    ["-i", "-w", "report"],
    ["-E", "invoice|sandwich"],
    ["-F", "#2041 (net)"],
    ["-e", "delay", "-e", "sandwich"],
    ["-F", "-e", "(net)", "-e", "Q3"],
    ["-o", "-i", "report[a-z]*"],
    ["-h", "invoice"],
    ["-h", "-H", "invoice"],
    ["-l", "report"],
    ["-c", "-i", "report"],
    ["-h", "-c", "report"],
    ["-o", "-h", "Friday( 20)?"],
], ids=lambda flags: " ".join(flags))
def test_the_same_lines_as_git_grep(mirror, flags):
    cli, files = mirror
    assert sorted(ours(cli, *flags)) == sorted(gits(files, *flags))


@pytest.mark.parametrize("flags", [["-n", "report"], ["-n", "-o", "report"], ["-n", "-C", "1", "seven"],
                                   ["-n", "-C", "2", "delay"], ["-n", "-i", "-C", "1", "report"]],
                         ids=lambda flags: " ".join(flags))
def test_line_numbers_like_git_grep_counting_the_subject_as_line_0(mirror, flags):
    cli, files = mirror
    assert groups(git_numbers(ours(cli, *flags))) == groups(gits(files, *flags))


def test_context_groups_are_apart_by_two_dashes_as_in_git_grep(mirror):
    cli, files = mirror
    got = ours(cli, "-n", "-C", "1", "-e", "by Friday 20", "-e", "delay with")
    assert "--" in got
    assert git_numbers(got) == gits(files, "-n", "-C", "1", "-e", "by Friday 20", "-e", "delay with")


def test_a_trailing_newline_ends_the_last_line_and_starts_no_empty_one(mirror):
    cli, _ = mirror
    assert sorted(ours(cli, "-h", "-c", "^$")) == ["1", "1"]  # the blank line after "Hi," only
    assert ours(cli, "-n", "-C", "3", "delay with")[-1].endswith("Sorry for the delay with the report.")


def test_no_separator_without_context(mirror):
    cli, _ = mirror
    got = ours(cli, "-n", "-e", "by Friday 20", "-e", "delay with")
    assert len(got) == 2 and "--" not in got


def test_files_with_matches_prints_only_names(mirror):
    cli, files = mirror
    names = ours(cli, "-l", "-i", "report")
    assert sorted(names) == sorted(p.name for p in files.iterdir() if "report" in p.read_text().lower())


def test_quiet_prints_nothing_and_tells_by_the_exit_status(mirror):
    cli, _ = mirror
    assert (cli("grep", "-q", "report").exit_code, cli("grep", "-q", "report").stdout) == (0, "")
    assert cli("grep", "-q", "nowhere to be found").exit_code == 1


def test_help_is_on_help_only(mirror):
    cli, _ = mirror
    result = cli("grep", "--help")
    assert result.exit_code == 0 and "--only-matching" in result.stdout
    assert cli("grep", "-h", "sandwiches").stdout == "No match here, only sandwiches.\n"


def test_a_pattern_and_e_patterns_together_are_a_usage_error_in_one_line(mirror):
    cli, _ = mirror
    result = cli("grep", "-e", "a", "b")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1


def test_an_unknown_option_is_one_line_naming_help(mirror):
    cli, _ = mirror
    result = cli("grep", "--frobnicate", "x")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert "--frobnicate" in line and "followup grep --help" in line


def test_until_includes_its_day_and_since_starts_at_its_day(mirror):
    cli, _ = mirror
    assert len(ours(cli, "-l", "-i", "invoice", "--until", "2026-11-03")) == 2
    assert len(ours(cli, "-l", "-i", "invoice", "--until", "2026-11-02")) == 1
    assert len(ours(cli, "-l", "-i", "invoice", "--since", "2026-11-03", "--until", "2026-11-03")) == 1
    assert len(ours(cli, "-l", "-i", "invoice", "--until", "2026-11-03T23:30")) == 2


def test_json_is_one_array_and_nl_one_object_per_line(mirror):
    cli, _ = mirror
    import json

    array = json.loads(cli("grep", "--json", "sandwiches").stdout)
    assert isinstance(array, list) and len(array) == 1 and array[0]["line_number"] == 1
    assert [json.loads(line) for line in cli("grep", "--nl", "-i", "report").stdout.splitlines()] == \
        json.loads(cli("grep", "--json", "-i", "report").stdout)
    assert json.loads(cli("grep", "--json", "nowhere to be found").stdout) == []


@pytest.mark.parametrize("filters", [["--client", "nobody"], ["--case", "99"]])
def test_an_unknown_client_or_case_is_an_error_naming_the_known_ones(mirror, filters):
    cli, _ = mirror
    result = cli("grep", "report", *filters)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert "known:" in line and (filters[1] in line)


def test_a_known_client_without_a_match_exits_1(mirror):
    cli, _ = mirror
    assert cli("grep", "sandwiches", "--client", "acme").exit_code == 0
    assert cli("grep", "nowhere to be found", "--client", "acme").exit_code == 1


# --- colour: the console script on a pseudo-terminal ---------------------------------------------


def on_a_terminal(cli, *args: str, env: dict[str, str]) -> str:
    """Run `followup grep` with stdout on a pty (isatty() is true), as a user's shell would."""
    controller, terminal = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | env
    code = "from followup.cli import entry; entry()"
    proc = subprocess.run([sys.executable, "-c", code, "--config", str(cli.config), "grep", *args],
                          stdout=terminal, stderr=subprocess.PIPE, env=environment, timeout=60)
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    assert proc.returncode == 0, proc.stderr
    return b"".join(chunks).decode()


def test_color_auto_highlights_on_a_terminal(mirror):
    cli, _ = mirror
    assert "\x1b[" in on_a_terminal(cli, "sandwiches", env={})


def test_no_color_turns_auto_colour_off(mirror):
    cli, _ = mirror
    assert "\x1b[" not in on_a_terminal(cli, "sandwiches", env={"NO_COLOR": "1"})


def test_color_always_wins_over_no_color_and_never_wins_on_a_terminal(mirror):
    cli, _ = mirror
    assert "\x1b[" in on_a_terminal(cli, "--color=always", "sandwiches", env={"NO_COLOR": "1"})
    assert "\x1b[" not in on_a_terminal(cli, "--color=never", "sandwiches", env={})


def test_color_always_when_piped(mirror):
    cli, _ = mirror
    assert "\x1b[1;31msandwiches\x1b[0m" in cli("grep", "--color=always", "sandwiches").stdout
    assert "\x1b[" not in cli("grep", "sandwiches").stdout
    assert "\x1b[" in cli("grep", "--color", "sandwiches").stdout  # a bare --color is always, as in git
