"""What the client and the owner read, end to end through the CLI and `run --once`: the
update replies to a person (never to an auto-reply), comes from the case owner by name,
tells the client what is late and the new date an owner set (by command or directive), is
held when it has nothing new to say, and every refused directive can be listed."""

from __future__ import annotations

import email
import json
from datetime import UTC, datetime
from email import policy
from pathlib import Path

import pytest
from configs import client, outbox_transport, site_toml
from conftest import Cli
from mailfactory import message

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)  # a Tuesday: the report promised for Friday the 20th is late
KARI, ME = "Kari Nordmann <kari@acme.example>", "Mia Berg <me@agency.example>"
PROMISE = "We will send the final report by Friday 20 November."


def put(folder: Path, name: str, body: str, **headers: str) -> None:
    for sub in ("cur", "new", "tmp"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "cur" / f"{name}:2,S").write_bytes(message(body, **headers).as_bytes())


def reply_to(*parents: str) -> dict:
    return {"In_Reply_To": f"<{parents[-1]}>", "References": " ".join(f"<{p}>" for p in parents)}


def write_thread(box: Path) -> None:
    """Kari chases; Mia answers with a promise and tags the thread; Kari's out-of-office answers Mia."""
    put(box, "01", "Hi Mia,\n\nWhere is the report?\n\nKari\n", From=KARI, To=ME, Subject="Quarterly report",
        Date="Mon, 16 Nov 2026 09:00:00 +0100", Message_ID="<k1@acme.example>")
    put(box / ".Sent", "02", f"Hi Kari,\n\nSorry, our fault. {PROMISE}\n\nMia\n", From=ME, To=KARI,
        Subject="Re: Quarterly report", Date="Mon, 16 Nov 2026 11:00:00 +0100", Message_ID="<m2@agency.example>",
        **reply_to("k1@acme.example"))
    put(box / ".Sent", "03", "#slipup every 2 days\n", From=ME, To=ME, Subject="Re: Quarterly report",
        Date="Mon, 16 Nov 2026 11:05:00 +0100", Message_ID="<m3@agency.example>",
        **reply_to("k1@acme.example", "m2@agency.example"))
    put(box, "04", "I am out of the office until 30 November.\n", From=KARI, To=ME,
        Subject="Automatic reply: Re: Quarterly report", Date="Mon, 16 Nov 2026 11:01:00 +0100",
        Message_ID="<ooo4@acme.example>", Auto_Submitted="auto-replied",
        **reply_to("k1@acme.example", "m2@agency.example"))


def make_cli(tmp_path: Path, monkeypatch, *, people: tuple[dict, ...] = (), from_name: str | None = None,
             locale: str = "en", hold: bool = True) -> Cli:
    """The shared site with one owner, the client's language as given and its window always open."""
    monkeypatch.setattr("followup.clock.utcnow", lambda: NOW)
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "config.toml"
    config.write_text(site_toml(
        owners=["me@agency.example"], people=people,
        clients=[client("acme", locale=locale, timezone="Europe/Oslo", send_window="always")],
        delivery={"hold_updates_without_news": hold},
        transport=outbox_transport(**({"from_name": from_name} if from_name else {})),
    ), encoding="utf-8")
    write_thread(tmp_path / "mail")
    return Cli(config)


@pytest.fixture
def cli(tmp_path: Path, monkeypatch) -> Cli:
    return make_cli(tmp_path, monkeypatch)


@pytest.fixture
def sending(tmp_path: Path, monkeypatch) -> Cli:
    """Updates go out even with nothing new to say, so threading and names show on any update."""
    return make_cli(tmp_path, monkeypatch, hold=False)


def mails_to(tmp_path: Path, address: str) -> list[email.message.EmailMessage]:
    found = []
    for path in sorted((tmp_path / "outbox").glob("[a-z]*/*")):  # new/ and cur/, not .Drafts/
        if path.is_file():
            msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
            if address in str(msg["To"]):
                found.append(msg)
    return found


