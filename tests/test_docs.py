"""README.md stays true: its commands exist and work, and every CLI command is documented."""

from __future__ import annotations

import email
import re
import shutil
from email import policy
from pathlib import Path

import click
import pytest

from followup.cli import main

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def command_after(marker: str) -> str:
    block = README.split(f"<!-- {marker} -->", 1)[1]
    return re.search(r"```sh\n(.+?)\n```", block, re.S).group(1).strip()


def test_readme_has_a_main_command_and_a_test_command():
    assert "followup" in command_after("main-command")
    assert "pytest" in command_after("test-command")


def test_every_cli_command_has_a_readme_section():
    headings = [line for line in README.splitlines() if line.startswith("### ")]
    for name in main.commands:
        assert any(f"`followup {name}" in h for h in headings), f"README.md lacks a section for `followup {name}`"


def test_every_grep_option_is_mentioned_in_the_readme():
    grep = main.commands["grep"]
    for param in grep.params:
        if isinstance(param, click.Option) and param.name != "color":
            assert any(opt in README for opt in param.opts), f"README.md does not mention {param.opts}"


def run_main_command(tmp_path, monkeypatch, now: str | None = None) -> str:
    """The README's main job, minus `pip install .`, on a copy of the repo's example files;
    returns everything it printed."""
    shutil.copy(REPO / "config.example.toml", tmp_path / "config.example.toml")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    if now is not None:
        monkeypatch.setenv("FOLLOWUP_NOW", now)
    from click.testing import CliRunner

    runner = CliRunner()
    printed = []
    for part in command_after("main-command").split(" && ")[1:]:
        args = re.findall(r'"[^"]*"|\S+', part)[1:]
        result = runner.invoke(main, [a.strip('"') for a in args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        printed.append(result.stdout)
    return "\n".join(printed)


def test_the_main_command_runs_on_the_bundled_example(tmp_path, monkeypatch):
    assert "innen fredag" in run_main_command(tmp_path, monkeypatch)


# a weekday in the working day, a Saturday night, a Sunday just before midnight
@pytest.mark.parametrize("now", ["2026-11-30T09:00:00+00:00", "2026-12-05T03:00:00+00:00", "2026-12-06T23:59:00+00:00"])
def test_the_main_command_shows_the_case_the_promises_the_update_and_the_digest_at_any_hour(tmp_path, monkeypatch, now):
    printed = run_main_command(tmp_path, monkeypatch, now)
    assert "case 1 · acme · Kvartalsrapport Q3 · open" in printed
    assert "OVERDUE   due 2026-11-20 16:00 me@agency.example" in printed
    assert "wrote the ack for case 1 to kari.nordmann@acme.example" in printed
    assert "wrote the digest to me@agency.example" in printed


def test_the_update_text_in_the_readme_is_the_one_the_demo_writes(tmp_path, monkeypatch):
    """README shows the mail of a run on 30 November 2026; the demo writes exactly that text."""
    run_main_command(tmp_path, monkeypatch, "2026-11-30T09:00:00+00:00")
    shown = README.split("<!-- demo-update -->", 1)[1].split("```text\n", 1)[1].split("\n```", 1)[0]
    mails = [email.message_from_bytes(p.read_bytes(), policy=policy.default) for p in (tmp_path / "outbox" / "new").iterdir()]
    (ack,) = [m for m in mails if "kari.nordmann@acme.example" in m["To"]]
    assert ack.get_body(("plain",)).get_content().replace("\r\n", "\n").strip() == shown.strip()
    assert ack["From"] == "Mia Berg <me@agency.example>" and ack["In-Reply-To"] == "<q3-5@acme.example>"
