"""The transport contract, run against every backend (memory, outbox Maildir, SMTP via a
real aiosmtpd on loopback), then what is particular to the memory and Maildir backends,
and the registry."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from ews_fake import PASSWORD, FakeExchange, ews_config, ews_env
from followup.config import OutboxTransportConfig, SmtpTransportConfig, parse_config
from followup.errors import FollowupError, TransportError
from followup.mail.compose import compose, make_message_id
from followup.transports import open_configured_transport, open_transport
from followup.transports.base import Transport
from followup.transports.memory import MemoryTransport
from followup.transports.outbox_maildir import OutboxMaildirTransport
from followup.transports.smtp import SmtpTransport
from smtpserver import SmtpServer
from configs import config_toml, ews_source, ews_transport, smtp_transport

SENDER = "ann@agency.example"
CLIENT = "bob@acme.example"


def update(message_id: str | None = None, text: str = "Hello Bob,\n\nThe parts ship on Friday.\n") -> bytes:
    return compose(
        sender=SENDER,
        sender_name="Ann Owner",
        to=[CLIENT],
        subject="Your order: status",
        text=text,
        html="<p>Hello Bob,</p><p>The parts ship on Friday.</p>\n",
        in_reply_to="orig@acme.example",
        references=["orig@acme.example"],
        message_id=message_id or make_message_id("agency.example"),
        date=datetime(2026, 11, 3, 9, 0, tzinfo=UTC),
        extra_headers={"X-Followup-Update": "case-1"},
    )


def smtp_config(port: int, **overrides: object) -> SmtpTransportConfig:
    settings: dict = {
        "type": "smtp", "host": "127.0.0.1", "port": port, "tls": "none", "tls_verify": True,
        "allow_plaintext_auth": False, "username": None, "password_env": None, "password_command": None,
        "from_address": SENDER, "from_name": None, "save_copy_to": None,
    }
    settings.update(overrides)
    return SmtpTransportConfig(**settings)


@dataclass
class Backend:
    """A transport plus a way to see, from outside it, what it handed over."""

    transport: Transport
    delivered: Callable[[], list[bytes]]
    drafts: Callable[[], list[bytes]] | None  # None: the backend cannot keep drafts


def maildir_files(folder: Path) -> list[bytes]:
    return [path.read_bytes() for path in sorted(folder.iterdir())] if folder.is_dir() else []


@pytest.fixture(params=["memory", "outbox", "smtp", "ews"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    if request.param == "memory":
        memory = MemoryTransport()
        yield Backend(memory, lambda: [h.message for h in memory.sent], lambda: list(memory.drafts))
    elif request.param == "outbox":
        box = tmp_path / "outbox"
        yield Backend(
            OutboxMaildirTransport(box),
            lambda: maildir_files(box / "new"),
            lambda: maildir_files(box / ".Drafts" / "cur"),
        )
    elif request.param == "ews":
        from followup.transports.ews import EwsTransport

        with FakeExchange(users={"ann": PASSWORD}) as fake:
            ews = EwsTransport(ews_config(fake), env=ews_env())
            drafts = lambda: [item.mime for item in fake.in_folder("drafts")]
            yield Backend(ews, lambda: [mime for mime, _ in fake.sent], drafts)
            ews.close()
    else:
        with SmtpServer() as server:
            smtp = SmtpTransport(smtp_config(server.port), local_hostname="localhost")
            yield Backend(smtp, lambda: [got.data for got in server.received], None)
            smtp.close()


# --- the contract -------------------------------------------------------------------------


def test_sent_bytes_arrive_exactly(backend: Backend):
    message = update(text="Hei Bob,\n.\n..starts with dots\nFrom the warehouse\n" + "x" * 1200 + "\n")
    backend.transport.send(message, sender=SENDER, recipients=[CLIENT])
    assert backend.delivered() == [message]


def test_two_sends_arrive_as_two_messages_in_order(backend: Backend):
    first, second = update(), update()
    backend.transport.send(first, sender=SENDER, recipients=[CLIENT])
    backend.transport.send(second, sender=SENDER, recipients=[CLIENT])
    assert sorted(backend.delivered()) == sorted([first, second])


def test_a_draft_is_kept_and_not_sent(backend: Backend):
    message = update()
    if backend.drafts is None:
        with pytest.raises(NotImplementedError):
            backend.transport.save_draft(message)
    else:
        backend.transport.save_draft(message)
        assert backend.drafts() == [message]
    assert backend.delivered() == []


def test_was_sent_is_false_or_unknown_before_and_true_or_unknown_after(backend: Backend):
    message_id = make_message_id("agency.example")
    before = backend.transport.was_sent(message_id)
    backend.transport.send(update(message_id), sender=SENDER, recipients=[CLIENT])
    after = backend.transport.was_sent(message_id)
    assert (before, after) in ((False, True), (None, None))


def test_was_sent_does_not_confuse_another_message(backend: Backend):
    backend.transport.send(update(make_message_id("agency.example")), sender=SENDER, recipients=[CLIENT])
    assert backend.transport.was_sent(make_message_id("agency.example")) in (False, None)


def test_was_sent_accepts_the_id_with_or_without_angle_brackets(backend: Backend):
    message_id = make_message_id("agency.example")
    backend.transport.send(update(message_id), sender=SENDER, recipients=[CLIENT])
    assert backend.transport.was_sent(f"<{message_id}>") == backend.transport.was_sent(message_id)


def test_a_draft_does_not_count_as_sent(backend: Backend):
    message_id = make_message_id("agency.example")
    if backend.drafts is not None:
        backend.transport.save_draft(update(message_id))
    assert backend.transport.was_sent(message_id) in (False, None)


def test_no_recipients_is_a_permanent_error_and_nothing_goes_out(backend: Backend):
    with pytest.raises(TransportError) as refused:
        backend.transport.send(update(), sender=SENDER, recipients=[])
    assert refused.value.permanent
    assert backend.delivered() == []


def test_an_empty_message_is_a_permanent_error(backend: Backend):
    with pytest.raises(TransportError) as refused:
        backend.transport.send(b"", sender=SENDER, recipients=[CLIENT])
    assert refused.value.permanent


def test_close_can_be_called_twice_and_the_transport_still_sends(backend: Backend):
    backend.transport.close()
    backend.transport.close()
    message = update()
    backend.transport.send(message, sender=SENDER, recipients=[CLIENT])
    assert len(backend.delivered()) == 1


# --- memory -------------------------------------------------------------------------------


def test_memory_records_the_envelope():
    memory = MemoryTransport()
    memory.send(update(), sender=SENDER, recipients=[CLIENT, "carol@acme.example"])
    assert (memory.sent[0].sender, memory.sent[0].recipients) == (SENDER, (CLIENT, "carol@acme.example"))


def test_memory_fails_the_next_sends_as_told_then_succeeds():
    memory = MemoryTransport()
    memory.fail_next(2, permanent=False)
    outcomes = []
    for _ in range(3):
        try:
            memory.send(update(), sender=SENDER, recipients=[CLIENT])
            outcomes.append("sent")
        except TransportError as error:
            outcomes.append("permanent" if error.permanent else "temporary")
    assert outcomes == ["temporary", "temporary", "sent"]
    assert (len(memory.sent), memory.attempts) == (1, 3)


def test_memory_can_fail_permanently():
    memory = MemoryTransport()
    memory.fail_next(permanent=True)
    with pytest.raises(TransportError) as failed:
        memory.send(update(), sender=SENDER, recipients=[CLIENT])
    assert failed.value.permanent and memory.sent == []


def test_memory_can_play_a_transport_that_cannot_tell_what_was_sent():
    memory = MemoryTransport(knows_sent=False)
    message_id = make_message_id("agency.example")
    memory.send(update(message_id), sender=SENDER, recipients=[CLIENT])
    assert memory.was_sent(message_id) is None


# --- outbox Maildir -----------------------------------------------------------------------


def test_outbox_creates_a_private_maildir(tmp_path: Path):
    box = tmp_path / "outbox"
    OutboxMaildirTransport(box).send(update(), sender=SENDER, recipients=[CLIENT])
    for folder in (box, box / "tmp", box / "new", box / "cur"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_outbox_files_are_readable_by_the_owner_only(tmp_path: Path):
    box = tmp_path / "outbox"
    OutboxMaildirTransport(box).send(update(), sender=SENDER, recipients=[CLIENT])
    (written,) = (box / "new").iterdir()
    assert stat.S_IMODE(written.stat().st_mode) == 0o600


def test_outbox_leaves_nothing_in_tmp(tmp_path: Path):
    box = tmp_path / "outbox"
    OutboxMaildirTransport(box).send(update(), sender=SENDER, recipients=[CLIENT])
    assert list((box / "tmp").iterdir()) == []


def test_outbox_names_follow_the_maildir_unique_name_form(tmp_path: Path):
    box = tmp_path / "outbox"
    OutboxMaildirTransport(box, hostname="host/with:odd").send(update(), sender=SENDER, recipients=[CLIENT])
    (written,) = (box / "new").iterdir()
    seconds, middle, host = written.name.split(".", 2)
    assert seconds.isdigit() and middle.startswith("M") and f"P{os.getpid()}" in middle
    assert host == "host\\057with\\072odd"


def test_outbox_gives_every_message_its_own_file(tmp_path: Path):
    box = tmp_path / "outbox"
    outbox = OutboxMaildirTransport(box)
    for _ in range(50):
        outbox.send(update(), sender=SENDER, recipients=[CLIENT])
    assert len(list((box / "new").iterdir())) == 50


def test_outbox_drafts_go_to_a_maildir_plus_plus_drafts_folder_flagged_draft(tmp_path: Path):
    box = tmp_path / "outbox"
    OutboxMaildirTransport(box).save_draft(update())
    drafts = box / ".Drafts"
    assert (drafts / "maildirfolder").is_file()
    (draft,) = (drafts / "cur").iterdir()
    assert draft.name.endswith(":2,D")
    assert stat.S_IMODE(drafts.stat().st_mode) == 0o700


def test_outbox_was_sent_finds_a_message_moved_to_cur_by_a_sending_script(tmp_path: Path):
    box = tmp_path / "outbox"
    outbox = OutboxMaildirTransport(box)
    message_id = make_message_id("agency.example")
    outbox.send(update(message_id), sender=SENDER, recipients=[CLIENT])
    (written,) = (box / "new").iterdir()
    written.rename(box / "cur" / (written.name + ":2,S"))
    assert outbox.was_sent(message_id) is True


def test_outbox_was_sent_reads_headers_only_not_a_quoted_id_in_the_body(tmp_path: Path):
    box = tmp_path / "outbox"
    outbox = OutboxMaildirTransport(box)
    quoted = make_message_id("agency.example")
    outbox.send(update(text=f"Earlier:\nMessage-ID: <{quoted}>\n"), sender=SENDER, recipients=[CLIENT])
    assert outbox.was_sent(quoted) is False


def test_outbox_was_sent_finds_a_folded_message_id_header(tmp_path: Path):
    box = tmp_path / "new-box"
    outbox = OutboxMaildirTransport(box)
    folded = b"From: ann@agency.example\nTo: bob@acme.example\nMessage-ID:\n <folded-1@agency.example>\n\nhi\n"
    outbox.send(folded, sender=SENDER, recipients=[CLIENT])
    assert outbox.was_sent("folded-1@agency.example") is True


def test_outbox_was_sent_on_a_missing_folder_is_false(tmp_path: Path):
    assert OutboxMaildirTransport(tmp_path / "never-made").was_sent("x@agency.example") is False


def test_outbox_unwritable_folder_is_a_temporary_error_naming_the_fix(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(TransportError) as failed:
        OutboxMaildirTransport(blocker / "outbox").send(update(), sender=SENDER, recipients=[CLIENT])
    assert not failed.value.permanent
    assert "fix:" in str(failed.value) and str(blocker) in str(failed.value)


def test_outbox_keeps_the_message_exactly_even_with_bare_lf(tmp_path: Path):
    box = tmp_path / "outbox"
    raw = b"From: ann@agency.example\nMessage-ID: <lf@agency.example>\n\nbody\n"
    OutboxMaildirTransport(box).send(raw, sender=SENDER, recipients=[CLIENT])
    assert maildir_files(box / "new") == [raw]


# --- the registry -------------------------------------------------------------------------

def ann_config(**sections) -> str:
    """Ann's config, only parsed here (no archive): the default transport unless one is given."""
    return config_toml(archive=None, owners=[SENDER], **sections)


