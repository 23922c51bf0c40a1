"""Specification of resolve_secret: an environment variable or a command run without a shell."""

from __future__ import annotations

import sys

import pytest

from followup.errors import SecretError
from followup.credentials import resolve_secret

WHAT = "sources[0].password_command"


def python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


def failure(env_name=None, command=None, env=None, **kw) -> str:
    with pytest.raises(SecretError) as caught:
        resolve_secret(env_name, command, env=env or {}, what=WHAT, **kw)
    return str(caught.value)


def test_reads_the_named_environment_variable():
    assert resolve_secret("IMAP_PW", None, env={"IMAP_PW": "pa ss\n"}, what=WHAT) == "pa ss\n"


def test_unset_environment_variable_names_the_key_and_the_variable():
    message = failure("IMAP_PW", env={"OTHER": "x"})
    assert WHAT in message and "IMAP_PW is not set" in message and "fix:" in message


def test_empty_environment_variable_is_refused():
    assert "IMAP_PW is empty" in failure("IMAP_PW", env={"IMAP_PW": ""})


def test_command_output_loses_only_its_trailing_newline():
    command = python("import sys; sys.stdout.write(' s3cret \\n')")
    assert resolve_secret(None, command, env={}, what=WHAT) == " s3cret "


def test_command_output_keeps_a_second_newline():
    command = python("import sys; sys.stdout.write('s3cret\\n\\n')")
    assert resolve_secret(None, command, env={}, what=WHAT) == "s3cret\n"


def test_command_runs_without_a_shell(tmp_path):
    marker = tmp_path / "injected"
    argument = f"a; touch {marker}"
    command = python("import sys; print(sys.argv[1])", argument)
    assert resolve_secret(None, command, env={}, what=WHAT) == argument
    assert not marker.exists()


def test_command_sees_the_given_environment():
    command = python("import os; print(os.environ['VAULT_ITEM'])")
    assert resolve_secret(None, command, env={"VAULT_ITEM": "imap"}, what=WHAT) == "imap"


def test_failing_command_reports_status_and_stderr_but_not_stdout():
    command = python("import sys; print('s3cret-on-stdout'); sys.stderr.write('vault locked'); sys.exit(3)")
    message = failure(command=command)
    assert WHAT in message and "status 3" in message and "vault locked" in message
    assert "s3cret-on-stdout" not in message


def test_long_stderr_is_quoted_truncated_to_200_characters():
    message = failure(command=python("import sys; sys.stderr.write('x' * 1000); sys.exit(1)"))
    quoted = message.split("it said: ")[1].split(" (fix:")[0]
    assert len(quoted) == 200


def test_missing_program_is_reported():
    message = failure(command=["/nonexistent/followup-pass", "show"])
    assert WHAT in message and "not found" in message


def test_command_that_prints_nothing_is_refused():
    assert "printed nothing" in failure(command=python("pass"))


def test_command_that_hangs_is_stopped():
    assert "did not finish" in failure(command=python("import time; time.sleep(30)"), timeout=0.5)


def test_exactly_one_way_must_be_given():
    assert WHAT in failure(None, None)
    assert WHAT in failure("IMAP_PW", ["pass"], env={"IMAP_PW": "x"})
