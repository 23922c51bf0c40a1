"""Cases end to end: import realistic threads (tag in the middle, replies after, three
languages), then find the cases, their promises with due dates, refusals and the digest."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from configs import client, config_toml
from conftest import Cli
from mailfactory import message

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
CONFIG = config_toml(  # no sources: each test imports its Maildir
    owners=["me@agency.example", "colleague@agency.example"],
    defaults={"locale": "en", "timezone": "Europe/Oslo"},
    tagging={"trusted_authserv_ids": ["mx.agency.example"]},
    clients=[client("acme", locale="nb", timezone="Europe/Oslo"),
             client("volvo", locale="sv", timezone="Europe/Stockholm")],
)
KARI, ME, OLA = "Kari Nordmann <kari@acme.example>", "Mia Berg <me@agency.example>", "Ola <colleague@agency.example>"


def put(folder: Path, name: str, body: str, **headers) -> None:
    for sub in ("cur", "new", "tmp"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "cur" / f"{name}:2,S").write_bytes(message(body, **headers).as_bytes())


def thread_headers(*parents: str) -> dict:
    return {"In_Reply_To": f"<{parents[-1]}>", "References": " ".join(f"<{p}>" for p in parents)}


@pytest.fixture
def mailbox(tmp_path: Path) -> Path:
    box = tmp_path / "Mail"
    sent, tagged = box / ".Sent", box / ".slipup"
    put(box, "01", "Hei Kari,\n\nVi leverer rapporten fredag 13. november.\n\nOla\n", From=OLA, To=KARI,
        Subject="Kvartalsrapport", Date="Mon, 02 Nov 2026 14:00:00 +0100", Message_ID="<a1@agency.example>")
    put(box, "02", "Hei,\n\nVi har ikke fått rapporten. Hva skjer?\n\nKari\n", From=KARI, To=OLA,
        Subject="SV: Kvartalsrapport", Date="Mon, 16 Nov 2026 09:00:00 +0100", Message_ID="<a2@acme.example>",
        **thread_headers("a1@agency.example"))
    put(sent, "03", "Hei Kari,\n\nBeklager, det er vår feil. Vi sender den ferdige rapporten innen fredag 20. november.\n",
        From=ME, To=KARI, Subject="SV: Kvartalsrapport", Date="Mon, 16 Nov 2026 11:00:00 +0100",
        Message_ID="<a3@agency.example>", **thread_headers("a1@agency.example", "a2@acme.example"))
    put(sent, "04", "#slipup every tuesday\n#slipup note: Tallene fra Bergen er på vei.\n", From=ME, To=ME,
        Subject="Kvartalsrapport", Date="Mon, 16 Nov 2026 11:05:00 +0100", Message_ID="<a4@agency.example>",
        **thread_headers("a1@agency.example", "a2@acme.example", "a3@agency.example"))
    put(box, "05", "Takk.\n\n#slipup close\n", From=KARI, To=ME, Subject="SV: Kvartalsrapport",
        Date="Tue, 17 Nov 2026 08:00:00 +0100", Message_ID="<a5@acme.example>",
        **thread_headers("a1@agency.example", "a3@agency.example"))
    put(box, "06", "#slipup close\n", From=ME, To=KARI, Subject="SV: Kvartalsrapport",
        Date="Tue, 17 Nov 2026 09:00:00 +0100", Message_ID="<a6@evil.example>",
        **thread_headers("a1@agency.example", "a3@agency.example"))
    put(sent, "07", "Hei Kari,\n\nJeg ringer deg i morgen om tallene.\n\n> Takk.\n> #slipup close\n", From=ME, To=KARI,
        Subject="SV: Kvartalsrapport", Date="Wed, 18 Nov 2026 10:00:00 +0100", Message_ID="<a7@agency.example>",
        **thread_headers("a1@agency.example", "a5@acme.example"))
    put(tagged, "11", "Hej Lars,\n\nVi skickar offerten senast fredag 6 november.\n\nMia\n", From=ME,
        To="Lars <lars@volvo.example>", Subject="Offert", Date="Mon, 02 Nov 2026 10:00:00 +0100",
        Message_ID="<b1@agency.example>")
    return box


@pytest.fixture
def cli(tmp_path: Path, mailbox: Path, monkeypatch) -> Cli:
    monkeypatch.setattr("followup.clock.utcnow", lambda: NOW)
    config = tmp_path / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    runner = Cli(config)
    assert runner("import", str(mailbox)).exit_code == 0
    return runner


def acme_case(cli: Cli) -> dict:
    return next(c for c in cli.json_lines("cases") if c["client"] == "acme")


def test_a_tag_in_the_middle_of_a_thread_opens_one_case_holding_every_message(cli):
    case = acme_case(cli)
    assert (case["state"], case["subject"], case["messages"]) == ("open", "Kvartalsrapport", 7)
    assert set(case) >= {"id", "client", "subject", "state", "opened_at", "messages", "promises", "next_update_at"}


def test_a_message_in_the_tag_folder_opens_a_case_too(cli):
    volvo = next(c for c in cli.json_lines("cases") if c["client"] == "volvo")
    assert volvo["subject"] == "Offert"


def test_promises_before_and_after_the_tag_are_found_with_due_times_in_the_clients_zone(cli):
    found = {p["quote"]: p for p in cli.json_lines("promises", "--client", "acme")}
    assert found["Vi leverer rapporten fredag 13. november."]["due_at"] == "2026-11-13T16:00:00+00:00"
    assert found["Vi sender den ferdige rapporten innen fredag 20. november."]["due_at"] == "2026-11-20T16:00:00+00:00"
    assert found["Jeg ringer deg i morgen om tallene."]["due_at"] == "2026-11-19T16:00:00+00:00"
    assert {p["author"] for p in found.values()} == {"colleague@agency.example", "me@agency.example"}
    assert {p["language"] for p in found.values()} == {"nb"}


def test_a_swedish_promise_is_found_for_a_swedish_client(cli):
    (p,) = cli.json_lines("promises", "--client", "volvo")
    assert p["due_at"] == "2026-11-06T16:00:00+00:00" and p["language"] == "sv"


def test_overdue_promises_are_listed_oldest_first_in_the_digest(cli):
    digest = cli.json("digest")
    quotes = [p["quote"] for p in digest["overdue"]]
    assert quotes[:2] == ["Vi skickar offerten senast fredag 6 november.", "Vi leverer rapporten fredag 13. november."]
    assert len(quotes) == 4
    assert digest["overdue"][1]["days_overdue"] == 9 and len(digest["overdue"][1]["sha256"]) == 64


def test_a_clients_close_and_a_spoofed_owners_close_are_refused_and_shown(cli):
    case = acme_case(cli)
    assert case["state"] == "open"
    refusals = [e for e in cli.json("show", str(case["id"]))["timeline"] if e["kind"] == "directive.refused"]
    reasons = " | ".join(e["data"]["reason"] for e in refusals)
    assert len(refusals) == 3 and "not an owner" in reasons and "Authentication-Results" in reasons and "quoted" in reasons


def test_the_cadence_directive_and_note_are_recorded(cli):
    detail = cli.json("show", str(acme_case(cli)["id"]))
    assert detail["case"]["cadence"] == "every Tuesday" and detail["case"]["cadence_source"] == "directive"
    assert [n["text"] for n in detail["notes"]] == ["Tallene fra Bergen er på vei."]


def test_our_reply_after_the_tag_counts_as_the_last_update(cli):
    assert acme_case(cli)["last_update_at"] == "2026-11-18T09:00:00+00:00"


def test_close_from_the_command_line_and_again_is_an_error(cli):
    case_id = str(acme_case(cli)["id"])
    assert cli("close", case_id, "--reason", "report delivered", "--as", "me@agency.example").exit_code == 0
    assert acme_case(cli)["state"] == "closed" and acme_case(cli)["next_update_at"] is None
    again = cli("close", case_id, "--as", "me@agency.example")
    assert again.exit_code == 2 and "already closed" in again.stderr


def test_pause_and_resume(cli):
    case_id = str(acme_case(cli)["id"])
    cli("pause", case_id, "--as", "me@agency.example")
    assert acme_case(cli)["state"] == "paused"
    cli("resume", case_id, "--as", "me@agency.example")
    assert acme_case(cli)["state"] == "open"


def test_a_note_from_the_command_line_is_kept_with_its_author(cli):
    case_id = str(acme_case(cli)["id"])
    cli("note", case_id, "Kari", "called;", "sent", "draft", "--as", "colleague@agency.example")
    note = cli.json("show", case_id)["notes"][-1]
    assert note["text"] == "Kari called; sent draft" and note["author"] == "colleague@agency.example"


def test_a_kept_promise_is_no_longer_overdue(cli):
    first = cli.json_lines("promises", "--overdue")[0]
    assert cli("promise", "kept", str(first["id"]), "--as", "me@agency.example").exit_code == 0
    assert first["id"] not in [p["id"] for p in cli.json_lines("promises", "--overdue")]


def test_brief_tells_the_story_in_one_screen(cli):
    text = cli("brief", "acme").stdout
    assert "OVERDUE" in text and "Tallene fra Bergen" in text and "Kvartalsrapport" in text


def test_unknown_case_and_client_are_errors_with_the_fix(cli):
    assert "followup cases" in cli("show", "999").stderr
    assert cli("brief", "nobody").exit_code == 2


def test_importing_again_changes_no_case(cli, mailbox):
    before = cli.json_lines("promises")
    cli("import", str(mailbox))
    assert cli.json_lines("promises") == before and len(cli.json_lines("cases")) == 2


def test_the_digest_prints_as_a_text_email_with_the_overdue_quotes(cli):
    result = cli("digest")
    assert result.stdout.startswith("Subject: ")
    assert "Vi leverer rapporten fredag 13. november." in result.stdout
    assert "<li" in cli("digest", "--html").stdout


def test_templates_preview_renders_the_next_update_in_the_clients_language_without_sending(cli):
    case_id = str(acme_case(cli)["id"])
    text = cli("templates", "preview", case_id).stdout
    assert text.startswith("Subject: Re: Kvartalsrapport") and "Hei Kari" in text
    assert "forsinket" in text  # an open promise past its due time is called late
    assert cli.json("show", case_id)["case"]["last_update_at"] == "2026-11-18T09:00:00+00:00"  # nothing sent
