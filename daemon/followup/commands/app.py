"""The click group of `followup`, and the helpers every command shares.

A command is registered in COMMANDS as "name": "module:attribute" (the click command object
in that module); the module is imported only when the command runs or help lists it. Each
command keeps its click options together, on its function, in its module. Errors: our own
become one line on stderr and exit 2; so do click's usage errors, each naming the fix.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys

import click

from followup import __version__
from followup.commands.unknown import unknown
from followup.errors import FollowupError

EXIT_ERROR = 2
_NoArgsIsHelp = getattr(click.exceptions, "NoArgsIsHelpError", ())  # click >= 8.2; before, click exits itself

COMMANDS = {
    "init": "followup.commands.cli_archive:init",
    "import": "followup.commands.cli_archive:import_",
    "grep": "followup.commands.cli_archive:grep",
    "quarantine": "followup.commands.cli_archive:quarantine",
    "cat": "followup.commands.cli_archive:cat",
    "verify": "followup.commands.cli_archive:verify",
    "export": "followup.commands.cli_archive:export",
    "cases": "followup.commands.cli_cases:cases",
    "show": "followup.commands.cli_cases:show",
    "close": "followup.commands.cli_cases:close",
    "pause": "followup.commands.cli_cases:pause",
    "resume": "followup.commands.cli_cases:resume",
    "note": "followup.commands.cli_cases:note",
    "promises": "followup.commands.cli_cases:promises",
    "promise": "followup.commands.cli_cases:promise",
    "refusals": "followup.commands.cli_cases:refusals",
    "brief": "followup.commands.cli_cases:brief",
    "digest": "followup.commands.cli_cases:digest",
    "run": "followup.commands.cli_ops:run",
    "templates": "followup.commands.cli_ops:templates",
    "outbox": "followup.commands.cli_ops:outbox",
    "status": "followup.commands.cli_ops:status",
}


class LazyGroup(click.Group):
    """Subcommands from COMMANDS, imported on first use; errors in one line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        from importlib import import_module

        module, _, attribute = COMMANDS[name].partition(":")
        return getattr(import_module(module), attribute)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            super().main(args, "followup", complete_var, standalone_mode=False, **extra)  # also under CliRunner
        except _NoArgsIsHelp as exc:  # `followup` or a group alone: its help, as click shows it
            click.echo(exc.ctx.get_help(), err=True)
            sys.exit(EXIT_ERROR)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "followup"
            fail(f"{exc.format_message()} (fix: see {where} --help)")
        except click.ClickException as exc:
            fail(exc.format_message())
        except click.Abort:
            fail("aborted")
        except FollowupError as exc:
            fail(str(exc))
        except BrokenPipeError:  # `followup cases | head`
            sys.stderr.close()
            sys.exit(0)
        except sqlite3.Error as exc:  # a read outside storage.db's translation: still one line, never a traceback
            from followup.storage.db import translate

            fail(str(translate(exc, "the archive", "read")))
        except Exception as exc:  # a bug: one line for the user; FOLLOWUP_DEBUG=1 shows the traceback
            if os.environ.get("FOLLOWUP_DEBUG"):
                raise
            fail(f"internal error: {type(exc).__name__}: {exc} "
                 "(fix: report a bug; run again with FOLLOWUP_DEBUG=1 for the traceback)")
        sys.exit(0)


def fail(message: str) -> None:
    click.echo(f"followup: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", metavar="FILE", help="Config file (default: $FOLLOWUP_CONFIG, then ~/.config/followup/config.toml).")
@click.version_option(__version__, message="followup, version %(version)s")  # no package metadata scan
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """Keep your word to a client after a slip-up: archive the thread, track the promises, send the updates."""
    ctx.obj = {"config_path": config_path}


# --- shared by the commands -------------------------------------------------------------------


def config_of(ctx: click.Context):
    """The checked config, loaded once per run; its warnings go to stderr once."""
    from followup.config import load_config
    from followup.configpath import find_config_path

    obj = ctx.find_root().obj
    if "config" not in obj:
        obj["config"] = load_config(find_config_path(obj["config_path"], os.environ))
        for warning in obj["config"].warnings:
            click.echo(f"followup: warning: {warning}", err=True)
    return obj["config"]


def output_options(command):
    """`--json` (one JSON document) and `--nl` (one JSON object per line), as sqlite-utils has them."""
    command = click.option("--nl", "fmt", flag_value="nl", help="Newline-delimited JSON: one object per line.")(command)
    return click.option("--json", "fmt", flag_value="json", help="One JSON document (listings: an array).")(command)


def json_option(command):
    """`--json` for commands that print one object."""
    return click.option("--json", "fmt", flag_value="json", help="One JSON object.")(command)


def emit_json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, default=_json_default))


def emit_listing(rows: list, fmt: str | None, text) -> None:
    """A listing as an array (--json), one object per line (--nl), or `text(rows)` when any;
    exits 1 when empty (a listing that found nothing), like grep."""
    if fmt == "json":
        emit_json(rows)
    elif fmt == "nl":
        for row in rows:
            emit_json(row)
    elif rows:
        click.echo(text(rows))
    sys.exit(0 if rows else 1)


def _json_default(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def as_option(command):
    """`--as ADDRESS`: the owner an action is recorded for."""
    return click.option("--as", "as_owner", metavar="ADDRESS", envvar="FOLLOWUP_OWNER",
                        help="The owner doing this (default: $FOLLOWUP_OWNER, or the only owner).")(command)


def acting_owner(config, address: str | None) -> str:
    """`--as` / $FOLLOWUP_OWNER, else the only owner; an address that is no owner is an error."""
    owners = config.owners.addresses
    if address:
        if not config.owners.is_owner(address):
            raise FollowupError(unknown("owner", address, owners))
        return address.strip().lower()
    if len(owners) == 1:
        return owners[0]
    raise FollowupError(f"several owners ({', '.join(owners)}): say who you are "
                        "(fix: --as ADDRESS, or set $FOLLOWUP_OWNER)")
