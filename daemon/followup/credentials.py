"""Read a secret named in the config: from an environment variable, or from a command's output.

The command runs without a shell (an argument list), so nothing in it is interpreted.
Errors name the config key (`what`) and the fix; they never contain the secret nor the
command's output, and quote at most 200 characters of the command's stderr.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence

from followup.errors import SecretError

COMMAND_TIMEOUT_SECONDS = 30.0
STDERR_QUOTE_LIMIT = 200


def resolve_secret(
    env_name: str | None,
    command: Sequence[str] | None,
    *,
    env: Mapping[str, str],
    what: str,
    timeout: float = COMMAND_TIMEOUT_SECONDS,
) -> str:
    """Return the secret from `env[env_name]`, or from the stdout of `command` (one trailing
    newline removed). `env` is also the command's environment. Raises SecretError."""
    if (env_name is None) == (command is None):
        raise SecretError(f"{what}: give exactly one of an environment variable or a command")
    if env_name is not None:
        return _from_env(env_name, env, what)
    return _from_command(list(command or ()), env, what, timeout)


def _from_env(name: str, env: Mapping[str, str], what: str) -> str:
    value = env.get(name)
    if not value:
        state = "is empty" if value == "" else "is not set"
        raise SecretError(
            f"{what}: environment variable {name} {state} "
            f"(fix: set {name} in the daemon's environment, e.g. systemd EnvironmentFile=)"
        )
    return value


def _from_command(argv: list[str], env: Mapping[str, str], what: str, timeout: float) -> str:
    if not argv or not all(isinstance(arg, str) for arg in argv) or not argv[0]:
        raise SecretError(
            f'{what}: the command is empty (fix: write it as a list such as ["pass", "show", "imap"])'
        )
    program = argv[0]
    try:
        done = subprocess.run(
            argv,
            shell=False,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise SecretError(f"{what}: command {program!r} was not found (fix: use its full path)") from None
    except PermissionError:
        raise SecretError(
            f"{what}: command {program!r} is not executable (fix: chmod +x it or use its full path)"
        ) from None
    except subprocess.TimeoutExpired:
        raise SecretError(
            f"{what}: command {program!r} did not finish within {timeout:g} s (fix: make it non-interactive)"
        ) from None
    if done.returncode != 0:
        raise SecretError(
            f"{what}: command {program!r} exited with status {done.returncode}"
            f"{_quote_stderr(done.stderr)} (fix: run it by hand to see why)"
        )
    return _secret_from_stdout(done.stdout, program, what)


def _secret_from_stdout(stdout: bytes, program: str, what: str) -> str:
    try:
        secret = stdout.decode("utf-8")
    except UnicodeDecodeError:
        raise SecretError(
            f"{what}: command {program!r} printed something that is not UTF-8 text"
            " (fix: make it print the secret as text)"
        ) from None
    secret = secret.removesuffix("\n").removesuffix("\r")
    if not secret:
        raise SecretError(
            f"{what}: command {program!r} printed nothing (fix: make it print the secret on stdout)"
        )
    return secret


def _quote_stderr(stderr: bytes) -> str:
    said = " ".join(stderr.decode("utf-8", errors="replace").split())
    if not said:
        return ""
    if len(said) > STDERR_QUOTE_LIMIT:
        said = said[: STDERR_QUOTE_LIMIT - 1] + "…"
    return f"; it said: {said}"