def text_of(msg) -> str:
    return msg.get_body(("plain",)).get_content()


def promise_id(cli: Cli) -> int:
    return next(p["id"] for p in cli.json_lines("promises") if p["quote"] == PROMISE)


def run_once(cli: Cli) -> str:
    result = cli("run", "--once")
    assert result.exit_code == 0, result.output
    return result.stdout


# --- threading and names ----------------------------------------------------------------------


def test_the_update_replies_to_the_latest_message_a_person_wrote_never_to_the_auto_reply(sending, tmp_path):
    run_once(sending)
    (update,) = mails_to(tmp_path, "kari@acme.example")
    assert update["In-Reply-To"] == "<m2@agency.example>"
    assert "ooo4@acme.example" not in update["References"]
    assert update["Auto-Submitted"] == "auto-generated"


def test_the_update_comes_from_the_owners_name_found_on_her_own_mail_and_is_signed_with_it(sending, tmp_path):
    run_once(sending)
    (update,) = mails_to(tmp_path, "kari@acme.example")
    assert update["From"].addresses[0].display_name == "Mia Berg"
    assert text_of(update).rstrip().endswith("Mia Berg")


def test_the_configured_owner_name_wins_over_the_name_on_her_mail(tmp_path, monkeypatch):
    cli = make_cli(tmp_path, monkeypatch, hold=False,
                   people=({"address": "me@agency.example", "name": "Mia B. Berg"},))
    run_once(cli)
    (update,) = mails_to(tmp_path, "kari@acme.example")
    assert update["From"].addresses[0].display_name == "Mia B. Berg"
    assert text_of(update).rstrip().endswith("Mia B. Berg")
    assert "Hi Mia B. Berg," in cli("digest").stdout


def test_the_transports_from_name_still_wins_for_the_from_header(tmp_path, monkeypatch):
    cli = make_cli(tmp_path, monkeypatch, hold=False, from_name="Agency Support")
    run_once(cli)
    (update,) = mails_to(tmp_path, "kari@acme.example")
    assert update["From"].addresses[0].display_name == "Agency Support"
    assert text_of(update).rstrip().endswith("Mia Berg")


def test_the_digest_greets_the_owner_by_the_name_on_her_mail(cli):
    cli("import", "mail")
    assert "Hi Mia Berg," in cli("digest").stdout


# --- honest timeframes --------------------------------------------------------------------------


def test_an_update_whose_only_dated_promise_is_late_without_a_new_date_waits_as_a_draft(cli, tmp_path):
    out = run_once(cli)
    assert "held as a draft" in out
    assert [m["state"] for m in cli.json_lines("outbox") if m["kind"] == "update"] == ["draft"]
    digest = cli("digest").stdout
    assert f"followup promise reschedule {promise_id(cli)} YYYY-MM-DD" in digest
    assert f"#slipup promise #{promise_id(cli)} YYYY-MM-DD" in digest
    assert "held back as a draft" in digest


def test_a_held_update_goes_out_once_the_late_promise_has_a_new_date(cli, tmp_path):
    run_once(cli)
    assert mails_to(tmp_path, "kari@acme.example") == []  # only the draft, in the outbox's Drafts
    assert cli("promise", "reschedule", str(promise_id(cli)), "2026-12-04").exit_code == 0
    assert "wrote the update for case 1 to kari@acme.example: Re: Quarterly report" in run_once(cli)
    (update,) = mails_to(tmp_path, "kari@acme.example")
    assert "late: the new date is Friday, December 4, 2026" in text_of(update)


