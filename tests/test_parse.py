"""parse_message: what it makes of good mail, and how it repairs the bad."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import pickle
from datetime import datetime, timezone
from email.message import EmailMessage

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.errors import UnparseableMessage
from followup.mail.model import Address, ParsedMessage
from followup.mail.parse import parse_message
from mailfactory import as_bytes, message, minimal, raw, with_text_part


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


# --- what is not an email --------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"  \r\n\r\n  "], ids=["empty", "blank"])
def test_empty_bytes_are_unparseable(data):
    with pytest.raises(UnparseableMessage, match="empty"):
        parse_message(data)


def test_plain_text_without_header_lines_is_unparseable():
    with pytest.raises(UnparseableMessage, match="no header"):
        parse_message(b"Thanks, we will send the report on Friday.\nRegards, Ann\n")


def test_mostly_binary_bytes_are_unparseable():
    with pytest.raises(UnparseableMessage, match="binary"):
        parse_message(bytes(range(256)) * 20)


def test_unparseable_carries_the_reason_for_the_quarantine_list():
    with pytest.raises(UnparseableMessage) as caught:
        parse_message(b"")
    assert caught.value.reason == "empty"


# --- the basic fields ------------------------------------------------------------------------


def test_well_formed_message_gives_every_field():
    parsed = parse_message(as_bytes(message()))
    assert parsed.message_id == "m1@ourfirm.example"
    assert parsed.from_ == Address("Ann Owner", "ann@ourfirm.example")
    assert parsed.to == (Address("Bob Client", "bob@client.example"),)
    assert parsed.subject == "Status of your order"
    assert parsed.date == utc(2026, 11, 3, 9, 0)
    assert parsed.text == "Hello Bob,\n\nWe will ship on Friday.\n"
    assert parsed.defects == ()


def test_sha256_is_of_the_raw_bytes_as_given():
    data = as_bytes(message())
    assert parse_message(data).sha256 == hashlib.sha256(data).hexdigest()


def test_parsed_message_survives_pickling_for_worker_processes():
    parsed = parse_message(as_bytes(message()))
    assert pickle.loads(pickle.dumps(parsed)) == parsed


def test_new_text_drops_the_quoted_history():
    body = "We will ship on Friday.\n\nOn Mon, 3 Nov 2026, Bob <bob@client.example> wrote:\n> Where is it?\n"
    assert parse_message(as_bytes(message(body))).new_text == "We will ship on Friday."


# --- Message-ID, In-Reply-To, References ----------------------------------------------------


def test_message_id_without_angle_brackets_is_accepted():
    parsed = parse_message(minimal(body=b"x").replace(b"<x1@ourfirm.example>", b"x1@ourfirm.example"))
    assert parsed.message_id == "x1@ourfirm.example"
    assert not parsed.message_id_synthetic
    assert "message-id:without-brackets" in parsed.defects


def test_missing_message_id_is_synthesised_from_the_sha256():
    data = raw(b"From: ann@ourfirm.example", b"Subject: hi")
    parsed = parse_message(data)
    assert parsed.message_id == f"sha256-{hashlib.sha256(data).hexdigest()[:32]}@followup.invalid"
    assert parsed.message_id_synthetic


@pytest.mark.parametrize("value", [b"", b"   ", b"not an id at all"], ids=["empty", "blank", "words"])
def test_empty_or_garbage_message_id_is_synthesised(value):
    parsed = parse_message(raw(b"From: ann@ourfirm.example", b"Message-ID: " + value))
    assert parsed.message_id_synthetic
    assert parsed.message_id.endswith("@followup.invalid")


def test_synthetic_message_id_is_stable_for_the_same_bytes():
    data = raw(b"From: ann@ourfirm.example", b"Subject: hi")
    assert parse_message(data).message_id == parse_message(data).message_id


def test_references_keep_oldest_first_and_drop_duplicates():
    data = minimal(b"References: <a@x> <b@x>\r\n <a@x> <c@x>")
    assert parse_message(data).references == ("a@x", "b@x", "c@x")


def test_references_never_contain_the_message_itself():
    data = minimal(b"References: <a@x> <x1@ourfirm.example> <b@x>")
    assert parse_message(data).references == ("a@x", "b@x")


def test_references_tolerate_garbage_between_ids():
    data = minimal(b"References: <a@x>, (comment) junk\"q\" <b@x>;<c@x>")
    assert parse_message(data).references == ("a@x", "b@x", "c@x")


def test_in_reply_to_is_read_like_references():
    data = minimal(b"In-Reply-To: Your message of Monday <a@x>")
    assert parse_message(data).in_reply_to == ("a@x",)


# --- Date --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected", "offset"),
    [
        ("Mon, 3 Nov 2026 10:00:00 +0100 (CET)", utc(2026, 11, 3, 9, 0), 60),
        ("3 Nov 2026 10:00:00 -0530", utc(2026, 11, 3, 15, 30), -330),
        ("Mon, 3 Nov 26 10:00:00 +0000", utc(2026, 11, 3, 10, 0), 0),
        ("Mon, 3 Nov 2026 10:00:00 PDT", utc(2026, 11, 3, 17, 0), -420),
        ("Mon, 3 Nov 2026 10:00:00 EST", utc(2026, 11, 3, 15, 0), -300),
        ("Mon, 3 Nov 2026 10:00:00 CET", utc(2026, 11, 3, 9, 0), 60),
        ("2026-11-03T10:00:00+01:00", utc(2026, 11, 3, 9, 0), 60),
    ],
    ids=["comment", "no-weekday", "two-digit-year", "pdt", "est", "cet", "iso8601"],
)
def test_date_is_utc_with_the_written_offset(value, expected, offset):
    parsed = parse_message(minimal(f"Date: {value}"))
    assert (parsed.date, parsed.date_offset_minutes) == (expected, offset)


def test_date_without_zone_is_read_as_utc_and_flagged():
    parsed = parse_message(minimal("Date: Mon, 3 Nov 2026 10:00:00"))
    assert (parsed.date, parsed.date_offset_minutes) == (utc(2026, 11, 3, 10, 0), None)
    assert "date:date-without-zone" in parsed.defects


def test_garbage_date_gives_none_and_a_defect():
    parsed = parse_message(minimal("Date: sometime next week"))
    assert parsed.date is None
    assert "date:date-unparseable" in parsed.defects


def test_missing_date_falls_back_to_the_earliest_received_stamp():
    data = minimal(
        "Received: from relay by mx; Mon, 3 Nov 2026 10:05:00 +0000",
        "Received: from laptop by relay; Mon, 3 Nov 2026 11:00:00 +0100",
    )
    parsed = parse_message(data)
    assert parsed.date == utc(2026, 11, 3, 10, 0)
    assert "date:missing-used-received" in parsed.defects


def test_missing_date_without_received_is_none():
    parsed = parse_message(minimal())
    assert parsed.date is None
    assert "date:missing" in parsed.defects


# --- addresses -----------------------------------------------------------------------------------


def test_address_domain_is_lower_cased_and_local_part_kept():
    parsed = parse_message(minimal("To: Bob <Bob.Smith@Client.EXAMPLE>"))
    assert parsed.to == (Address("Bob", "Bob.Smith@client.example"),)


def test_undisclosed_recipients_group_gives_no_addresses():
    assert parse_message(minimal("To: undisclosed-recipients:;")).to == ()


def test_group_members_are_flattened():
    parsed = parse_message(minimal("Cc: team: a@x.example, B <b@x.example>;"))
    assert [a.addr for a in parsed.cc] == ["a@x.example", "b@x.example"]


def test_encoded_display_name_is_decoded_without_splitting_on_its_comma():
    parsed = parse_message(minimal("To: =?utf-8?q?D=C3=B8e=2C_Kari?= <kari@client.example>"))
    assert parsed.to == (Address("Døe, Kari", "kari@client.example"),)


def test_address_without_angle_brackets_is_repaired():
    parsed = parse_message(minimal("To: Bob Client bob@client.example"))
    assert parsed.to[0].addr == "bob@client.example"


def test_address_without_domain_keeps_the_name_and_an_empty_addr():
    parsed = parse_message(raw("From: MAILER-DAEMON", "Subject: failure"))
    assert parsed.from_ == Address("MAILER-DAEMON", "")


def test_missing_from_is_none():
    assert parse_message(raw("Subject: hi")).from_ is None


# --- header text ---------------------------------------------------------------------------------


def test_raw_utf8_bytes_in_a_header_are_decoded():
    parsed = parse_message(minimal("Subject: Løfte om levering".encode()))
    assert parsed.subject == "Løfte om levering"
    assert "subject:header-8bit" in parsed.defects


def test_raw_windows_1252_bytes_in_a_header_are_decoded():
    parsed = parse_message(minimal("Subject: Leveranse \u2013 fredag".encode("cp1252")))
    assert parsed.subject == "Leveranse \u2013 fredag"


def test_encoded_words_are_decoded_and_the_space_between_them_dropped():
    parsed = parse_message(minimal("Subject: =?utf-8?q?Sl=C3=BA?= =?utf-8?q?bime?= dodanie"))
    assert parsed.subject == "Slúbime dodanie"


def test_encoded_word_with_bad_base64_keeps_its_text_and_is_flagged():
    parsed = parse_message(minimal("Subject: =?utf-8?b?!!!?= status"))
    assert "status" in parsed.subject
    assert "subject:encoded-word-bad-base64" in parsed.defects


def test_unterminated_encoded_word_is_kept_and_flagged():
    parsed = parse_message(minimal("Subject: =?utf-8?q?half"))
    assert parsed.subject == "=?utf-8?q?half"
    assert "subject:encoded-word-unterminated" in parsed.defects


def test_encoded_word_in_an_unknown_charset_is_guessed():
    parsed = parse_message(minimal("Subject: =?x-unknown?q?caf=C3=A9?="))
    assert parsed.subject == "café"


def test_obsolete_blank_before_colon_is_repaired():
    data = b"Subject : Saying Hello\r\nFrom  : John <jdoe@example.org>\r\n\r\nHi\r\n"
    parsed = parse_message(data)
    assert (parsed.subject, parsed.from_.addr) == ("Saying Hello", "jdoe@example.org")
    assert "header-blank-before-colon" in parsed.defects


def test_mbox_from_line_and_byte_order_mark_are_stripped():
    data = b"\xef\xbb\xbfFrom - Mon Nov  3 10:00:00 2026\n" + minimal("Subject: hi")
    parsed = parse_message(data)
    assert parsed.subject == "hi"
    assert {"byte-order-mark", "mbox-from-line"} <= set(parsed.defects)


# --- body charsets ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("charset", "codec", "text"),
    [
        ("iso-8859-1", "cp1252", "Pris: 100 \u20ac \u201cinkl. mva\u201d"),
        ("uft-8", "utf-8", "Vi sender fakturaen på fredag"),
        ("x-unknown", "utf-8", "Dodáme to v piatok"),
        ("gb2312", "gbk", "我们周五发货"),
        ("gbk", "gbk", "我们周五发货"),
        ("koi8-r", "koi8-r", "Отправим в пятницу"),
        ("iso-2022-jp", "iso2022_jp", "金曜日に発送します"),
        ("shift_jis", "shift_jis", "金曜日に発送します"),
        ("ks_c_5601-1987", "cp949", "금요일에 보내드리겠습니다"),
        ("utf-7", "utf-7", "Enviarem divendres à tarda"),
    ],
)
def test_body_charset_labels_seen_in_the_wild_are_decoded(charset, codec, text):
    data = with_text_part(text.encode(codec), f"text/plain; charset={charset}")
    assert parse_message(data).text == text


def test_body_that_lies_about_its_charset_is_decoded_by_fallback():
    data = with_text_part("Sendt på fredag".encode("latin-1"), "text/plain; charset=utf-8")
    parsed = parse_message(data)
    assert parsed.text == "Sendt på fredag"
    assert "charset-mismatch:utf-8" in parsed.defects


def test_body_with_unknown_charset_label_is_guessed_and_flagged():
    data = with_text_part("Vi skickar på fredag".encode(), "text/plain; charset=klingon-8")
    parsed = parse_message(data)
    assert parsed.text == "Vi skickar på fredag"
    assert "charset-unknown:klingon-8" in parsed.defects


def test_undeclared_8bit_body_is_tried_as_utf8():
    data = minimal(body="Dňa 3. novembra pošleme faktúru".encode())
    assert parse_message(data).text == "Dňa 3. novembra pošleme faktúru"


# --- body encodings and structure -----------------------------------------------------------------


def test_bad_base64_body_still_gives_text_and_is_flagged():
    good = base64.b64encode("We will ship on Friday.".encode()).decode()
    data = with_text_part(good[:-3].encode() + b"!!", "text/plain; charset=utf-8", cte="base64")
    parsed = parse_message(data)
    assert parsed.text.startswith("We will ship on Fri")
    assert any(d.startswith("mime:") for d in parsed.defects)


def test_bad_quoted_printable_body_keeps_the_undecodable_sequences():
    data = with_text_part(b"Price =3D 100 =ZZ euro", "text/plain; charset=utf-8", cte="quoted-printable")
    assert parse_message(data).text == "Price = 100 =ZZ euro"


def test_unknown_transfer_encoding_gives_the_body_as_is():
    data = with_text_part(b"We will ship on Friday.", "text/plain", cte="7-bit")
    assert parse_message(data).text == "We will ship on Friday."


def test_multipart_without_boundary_gives_its_content_as_text():
    data = minimal("Content-Type: multipart/mixed", body=b"We will ship on Friday.\r\n")
    parsed = parse_message(data)
    assert "We will ship on Friday." in parsed.text
    assert "multipart-without-parts" in parsed.defects


def test_multipart_missing_its_closing_boundary_still_gives_the_text():
    data = minimal(
        'Content-Type: multipart/mixed; boundary="b1"',
        body=b"--b1\r\nContent-Type: text/plain\r\n\r\nWe will ship on Friday.\r\n",
    )
    parsed = parse_message(data)
    assert parsed.text.strip() == "We will ship on Friday."
    assert "mime:CloseBoundaryNotFoundDefect" in parsed.defects


def test_cr_only_line_endings_are_parsed_and_normalised():
    data = b"From: ann@ourfirm.example\rSubject: hi\rMessage-ID: <c@r>\r\rline one\rline two\r"
    parsed = parse_message(data)
    assert (parsed.subject, parsed.text) == ("hi", "line one\nline two\n")
    assert "cr-line-endings" in parsed.defects


def test_crlf_line_endings_become_newlines_in_text():
    assert parse_message(minimal(body=b"one\r\ntwo\r\n")).text == "one\ntwo\n"


def _alternative(plain: str | None, html: str) -> bytes:
    msg = message()
    if plain is None:
        msg.set_content(html, subtype="html")
    else:
        msg.set_content(plain)
        msg.add_alternative(html, subtype="html")
    return as_bytes(msg)


def test_alternative_prefers_the_plain_text_part():
    parsed = parse_message(_alternative("Plain: ship Friday.", "<p>HTML: ship Friday.</p>"))
    assert parsed.text.strip() == "Plain: ship Friday."
    assert parsed.attachments == ()


def test_html_only_message_is_converted_to_text():
    parsed = parse_message(_alternative(None, "<html><body><p>We ship <b>Friday</b>.</p></body></html>"))
    assert "We ship Friday." in parsed.text
    assert "<" not in parsed.text


def test_text_of_an_attached_message_is_not_the_body_but_an_attachment():
    inner = message("Inner text, not ours.\n", Subject="old mail", Message_ID="<inner@x>")
    outer = message("Forwarding the old mail.\n")
    outer.add_attachment(inner)
    parsed = parse_message(as_bytes(outer))
    assert "Inner text" not in parsed.text
    assert [a.content_type for a in parsed.attachments] == ["message/rfc822"]


def test_attachment_has_name_type_decoded_size_and_hash():
    msg = message()
    payload = b"%PDF-1.4 invoice" * 100
    msg.add_attachment(payload, maintype="application", subtype="pdf", filename="faktura.pdf")
    (attachment,) = parse_message(as_bytes(msg)).attachments
    assert (attachment.filename, attachment.content_type) == ("faktura.pdf", "application/pdf")
    assert (attachment.size, attachment.sha256) == (len(payload), hashlib.sha256(payload).hexdigest())


def test_rfc2231_filename_is_decoded():
    msg = message()
    msg.add_attachment(b"data", maintype="application", subtype="octet-stream", filename="tilbud-åøæ.pdf")
    assert b"filename*=" in as_bytes(msg)
    assert parse_message(as_bytes(msg)).attachments[0].filename == "tilbud-åøæ.pdf"


def test_encoded_word_filename_is_decoded():
    data = minimal(
        'Content-Type: multipart/mixed; boundary="b"',
        body=(
            b"--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
            b"--b\r\nContent-Type: application/pdf\r\n"
            b'Content-Disposition: attachment; filename="=?utf-8?q?pon=C3=BAka.pdf?="\r\n\r\nxx\r\n--b--\r\n'
        ),
    )
    assert parse_message(data).attachments[0].filename == "ponúka.pdf"


def test_inline_text_body_is_not_listed_as_an_attachment():
    msg = message()
    msg.add_attachment(b"\x89PNG", maintype="image", subtype="png", filename="logo.png")
    parsed = parse_message(as_bytes(msg))
    assert [a.filename for a in parsed.attachments] == ["logo.png"]
    assert "We will ship on Friday." in parsed.text


def test_deep_nesting_is_cut_off_with_a_defect_not_a_crash():
    depth = 60
    nested = b'--b%d\r\nContent-Type: multipart/mixed; boundary="b%d"\r\n\r\n'
    body = b"".join(nested % (i, i + 1) for i in range(depth))
    data = minimal('Content-Type: multipart/mixed; boundary="b0"', body=body + b"--b60\r\n\r\ndeep\r\n")
    assert "mime-too-deep" in parse_message(data).defects


# --- selected headers ---------------------------------------------------------------------------


def test_selected_headers_are_kept_decoded_with_lower_case_names():
    data = minimal(
        "Authentication-Results: mx.example; dkim=pass",
        "Authentication-Results: mx.example; spf=fail",
        "Auto-Submitted: auto-replied",
        "X-Followup-Update: case-7",
        "X-Spam-Score: 9",
    )
    headers = parse_message(data).headers
    assert [v for k, v in headers if k == "authentication-results"] == ["mx.example; dkim=pass", "mx.example; spf=fail"]
    assert ("auto-submitted", "auto-replied") in headers
    assert ("x-followup-update", "case-7") in headers
    assert all(name != "x-spam-score" for name, _ in headers)


def test_top_level_content_type_is_kept():
    headers = parse_message(with_text_part(b"x", "text/plain; charset=utf-8")).headers
    assert ("content-type", "text/plain; charset=utf-8") in headers


# --- never anything but UnparseableMessage --------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_message_or_unparseable(data):
    with contextlib.suppress(UnparseableMessage):
        assert isinstance(parse_message(data), ParsedMessage)


_header_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)


@settings(max_examples=200, deadline=None)
@given(subject=_header_text, sender=_header_text, date=_header_text, mid=_header_text, refs=_header_text)
def test_any_header_values_are_parsed_without_raising(subject, sender, date, mid, refs):
    lines = [f"Subject: {subject}", f"From: {sender}", f"Date: {date}", f"Message-ID: {mid}", f"References: {refs}"]
    data = raw(*(line.replace("\r", " ").replace("\n", " ").encode("utf-8", "replace") for line in lines))
    parsed = parse_message(data)
    assert parsed.message_id and parsed.message_id not in parsed.references
    assert parsed.date is None or parsed.date.tzinfo is timezone.utc


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["utf-8", "iso-8859-1", "gb2312", "koi8-r", "x-unknown", "bogus"]))
def test_any_body_bytes_under_any_label_give_text(text, charset):
    data = with_text_part(text.encode("utf-8"), f"text/plain; charset={charset}")
    assert isinstance(parse_message(data).text, str)


def test_email_message_built_by_the_stdlib_round_trips_its_subject():
    msg = EmailMessage()
    msg["From"] = "Jordi <jordi@client.example>"
    msg["Subject"] = "Enviarem la factura divendres — gràcies"
    msg.set_content("Hola")
    assert parse_message(msg.as_bytes()).subject == "Enviarem la factura divendres — gràcies"
