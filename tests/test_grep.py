"""`followup grep`: git grep's semantics over the archive, through the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from mailfactory import message


def write(maildir, name: str, raw: bytes) -> None:
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    (maildir / "cur" / name).write_bytes(raw)


def imported(cli, box, *raws: bytes):
    """`cli` after importing the messages from a Maildir at `box`."""
    for number, raw in enumerate(raws, start=1):
        write(box, str(number), raw)
    assert cli("import", str(box)).exit_code == 0
    return cli


@pytest.fixture
def archived(cli, tmp_path):
    return imported(cli, tmp_path / "box", message(
        "Hei Kari,\n\nVi sender rapporten innen fredag.\nBeklager forsinkelsen – det skjer ikke igjen.\n",
        From="Me <me@agency.example>", To="kari@acme.example", Subject="Rapport for Q3",
        Date="Mon, 02 Nov 2026 10:00:00 +0100", Message_ID="<r1@agency.example>").as_bytes(), message(
        "Hi,\n\nWe will send the revised invoice by Friday.\nline three\nline four\nline five\n",
        From="Me <me@agency.example>", To="bob@globex.example", Subject="Invoice #2041",
        Date="Tue, 03 Nov 2026 09:00:00 +0000", Message_ID="<i1@agency.example>").as_bytes(), message(
        "Dobrý deň,\n\nPošleme vám opravu do piatku. Ďakujeme za trpezlivosť.\n",
        From="Ján <jan@acme.example>", To="me@agency.example", Subject="Oprava",
        Date="Wed, 04 Nov 2026 08:00:00 +0100", Message_ID="<s1@acme.example>").as_bytes())


def test_a_match_exits_0_and_prints_name_and_line(archived):
    result = archived("grep", "revised invoice")
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    name, text = line.split(":", 1)
    assert len(name) == 12 and text == "We will send the revised invoice by Friday."


def test_no_match_exits_1_and_prints_nothing(archived):
    result = archived("grep", "nothing like this")
    assert (result.exit_code, result.stdout) == (1, "")


def test_a_bad_regex_exits_2_with_one_line_naming_the_fix(archived):
    result = archived("grep", "invoice(")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "-F" in result.stderr


def test_the_subject_is_line_0(archived):
    assert archived.json_lines("grep", "Invoice #")[0]["line_number"] == 0


def test_fixed_strings_take_regex_characters_literally(archived):
    assert archived("grep", "-F", "#2041").exit_code == 0
    assert archived("grep", "-F", "Invoice #20.1").exit_code == 1


def test_ignore_case_matches_norwegian_letters(archived):
    assert archived("grep", "BEKLAGER FORSINKELSEN").exit_code == 1
    assert archived("grep", "-i", "BEKLAGER FORSINKELSEN").exit_code == 0
    assert archived("grep", "-i", "FORSINKELSEN – DET").exit_code == 0


def test_slovak_diacritics_match_with_and_without_ignore_case(archived):
    assert archived("grep", "Ďakujeme za trpezlivosť").exit_code == 0
    assert archived("grep", "-i", "ďAKUJEME ZA TRPEZLIVOSŤ").exit_code == 0
    assert archived("grep", "Dakujeme").exit_code == 1


def test_word_regexp_needs_word_boundaries(archived):
    assert archived("grep", "-w", "invoic").exit_code == 1
    assert archived("grep", "-w", "invoice").exit_code == 0


@pytest.fixture
def near_misses(cli, tmp_path):
    return imported(cli, tmp_path / "box", message(
        "The firmwares and the prefirmware tools came first.\nThen the new Firmware itself.\n"
        "\u017ftatus: the \u212aelvin reading is fine.\n",
        From="Ana <ana@acme.example>", To="me@agency.example", Subject="Firmware-update",
        Date="Mon, 02 Nov 2026 10:00:00 +0100", Message_ID="<f1@acme.example>").as_bytes())


def test_a_whole_word_is_found_after_the_same_letters_inside_longer_words(near_misses):
    found = near_misses("grep", "-i", "-w", "-n", "-o", "firmware").stdout.splitlines()
    assert [line.split(":", 1)[1] for line in found] == ["0:Firmware", "2:Firmware"]
    assert near_misses.json_lines("grep", "-w", "firmware") == []  # case matters without -i
    assert near_misses("grep", "-l", "-w", "-i", "FIRMWARES").exit_code == 0


def test_ignore_case_equates_the_letters_python_re_equates(near_misses):
    # re.IGNORECASE matches the long s with s and the Kelvin sign with k: so does grep
    assert [h["line_number"] for h in near_misses.json_lines("grep", "-i", "-w", "STATUS")] == [3]
    assert [h["line_number"] for h in near_misses.json_lines("grep", "-i", "-F", "kelvin")] == [3]
    assert near_misses.json_lines("grep", "-w", "status") == []


def test_json_lines_carry_the_message_and_the_line(archived):
    (hit,) = archived.json_lines("grep", "innen fredag")
    assert hit["message_id"] == "r1@agency.example" and hit["client"] == "acme"
    assert hit["line_number"] == 3 and hit["line"] == "Vi sender rapporten innen fredag."
    assert set(hit) >= {"message_id", "sha256", "date", "from", "subject", "client", "line_number", "line"}


def test_files_with_matches_prints_one_message_name_per_line(archived):
    result = archived("grep", "-l", "e")
    names = result.stdout.splitlines()
    assert len(names) == 3 and all(len(n) == 12 and set(n) <= set("0123456789abcdef") for n in names)
    assert [h["sha256"][:12] for h in archived.json_lines("grep", "-l", "e")] == names


def test_files_with_matches_agrees_with_the_full_listing_whether_the_subject_or_the_text_matches(archived):
    # messages 1 and 2 match in their subjects, message 3 only in its text ("opravu")
    patterns = ["-i", "-e", "rapport", "-e", "invoice", "-e", "opravu"]
    names = archived("grep", "-l", *patterns).stdout.splitlines()
    assert len(names) == 3
    assert names == list(dict.fromkeys(line.split(":", 1)[0] for line in archived("grep", *patterns).stdout.splitlines()))
    assert archived("grep", "-l", "-w", "opravu").stdout.splitlines() == names[2:]


def test_count_prints_matching_lines_per_message(archived):
    result = archived("grep", "-c", "line")
    assert result.stdout.strip().endswith(":3")


def test_context_shows_surrounding_lines_marked_with_a_dash(archived):
    lines = archived("grep", "-n", "-C", "1", "line four").stdout.splitlines()
    assert [line.split("-", 1)[0].split(":", 1)[0] for line in lines] and len(lines) == 3
    assert lines[0].endswith("line three") and "-4-" in lines[0]
    assert ":5:" in lines[1]


def test_filters_by_client_sender_and_date(archived):
    assert [h["client"] for h in archived.json_lines("grep", "-l", "e", "--client", "acme")] == ["acme", "acme"]
    assert len(archived.json_lines("grep", "-l", "e", "--from", "JAN@")) == 1
    assert len(archived.json_lines("grep", "-l", "e", "--since", "2026-11-03")) == 2
    assert len(archived.json_lines("grep", "-l", "e", "--until", "2026-11-03")) == 2


def test_a_bad_date_filter_is_an_error_naming_the_format(archived):
    result = archived("grep", "x", "--since", "last tuesday")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_grep_on_a_missing_archive_says_how_to_create_one(cli):
    result = cli("grep", "x")
    assert result.exit_code == 2 and "followup import" in result.stderr


GREP_PATH = {"followup", "followup.cli", "followup.errors", "followup.configpath", "followup.commands",
             "followup.commands.grepping", "followup.commands.grepoptions", "followup.commands.grepprint",
             "followup.storage", "followup.storage.db", "followup.storage.schema", "followup.storage.search",
             "followup.storage.literals", "followup.storage.fold"}


def test_the_grep_path_imports_only_the_stdlib_and_the_search_module(archived):
    """The console script's grep: no click, no command modules, no third-party package at all,
    and for a plain command line not even argparse (grepoptions reads it), nor what only an
    error or a filter needs (fcntl, followup.commands.unknown)."""
    probe = (
        "import sys\n"
        "before = set(sys.modules)  # what site start-up loaded (.pth hooks), not ours\n"
        "from followup.cli import entry\n"
        f"try:\n    entry(['--config', {str(archived.config)!r}, 'grep', '-l', '-i', '-w', 'rapporten'])\n"
        "except SystemExit as done:\n    assert done.code == 0, done.code\n"
        "top = {m.split('.')[0] for m in set(sys.modules) - before}\n"
        "print('argparse' in top or 'fcntl' in top)\n"
        "print(sorted(m for m in sys.modules if m.startswith('followup')))\n"
        "print(sorted(top - set(sys.stdlib_module_names) - {'followup', '__main__'}))\n"
    )
    out = subprocess.run([sys.executable, "-X", "frozen_modules=off", "-c", probe], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert set(eval(out[-2])) <= GREP_PATH
    assert eval(out[-1]) == []
    assert out[-3] == "False"


def console_grep(archived, *args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    """`followup grep` as the console script runs it (entry() reads sys.argv), with an atexit
    hook that says on stderr whether the interpreter's tear-down ran."""
    code = ("import atexit, sys\n"
            "atexit.register(lambda: sys.stderr.write('torn down\\n'))\n"
            "from followup.cli import entry\nentry()\n")
    return subprocess.run([sys.executable, "-c", code, "--config", str(archived.config), "grep", *args],
                          stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=60)


