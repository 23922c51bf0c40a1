"""What grep reads from the config, and its cache: right after every change, never stale."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from configs import client, config_toml

from followup.configpath import fast_settings
from followup.errors import ConfigError


def grep_config(client_name: str = "acme") -> str:
    """All that grep reads: the archive and the clients' names (it needs no owners)."""
    return config_toml(archive="data/a.sqlite3", owners=None, clients=[client(client_name, "acme.example")])


CONFIG = grep_config()


@pytest.fixture
def env(tmp_path: Path) -> dict:
    return {"HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "cache")}


def settle(path: Path, seconds_ago: float = 60) -> None:
    """As if the file was last written a minute ago (a fresh write is not cached)."""
    when = time.time() - seconds_ago
    os.utime(path, (when, when))


def cache_files(env: dict) -> list[Path]:
    folder = Path(env["XDG_CACHE_HOME"]) / "followup"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_the_archive_path_is_taken_from_the_config_folder_and_the_client_names_are_read(tmp_path, env):
    config = tmp_path / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    assert fast_settings(config, env) == (str(tmp_path / "data" / "a.sqlite3"), ("acme",))


def test_a_settled_config_is_cached_and_the_cache_is_used(tmp_path, env):
    config = tmp_path / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    settle(config)
    first = fast_settings(config, env)
    (cache,) = cache_files(env)
    assert json.loads(cache.read_text())["clients"] == ["acme"]
    data = json.loads(cache.read_text())
    cache.write_text(json.dumps({**data, "clients": ["from-the-cache"]}))
    assert fast_settings(config, env) == (first.archive, ("from-the-cache",))


def test_a_changed_config_is_read_again(tmp_path, env):
    config = tmp_path / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    settle(config, 120)
    fast_settings(config, env)
    config.write_text(grep_config("nordhem"), encoding="utf-8")
    settle(config, 60)
    assert fast_settings(config, env).clients == ("nordhem",)


def test_a_config_written_just_now_is_not_cached(tmp_path, env):
    config = tmp_path / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    fast_settings(config, env)
    assert cache_files(env) == []


def test_an_unwritable_cache_folder_only_costs_the_parse(tmp_path, env):
    config = tmp_path / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    settle(config)
    Path(env["XDG_CACHE_HOME"]).write_text("not a folder")
    assert fast_settings(config, env).clients == ("acme",)


def test_a_broken_config_is_a_config_error_naming_the_file(tmp_path, env):
    config = tmp_path / "config.toml"
    config.write_text("[archive\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        fast_settings(config, env)
    assert str(config) in str(caught.value)