def test_reschedule_from_the_command_line_reaches_show_promises_and_the_next_update(cli, tmp_path):
    cli("import", "mail")
    pid = promise_id(cli)
    done = cli("promise", "reschedule", str(pid), "2026-12-04", "--reason", "the auditors need another week")
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith(f"Promise {pid} moved from 2026-11-20 16:00 to 2026-12-04")
    assert "by me@agency.example (the auditors need another week)" in done.stdout
    (p,) = [p for p in cli.json_lines("promises") if p["id"] == pid]
    assert p["due_at"].startswith("2026-12-04") and p["first_due_at"].startswith("2026-11-20")
    assert [(r["by"], r["reason"]) for r in p["reschedules"]] == [("me@agency.example", "the auditors need another week")]
    assert "moved from 2026-11-20 16:00 to 2026-12-04" in cli("show", "1").stdout
    run_once(cli)
    (update,) = mails_to(tmp_path, "kari@acme.example")
    assert (f"“{PROMISE}” – late: the new date is Friday, December 4, 2026 "
            "(first promised for Friday, November 20, 2026)") in text_of(update)
    assert cli.json("digest")["overdue"] == []  # it has an honest new date


def test_reschedule_by_directive_in_the_thread_reaches_the_next_update_in_the_clients_language(tmp_path, monkeypatch):
    cli = make_cli(tmp_path, monkeypatch, locale="nb")
    cli("import", "mail")
    pid = promise_id(cli)
    put(tmp_path / "mail" / ".Sent", "05", f"#slipup promise #{pid} 2026-12-04: revisorene trenger en uke til\n",
        From=ME, To=ME, Subject="Re: Quarterly report", Date="Tue, 24 Nov 2026 09:00:00 +0100",
        Message_ID="<m5@agency.example>", **reply_to("k1@acme.example", "m2@agency.example"))
    run_once(cli)
    (p,) = [p for p in cli.json_lines("promises") if p["id"] == pid]
    assert [(r["by"], r["reason"], r["sha256"] is not None) for r in p["reschedules"]] == [
        ("me@agency.example", "revisorene trenger en uke til", True)]
    (update,) = mails_to(tmp_path, "kari@acme.example")
    assert "forsinket, ny frist er fredag 4. desember 2026 (opprinnelig fredag 20. november 2026)" in text_of(update)
    assert f"Promise {pid} moved from 2026-11-20 16:00 to 2026-12-04" in cli("show", "1").stdout


def test_a_reschedule_directive_for_a_promise_of_another_case_is_refused_and_listed(cli, tmp_path):
    cli("import", "mail")
    put(tmp_path / "mail" / ".Sent", "05", "#slipup promise #99 2026-12-04\n", From=ME, To=ME,
        Subject="Re: Quarterly report", Date="Tue, 24 Nov 2026 09:00:00 +0100", Message_ID="<m5@agency.example>",
        **reply_to("k1@acme.example", "m2@agency.example"))
    assert "1 directives refused (see: followup refusals)" in run_once(cli)
    (refusal,) = cli.json("refusals")
    assert refusal["reason"].startswith("no promise #99 in case 1")
    assert refusal["fix"] == "the ids are in followup show CASE"


def test_reschedule_needs_a_date_ahead_and_an_open_promise(cli):
    cli("import", "mail")
    pid = str(promise_id(cli))
    past = cli("promise", "reschedule", pid, "2026-11-01")
    assert past.exit_code == 2 and "has already passed (fix: give a date that is still ahead)" in past.stderr
    assert cli("promise", "kept", pid).exit_code == 0
    kept = cli("promise", "reschedule", pid, "2026-12-04")
    assert kept.exit_code == 2 and f"promise #{pid} is kept" in kept.stderr
    assert cli("promise", "kept", pid, "2026-12-04").exit_code == 2  # only reschedule takes a date


