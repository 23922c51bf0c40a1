"""compose(): the exact bytes of an outgoing update, safe against header injection."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from followup.mail.compose import compose, make_message_id, one_line
from hypothesis import given, settings
from hypothesis import strategies as st

WHEN = datetime(2026, 11, 3, 10, 0, tzinfo=timezone(timedelta(hours=1)))
BASE_HEADERS = {
    "from", "to", "subject", "date", "message-id", "mime-version", "content-type",
    "content-transfer-encoding", "auto-submitted", "x-followup-update",
}


def build(**overrides: object) -> bytes:
    args: dict = {
        "sender": "ann@agency.example",
        "sender_name": "Ann Owner",
        "to": ["bob@acme.example"],
        "subject": "Status of your order",
        "text": "Hello Bob,\n\nWe will ship on Friday.\n",
        "html": None,
        "in_reply_to": None,
        "references": (),
        "message_id": "u1@agency.example",
        "date": WHEN,
        "extra_headers": {"X-Followup-Update": "case-7"},
    }
    args.update(overrides)
    return compose(**args)


def parse(data: bytes) -> EmailMessage:
    return message_from_bytes(data, policy=policy.default)  # type: ignore[return-value]


def body(part: EmailMessage) -> str:
    # The parser hands back the wire's CRLF line ends inside decoded text.
    return part.get_content().replace("\r\n", "\n")


def header_names(data: bytes) -> set[str]:
    return {name.lower() for name in parse(data)}


def test_headers_round_trip_through_the_stdlib_parser():
    msg = parse(build())
    assert str(msg["From"]) == "Ann Owner <ann@agency.example>"
    assert str(msg["To"]) == "bob@acme.example"
    assert str(msg["Subject"]) == "Status of your order"
    assert msg["Date"].datetime == WHEN
    assert msg["Message-ID"] == "<u1@agency.example>"


def test_plain_text_only_gives_a_single_utf8_text_part():
    msg = parse(build(text="Hei Bob, vi sender på fredag.\n"))
    assert msg.get_content_type() == "text/plain"
    assert msg.get_content_charset() == "utf-8"
    assert body(msg) == "Hei Bob, vi sender på fredag.\n"


def test_html_gives_multipart_alternative_with_the_plain_text_first():
    msg = parse(build(text="Hei på deg\n", html="<p>Hei på deg</p>\n"))
    assert msg.get_content_type() == "multipart/alternative"
    plain, rich = msg.iter_parts()
    assert (plain.get_content_type(), body(plain)) == ("text/plain", "Hei på deg\n")
    assert (rich.get_content_type(), body(rich)) == ("text/html", "<p>Hei på deg</p>\n")


def test_mime_version_appears_once_at_the_top_only():
    data = build(html="<p>x</p>")
    assert data.count(b"MIME-Version:") == 1
    assert parse(data)["MIME-Version"] == "1.0"


def test_every_line_ends_in_crlf():
    data = build(text="one\ntwo\rthree\r\nfour\n", html="<p>x</p>\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert b"\r\r" not in data


def test_output_is_seven_bit_even_for_non_ascii_text():
    data = build(subject="Statusoppdatering: leveransen er forsinket – æøå", text="Ďakujeme, že čakáte.\n",
                 sender_name="Åse Ørsted")
    assert data.isascii()
    msg = parse(data)
    assert str(msg["Subject"]) == "Statusoppdatering: leveransen er forsinket – æøå"
    assert msg["From"].addresses[0].display_name == "Åse Ørsted"
    assert body(msg) == "Ďakujeme, že čakáte.\n"


def test_no_line_exceeds_the_rfc_5322_limit_for_a_very_long_paragraph():
    data = build(text="ord " * 2000 + "\n", subject="lang " * 100)
    assert max(len(line) for line in data.split(b"\r\n")) <= 998
    assert body(parse(data)) == "ord " * 2000 + "\n"


def test_same_arguments_give_the_same_bytes():
    assert build(html="<p>x</p>") == build(html="<p>x</p>")


def test_updates_are_marked_auto_generated_and_carry_the_case_marker():
    msg = parse(build(extra_headers={"X-Followup-Update": "case-42"}))
    assert msg["Auto-Submitted"] == "auto-generated"
    assert msg["X-Followup-Update"] == "case-42"


def test_auto_submitted_can_be_overridden_but_appears_once():
    data = build(extra_headers={"auto-submitted": "auto-replied"})
    assert parse(data).get_all("Auto-Submitted") == ["auto-replied"]


def test_reply_headers_point_at_the_parent_and_end_the_references_chain_with_it():
    msg = parse(build(in_reply_to="<p2@acme.example>", references=["root@acme.example", "p1@acme.example"]))
    assert msg["In-Reply-To"] == "<p2@acme.example>"
    assert msg["References"].split() == ["<root@acme.example>", "<p1@acme.example>", "<p2@acme.example>"]


def test_references_are_not_repeated():
    msg = parse(build(in_reply_to="p1@acme.example", references=["root@acme.example", "p1@acme.example"]))
    assert msg["References"].split() == ["<root@acme.example>", "<p1@acme.example>"]


def test_a_new_thread_has_no_reply_headers():
    names = header_names(build())
    assert "in-reply-to" not in names and "references" not in names


def test_crlf_in_the_subject_never_yields_an_extra_header():
    data = build(subject="Order update\r\nBcc: spy@evil.example")
    assert header_names(data) == BASE_HEADERS
    assert str(parse(data)["Subject"]) == "Order update Bcc: spy@evil.example"


def test_crlf_in_the_display_name_never_yields_an_extra_header():
    data = build(sender_name="Ann\r\nBcc: spy@evil.example")
    assert header_names(data) == BASE_HEADERS
    assert parse(data)["From"].addresses[0].display_name == "Ann Bcc: spy@evil.example"


def test_crlf_in_an_extra_header_value_never_yields_an_extra_header():
    data = build(extra_headers={"X-Followup-Update": "case-7\r\nBcc: spy@evil.example"})
    assert header_names(data) == BASE_HEADERS
    assert parse(data)["X-Followup-Update"] == "case-7 Bcc: spy@evil.example"


def test_a_lone_lf_or_unicode_line_separator_is_folded_too():
    assert one_line("a\nb\u2028c\x85d \r\n\t e") == "a b c d e"


@settings(max_examples=150, deadline=None)
@given(subject=st.text(max_size=120), name=st.text(max_size=60), marker=st.text(max_size=60))
def test_no_text_in_subject_name_or_marker_adds_a_header(subject: str, name: str, marker: str):
    data = build(subject=subject, sender_name=name, extra_headers={"X-Followup-Update": marker})
    assert header_names(data) == BASE_HEADERS
    assert data.isascii()
    assert "\n" not in str(parse(data)["Subject"])


def test_internationalised_domains_are_written_in_punycode():
    msg = parse(build(to=["ola@blåbær.example"]))
    assert str(msg["To"]) == "ola@xn--blbr-roah.example"


@pytest.mark.parametrize("address", ["bob@acme.example\r\nBcc: spy@evil.example", "Bob <bob@acme.example>",
                                     "no-at-sign", "bob@", "bøb@acme.example"])
def test_an_unusable_recipient_address_is_refused(address: str):
    with pytest.raises(ValueError):
        build(to=[address])


def test_no_recipients_is_refused():
    with pytest.raises(ValueError):
        build(to=[])


def test_a_naive_date_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        build(date=datetime(2026, 11, 3, 10, 0))


@pytest.mark.parametrize("bad_id", ["no-at-sign", "a b@agency.example", "x@y\r\nBcc: z", "<a@b>>"])
def test_an_unusable_message_id_is_refused(bad_id: str):
    with pytest.raises(ValueError):
        build(message_id=bad_id)


@pytest.mark.parametrize("name", ["From", "bcc", "Content-Type", "Message-ID", "X Bad", "X-Colon:", ""])
def test_an_extra_header_that_would_clash_or_is_malformed_is_refused(name: str):
    with pytest.raises(ValueError):
        build(extra_headers={name: "x"})


def test_make_message_id_is_unique_bare_and_on_the_given_domain():
    first, second = make_message_id("agency.example"), make_message_id("agency.example")
    assert first != second
    assert first.endswith("@agency.example") and "<" not in first and ">" not in first
    assert parse(build(message_id=first))["Message-ID"] == f"<{first}>"


def test_make_message_id_puts_an_internationalised_domain_in_punycode():
    assert make_message_id("blåbær.example").endswith("@xn--blbr-roah.example")


@pytest.mark.parametrize("domain", ["", "a b.example", "x@y.example", "<agency.example>"])
def test_make_message_id_refuses_an_unusable_domain(domain: str):
    with pytest.raises(ValueError):
        make_message_id(domain)
