"""The SMTP transport against a real server (aiosmtpd on 127.0.0.1, started here): plain,
STARTTLS and implicit TLS with a throwaway CA, logins, refusals, and how each failure is
classified (temporary: try again later; permanent: a person must act)."""

from __future__ import annotations

import logging
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from followup.errors import TransportError
from followup.transports.smtp import RecipientsRefused, SmtpTransport
from smtpserver import HOST, SmtpServer, TlsFiles, free_port, make_tls
from test_transports import CLIENT, SENDER, smtp_config, update

pytestmark = pytest.mark.integration

PASSWORD = "c0rrect-Horse-8attery"
WRONG = "wr0ng-Pony-7attery"


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return make_tls(tmp_path_factory.mktemp("tls"))


def transport(server: SmtpServer, tls_files: TlsFiles | None = None, *, password: str = PASSWORD,
              trust: bool = True, **settings: object) -> SmtpTransport:
    """An SmtpTransport for `server`; `trust=False` keeps the default (system) trust store."""
    context = tls_files.client_context() if tls_files and trust else None
    return SmtpTransport(
        smtp_config(server.port, **settings),
        env={"SMTP_PASSWORD": password},
        ssl_context=context,
        timeout=10.0,
        local_hostname="localhost",
    )


def login(tls_mode: str) -> dict:
    return {"tls": tls_mode, "username": "ann", "password_env": "SMTP_PASSWORD"}


def send(smtp: SmtpTransport, message: bytes | None = None, recipients: list[str] | None = None) -> bytes:
    message = message or update()
    smtp.send(message, sender=SENDER, recipients=recipients or [CLIENT])
    return message


def failure(smtp: SmtpTransport, recipients: list[str] | None = None) -> TransportError:
    with pytest.raises(TransportError) as failed:
        send(smtp, recipients=recipients)
    return failed.value


@pytest.fixture
def starttls_server(tls: TlsFiles) -> Iterator[SmtpServer]:
    with SmtpServer(tls="starttls", certs=tls, users={"ann": PASSWORD}) as server:
        yield server


@pytest.fixture
def implicit_server(tls: TlsFiles) -> Iterator[SmtpServer]:
    with SmtpServer(tls="implicit", certs=tls, users={"ann": PASSWORD}) as server:
        yield server


# --- delivery -----------------------------------------------------------------------------


def test_plain_smtp_delivers_the_envelope_as_given():
    with SmtpServer() as server:
        message = send(transport(server), recipients=[CLIENT, "carol@acme.example"])
        (got,) = server.received
    assert (got.sender, got.recipients, got.data) == (SENDER, (CLIENT, "carol@acme.example"), message)
    assert (got.tls, got.login) == (False, None)


def test_starttls_with_login_delivers_over_tls_as_the_user(starttls_server: SmtpServer, tls: TlsFiles):
    message = send(transport(starttls_server, tls, **login("starttls")))
    (got,) = starttls_server.received
    assert (got.data, got.tls, got.login) == (message, True, "ann")


def test_implicit_tls_with_login_delivers_over_tls_as_the_user(implicit_server: SmtpServer, tls: TlsFiles):
    message = send(transport(implicit_server, tls, **login("implicit")))
    (got,) = implicit_server.received
    assert (got.data, got.tls, got.login) == (message, True, "ann")


def test_the_password_can_come_from_a_command(starttls_server: SmtpServer, tls: TlsFiles):
    settings = {"tls": "starttls", "username": "ann",
                "password_command": (sys.executable, "-c", f"print({PASSWORD!r})")}
    send(transport(starttls_server, tls, **settings))
    assert [got.login for got in starttls_server.received] == ["ann"]


def test_an_internationalised_recipient_domain_goes_out_in_punycode():
    with SmtpServer() as server:
        send(transport(server), recipients=["ola@blåbær.example"])
        assert server.received[0].recipients == ("ola@xn--blbr-roah.example",)


def test_plaintext_login_works_only_when_allowed():
    with SmtpServer(users={"ann": PASSWORD}) as server:
        send(transport(server, **login("none"), allow_plaintext_auth=True))
        assert [got.login for got in server.received] == ["ann"]


# --- credentials --------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["starttls", "implicit"])
def test_a_wrong_password_is_permanent_and_never_quoted(mode: str, tls: TlsFiles):
    with SmtpServer(tls=mode, certs=tls, users={"ann": PASSWORD}) as server:
        error = failure(transport(server, tls, password=WRONG, **login(mode)))
        assert server.received == []
    assert error.permanent
    assert WRONG not in str(error) and PASSWORD not in str(error)
    assert "535" in str(error) and "SMTP_PASSWORD" in str(error)


