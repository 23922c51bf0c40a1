"""A small archive built the real way, for verify and export tests: a tagged English thread
for the client acme (a promise kept, one broken, one still open with a new date), an update the daemon sent
and archived, and an untagged message from another client."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from configs import SITE, client, site_toml
from conftest import Cli
from mailfactory import message

NOW = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)  # a Wednesday, after the first update is due
KARI, ME = "Kari Nordmann <kari@acme.example>", "Mia Berg <me@agency.example>"


def config_with_acme(**keys) -> str:
    """The archive's config: the shared site and a second client, globex; acme's `keys` changed."""
    return site_toml(clients=[{**SITE["clients"][0], **keys}, client("globex")])


CONFIG_WITH_OTHER_CLIENT = config_with_acme()

# quotes as the extractor records them
SHIP = "We will send the final report by Friday 20 November."
CALL = "I will call you tomorrow about the figures."
FIX = "We will fix the invoice by Thursday 19 November."


def put(folder: Path, name: str, data: bytes) -> None:
    for sub in ("cur", "new", "tmp"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "cur" / f"{name}:2,S").write_bytes(data)


def thread(*parents: str) -> dict:
    return {"In_Reply_To": f"<{parents[-1]}>", "References": " ".join(f"<{p}>" for p in parents)}


def fill_mailbox(box: Path) -> None:
    sent = box / ".Sent"
    # "From " and ">From " lines at the start of body lines: the mbox must quote them (mboxrd)
    put(box, "01", message("Hi,\n\nWhere is the report?\nFrom now on, please reply the same day.\n>From the minutes: <b>urgent</b>\n",
                           From=KARI, To=ME, Subject="Quarterly report", Date="Mon, 16 Nov 2026 09:00:00 +0100",
                           Message_ID="<a1@acme.example>").as_bytes())
    put(sent, "02", message(f"Hi Kari,\n\nSorry, our fault. {SHIP}\n{FIX}\n\nMia\n", From=ME, To=KARI,
                            Subject="Re: Quarterly report", Date="Mon, 16 Nov 2026 11:00:00 +0100",
                            Message_ID="<a2@agency.example>", **thread("a1@acme.example")).as_bytes())
    put(sent, "03", message("#slipup every 2d\n", From=ME, To=ME, Subject="Re: Quarterly report",
                            Date="Mon, 16 Nov 2026 11:05:00 +0100", Message_ID="<a3@agency.example>",
                            **thread("a1@acme.example", "a2@agency.example")).as_bytes())
    put(sent, "04", message(f"Hi Kari,\n\n{CALL}\n\nMia\n", From=ME, To=KARI, Subject="Re: Quarterly report",
                            Date="Mon, 16 Nov 2026 15:00:00 +0100", Message_ID="<a4@agency.example>",
                            **thread("a1@acme.example", "a2@agency.example")).as_bytes())
    put(box, "05", message("Hello, a question about something else.\n", From="Lee <lee@globex.example>", To=ME,
                           Subject="Other business", Date="Tue, 17 Nov 2026 08:00:00 +0100",
                           Message_ID="<g1@globex.example>").as_bytes())


def build(tmp_path: Path, monkeypatch) -> Cli:
    """Import the mailbox, decide two promises, and let the daemon send (and archive) an update."""
    monkeypatch.setattr("followup.clock.utcnow", lambda: NOW)
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "config.toml"
    config.write_text(CONFIG_WITH_OTHER_CLIENT, encoding="utf-8")
    fill_mailbox(tmp_path / "mail")
    cli = Cli(config)
    assert cli("import", str(tmp_path / "mail")).exit_code == 0
    promises = {p["quote"]: p["id"] for p in cli.json_lines("promises")}
    assert set(promises) == {SHIP, CALL, FIX}, promises
    assert cli("promise", "kept", str(promises[SHIP]), "--as", "me@agency.example").exit_code == 0
    assert cli("promise", "broken", str(promises[FIX]), "--as", "me@agency.example").exit_code == 0
    # an honest new date for the late call, so the update has news and goes out
    assert cli("promise", "reschedule", str(promises[CALL]), "2026-11-25", "--reason",
               "the figures need a second look", "--as", "me@agency.example").exit_code == 0
    for _ in range(2):  # the second pass archives the sent copy
        assert cli("run", "--once").exit_code == 0
    return cli


class World:
    """A copy of the built archive that one test may change."""

    def __init__(self, root: Path):
        self.root = root
        self.cli = Cli(root / "config.toml")
        self.archive = root / "data" / "archive.sqlite3"

    def set_acme(self, **keys) -> None:
        """Change the client acme's settings in this copy's config."""
        (self.root / "config.toml").write_text(config_with_acme(**keys), encoding="utf-8")

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        conn = sqlite3.connect(self.archive)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def sha_of(self, message_id: str) -> str:
        return self.query("SELECT sha256 FROM messages WHERE message_id = ?", (message_id,))[0][0]

    def tamper(self, *statements: str | tuple[str, tuple]) -> None:
        """Change the archive behind followup's back, as an intruder or a failing disk would."""
        conn = sqlite3.connect(self.archive, isolation_level=None)
        try:
            for statement in statements:
                sql, params = statement if isinstance(statement, tuple) else (statement, ())
                conn.execute(sql, params)
        finally:
            conn.close()


@pytest.fixture(scope="module")
def built_archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("evidence")
    with pytest.MonkeyPatch.context() as patch:
        build(root, patch)
    return root


@pytest.fixture
def world(built_archive: Path, tmp_path: Path, monkeypatch) -> World:
    root = tmp_path / "world"
    shutil.copytree(built_archive, root)
    monkeypatch.setattr("followup.clock.utcnow", lambda: NOW)
    return World(root)