def test_the_console_scripts_grep_skips_the_tear_down_and_prints_everything(archived):
    """It leaves through os._exit once stdout and stderr are flushed: the same output, the
    same exit codes and error lines as the in-process CLI."""
    for args, code in ((("-i", "-n", "e"), 0), (("-l", "-i", "-w", "rapporten"), 0), (("nothing like this",), 1),
                       (("invoice(",), 2), (("--client", "nobody", "x"), 2)):
        inside, outside = archived("grep", *args), console_grep(archived, *args)
        assert (outside.returncode, outside.stdout) == (code, inside.stdout), args
        assert outside.stderr == inside.stderr, args  # no "torn down": atexit did not run
    assert console_grep(archived, "-i", "e").stdout.count("\n") > 3


def test_the_console_scripts_grep_into_a_closed_pipe_exits_0_quietly(archived):
    reading, writing = os.pipe()
    os.close(reading)
    try:
        done = console_grep(archived, "-i", "e", stdout=writing)
    finally:
        os.close(writing)
    assert done.returncode == 0 and "Traceback" not in done.stderr and "Exception" not in done.stderr


def test_grep_called_from_python_still_raises_system_exit_and_keeps_the_collector(archived):
    """Only the console script (entry() without arguments) leaves through os._exit and turns
    the cyclic garbage collector off."""
    probe = ("import atexit, gc, sys\natexit.register(lambda: print('torn down'))\n"
             "from followup.cli import entry\n"
             f"try:\n    entry(['--config', {str(archived.config)!r}, 'grep', '-l', 'rapporten'])\n"
             "except SystemExit as done:\n    print('exit', done.code, gc.isenabled())\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-2:] == ["exit 0 True", "torn down"]


def test_the_console_scripts_grep_runs_without_the_cyclic_collector(archived):
    code = ("import atexit, gc, sys\n"
            "import followup.storage.search as search\n"
            "grep = search.grep\n"
            "def spy(*args, **kwargs):\n"
            "    sys.stderr.write(f'collector on: {gc.isenabled()}\\n')\n"
            "    yield from grep(*args, **kwargs)\n"
            "search.grep = spy\n"
            "from followup.cli import entry\nentry()\n")
    done = subprocess.run([sys.executable, "-c", code, "--config", str(archived.config), "grep", "-l", "rapporten"],
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "collector on: False\n") and done.stdout.strip()


def test_an_inline_ignore_case_flag_matches_like_dash_i(archived):
    """"(?i)WORD" is not searched for as the literal WORD: its other cases match too."""
    for word in ("BEKLAGER FORSINKELSEN", "beklager Forsinkelsen", "RAPPORTEN"):
        inline, flag = archived("grep", "-n", f"(?i){word}"), archived("grep", "-n", "-i", word)
        assert (inline.exit_code, inline.stdout) == (0, flag.stdout) and flag.stdout, word
    assert archived("grep", "-l", "(?i)RAPPORTEN").stdout == archived("grep", "-l", "-i", "rapporten").stdout != ""