def test_the_password_never_reaches_the_logs(starttls_server: SmtpServer, tls: TlsFiles,
                                             caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.DEBUG)
    send(transport(starttls_server, tls, **login("starttls")))
    failure(transport(starttls_server, tls, password=WRONG, **login("starttls")))
    assert PASSWORD not in caplog.text and WRONG not in caplog.text


def test_a_missing_password_variable_is_permanent_and_names_it(starttls_server: SmtpServer, tls: TlsFiles):
    smtp = SmtpTransport(smtp_config(starttls_server.port, **login("starttls")), env={},
                         ssl_context=tls.client_context(), local_hostname="localhost")
    error = failure(smtp)
    assert error.permanent and "SMTP_PASSWORD" in str(error)


def test_a_login_without_tls_is_refused_before_the_password_is_sent():
    with SmtpServer(users={"ann": PASSWORD}) as server:
        error = failure(transport(server, **login("none")))
        assert server.received == []
    assert error.permanent and "allow_plaintext_auth" in str(error)


# --- refusals by the server ---------------------------------------------------------------


def test_a_rejected_recipient_is_permanent_and_named():
    with SmtpServer(reject=(CLIENT,)) as server:
        error = failure(transport(server))
        assert server.received == []
    assert isinstance(error, RecipientsRefused) and error.permanent
    assert CLIENT in str(error) and set(error.refused) == {CLIENT}
    assert error.delivered is False


def test_a_partly_rejected_send_is_permanent_so_the_others_do_not_get_it_twice():
    with SmtpServer(reject=("gone@acme.example",)) as server:
        error = failure(transport(server), recipients=[CLIENT, "gone@acme.example"])
        assert [got.recipients for got in server.received] == [(CLIENT,)]
    assert isinstance(error, RecipientsRefused) and error.permanent and error.delivered
    assert "gone@acme.example" in str(error)


def test_a_451_answer_is_temporary():
    with SmtpServer(data_reply="451 4.3.0 Try again later") as server:
        error = failure(transport(server))
    assert not error.permanent and "451" in str(error)


def test_a_554_answer_is_permanent():
    with SmtpServer(data_reply="554 5.7.1 Message rejected as spam") as server:
        error = failure(transport(server))
    assert error.permanent and "554" in str(error)


# --- the network --------------------------------------------------------------------------


def test_a_server_that_is_down_is_temporary():
    smtp = SmtpTransport(smtp_config(free_port()), local_hostname="localhost", timeout=5.0)
    error = failure(smtp)
    assert not error.permanent and "cannot be reached" in str(error)


def test_a_server_that_never_answers_times_out_as_temporary():
    with socket.socket() as silent:
        silent.bind((HOST, 0))
        silent.listen(1)  # the kernel completes the handshake; nobody ever says 220
        smtp = SmtpTransport(smtp_config(silent.getsockname()[1]), local_hostname="localhost", timeout=0.3)
        error = failure(smtp)
    assert not error.permanent and "did not answer in time" in str(error)


# --- TLS ----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["starttls", "implicit"])
def test_an_untrusted_certificate_is_refused_by_default(mode: str, tls: TlsFiles):
    with SmtpServer(tls=mode, certs=tls, users={"ann": PASSWORD}) as server:
        error = failure(transport(server, tls, trust=False, **login(mode)))
        assert server.received == []
    assert error.permanent and "not trusted" in str(error) and "fix:" in str(error)


def test_tls_verify_false_accepts_an_untrusted_certificate(starttls_server: SmtpServer, tls: TlsFiles):
    send(transport(starttls_server, tls, trust=False, tls_verify=False, **login("starttls")))
    assert [got.tls for got in starttls_server.received] == [True]


def test_a_server_without_starttls_is_permanent_with_a_fix():
    with SmtpServer() as server:
        error = failure(transport(server, tls="starttls"))
        assert server.received == []
    assert error.permanent and "STARTTLS" in str(error) and "fix:" in str(error)


def test_implicit_tls_against_a_plain_server_is_permanent_naming_the_setting():
    with SmtpServer() as server:
        error = failure(transport(server, tls="implicit"))
    assert error.permanent and "transport.tls" in str(error)


def test_a_transport_object_sends_again_after_a_failure(tls: TlsFiles):
    with SmtpServer(reject=("gone@acme.example",)) as server:
        smtp = transport(server)
        failure(smtp, recipients=["gone@acme.example"])
        message = send(smtp)
        assert [got.data for got in server.received] == [message]


def test_close_without_a_send_is_harmless_and_opens_no_connection(tmp_path: Path):
    with socket.socket() as listener:
        listener.bind((HOST, 0))
        listener.listen()
        listener.settimeout(0.2)
        SmtpTransport(smtp_config(listener.getsockname()[1])).close()
        with pytest.raises(TimeoutError):  # nobody knocked
            listener.accept()
