"""Specification of who may steer a case (followup.cases.authz)."""

from __future__ import annotations

import email
from email import policy
from email.utils import getaddresses

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.cases.authz import AuthResult, check_sender, parse_authentication_results
from followup.cases.directives import parse_directives
from followup.mail.model import Address, ParsedMessage

OWNERS = frozenset({"me@agency.example", "boss@agency.example"})
TRUSTED = ("mx.agency.example",)


def parsed(raw: str) -> ParsedMessage:
    """The few fields authz reads, taken from a message built with the stdlib parser."""
    em = email.message_from_string(raw, policy=policy.default)
    found = getaddresses([str(em["From"] or "")])
    name, addr = found[0] if found else ("", "")
    local, _, domain = addr.rpartition("@")
    return ParsedMessage(
        sha256="0" * 64, message_id="m@example", message_id_synthetic=False, in_reply_to=(),
        references=(), subject=str(em["Subject"] or ""),
        from_=Address(name, f"{local}@{domain.lower()}" if local else addr) if addr else None,
        to=(), cc=(), date=None, date_offset_minutes=None, text="", new_text="",
        headers=tuple((k.lower(), str(v)) for k, v in em.items()),
    )


def message(*header_lines: str, from_: str = "Me <me@agency.example>", body: str = "#slipup") -> ParsedMessage:
    headers = "\n".join((*header_lines, f"From: {from_}", "To: client@client.example", "Subject: Re: Late"))
    return parsed(f"{headers}\n\n{body}\n")


def check(msg: ParsedMessage, *, trusted=TRUSTED, sent: bool = False):
    return check_sender(msg, owners=OWNERS, trusted_authserv_ids=trusted, from_own_sent_folder=sent)


AR_PASS = "Authentication-Results: mx.agency.example; dmarc=pass header.from=agency.example"


# --- who ---------------------------------------------------------------------------------


def test_an_owner_in_their_own_sent_folder_is_trusted_as_is():
    verdict = check(message(), sent=True)
    assert verdict.allowed
    assert "Sent folder" in verdict.reason


def test_owner_addresses_match_case_insensitively_whatever_the_display_name():
    assert check(message(AR_PASS, from_="Someone Else <ME@Agency.Example>")).allowed


def test_a_client_writing_slipup_close_is_refused_as_not_an_owner():
    msg = message(
        "Authentication-Results: mx.agency.example; dmarc=pass header.from=client.example",
        from_="Client <ceo@client.example>", body="#slipup close")
    assert [d.kind for d in parse_directives(msg.subject, "#slipup close")] == ["close"]
    verdict = check(msg)
    assert not verdict.allowed
    assert verdict.reason == "From ceo@client.example is not an owner"


def test_a_non_owner_is_refused_even_from_the_sent_folder():
    assert not check(message(from_="intern@agency.example"), sent=True).allowed


def test_a_from_with_two_addresses_is_refused():
    verdict = check(message(AR_PASS, from_="me@agency.example, boss@agency.example"), sent=True)
    assert not verdict.allowed
    assert "2 addresses" in verdict.reason


def test_a_sender_different_from_the_from_is_refused():
    verdict = check(message(AR_PASS, "Sender: assistant@agency.example"))
    assert not verdict.allowed
    assert "Sender assistant@agency.example differs" in verdict.reason


def test_a_sender_equal_to_the_from_is_fine():
    assert check(message(AR_PASS, "Sender: ME@agency.example")).allowed


def test_a_message_without_from_is_refused():
    assert not check(parsed("Subject: x\n\n#slipup\n"), sent=True).allowed


# --- Authentication-Results ---------------------------------------------------------------


def test_a_spoofed_owner_from_without_authentication_results_is_refused():
    verdict = check(message())
    assert not verdict.allowed
    assert "no Authentication-Results header from a trusted server" in verdict.reason


def test_without_trusted_servers_configured_the_refusal_says_how_to_fix_it():
    verdict = check(message(AR_PASS), trusted=())
    assert not verdict.allowed
    assert "[tagging] trusted_authserv_ids" in verdict.reason


def test_dmarc_pass_for_the_from_domain_is_enough():
    verdict = check(message(AR_PASS))
    assert verdict.allowed
    assert verdict.reason == "From me@agency.example is an owner and mx.agency.example says dmarc=pass"


def test_dmarc_pass_for_another_header_from_is_refused():
    msg = message("Authentication-Results: mx.agency.example; dmarc=pass header.from=evil.example")
    assert not check(msg).allowed


def test_a_failing_dmarc_is_named_in_the_refusal():
    msg = message("Authentication-Results: mx.agency.example; dmarc=fail header.from=agency.example")
    assert check(msg).reason == (
        "From me@agency.example is an owner but Authentication-Results from mx.agency.example says dmarc=fail")


def test_dkim_pass_with_header_d_equal_to_the_from_domain_is_enough():
    assert check(message("Authentication-Results: mx.agency.example; dkim=pass header.d=agency.example")).allowed


