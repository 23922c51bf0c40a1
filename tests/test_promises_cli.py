"""End to end: a Swedish thread tagged for follow-up lists its promise with the right due date."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from configs import client, config_toml
from conftest import Cli
from evidence_archive import put
from mailfactory import message

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
CONFIG = config_toml(  # no sources: the test imports its Maildir
    defaults={"locale": "en", "timezone": "Europe/Oslo"},
    clients=[client("volvo", locale="sv", timezone="Europe/Stockholm")],
)
OUR_REPLY = """\
Hej Lars,

Tack för ditt tålamod, och förlåt att det dröjt. Vi har gått igenom
alla fakturor från hösten. Vi skickar den rättade fakturan senast den
15 mars. Ni ombeds skicka tillbaka det underskrivna avtalet senast fredag.

Med vänliga hälsningar
Mia Berg
Kundansvarig

Den 19 november 2026 skrev Lars <lars@volvo.example>:
> Vi väntar fortfarande på fakturan. Kan ni skicka den den 1 december?
"""


def listing(stdout: str) -> list[dict]:
    # One JSON document (an array) or one object per line: both are listings of promises.
    try:
        document = json.loads(stdout)
    except json.JSONDecodeError:
        return [json.loads(line) for line in stdout.splitlines() if line.strip()]
    return document if isinstance(document, list) else [document]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch) -> Cli:
    monkeypatch.setattr("followup.clock.utcnow", lambda: NOW)
    box = tmp_path / "Mail"
    put(box, "01", message("Hej,\n\nVi väntar fortfarande på fakturan.\n\nLars\n", From="Lars <lars@volvo.example>",
        To="Mia Berg <me@agency.example>", Subject="Fakturan", Date="Thu, 19 Nov 2026 08:00:00 +0100",
        Message_ID="<c1@volvo.example>").as_bytes())
    put(box / ".slipup", "02", message(OUR_REPLY, From="Mia Berg <me@agency.example>", To="Lars <lars@volvo.example>",
        Subject="Sv: Fakturan", Date="Fri, 20 Nov 2026 10:00:00 +0100", Message_ID="<c2@agency.example>",
        In_Reply_To="<c1@volvo.example>", References="<c1@volvo.example>").as_bytes())
    config = tmp_path / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    runner = Cli(config)
    assert runner("import", str(box)).exit_code == 0
    return runner


@pytest.mark.integration
def test_senast_den_15_mars_is_due_on_15_march_of_the_coming_year(cli):
    result = cli("promises", "--client", "volvo", "--json")
    assert result.exit_code == 0
    (promise,) = listing(result.stdout)
    assert promise["quote"].split() == "Vi skickar den rättade fakturan senast den 15 mars.".split()
    assert promise["due_at"] == "2027-03-15T16:00:00+00:00"  # 17:00 in Stockholm
    assert promise["language"] == "sv"
