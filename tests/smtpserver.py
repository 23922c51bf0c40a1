"""A real SMTP server for tests (aiosmtpd, in this process, on 127.0.0.1), and a throwaway
certificate authority so TLS is verified for real rather than switched off.

    tls = make_tls(tmp_path)
    with SmtpServer(tls="starttls", certs=tls, users={"ann": "s3cret"}) as server:
        ... SmtpTransport(config(port=server.port), ssl_context=tls.client_context()) ...
        server.received[0].data     # the bytes as the server got them
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import socket
import ssl
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"

# aiosmtpd 1.4 sets its own deprecated Session.login_data after AUTH and warns about it.
logging.getLogger("mail.log").addFilter(lambda record: "login_data is deprecated" not in record.getMessage())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class TlsFiles:
    ca: Path
    cert: Path
    key: Path

    def client_context(self) -> ssl.SSLContext:
        """A verifying client context that trusts only this test CA."""
        return ssl.create_default_context(cafile=str(self.ca))

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(self.cert), str(self.key))
        return context


def make_tls(folder: Path) -> TlsFiles:
    """A CA and a server certificate it signed, for localhost and 127.0.0.1."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "followup test CA")])
    ca = (
        _builder(ca_name, ca_name, ca_key.public_key(), now)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    server_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]
    cert = (
        _builder(server_name, ca_name, key.public_key(), now)
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    files = TlsFiles(folder / "ca.pem", folder / "server.pem", folder / "server.key")
    files.ca.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    files.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return files


def _builder(subject, issuer, public_key, now):  # type: ignore[no-untyped-def]
    from cryptography import x509

    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
    )


@dataclass(frozen=True)
class Received:
    sender: str
    recipients: tuple[str, ...]
    data: bytes
    login: str | None
    tls: bool


@dataclass
class _Handler:
    reject: frozenset[str]
    data_reply: str | None
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_reply:
            return self.data_reply
        login = session.auth_data.login.decode() if session.authenticated and session.auth_data else None
        got = Received(
            sender=envelope.mail_from,
            recipients=tuple(envelope.rcpt_tos),
            data=envelope.original_content,
            login=login,
            tls=server.transport.get_extra_info("ssl_object") is not None,
        )
        with self.lock:
            self.received.append(got)  # before the 250 reply, so the client's send has returned after
        return "250 2.0.0 accepted"


class SmtpServer:
    """aiosmtpd on 127.0.0.1. `tls`: "none", "starttls" or "implicit"; `users` turns on AUTH;
    `reject` lists recipients answered with 550; `data_reply` replaces the answer to DATA."""

    host = HOST

    def __init__(
        self,
        *,
        tls: str = "none",
        certs: TlsFiles | None = None,
        users: dict[str, str] | None = None,
        reject: tuple[str, ...] = (),
        data_reply: str | None = None,
    ):
        self.port = free_port()
        self.users = dict(users or {})
        self._handler = _Handler(frozenset(reject), data_reply)
        options: dict = {"hostname": HOST, "port": self.port, "decode_data": False, "enable_SMTPUTF8": True}
        if self.users:
            # aiosmtpd issue #281: under implicit TLS it does not know TLS is on, so it would hide AUTH.
            options.update(authenticator=self._authenticate, auth_require_tls=tls == "starttls")
        if tls == "starttls":
            options.update(tls_context=certs.server_context(), require_starttls=True)
        elif tls == "implicit":
            options.update(ssl_context=certs.server_context(), server_hostname="localhost")
        self._controller = Controller(self._handler, **options)

    @property
    def received(self) -> list[Received]:
        with self._handler.lock:
            return list(self._handler.received)

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and self.users.get(auth_data.login.decode()) == (
            auth_data.password.decode()
        )
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    def __enter__(self) -> Self:
        self._controller.start()  # returns once the server answers
        return self

    def __exit__(self, *exc: object) -> None:
        self._controller.stop()