def test_reschedule_names_the_owner_given_with_as_or_followup_owner(tmp_path, monkeypatch):
    cli = make_cli(tmp_path, monkeypatch, people=({"address": "ola@agency.example"},))
    cli("import", "mail")
    pid = str(promise_id(cli))
    unsure = cli("promise", "reschedule", pid, "2026-12-04")
    assert unsure.exit_code == 2 and "--as ADDRESS" in unsure.stderr
    assert "by ola@agency.example" in cli("promise", "reschedule", pid, "2026-12-04", "--as", "ola@agency.example").stdout
    monkeypatch.setenv("FOLLOWUP_OWNER", "me@agency.example")
    assert "by me@agency.example" in cli("promise", "reschedule", pid, "2026-12-11").stdout
    assert cli("promise", "reschedule", pid, "2026-12-18", "--as", "kari@acme.example").exit_code == 2


# --- acknowledgement, digest and show, preview ----------------------------------------------------


def test_the_acknowledgement_goes_out_only_while_the_clients_last_message_is_unanswered(cli, tmp_path):
    put(tmp_path / "mail", "06", "Hello? Still nothing.\n", From=KARI, To=ME, Subject="Re: Quarterly report",
        Date="Mon, 23 Nov 2026 09:00:00 +0100", Message_ID="<k6@acme.example>",
        **reply_to("k1@acme.example", "m2@agency.example"))
    out = run_once(cli)
    assert "wrote the ack for case 1" in out
    (ack,) = mails_to(tmp_path, "kari@acme.example")
    assert ack["In-Reply-To"] == "<k6@acme.example>"
    assert f"“{PROMISE}” – late: it was due Friday, November 20, 2026" in text_of(ack)


def test_no_acknowledgement_when_the_owner_already_answered_the_client(cli, tmp_path):
    cli("import", "mail")
    assert cli("templates", "preview", "1").stdout.splitlines()[2] == "Hi Kari,"
    assert "here is the plan" not in cli("templates", "preview", "1").stdout
    assert "wrote the ack" not in run_once(cli)


def test_the_digest_counts_every_missed_update_at_the_send_time_show_gives(cli):
    cli("import", "mail")
    case = cli.json_lines("cases")[0]
    row = next(r for r in cli.json("digest")["updates_due"] if r["case_id"] == 1)
    # every 2 days from Mia's reply on Monday the 16th: Wednesday, Friday, Sunday were missed by Tuesday the 24th
    assert row["missed_count"] == 3
    assert row["missed_at"].startswith("2026-11-18T10:00")  # two days after Mia's reply
    assert row["next_update_at"] == case["next_update_at"]


def test_templates_preview_of_a_closed_case_renders_the_closing_summary(cli):
    cli("import", "mail")
    assert cli("close", "1").exit_code == 0
    preview = cli("templates", "preview", "1").stdout
    assert "We are closing “Quarterly report”" in preview


# --- refusals -----------------------------------------------------------------------------------


def untrusted_tag(box: Path) -> None:
    """An owner's tag note that arrived in the INBOX with no Authentication-Results from our server."""
    put(box, "07", "#slipup\n", From=ME, To=ME, Subject="Invoice 2041", Date="Mon, 23 Nov 2026 09:00:00 +0100",
        Message_ID="<tag7@agency.example>")


def test_a_refusal_outside_any_case_is_listed_with_sender_reason_and_fix(cli, tmp_path):
    untrusted_tag(tmp_path / "mail")
    assert "1 directives refused (see: followup refusals)" in cli("import", "mail").stdout
    listed = cli("refusals")
    assert listed.exit_code == 0
    assert "me@agency.example wrote '#slipup' outside any case" in listed.stdout
    assert "Fix: check that your domain passes DKIM, SPF or DMARC" in listed.stdout
    (refusal,) = cli.json("refusals")
    assert refusal["case"] is None and refusal["message_id"] == "tag7@agency.example"
    assert refusal["from"] == "me@agency.example" and refusal["date"].startswith("2026-11-23T08:00")
    assert [json.loads(line)["id"] for line in cli("refusals", "--nl").stdout.splitlines()] == [refusal["id"]]
    assert "1 directives refused in 7 days" in cli("status").stdout


