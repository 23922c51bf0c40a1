"""Where the config file is, and what `followup grep` needs from it, fast.

`followup grep` reads only `[archive] path` and the client names; every other command loads
and checks the whole file with `followup.config.load_config`. On grep's path this module
avoids pathlib (~3.5 ms of imports) and, through a small cache, tomllib (~7 ms).
"""

from __future__ import annotations

import json
import os
import time
from collections import namedtuple
from collections.abc import Mapping

from followup.errors import ConfigError, Problem

DEFAULT_ARCHIVE = "data/archive.sqlite3"
RACY_SECONDS = 2  # a config changed this recently is not cached: a second edit could keep its mtime


def config_file(explicit: str | None, env: Mapping[str, str]) -> str:
    """Where the config is: --config FILE, else $FOLLOWUP_CONFIG, else
    $XDG_CONFIG_HOME/followup/config.toml (~/.config by default). The file must exist."""
    if explicit:
        chosen = os.path.expanduser(explicit)
    elif env.get("FOLLOWUP_CONFIG"):
        chosen = os.path.expanduser(env["FOLLOWUP_CONFIG"])
    else:
        home = env.get("HOME") or os.path.expanduser("~")
        base = env.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
        chosen = os.path.join(base, "followup", "config.toml")
    if not os.path.isfile(chosen):
        raise ConfigError([missing_file_problem(os.path.abspath(chosen))])
    return chosen


def find_config_path(explicit: str | None, env: Mapping[str, str]):
    """`config_file` as a pathlib.Path."""
    from pathlib import Path

    return Path(config_file(explicit, env))


def missing_file_problem(path) -> Problem:
    return Problem(
        str(path),
        "(file)",
        "does not exist",
        f"run `followup init {os.path.dirname(str(path))}` to write a starter config there, or pass --config FILE",
    )


class FastSettings(namedtuple("FastSettings", "archive clients")):
    """archive: `[archive] path` (a str), resolved like load_config resolves it; clients: the
    names of `[[clients]]`, for checking a --client filter."""

    __slots__ = ()


def fast_settings(config: os.PathLike | str, env: Mapping[str, str] = os.environ) -> FastSettings:
    """What grep needs from the config, without building (or checking) the rest; cached in
    $XDG_CACHE_HOME/followup while the file keeps its size, mtime and inode."""
    config = os.path.abspath(os.path.expanduser(os.fspath(config)))
    try:
        stat = os.stat(config)
    except OSError as bad:
        raise ConfigError([_unreadable(config, bad)]) from None
    key = [config, stat.st_mtime_ns, stat.st_size, stat.st_ino]
    cache = _cache_file(config, env)
    cached = _read_cache(cache, key) if cache else None
    if cached is not None:
        return cached
    settings = _parse(config)
    if cache and stat.st_mtime < time.time() - RACY_SECONDS:
        _write_cache(cache, key, settings)
    return settings


def _parse(config: str) -> FastSettings:
    import tomllib

    try:
        with open(config, encoding="utf-8") as f:
            data = tomllib.loads(f.read())
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as bad:
        raise ConfigError([_unreadable(config, bad)]) from None
    value = data.get("archive", {}).get("path", DEFAULT_ARCHIVE) if isinstance(data.get("archive", {}), dict) else None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError([Problem(config, "archive.path", "is not a path", 'write path = "data/archive.sqlite3"')])
    clients = data.get("clients", [])
    names = tuple(c["name"] for c in clients if isinstance(c, dict) and isinstance(c.get("name"), str)) \
        if isinstance(clients, list) else ()
    return FastSettings(os.path.join(os.path.dirname(config), os.path.expanduser(value)), names)


def _unreadable(config: str, bad: Exception) -> Problem:
    return Problem(config, "(file)", f"cannot be read: {bad}", "fix the file; `followup cases` reports every problem in it")


def _cache_file(config: str, env: Mapping[str, str]) -> str | None:
    base = env.get("XDG_CACHE_HOME") or os.path.join(env.get("HOME") or os.path.expanduser("~"), ".cache")
    name = "grep-" + config.replace("%", "%25").replace("/", "%2F") + ".json"
    return os.path.join(base, "followup", name) if len(name) < 250 else None


def _read_cache(cache: str, key: list) -> FastSettings | None:
    try:
        with open(cache, encoding="utf-8") as f:
            data = json.load(f)
        if data["key"] == key:
            return FastSettings(data["archive"], tuple(data["clients"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no cache, or not ours: parse the file
    return None


def _write_cache(cache: str, key: list, settings: FastSettings) -> None:
    """Best effort: a read-only home (a hardened service) just parses every time."""
    try:
        os.makedirs(os.path.dirname(cache), mode=0o700, exist_ok=True)
        partial = f"{cache}.{os.getpid()}"
        with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as f:
            json.dump({"key": key, "archive": settings.archive, "clients": list(settings.clients)}, f)
        os.replace(partial, cache)
    except OSError:
        pass