def test_dkim_pass_for_a_subdomain_of_the_from_domain_is_aligned():
    msg = message("Authentication-Results: mx.agency.example; dkim=pass header.d=mail.agency.example")
    assert check(msg).allowed


def test_dkim_pass_with_header_i_in_the_from_domain_is_enough():
    assert check(message("Authentication-Results: mx.agency.example; dkim=pass header.i=@agency.example")).allowed


def test_dkim_pass_for_a_different_domain_is_refused_as_not_aligned():
    verdict = check(message("Authentication-Results: mx.agency.example; dkim=pass header.d=mailer.example"))
    assert not verdict.allowed
    assert "dkim=pass for mailer.example, not agency.example" in verdict.reason


def test_dkim_pass_for_a_bare_top_level_domain_never_aligns():
    assert not check(message("Authentication-Results: mx.agency.example; dkim=pass header.d=example")).allowed


def test_spf_pass_with_mailfrom_in_the_from_domain_is_enough():
    msg = message("Authentication-Results: mx.agency.example; spf=pass smtp.mailfrom=bounce@agency.example")
    assert check(msg).allowed


def test_spf_pass_for_another_mailfrom_domain_is_refused():
    msg = message("Authentication-Results: mx.agency.example; spf=pass smtp.mailfrom=bounce@bulk.example")
    assert not check(msg).allowed


def test_authentication_results_from_an_untrusted_server_are_ignored():
    verdict = check(message("Authentication-Results: mx.evil.example; dmarc=pass header.from=agency.example"))
    assert not verdict.allowed
    assert "found only mx.evil.example" in verdict.reason


def test_a_forged_second_header_below_the_trusted_one_is_ignored():
    msg = message(
        "Authentication-Results: mx.agency.example; dmarc=fail header.from=agency.example",
        "Authentication-Results: mx.agency.example; dmarc=pass header.from=agency.example",
    )
    verdict = check(msg)
    assert not verdict.allowed
    assert "dmarc=fail" in verdict.reason


def test_an_untrusted_header_above_ours_does_not_hide_ours():
    msg = message(
        "Authentication-Results: relay.other.example; dmarc=fail header.from=agency.example",
        AR_PASS,
    )
    assert check(msg).allowed


def test_server_ids_are_compared_case_insensitively():
    assert check(message(AR_PASS), trusted=("MX.Agency.Example",)).allowed


def test_a_none_result_refuses_and_says_nothing_was_checked():
    verdict = check(message("Authentication-Results: mx.agency.example 1; none"))
    assert not verdict.allowed
    assert verdict.reason.endswith("says nothing")


def test_folded_headers_with_comments_and_quoted_strings_are_read():
    raw = (
        "Authentication-Results: mx.agency.example (Postfix; ours);\n"
        "\tspf=softfail (sender (ip) not listed) smtp.mailfrom=x@other.example;\n"
        '\tdkim=pass (2048-bit key; "quoted" in comment) header.d="agency.example"\n'
        "\t header.s=sel1\n"
        "From: me@agency.example\nSubject: Re: Late\n\n#slipup\n"
    )
    verdict = check(parsed(raw))
    assert verdict.allowed, verdict.reason


def test_a_reason_is_always_one_line():
    msg = message('Authentication-Results: mx.agency.example; dkim=pass header.d="evil\\\nexample"')
    assert "\n" not in check(msg).reason


# --- the RFC 8601 reader ---------------------------------------------------------------


def test_parsing_splits_methods_results_and_properties():
    parsed_header = parse_authentication_results(
        'mx.agency.example; dkim/1=pass (ok) reason="good sig" header.d=Agency.example; spf = none')
    assert parsed_header.authserv_id == "mx.agency.example"
    assert parsed_header.results == (
        AuthResult("dkim", "pass", {"reason": "good sig", "header.d": "Agency.example"}),
        AuthResult("spf", "none", {}),
    )


def test_parsing_an_empty_value_gives_nothing():
    assert parse_authentication_results("  (just a comment)  ") is None


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_header_value_parses_without_crashing(value):
    parsed = parse_authentication_results(value)
    # Either nothing (no authserv-id) or a case-folded id and a tuple of results.
    assert parsed is None or (parsed.authserv_id == parsed.authserv_id.casefold()
                              and isinstance(parsed.results, tuple))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(['mx.agency.example', ';', '=', '"', '(', ')', '\\', 'dkim', 'pass',
                                 'header.d', 'agency.example', ' ', '\r\n\t'])))
def test_hostile_header_values_never_crash_the_check(pieces):
    msg = parsed("From: me@agency.example\nSubject: x\n\n")
    msg = ParsedMessage(**{**msg.__dict__, "headers": msg.headers + (("authentication-results", "".join(pieces)),)})
    verdict = check(msg)
    assert "\n" not in verdict.reason
