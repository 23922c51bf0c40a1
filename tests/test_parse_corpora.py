"""Every message of the shared corpora (~14,700 real and torture-test files) either parses or
is reported unparseable; nothing else escapes the parser."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

from followup.errors import UnparseableMessage
from followup.mail.parse import parse_message

pytestmark = pytest.mark.corpora

# Folders of bare reply bodies, not RFC 5322 messages (see SOURCES.md).
BODY_ONLY = {"email-reply-parser-bodies"}


def corpora_root() -> Path:
    configured = os.environ.get("FOLLOWUP_CORPORA")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "shared" / "corpora"


def folders() -> list[str]:
    root = corpora_root()
    if not root.is_dir():
        return ["<absent>"]
    return sorted(p.name for p in root.iterdir() if p.is_dir())


def messages(folder: str) -> list[Path]:
    root = corpora_root()
    if not root.is_dir():
        pytest.skip(f"../shared/corpora not found: {root} (set FOLLOWUP_CORPORA to use another place)")
    return sorted(p for p in (root / folder).rglob("*") if p.is_file())


@functools.cache
def outcomes(folder: str) -> dict[str, str]:
    """File name → "parsed", "unparseable" or the escaped exception, computed once per folder."""
    return {str(p.relative_to(corpora_root())): outcome(p) for p in messages(folder)}


def outcome(path: Path) -> str:
    try:
        parse_message(path.read_bytes())
    except UnparseableMessage:
        return "unparseable"
    except Exception as exc:  # noqa: BLE001 - exactly what this test hunts for
        return f"{type(exc).__name__}: {exc}"
    return "parsed"


@pytest.mark.parametrize("folder", folders())
def test_every_file_parses_or_is_reported_unparseable(folder):
    escaped = {name: result for name, result in outcomes(folder).items() if result not in ("parsed", "unparseable")}
    assert escaped == {}


@pytest.mark.parametrize("folder", sorted(BODY_ONLY))
def test_bare_reply_bodies_are_not_taken_for_emails(folder):
    assert set(outcomes(folder).values()) == {"unparseable"}


def test_real_mailing_list_traffic_all_parses():
    not_parsed = {name: result for name, result in outcomes("lore-linux-man").items() if result != "parsed"}
    assert not_parsed == {}
