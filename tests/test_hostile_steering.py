"""Nobody but an owner steers a case: forged Authentication-Results, directives in quoted
history or a forwarded message, tags in mailing-list mail. Each is archived, steers nothing,
and (where it was written as text) is recorded with its reason and shown by `followup show`."""

from __future__ import annotations

import sqlite3
from email.message import EmailMessage
from pathlib import Path

import pytest

from mailfactory import message

KARI, ME = "Kari Nordmann <kari@acme.example>", "Mia Berg <me@agency.example>"
ROOT = "c1@acme.example"


def put(folder: Path, name: str, data: bytes) -> None:
    for sub in ("cur", "new", "tmp"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "cur" / f"{name}:2,S").write_bytes(data)


def in_thread(mid: str, body: str, *, date: str, frm: str = ME, to: str = KARI, subject="SV: Rapporten", **headers) -> bytes:
    return message(body, From=frm, To=to, Subject=subject, Date=date, Message_ID=f"<{mid}>",
                   In_Reply_To=f"<{ROOT}>", References=f"<{ROOT}>", **headers).as_bytes()


def forwarded(mid: str, inner_body: str, *, date: str) -> bytes:
    """The owner forwards (as an attachment) a message whose text says `#slipup close`."""
    inner = message(inner_body, From=ME, To=KARI, Subject="Rapporten", Message_ID="<inner@agency.example>",
                    Date="Mon, 16 Nov 2026 08:00:00 +0100")
    outer = EmailMessage()
    for name, value in (("From", ME), ("To", "colleague@agency.example"), ("Subject", "Fwd: Rapporten"),
                        ("Date", date), ("Message-ID", f"<{mid}>"), ("In-Reply-To", f"<{ROOT}>"),
                        ("References", f"<{ROOT}>")):
        outer[name] = value
    outer.set_content("Se vedlagt, til info.\n")
    outer.add_attachment(inner)
    return outer.as_bytes()


@pytest.fixture
def case_mail(tmp_path: Path) -> Path:
    """A client's complaint tagged by the owner, then hostile attempts to steer it."""
    box = tmp_path / "Mail"
    put(box, "01", message("Hvor er rapporten?\n", From=KARI, To=ME, Subject="Rapporten", Message_ID=f"<{ROOT}>",
                           Date="Mon, 16 Nov 2026 09:00:00 +0100").as_bytes())
    put(box / ".Sent", "02", in_thread("tag@agency.example", "#slipup\n", to=ME, date="Mon, 16 Nov 2026 09:30:00 +0100"))
    put(box, "03", in_thread(  # an owner's From, vouched for only by a server we do not trust
        "forged@evil.example", "#slipup close\n", date="Mon, 16 Nov 2026 10:00:00 +0100",
        Authentication_Results="evil.example; dkim=pass header.d=agency.example; dmarc=pass header.from=agency.example"))
    put(box, "04", in_thread(  # our own server says the owner's domain failed
        "failed@evil.example", "#slipup pause\n", date="Mon, 16 Nov 2026 10:05:00 +0100",
        Authentication_Results="mx.agency.example; dkim=fail header.d=agency.example; spf=fail "
                               "smtp.mailfrom=agency.example; dmarc=fail header.from=agency.example"))
    put(box / ".Sent", "05", in_thread(  # Outlook-style quoted history, no ">" in sight
        "outlook@agency.example", "Hei Kari, den kommer i dag.\n\n-----Original Message-----\nFrom: Mia Berg\n"
        "Sent: Monday\n\n#slipup close\n", date="Mon, 16 Nov 2026 10:10:00 +0100"))
    put(box / ".Sent", "06", forwarded("fwd@agency.example", "#slipup close\n#slipup note: lukket\n",
                                       date="Mon, 16 Nov 2026 10:15:00 +0100"))
    put(box, "07", in_thread(  # the owner's address, posting through a mailing list
        "list@lists.example", "#slipup close\n", date="Mon, 16 Nov 2026 10:20:00 +0100",
        List_Id="Rapporter <rapporter.lists.example>",
        Authentication_Results="mx.agency.example; dkim=pass header.d=agency.example; dmarc=pass header.from=agency.example"))
    return box


def the_case(cli, box: Path) -> dict:
    cli("import", str(box))
    (case,) = cli.json_lines("cases")
    return cli.json("show", str(case["id"]))


def reasons(detail: dict) -> list[str]:
    return [e["data"]["reason"] for e in detail["timeline"] if e["kind"] == "directive.refused"]


def test_no_hostile_message_steers_the_case(cli, case_mail):
    detail = the_case(cli, case_mail)
    assert detail["case"]["state"] == "open" and detail["notes"] == []
    kinds = {e["kind"] for e in detail["timeline"]}
    assert not kinds & {"case.closed", "case.paused", "note.added"}


def test_authentication_results_from_an_untrusted_server_are_refused_and_shown(cli, case_mail):
    found = reasons(the_case(cli, case_mail))
    assert sum("Authentication-Results" in r for r in found) >= 1


def test_failing_authentication_for_the_owners_domain_is_refused_naming_the_failure(cli, case_mail):
    found = reasons(the_case(cli, case_mail))
    assert any("fail" in r for r in found)


def test_a_directive_in_outlook_style_quoted_history_is_refused_as_quoted(cli, case_mail):
    found = reasons(the_case(cli, case_mail))
    assert any("quoted" in r for r in found)


def test_a_tag_in_mailing_list_mail_from_an_owner_is_refused_as_automatic(cli, case_mail):
    found = reasons(the_case(cli, case_mail))
    assert any("List-Id" in r and "automatic" in r for r in found)


def test_every_hostile_attempt_is_archived_in_the_case_record(cli, case_mail):
    detail = the_case(cli, case_mail)
    messages = [e for e in detail["timeline"] if e["kind"] == "message"]
    assert len(messages) == 7


def test_show_prints_each_refusal_with_its_reason(cli, case_mail):
    cli("import", str(case_mail))
    text = cli("show", "1").stdout
    refused = [line for line in text.splitlines() if "Directive “" in line and "” refused: " in line]
    assert len(refused) == 4
    assert all("#slipup" in line for line in refused)


def test_a_directive_in_a_forwarded_attachment_steers_nothing_even_from_the_owners_sent_folder(cli, case_mail):
    detail = the_case(cli, case_mail)
    assert not [e for e in detail["timeline"] if e["kind"] in ("case.closed", "note.added")]
    assert not [e for e in detail["timeline"] if e["kind"] == "directive.refused" and "lukket" in str(e["data"])]


def test_a_tag_in_list_mail_opens_no_case_and_the_refusal_is_recorded(cli, tmp_path):
    box = tmp_path / "List"
    put(box, "01", message("#slipup\nSe tråden.\n", From=ME, To="rapporter@lists.example", Subject="Rapporten",
                           Message_ID="<l1@lists.example>", Date="Mon, 16 Nov 2026 09:00:00 +0100",
                           List_Id="<rapporter.lists.example>", Precedence="list").as_bytes())
    cli("import", str(box))
    assert cli("cases").exit_code == 1
    conn = sqlite3.connect(cli.config.parent / "data" / "archive.sqlite3")
    try:
        (reason,) = conn.execute("SELECT json_extract(data, '$.reason') FROM events WHERE kind = 'directive.refused'").fetchone()
    finally:
        conn.close()
    assert "automatic" in reason
