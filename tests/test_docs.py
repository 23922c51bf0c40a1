"""README.md stays true: every command example runs on the example config and prints what
the README shows, with the exit code it claims; every CLI command is documented.

An example is a `$ followup …` line in a ```sh block; the lines after it, up to the next `$`,
are its exact stdout (a last line `…` means "more follows"). It must exit 0 unless the line
ends in `# exit N`. `$ export NAME=VALUE …` lines set the environment of the examples after.
The examples run in README order, in one copy of config.example.toml and examples/.
"""

from __future__ import annotations

import email
import re
import shlex
import shutil
from dataclasses import dataclass
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup.commands.app import COMMANDS, main
from followup.commands.grepping import _parser

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


@dataclass
class Example:
    line: str
    output: list[str]
    exit_code: int


def command_after(marker: str) -> str:
    block = README.split(f"<!-- {marker} -->", 1)[1]
    return re.search(r"```sh\n(.+?)\n```", block, re.S).group(1).strip()


def examples(text: str = README) -> list[Example]:
    found: list[Example] = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                command, _, comment = line[2:].partition("  # exit ")
                found.append(Example(command.strip(), [], int(comment) if comment else 0))
            elif found and block.lstrip().startswith("$ "):
                found[-1].output.append(line)
    return found


def test_readme_has_a_main_command_and_a_test_command():
    assert "followup" in command_after("main-command")
    assert "pytest" in command_after("test-command")


def test_every_cli_command_has_a_readme_section():
    headings = [line for line in README.splitlines() if line.startswith("### ")]
    for name in COMMANDS:
        assert any(f"`followup {name}" in h for h in headings), f"README.md lacks a section for `followup {name}`"


def test_every_cli_command_has_an_example_in_the_readme():
    run = {shlex.split(e.line)[1] for e in examples() if e.line.startswith("followup ")}
    assert set(COMMANDS) - run == set()


def test_every_grep_option_is_mentioned_in_the_readme():
    for action in _parser()._actions:
        assert not action.option_strings or any(f"`{opt}" in README for opt in action.option_strings), \
            f"README.md does not mention {action.option_strings}"


def test_the_example_reader_splits_commands_outputs_and_exit_codes():
    text = "```sh\n$ followup grep x  # exit 1\n$ followup cases\n  ID  STATE\n…\n```\n```sh\nfollowup no\n```\n"
    assert examples(text) == [Example("followup grep x", [], 1), Example("followup cases", ["  ID  STATE", "…"], 0)]


@pytest.fixture
def example_dir(tmp_path: Path, monkeypatch) -> Path:
    shutil.copy(REPO / "config.example.toml", tmp_path / "config.example.toml")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    for name in ("FOLLOWUP_CONFIG", "FOLLOWUP_NOW", "FOLLOWUP_OWNER", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_every_readme_example_prints_what_it_claims(example_dir: Path, monkeypatch):
    runner = CliRunner()
    checked = 0
    for example in examples():
        words = shlex.split(example.line)
        if words[0] == "export":
            for assignment in words[1:]:
                monkeypatch.setenv(*assignment.split("=", 1))
            continue
        if words[0] != "followup" or "|" in words:
            continue
        result = runner.invoke(main, words[1:], catch_exceptions=False)
        assert result.exit_code == example.exit_code, f"{example.line}: {result.stderr}"
        expected, got = example.output, result.stdout.splitlines()
        if expected[-1:] == ["…"]:
            expected, got = expected[:-1], got[:len(expected) - 1]
        # a line ending in "…" shows the start of what is printed (hashes that vary by folder)
        got = [g[:len(e) - 1] + "…" if e.endswith("…") and g.startswith(e[:-1]) else g for e, g in zip(expected, got)] \
            + got[len(expected):]
        assert got == expected, example.line
        checked += 1
    assert checked >= len(COMMANDS)


def run_main_command(now: str | None = None) -> str:
    """The README's main job, minus `pip install .`, in the example folder; returns what it printed."""
    runner = CliRunner()
    printed = []
    for part in command_after("main-command").split(" && ")[1:]:
        args = re.findall(r'"[^"]*"|\S+', part)[1:]
        result = runner.invoke(main, [a.strip('"') for a in args], catch_exceptions=False,
                               env={"FOLLOWUP_NOW": now} if now else None)
        assert result.exit_code == 0, result.output
        printed.append(result.stdout)
    return "\n".join(printed)


def test_the_main_command_runs_on_the_bundled_example(example_dir: Path):
    assert "innen fredag" in run_main_command()


# a weekday in the working day, a Saturday night, a Sunday just before midnight
@pytest.mark.parametrize("now", ["2026-11-30T09:00:00+00:00", "2026-12-05T03:00:00+00:00", "2026-12-06T23:59:00+00:00"])
def test_the_main_command_shows_the_case_the_promises_the_update_and_the_digest_at_any_hour(example_dir: Path, now):
    printed = run_main_command(now)
    assert "case 1 · acme · Kvartalsrapport Q3 · open" in printed
    assert "OVERDUE   due 2026-11-20 16:00 me@agency.example" in printed
    assert "wrote the ack for case 1 to kari.nordmann@acme.example" in printed
    assert "wrote the digest to me@agency.example" in printed


def test_the_update_text_in_the_readme_is_the_one_the_demo_writes(example_dir: Path):
    """README shows the mail of a run on 30 November 2026; the demo writes exactly that text."""
    run_main_command("2026-11-30T09:00:00+00:00")
    shown = README.split("<!-- demo-update -->", 1)[1].split("```text\n", 1)[1].split("\n```", 1)[0]
    mails = [email.message_from_bytes(p.read_bytes(), policy=policy.default)
             for p in (example_dir / "outbox" / "new").iterdir()]
    (ack,) = [m for m in mails if "kari.nordmann@acme.example" in m["To"]]
    assert ack.get_body(("plain",)).get_content().replace("\r\n", "\n").strip() == shown.strip()
    assert ack["From"] == "Mia Berg <me@agency.example>" and ack["In-Reply-To"] == "<q3-5@acme.example>"
