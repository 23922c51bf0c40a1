"""Specification of automatic-mail detection (followup.cases.loops, RFC 3834)."""

from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage
from email.utils import parseaddr

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.cases.loops import is_automatic
from followup.mail.model import Address, Attachment, ParsedMessage


def parsed(em: EmailMessage, attachments: tuple[Attachment, ...] = ()) -> ParsedMessage:
    """The fields loops reads, taken from a message built with the stdlib."""
    em = email.message_from_bytes(em.as_bytes(), policy=policy.default)
    name, addr = parseaddr(str(em["From"] or ""))
    return ParsedMessage(
        sha256="0" * 64, message_id="m@example", message_id_synthetic=False, in_reply_to=(),
        references=(), subject=str(em["Subject"] or ""), from_=Address(name, addr) if addr else None,
        to=(), cc=(), date=None, date_offset_minutes=None, text="", new_text="",
        attachments=attachments, headers=tuple((k.lower(), str(v)) for k, v in em.items()),
    )


def message(subject: str = "Re: Late delivery", from_: str = "Client <ceo@client.example>",
            **headers: str) -> ParsedMessage:
    em = EmailMessage()
    em["From"] = from_
    em["To"] = "me@agency.example"
    em["Subject"] = subject
    for name, value in headers.items():
        em[name.replace("_", "-")] = value
    em.set_content("Thanks for the update.")
    return parsed(em)


def test_a_person_s_reply_is_not_automatic():
    assert is_automatic(message()) is None


def test_our_own_update_is_automatic():
    assert is_automatic(message(X_Followup_Update="case-17")) == "our own update (X-Followup-Update)"


def test_auto_submitted_auto_replied_is_automatic():
    assert is_automatic(message(Auto_Submitted="auto-replied; owner-email=a@b.example")) == "Auto-Submitted: auto-replied"


def test_auto_submitted_no_is_a_person():
    assert is_automatic(message(Auto_Submitted="no (sent by hand)")) is None


def test_auto_submitted_with_an_unknown_keyword_is_automatic():
    assert is_automatic(message(Auto_Submitted="auto-notified")) is not None


@pytest.mark.parametrize("value", ["bulk", "junk", "list", "auto_reply", "BULK"])
def test_bulk_precedence_is_automatic(value):
    assert is_automatic(message(Precedence=value)) == f"Precedence: {value.lower()}"


def test_first_class_precedence_is_a_person():
    assert is_automatic(message(Precedence="first-class")) is None


@pytest.mark.parametrize("name", ["X-Autoreply", "X-Autorespond", "List-Id", "List-Unsubscribe"])
def test_the_presence_of_a_robot_or_list_header_is_automatic(name):
    assert is_automatic(message(**{name.replace("-", "_"): "yes"})) == f"has {name}"


@pytest.mark.parametrize("value", ["All", "OOF", "DR, AutoReply", "oof"])
def test_auto_response_suppress_for_all_oof_or_autoreply_is_automatic(value):
    assert is_automatic(message(X_Auto_Response_Suppress=value)) is not None


def test_auto_response_suppress_for_receipts_only_is_a_person():
    assert is_automatic(message(X_Auto_Response_Suppress="DR, RN, NRN")) is None


def test_a_delivery_status_report_is_automatic():
    em = EmailMessage()
    em["From"] = "Mail Delivery System <bounces@mx.client.example>"
    em["Subject"] = "Undelivered Mail Returned to Sender"
    em.set_content("The message could not be delivered.")
    em.make_mixed()
    em.replace_header("Content-Type", 'multipart/report; report-type=delivery-status; boundary="b1"')
    assert "report-type=delivery-status" in is_automatic(parsed(em))


def test_a_message_with_a_delivery_status_part_is_automatic():
    em = EmailMessage()
    em["From"] = "bounces@mx.client.example"
    em["Subject"] = "Returned mail"
    em.set_content("see attached")
    part = Attachment(filename=None, content_type="message/delivery-status", size=10, sha256="1" * 64)
    assert is_automatic(parsed(em, attachments=(part,))) is not None


@pytest.mark.parametrize("from_", ["MAILER-DAEMON@mx.client.example", "postmaster@client.example"])
def test_mail_from_the_mailer_daemon_or_postmaster_is_automatic(from_):
    assert is_automatic(message(from_=from_)) == f"From {from_}"


def test_an_empty_return_path_is_automatic():
    assert is_automatic(message(Return_Path="<>")) == "empty Return-Path <>"


def test_a_return_path_of_a_person_is_not_automatic():
    assert is_automatic(message(Return_Path="<ceo@client.example>")) is None


@pytest.mark.parametrize("subject", [
    "Out of Office: Re: Late delivery",
    "Automatic reply: Late delivery",
    "Fravær: Re: Forsinket levering",
    "Automatisk svar: Forsinket levering",
    "Autosvar: Försenad leverans",
    "Frånvaro",
    "Resposta automàtica: Lliurament endarrerit",
    "Automatická odpoveď: Oneskorené doručenie",
    "Neprítomný - dovolenka",
])
def test_out_of_office_subjects_in_six_languages_are_automatic(subject):
    assert is_automatic(message(subject=subject)) is not None


def test_an_out_of_office_subject_in_decomposed_unicode_is_automatic():
    assert is_automatic(message(subject="Automatická odpove\u010f: x".replace("\u010f", "d\u030c"))) is not None


def test_a_person_writing_about_an_out_of_office_party_is_not_automatic():
    assert is_automatic(message(subject="Out of office party next week?")) is None


def test_a_reply_quoting_an_automatic_subject_is_not_automatic():
    assert is_automatic(message(subject="Re: Automatic reply: Late delivery")) is None


@settings(max_examples=150, deadline=None)
@given(name=st.sampled_from(["auto-submitted", "precedence", "x-auto-response-suppress", "content-type",
                             "return-path", "list-id"]),
       value=st.text(), subject=st.text())
def test_any_header_value_is_judged_without_crashing(name, value, subject):
    msg = message()
    msg = ParsedMessage(**{**msg.__dict__, "subject": subject, "headers": ((name, value),)})
    reason = is_automatic(msg)
    assert reason is None or isinstance(reason, str)