def test_run_once_points_to_the_refusals_it_made(cli, tmp_path):
    untrusted_tag(tmp_path / "mail")
    assert "1 directives refused (see: followup refusals)" in run_once(cli)
    assert cli("refusals").exit_code == 0


def test_no_refusals_exits_1_with_an_empty_array(cli):
    cli("import", "mail")
    result = cli("refusals", "--json")
    assert result.exit_code == 1 and json.loads(result.stdout) == []


def test_a_promise_directive_is_dated_in_the_language_of_a_client_whose_locale_names_a_country(tmp_path, monkeypatch):
    cli = make_cli(tmp_path, monkeypatch, locale="nb_NO")  # "nb_NO" once stopped the case pass with a ValueError
    cli("import", "mail")
    put(tmp_path / "mail" / ".Sent", "05", "#slipup promise fredag: Vi sender deg den nye rapporten\n",
        From=ME, To=ME, Subject="Re: Quarterly report", Date="Tue, 24 Nov 2026 09:00:00 +0100",
        Message_ID="<m5@agency.example>", **reply_to("k1@acme.example", "m2@agency.example"))
    run_once(cli)
    (found,) = [p for p in cli.json_lines("promises") if p["quote"] == "Vi sender deg den nye rapporten"]
    assert found["due_at"].startswith("2026-11-27")


@pytest.fixture
def faulty_extraction(monkeypatch):
    """Promise extraction that meets a bug on any text saying BOOM, as a bug meets one odd message."""
    import followup.promises as promises_package

    real = promises_package.extract_promises

    def faulty(text, **options):
        if "BOOM" in text:
            raise ValueError("a bug that one odd message finds")
        return real(text, **options)

    monkeypatch.setattr(promises_package, "extract_promises", faulty)


def test_a_fault_on_one_message_skips_it_and_the_case_pass_goes_on(tmp_path, monkeypatch, faulty_extraction):
    cli = make_cli(tmp_path, monkeypatch)
    put(tmp_path / "mail" / ".Sent", "05", "Hi Kari, BOOM.\n\nMia\n", From=ME, To=KARI, Subject="Re: Quarterly report",
        Date="Mon, 16 Nov 2026 11:10:00 +0100", Message_ID="<m5@agency.example>",
        **reply_to("k1@acme.example", "m2@agency.example"))
    result = cli("run", "--once")
    assert result.exit_code == 0, result.output
    assert "1 messages skipped by the case pass" in result.stdout
    assert PROMISE in [p["quote"] for p in cli.json_lines("promises")]  # the case opened, the other promise stands
    assert "skipped, its effects rolled back: ValueError: a bug that one odd message finds" in result.output
    assert "Traceback" not in result.output
    again = cli("run", "--once")  # the pass moved past it: the message does not stall the mailbox
    assert again.exit_code == 0 and "skipped" not in again.stdout
    assert cli("verify").exit_code == 0  # the event chain holds across the rolled-back message


def test_a_tag_whose_own_text_meets_a_fault_still_opens_its_case_and_the_skip_is_on_record(
        tmp_path, monkeypatch, faulty_extraction):
    import sqlite3

    cli = make_cli(tmp_path, monkeypatch)
    put(tmp_path / "mail" / ".Sent", "06", "#slipup every 2 days\n\nBOOM, the roof is late.\n", From=ME, To=KARI,
        Subject="Roof", Date="Tue, 17 Nov 2026 09:00:00 +0100", Message_ID="<m6@agency.example>")
    result = cli("run", "--once")
    assert result.exit_code == 0, result.output
    assert "2 cases opened" in result.stdout and "1 messages skipped" in result.stdout
    (archive,) = tmp_path.glob("**/*.sqlite3")
    with sqlite3.connect(archive) as conn:
        failed = conn.execute("SELECT case_id, data FROM events WHERE kind = 'case.message_failed'").fetchall()
    assert len(failed) == 1 and failed[0][0] is not None and "ValueError" in failed[0][1]
