"""Where the config file is, and the archive path alone for commands that must start fast.

`followup grep` reads only `[archive] path` and the client names (tomllib, no dataclasses: building the full
config costs more than the search itself); every other command loads and checks the whole
file with `followup.config.load_config`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from followup.errors import ConfigError, Problem

DEFAULT_ARCHIVE = "data/archive.sqlite3"


def find_config_path(explicit: str | None, env: Mapping[str, str]) -> Path:
    """Where the config is: --config FILE, else $FOLLOWUP_CONFIG, else
    $XDG_CONFIG_HOME/followup/config.toml (~/.config by default). The file must exist."""
    if explicit:
        chosen = Path(explicit).expanduser()
    elif env.get("FOLLOWUP_CONFIG"):
        chosen = Path(env["FOLLOWUP_CONFIG"]).expanduser()
    else:
        home = Path(env["HOME"]) if env.get("HOME") else Path.home()
        base = Path(env["XDG_CONFIG_HOME"]) if env.get("XDG_CONFIG_HOME") else home / ".config"
        chosen = base / "followup" / "config.toml"
    if not chosen.is_file():
        raise ConfigError([missing_file_problem(chosen.absolute())])
    return chosen


def missing_file_problem(path: Path) -> Problem:
    return Problem(
        str(path),
        "(file)",
        "does not exist",
        f"run `followup init {path.parent}` to write a starter config there, or pass --config FILE",
    )


class FastSettings(NamedTuple):
    archive: Path  # `[archive] path`, resolved like load_config resolves it
    clients: tuple[str, ...]  # the names of `[[clients]]`, for checking a --client filter


def archive_path(config_file: Path) -> Path:
    """`[archive] path`, resolved like load_config resolves it."""
    return fast_settings(config_file).archive


def fast_settings(config_file: Path) -> FastSettings:
    """What grep needs from the config, without building (or checking) the rest."""
    config_file = config_file.expanduser().absolute()
    try:
        data = tomllib.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as bad:
        raise ConfigError([Problem(str(config_file), "(file)", f"cannot be read: {bad}",
                                   "fix the file; `followup cases` reports every problem in it")]) from None
    value = data.get("archive", {}).get("path", DEFAULT_ARCHIVE) if isinstance(data.get("archive", {}), dict) else None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError([Problem(str(config_file), "archive.path", "is not a path", 'write path = "data/archive.sqlite3"')])
    clients = data.get("clients", [])
    names = tuple(c["name"] for c in clients if isinstance(c, dict) and isinstance(c.get("name"), str)) \
        if isinstance(clients, list) else ()
    return FastSettings(config_file.parent / Path(value).expanduser(), names)
