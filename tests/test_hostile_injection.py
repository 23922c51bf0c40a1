"""Client-written and owner-written text reaches sent mail only as text: CR/LF in subjects,
display names and notes never add a header or a recipient, and HTML parts escape it."""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy

import pytest

from test_delivery import T0, World, mail

HOSTILE_NAME = "=?utf-8?Q?Kari=0D=0ABcc=3A_evil=40attacker.example=0D=0A=3Cscript=3Ealert(1)=3C/script=3E?= <kari@acme.example>"
HOSTILE_SUBJECT = "=?utf-8?Q?Rapporten=0D=0ABcc=3A_evil=40attacker.example=0D=0AX-Evil=3A_1?="
NOTE = "#slipup note: Tallene kommer.\r\nBcc: evil@attacker.example\r\nX-Evil: 1 <img src=x onerror=alert(1)>"


@pytest.fixture
def world(tmp_path):
    w = World(tmp_path)
    yield w
    w.daemon.close()


def client_mail() -> bytes:
    """Literal bytes: the stdlib would refuse to write these encoded CR/LFs itself."""
    return (f"From: {HOSTILE_NAME}\r\nTo: me@agency.example\r\nSubject: {HOSTILE_SUBJECT}\r\n"
            f"Date: {T0.strftime('%a, %d %b %Y %H:%M:%S +0000')}\r\nMessage-ID: <c1@x>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\nHvor er rapporten? <b>n\u00e5</b>\r\n").encode()


def hostile_case(world: World) -> None:
    """The client writes with a CR/LF-laden name and subject; the owner's note carries CR/LF too."""
    world.receive(client_mail())
    world.we_sent(mail("n1@agency.example", "#slipup", frm="me@agency.example", to="me@agency.example",
                       subject=HOSTILE_SUBJECT, date=T0 + timedelta(minutes=5), parents=("c1@x",)))
    world.run(T0 + timedelta(minutes=10))  # the acknowledgement
    world.we_sent(mail("n2@agency.example", NOTE, frm="me@agency.example", to="me@agency.example",
                       date=T0 + timedelta(minutes=20), parents=("c1@x", "n1@agency.example")))
    world.run(T0 + timedelta(days=2, minutes=11))  # the update, carrying the note


def test_crlf_in_names_subjects_and_notes_adds_no_header_or_recipient_end_to_end(world):
    hostile_case(world)
    sent = [h for h in world.transport.sent if "me@agency.example" not in h.recipients]
    assert len(sent) == 2
    for handed in sent:
        assert handed.recipients == ("kari@acme.example",)
        parsed = message_from_bytes(handed.message, policy=policy.default)
        assert parsed["Bcc"] is None and parsed["X-Evil"] is None
        head = handed.message.split(b"\r\n\r\n", 1)[0]
        assert not [line for line in head.split(b"\r\n") if line.lower().startswith((b"bcc:", b"x-evil:"))]


def test_the_note_reaches_the_update_as_text(world):
    hostile_case(world)
    update = world.sent_to_client()[-1]
    assert update["X-Followup-Update"] and "Tallene kommer." in update.get_body(("plain",)).get_content()


def test_client_and_note_text_is_escaped_in_the_html_part(world):
    hostile_case(world)
    for sent in world.sent_to_client():
        html = sent.get_body(("html",))
        if html is None:
            continue
        content = html.get_content()
        assert "<script>" not in content and "<img src=x" not in content


def test_the_owners_digest_adds_no_header_from_client_text(world):
    hostile_case(world)
    digests = [h for h in world.transport.sent if h.recipients == ("me@agency.example",)]
    assert digests
    for handed in digests:
        head = handed.message.split(b"\r\n\r\n", 1)[0]
        assert not [line for line in head.split(b"\r\n") if line.lower().startswith((b"bcc:", b"x-evil:"))]
