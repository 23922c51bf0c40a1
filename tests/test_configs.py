"""The tests' config builder (tests/configs.py) writes TOML that reads back as the mapping it
was given, and the shared site it builds is a config the loader accepts."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from configs import as_toml, client, config_mapping, config_toml, site_toml
from followup.config import parse_config


@given(st.text())
def test_any_text_reads_back_unchanged(text):
    mapping = {"owners": {"people": [{"address": "me@agency.example", "name": text}]}}
    assert tomllib.loads(as_toml(mapping)) == mapping


def test_nested_tables_lists_booleans_numbers_and_dates_read_back_unchanged():
    sections = {
        "people": [{"address": "lead@agency.example", "digest_time": "06:30"}],
        "defaults": {"holidays": [date(2026, 12, 24)], "send_window": "always"},
        "delivery": {"rate_limit_per_client_per_hour": 4, "hold_updates_without_news": False},
        "clients": [client("acme", "acme.example", "acme.example.org")],
    }
    assert tomllib.loads(config_toml(**sections)) == config_mapping(**sections)


def test_the_shared_site_is_a_config_the_loader_accepts():
    config = parse_config(site_toml(), file=Path("/srv/followup/config.toml"))
    assert [c.name for c in config.clients] == ["acme"] and config.transport.type == "outbox"
