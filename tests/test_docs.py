"""README.md stays true: its commands exist and work, and every CLI command is documented."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import click

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


def test_the_main_command_runs_on_the_bundled_example(tmp_path, monkeypatch):
    """The README's main job, minus `pip install .`, on a copy of the repo's example files."""
    shutil.copy(REPO / "config.example.toml", tmp_path / "config.example.toml")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    from click.testing import CliRunner

    runner = CliRunner()
    for part in command_after("main-command").split(" && ")[1:]:
        args = re.findall(r'"[^"]*"|\S+', part)[1:]
        result = runner.invoke(main, [a.strip('"') for a in args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    assert "innen fredag" in result.stdout
