"""What one message does to its thread's case (pure: no archive, no clock)."""

from __future__ import annotations

from datetime import datetime, timezone

from followup.cases.engine import Apply, Extract, Open, OwnerReplied, Policy, Refuse, Seen, effects
from followup.mail.model import Address, ParsedMessage

POLICY = Policy(owners=frozenset({"me@agency.example"}), trusted_authserv_ids=("mx.agency.example",))
PASS = ("authentication-results", "mx.agency.example; dkim=pass header.d=agency.example; dmarc=pass header.from=agency.example")


def msg(new_text: str = "", *, frm: str = "me@agency.example", subject: str = "Report", headers=(), text=None) -> ParsedMessage:
    return ParsedMessage(
        sha256="0" * 64, message_id="m@x", message_id_synthetic=False, in_reply_to=(), references=(),
        subject=subject, from_=Address("", frm), to=(Address("", "kari@acme.example"),), cc=(),
        date=datetime(2026, 11, 16, 10, tzinfo=timezone.utc), date_offset_minutes=60,
        text=text if text is not None else new_text, new_text=new_text, headers=tuple(headers),
    )


def seen(m: ParsedMessage, *, direction="internal", from_sent=False, keywords=(), folders=()) -> Seen:
    return Seen(1, m, thread_id=7, client="acme", direction=direction, keywords=frozenset(keywords),
                folders=frozenset(folders), from_sent=from_sent)


def kinds(found) -> list[str]:
    return [type(e).__name__ for e in found]


def test_an_owners_tag_from_the_sent_folder_opens_a_case():
    found = effects(seen(msg("#slipup"), from_sent=True), None, POLICY)
    assert found == [Open(via="directive", by="me@agency.example")]


def test_an_owners_tag_vouched_for_by_our_server_opens_a_case():
    assert kinds(effects(seen(msg("#slipup", headers=[PASS])), None, POLICY)) == ["Open"]


def test_a_spoofed_owner_without_authentication_results_is_refused():
    (refusal,) = effects(seen(msg("#slipup close")), "open", POLICY)
    assert isinstance(refusal, Refuse) and "Authentication-Results" in refusal.reason


def test_a_client_can_never_close_a_case():
    (refusal,) = effects(seen(msg("#slipup close", frm="kari@acme.example"), direction="in"), "open", POLICY)
    assert isinstance(refusal, Refuse) and "not an owner" in refusal.reason


def test_a_directive_only_in_quoted_text_steers_nothing_and_is_recorded_as_refused():
    quoted = msg("Thanks!", text="Thanks!\n\n> #slipup close\n")
    refusal, *rest = effects(seen(quoted, direction="out", from_sent=True), "open", POLICY)
    assert isinstance(refusal, Refuse) and "quoted" in refusal.reason and refusal.line == "> #slipup close"
    assert rest == [Extract(), OwnerReplied()]


def test_automatic_mail_never_steers_even_from_an_owner_address():
    auto = msg("#slipup close", headers=[PASS, ("auto-submitted", "auto-replied")])
    (refusal,) = effects(seen(auto, from_sent=True), "open", POLICY)
    assert isinstance(refusal, Refuse) and "automatic" in refusal.reason


def test_a_keyword_set_in_the_owners_mailbox_opens_a_case():
    assert effects(seen(msg("hi", frm="kari@acme.example"), direction="in", keywords={"slipup"}), None, POLICY) == [
        Open(via="keyword", by="mailbox")]


def test_a_message_in_the_tag_folder_opens_a_case():
    assert kinds(effects(seen(msg("hi"), folders={"INBOX.slipup"}), None, POLICY)) == ["Open"]


def test_close_without_a_case_is_refused_with_the_fix():
    (refusal,) = effects(seen(msg("#slipup close"), from_sent=True), None, POLICY)
    assert "tag the thread first" in refusal.reason


def test_a_reply_subject_repeating_a_directive_counts_for_nothing():
    found = effects(seen(msg("Thanks", subject="Re: #slipup close"), direction="out", from_sent=True), "open", POLICY)
    assert kinds(found) == ["Extract", "OwnerReplied"]


def test_the_same_directive_in_subject_and_body_applies_once():
    found = effects(seen(msg("#slipup every tuesday", subject="#slipup every tuesday: Report"), from_sent=True), None, POLICY)
    assert kinds(found) == ["Open", "Apply"]


def test_an_unknown_directive_is_refused_saying_what_is_known():
    found = effects(seen(msg("#slipup frobnicate"), from_sent=True), "open", POLICY)
    assert isinstance(found[0], Refuse) and "close" in found[0].reason


def test_our_reply_in_a_case_is_read_for_promises_and_counts_as_an_update():
    found = effects(seen(msg("We will send it by Friday."), direction="out", from_sent=True), "open", POLICY)
    assert found == [Extract(), OwnerReplied()]


def test_a_note_directive_is_applied_with_its_author():
    (apply,) = [e for e in effects(seen(msg("#slipup note: parts ordered"), from_sent=True), "open", POLICY)]
    assert isinstance(apply, Apply) and apply.directive.text == "parts ordered" and apply.by == "me@agency.example"