CONFIG_HEAD = ann_config()


def test_the_default_config_opens_the_outbox_maildir(tmp_path: Path):
    config = parse_config(CONFIG_HEAD, file=tmp_path / "followup.toml")
    transport = open_transport(config.transport)
    assert isinstance(config.transport, OutboxTransportConfig)
    assert isinstance(transport, OutboxMaildirTransport)
    assert transport.path == tmp_path / "outbox"


def test_an_smtp_config_opens_smtp_with_backend_keywords(tmp_path: Path):
    text = ann_config(transport=smtp_transport(tls="starttls", sender=SENDER))
    config = parse_config(text, file=tmp_path / "followup.toml")
    transport = open_transport(config.transport, timeout=5.0)
    assert isinstance(transport, SmtpTransport)
    assert transport.where == "127.0.0.1:587"


def test_sending_through_a_registry_opened_smtp_transport_reaches_the_server(tmp_path: Path):
    with SmtpServer() as server:
        text = ann_config(transport=smtp_transport(port=server.port, tls="none", sender=SENDER))
        transport = open_transport(parse_config(text, file=tmp_path / "f.toml").transport, local_hostname="localhost")
        message = update()
        transport.send(message, sender=SENDER, recipients=[CLIENT])
        assert [got.data for got in server.received] == [message]


