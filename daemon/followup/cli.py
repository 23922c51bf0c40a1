"""The `followup` entry point: a few lines of stdlib that pick the path before anything loads.

`followup grep` (used all day) and `followup --version` never import click or any command
module: grep reads its arguments with its own option table (followup.commands.grepoptions;
argparse only for --help and mistakes) and imports only the search module. Every other command goes through the click group in
followup.commands.app, which itself loads a command's module only when that command runs.
Exit codes: 0 success (for grep: a match), 1 nothing found, 2 an error, told on stderr in
one line with the fix.
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
        sys.exit(0)
    if rest[:1] == ["grep"] and config_path is not False:
        from followup.commands.grepping import main as grep_main

        grep_main(rest[1:], config_path)
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


def __getattr__(name: str):
    """`from followup.cli import main` gives the click group (tests drive it with CliRunner)."""
    if name == "main":
        from followup.commands.app import main

        return main
    raise AttributeError(name)


if __name__ == "__main__":  # pragma: no cover
    entry()
