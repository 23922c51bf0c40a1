"""Shared fixtures: a config file in a temp folder (built by tests/configs.py), and the CLI run in-process."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import settings

sys.path.insert(0, str(Path(__file__).parent))  # tests/mailfactory.py and friends
from configs import SITE, config_toml, site_toml  # noqa: E402 - found through the path just set

settings.register_profile("ci", max_examples=100, deadline=None, derandomize=True)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

REPO = Path(__file__).resolve().parents[1]
# grep caches what it reads from a config under $XDG_CACHE_HOME: never in the tester's home
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="followup-test-cache-")


def corpora_dir() -> Path | None:
    """../shared/corpora beside the checkout (or $FOLLOWUP_CORPORA), when present."""
    candidate = Path(os.environ.get("FOLLOWUP_CORPORA") or REPO.parent / "shared" / "corpora")
    return candidate if candidate.is_dir() else None


CONFIG = site_toml()  # the shared site: see tests/configs.py


@pytest.fixture
def make_config(tmp_path: Path) -> Callable[..., Path]:
    """`make_config(sources=[maildir_source("mail")], ...)` writes that config (tests/configs.py
    `config_toml`) to tmp_path/config.toml and returns its path."""

    def make(**sections: Any) -> Path:
        path = tmp_path / "config.toml"
        path.write_text(config_toml(**sections), encoding="utf-8")
        return path

    return make


@pytest.fixture
def config_file(make_config: Callable[..., Path], tmp_path: Path) -> Path:
    """The shared site's config, with its Maildir `mail` in place."""
    path = make_config(**SITE)
    (tmp_path / "mail").mkdir()
    return path


class Cli:
    def __init__(self, config: Path):
        self.config = config
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):
        from followup.cli import main

        return self.runner.invoke(main, ["--config", str(self.config), *args], input=input, catch_exceptions=False)

    def json(self, *args: str):
        result = self(*args, "--json")
        return json.loads(result.stdout)

    def json_lines(self, *args: str) -> list:
        """A listing's rows: `--json` must print one array (and `--nl` the same rows, one per line)."""
        # both at one instant: an overdue case's next update is "now", which moves between calls
        with pytest.MonkeyPatch.context() as mp:
            if not os.environ.get("FOLLOWUP_NOW"):
                mp.setenv("FOLLOWUP_NOW", datetime.now(timezone.utc).isoformat())
            rows = json.loads(self(*args, "--json").stdout)
            assert isinstance(rows, list)
            assert [json.loads(line) for line in self(*args, "--nl").stdout.splitlines()] == rows
        return rows


@pytest.fixture
def cli(config_file: Path) -> Cli:
    return Cli(config_file)