EWS_CONFIG = ann_config(
    sources=[ews_source(name="ex", service_endpoint="https://mail.agency.example/EWS/Exchange.asmx",
                        primary_address=SENDER, auth_type="basic", username="ann", password_env="EWS_PW")],
    transport=ews_transport("ex"),
)


def test_the_registry_opens_an_ews_transport_for_the_named_source(tmp_path: Path):
    config = parse_config(EWS_CONFIG, file=tmp_path / "followup.toml")
    transport = open_transport(config.transport, sources=config.sources)
    assert (transport.name, transport.account_config.name) == ("ews", "ex")


def test_an_ews_transport_without_its_source_is_refused_with_a_clear_error(tmp_path: Path):
    config = parse_config(EWS_CONFIG, file=tmp_path / "followup.toml")
    with pytest.raises(FollowupError, match='no ews source of that name') as refused:
        open_transport(config.transport)
    assert not isinstance(refused.value, TransportError)


def test_the_whole_config_gives_the_ews_transport_its_sending_source(tmp_path: Path):
    config = parse_config(EWS_CONFIG, file=tmp_path / "followup.toml")
    transport = open_configured_transport(config)
    assert (transport.name, transport.account_config.name) == ("ews", "ex")


def test_the_whole_config_opens_the_outbox_without_backend_keywords(tmp_path: Path):
    config = parse_config(CONFIG_HEAD, file=tmp_path / "followup.toml")
    transport = open_configured_transport(config)
    assert isinstance(transport, OutboxMaildirTransport)
    assert transport.path == tmp_path / "outbox"


def test_the_registry_does_not_import_the_smtp_backend_for_the_outbox(tmp_path: Path):
    import subprocess
    import sys

    probe = (
        "import sys; from pathlib import Path; from followup.config import parse_config;"
        "from followup.transports import open_transport;"
        f"open_transport(parse_config({CONFIG_HEAD!r}, file=Path({str(tmp_path / 'f.toml')!r})).transport);"
        "print('followup.transports.smtp' in sys.modules, 'smtplib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_a_sent_update_parses_back_with_its_marker(backend: Backend):
    backend.transport.send(update(), sender=SENDER, recipients=[CLIENT])
    (got,) = backend.delivered()
    assert message_from_bytes(got, policy=policy.default)["X-Followup-Update"] == "case-1"
