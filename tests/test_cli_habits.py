"""CLI habits on the bundled example: one JSON document per --json, --nl lines, exit codes
for empty listings and unknown names, sentences instead of internals, actions recorded for
an owner, usage errors in one line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, Cli
from followup.commands.app import main

NOW = "2026-11-23T09:00:00+00:00"


@pytest.fixture
def example(tmp_path: Path, monkeypatch) -> Cli:
    """The example config (one owner) after one pass: one case, three promises, two mails sent."""
    shutil.copy(REPO / "config.example.toml", tmp_path / "config.example.toml")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FOLLOWUP_NOW", NOW)
    monkeypatch.delenv("FOLLOWUP_OWNER", raising=False)
    cli = Cli(tmp_path / "config.example.toml")
    assert cli("run", "--once").exit_code == 0
    return cli


LISTINGS = [("cases",), ("promises",), ("outbox",), ("grep", "-i", "rapport"), ("grep", "-l", "rapport"),
            ("grep", "-c", "rapport")]
DOCUMENTS = [("show", "1"), ("brief", "acme"), ("digest",), ("status",), ("verify",), ("run", "--once"),
             ("import", "examples/mail")]


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_a_listing_prints_one_json_array_and_the_same_rows_one_per_line_with_nl(example, args):
    result = example(*args, "--json")
    rows = json.loads(result.stdout)
    assert result.exit_code == 0 and isinstance(rows, list) and rows
    assert [json.loads(line) for line in example(*args, "--nl").stdout.splitlines()] == rows


def test_a_listing_of_one_row_is_still_an_array(example):
    rows = json.loads(example("cases", "--json").stdout)
    assert isinstance(rows, list) and len(rows) == 1


@pytest.mark.parametrize("args", DOCUMENTS, ids=" ".join)
def test_every_other_command_prints_one_json_object(example, args):
    result = example(*args, "--json")
    assert result.exit_code == 0, result.stderr
    assert isinstance(json.loads(result.stdout), dict)


def test_export_prints_one_json_object(example, tmp_path):
    assert isinstance(json.loads(example("export", "acme", "--to", str(tmp_path / "b"), "--json").stdout), dict)


@pytest.mark.parametrize("args", [("cases", "--state", "closed"), ("promises", "--state", "withdrawn"),
                                  ("outbox", "--state", "failed"), ("quarantine",), ("refusals",),
                                  ("grep", "nowhere at all")],
                         ids=" ".join)
def test_every_empty_listing_exits_1_and_prints_an_empty_array(example, args):
    result = example(*args, "--json")
    assert (result.exit_code, json.loads(result.stdout)) == (1, [])
    assert example(*args, "--nl").stdout == ""


def test_an_empty_quarantine_says_so_on_stderr_and_exits_1(example):
    result = example("quarantine")
    assert (result.exit_code, result.stdout) == (1, "") and "Nothing is in quarantine" in result.stderr


@pytest.mark.parametrize("args, named", [
    (("cases", "--client", "nobody"), "no client named 'nobody' (known: acme"),
    (("promises", "--client", "nobody"), "no client named 'nobody' (known: acme"),
    (("promises", "--case", "99"), "no case 99 (known: 1)"),
    (("grep", "x", "--client", "nobody"), "no client named 'nobody' (known: acme"),
    (("grep", "x", "--case", "99"), "no case 99 (known: 1)"),
    (("brief", "nobody"), "no client named 'nobody' (known: acme"),
    (("digest", "--owner", "nobody@agency.example"), "no owner named 'nobody@agency.example' (known: me@agency.example)"),
    (("note", "1", "x", "--as", "nobody@agency.example"), "no owner named 'nobody@agency.example'"),
], ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_an_unknown_name_is_one_line_listing_the_known_ones_and_exit_2(example, args, named):
    result = example(*args)
    assert result.exit_code == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert named in line


def test_a_known_client_without_cases_in_that_state_exits_1(example):
    assert example("cases", "--client", "acme", "--state", "closed").exit_code == 1


@pytest.mark.parametrize("args, said", [
    (("promise", "broken", "1"), "Promise 1 marked broken."),
    (("promise", "kept", "2"), "Promise 2 marked kept."),
    (("pause", "1"), "Paused case 1."),
    (("close", "1", "--reason", "delivered"), "Closed case 1 (reason: delivered)."),
    (("note", "1", "Kari", "called"), "Added a note to case 1."),
], ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_actions_answer_in_a_sentence(example, args, said):
    result = example(*args)
    assert (result.exit_code, result.stdout) == (0, said + "\n")


def test_the_timeline_tells_what_happened_without_internals(example):
    example("promise", "broken", "1")
    example("close", "1", "--reason", "delivered")
    text = example("show", "1").stdout
    assert "Promise 1 marked broken by me@agency.example (was open)." in text
    assert "Case closed by me@agency.example (reason: delivered)." in text
    assert "Acknowledgement queued for kari.nordmann@acme.example." in text
    for internal in ("=", "['", "{'", "None", "True", "False", "cli:"):
        assert internal not in text.split("timeline:", 1)[1], internal


def test_an_event_kind_not_described_yet_is_still_told_in_words():
    from followup.commands.timeline import event_sentence

    said = event_sentence({"kind": "promise.postponed", "data": {"id": 4, "due_at": "2026-12-01", "by": None,
                                                                   "to": ["a@b.example"], "draft": False}})
    assert said == "Promise postponed (id 4; due at 2026-12-01; to a@b.example; draft no)."


def test_the_only_owner_is_the_actor_by_default(example):
    example("note", "1", "Kari", "called")
    assert example.json("show", "1")["notes"][-1]["author"] == "me@agency.example"


def test_with_several_owners_the_actor_must_be_named(cli: Cli, monkeypatch):
    (cli.config.parent / "box" / "cur").mkdir(parents=True)
    monkeypatch.delenv("FOLLOWUP_OWNER", raising=False)
    result = cli("close", "1")
    assert result.exit_code == 2 and "--as ADDRESS" in result.stderr and "FOLLOWUP_OWNER" in result.stderr


def test_followup_owner_names_the_actor(example, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_OWNER", "me@agency.example")
    example("note", "1", "from the environment")
    assert example.json("show", "1")["notes"][-1]["author"] == "me@agency.example"
    monkeypatch.setenv("FOLLOWUP_OWNER", "nobody@agency.example")
    assert example("note", "1", "x").exit_code == 2


def test_a_usage_error_is_one_line_with_the_fix(example):
    result = example("cases", "--bogus")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert "--bogus" in line and "fix: see followup cases --help" in line


def test_no_command_shows_the_help_on_stderr_and_exits_2(example):
    result = CliRunner().invoke(main, [])
    assert result.exit_code == 2 and result.stdout == "" and "Commands:" in result.stderr


def test_a_bad_choice_is_one_line_too(example):
    result = example("promises", "--state", "late")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1 and "--help" in result.stderr


def test_an_unsupported_language_warns_once_and_the_client_gets_english(example):
    config = example.config
    config.write_text(config.read_text().replace('locale = "nb"', 'locale = "de"'), encoding="utf-8")
    result = example("templates", "preview", "1")
    assert result.exit_code == 0
    (warning,) = result.stderr.splitlines()
    assert '"de" is not a supported language, so English is used' in warning
    assert "Subject: Re: Kvartalsrapport Q3" in result.stdout and "update" in result.stdout.lower()


def test_version_does_not_read_package_metadata():
    import subprocess
    import sys

    code = ("import sys\nfrom followup.cli import entry\ntry:\n    entry(['--version'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('importlib.metadata', 'click'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["followup, version 0.1.0", "[]"]


def test_the_console_scripts_version_skips_the_tear_down():
    """entry() without arguments (the console script) leaves through os._exit, as its grep does."""
    import subprocess
    import sys

    code = ("import atexit, sys\natexit.register(lambda: print('torn down'))\n"
            "from followup.cli import entry\nentry()\n")
    done = subprocess.run([sys.executable, "-c", code, "--version"], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "followup, version 0.1.0\n", "")


def test_the_console_script_runs_other_commands_through_click(example):
    runner = CliRunner()
    result = runner.invoke(main, ["--config", str(example.config), "cases", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["id"] == 1
