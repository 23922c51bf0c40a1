"""The `followup` entry point: a few lines of stdlib that pick the path before anything loads.

`followup grep` (used all day) and `followup --version` never import click or any command
module: grep reads its arguments with its own option table (followup.commands.grepoptions;
argparse only for --help and mistakes) and imports only the search module. Every other command goes through the click group in
followup.commands.app, which itself loads a command's module only when that command runs.
Exit codes: 0 success (for grep: a match), 1 nothing found, 2 an error, told on stderr in
one line with the fix.

The console script's grep and --version leave through os._exit once stdout and stderr are
flushed: the interpreter's tear-down (freeing every module and object one by one) costs a
short grep about 2 ms, a tenth of its run, and a read-only command has nothing else to finish.
Its grep also runs without the cyclic garbage collector: a short read-only run makes no
cycles worth collecting, and the collections the imports and rows set off cost ~0.8 ms
(memory is still freed as each object goes: that is reference counting).
"""

from __future__ import annotations

import sys


def entry(argv: list[str] | None = None) -> None:
    """The console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    config_path, rest = _global_options(args)
    if rest[:1] == ["--version"] and config_path is not False:
        from followup import __version__

        print(f"followup, version {__version__}")
        if argv is None:
            _leave_now(SystemExit(0))
        sys.exit(0)
    if rest[:1] == ["grep"] and config_path is not False:
        if argv is None:  # the console script: see the module docstring
            import gc

            gc.disable()
        from followup.commands.grepping import main as grep_main

        if argv is not None:  # called from Python (tests): an ordinary SystemExit
            grep_main(rest[1:], config_path)
            return
        try:
            grep_main(rest[1:], config_path)
        except SystemExit as done:
            _leave_now(done)
        return
    from followup.commands.app import main as click_main

    click_main(args, prog_name="followup")


def _global_options(args: list[str]) -> tuple[str | None | bool, list[str]]:
    """`--config FILE` before the command; False when something else precedes it (click decides)."""
    config_path: str | None = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--config" and i + 1 < len(args):
            config_path, i = args[i + 1], i + 2
        elif arg.startswith("--config="):
            config_path, i = arg.partition("=")[2], i + 1
        elif arg.startswith("-") and arg != "--version":
            return False, args[i:]
        else:
            return config_path, args[i:]
    return config_path, []


def _leave_now(done: SystemExit) -> None:
    """Exit as `raise done` would, without the interpreter's tear-down. Only a code of None or
    an int, and only when both streams flush: anything else (a closed pipe, a closed stream)
    leaves the ordinary way, which reports it as it always did."""
    code = done.code
    if code is not None and type(code) is not int:
        raise done
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        raise done from None
    import os

    os._exit(code or 0)


def __getattr__(name: str):
    """`from followup.cli import main` gives the click group (tests drive it with CliRunner)."""
    if name == "main":
        from followup.commands.app import main

        return main
    raise AttributeError(name)


if __name__ == "__main__":  # pragma: no cover
    entry()
