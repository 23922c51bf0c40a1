"""Send updates through an SMTP submission server (smtplib).

One connection per send: updates are rare (a few an hour), and a fresh connection never
trips over a server that dropped an idle one. The message goes out byte-for-byte
(`sendmail` with bytes: smtplib only dot-stuffs), so the archived copy is what the client got.

TLS is verified against the system's CA store unless `tls_verify = false`; tests pass their
own `ssl_context`. The password is read when a connection is made (a password command may
rotate it) and kept only for that send; no error text or log line carries it.

Errors become TransportError: 4xx answers, refused connections and timeouts are temporary;
5xx answers, refused logins and untrusted certificates are permanent (a person must act).
A message accepted for some recipients but refused for others is permanent too: trying
again would send it twice to those who already have it.
"""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from followup.credentials import resolve_secret
from followup.errors import SecretError, TransportError
from followup.transports import check_handover
from followup.transports.base import Transport

if TYPE_CHECKING:
    from followup.config import SmtpTransportConfig

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 60.0  # seconds, for connecting and for each reply
SERVER_TEXT_LIMIT = 200  # characters of a server's reply quoted in an error


class RecipientsRefused(TransportError):
    """The server refused some recipients. `refused` maps each one to (code, reply);
    `delivered` says whether the server took the message for the others."""

    def __init__(self, message: str, *, refused: dict[str, tuple[int, str]], delivered: bool, permanent: bool):
        self.refused = refused
        self.delivered = delivered
        super().__init__(message, permanent=permanent)


class SmtpTransport(Transport):
    name = "smtp"

    def __init__(
        self,
        config: SmtpTransportConfig,
        *,
        env: Mapping[str, str] | None = None,
        ssl_context: ssl.SSLContext | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        local_hostname: str | None = None,
    ):
        """`env` is where password_env is looked up (default: os.environ); `ssl_context`
        replaces the verified default (tests trusting their own CA); `local_hostname` is
        the EHLO name (default: this host's FQDN)."""
        self.config = config
        self.where = f"{config.host}:{config.port}"
        self._env = os.environ if env is None else env
        self._context = ssl_context
        self._timeout = timeout
        self._local_hostname = local_hostname

    def send(self, message: bytes, *, sender: str, recipients: Sequence[str]) -> None:
        check_handover(message, recipients)
        envelope_from, envelope_to = _envelope(sender), [_envelope(r) for r in recipients]
        password = self._password()
        try:
            refused = self._deliver(bytes(message), envelope_from, envelope_to, password)
        except (smtplib.SMTPException, OSError) as bad:
            raise self._translate(bad, password) from None
        if refused:
            raise _refusal(self.where, refused, delivered=True)
        log.info("handed %d bytes to %s for %d recipients", len(message), self.where, len(envelope_to))

    def _deliver(self, data: bytes, sender: str, recipients: list[str], password: str | None) -> dict:
        smtp = self._connect()
        try:
            self._login(smtp, password)
            options = self._mail_options(smtp, [sender, *recipients])
            return smtp.sendmail(sender, recipients, data, mail_options=options)
        finally:
            _quit_quietly(smtp)

    def _connect(self) -> smtplib.SMTP:
        host, port, tls = self.config.host, self.config.port, self.config.tls
        common = {"local_hostname": self._local_hostname, "timeout": self._timeout}
        if tls == "implicit":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, context=self._tls_context(), **common)
        else:
            smtp = smtplib.SMTP(host, port, **common)
        try:
            smtp.ehlo_or_helo_if_needed()
            if tls == "starttls":
                self._start_tls(smtp)
        except BaseException:
            smtp.close()
            raise
        return smtp

    def _start_tls(self, smtp: smtplib.SMTP) -> None:
        if not smtp.has_extn("starttls"):
            raise TransportError(
                f"SMTP server {self.where} does not offer STARTTLS (fix: use tls = \"implicit\" "
                "with port 465, or the server's submission port 587)",
                permanent=True,
            )
        smtp.starttls(context=self._tls_context())
        smtp.ehlo()

    def _tls_context(self) -> ssl.SSLContext:
        if self._context is not None:
            return self._context
        context = ssl.create_default_context()
        if not self.config.tls_verify:
            log.warning("transport %s: TLS certificate checks are off (tls_verify = false)", self.where)
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context

    def _login(self, smtp: smtplib.SMTP, password: str | None) -> None:
        username = self.config.username
        if username is None or password is None:
            return
        if self.config.tls == "none" and not self.config.allow_plaintext_auth:
            raise TransportError(
                f"SMTP {self.where}: refusing to send the password without TLS "
                '(fix: use tls = "starttls" or "implicit", or set allow_plaintext_auth = true)',
                permanent=True,
            )
        if not smtp.has_extn("auth"):
            raise TransportError(
                f"SMTP server {self.where} offers no login (AUTH) on this connection "
                "(fix: use TLS (servers hide AUTH before it), or remove transport.username)",
                permanent=True,
            )
        smtp.login(username, password)

    def _mail_options(self, smtp: smtplib.SMTP, addresses: list[str]) -> list[str]:
        if all(address.isascii() for address in addresses):
            return []
        if not smtp.has_extn("smtputf8"):
            raise TransportError(
                f"SMTP server {self.where} cannot take non-ASCII addresses (no SMTPUTF8) "
                "(fix: use an ASCII address for that recipient or sender)",
                permanent=True,
            )
        return ["SMTPUTF8"]

    def _password(self) -> str | None:
        config = self.config
        if config.username is None:
            return None
        try:
            return resolve_secret(
                config.password_env, config.password_command, env=self._env, what="transport.password"
            )
        except SecretError as bad:
            raise TransportError(str(bad), permanent=True) from None

    def _translate(self, bad: Exception, password: str | None) -> TransportError:
        error = _classify(bad, self.where, self.config)
        if password and password in str(error):
            # A server echoing what we sent must not put the secret into logs.
            error = TransportError(str(error).replace(password, "***"), permanent=error.permanent)
        return error

    def close(self) -> None:
        """Nothing to release: each send opens and closes its own connection."""


def _classify(bad: Exception, where: str, config: SmtpTransportConfig) -> TransportError:
    """The TransportError for an smtplib or socket failure. Order matters: smtplib's and
    ssl's exceptions are OSErrors too."""
    if isinstance(bad, smtplib.SMTPRecipientsRefused):
        return _refusal(where, bad.recipients, delivered=False)
    if isinstance(bad, smtplib.SMTPAuthenticationError):
        return TransportError(
            f"SMTP server {where} refused the login of {config.username!r}: "
            f"{bad.smtp_code} {_text(bad.smtp_error)} (fix: {_password_fix(config)})",
            permanent=not 400 <= bad.smtp_code < 500,
        )
    if isinstance(bad, smtplib.SMTPResponseException):
        return TransportError(
            f"SMTP server {where} answered {bad.smtp_code} {_text(bad.smtp_error)}",
            permanent=not 400 <= bad.smtp_code < 500,
        )
    if isinstance(bad, smtplib.SMTPServerDisconnected) and isinstance(bad.__context__, TimeoutError):
        bad = bad.__context__  # smtplib reports a read timeout as a disconnection
    if isinstance(bad, smtplib.SMTPServerDisconnected):
        return TransportError(f"SMTP server {where} closed the connection: {bad}", permanent=False)
    if isinstance(bad, ssl.SSLCertVerificationError):
        return TransportError(
            f"SMTP server {where}: its TLS certificate is not trusted ({bad.verify_message}) "
            "(fix: install the CA that signed it in the system store; tls_verify = false only on a trusted network)",
            permanent=True,
        )
    if isinstance(bad, ssl.SSLError):
        return TransportError(
            f"SMTP server {where}: TLS failed ({bad.reason or bad}) "
            '(fix: check transport.tls and port: "implicit" is usually 465, "starttls" 587)',
            permanent=True,
        )
    if isinstance(bad, TimeoutError):
        return TransportError(f"SMTP server {where} did not answer in time", permanent=False)
    if isinstance(bad, OSError) and not isinstance(bad, smtplib.SMTPException):
        return TransportError(f"SMTP server {where} cannot be reached: {bad.strerror or bad}", permanent=False)
    return TransportError(f"SMTP server {where}: {bad}", permanent=False)


def _refusal(where: str, refused: Mapping[str, tuple[int, bytes | str]], *, delivered: bool) -> RecipientsRefused:
    answers = {rcpt: (code, _text(reply)) for rcpt, (code, reply) in refused.items()}
    listed = ", ".join(f"{rcpt} ({code} {reply})" for rcpt, (code, reply) in answers.items())
    temporary = not delivered and all(400 <= code < 500 for code, _ in answers.values())
    tail = "; the other recipients got the message, so it will not be sent again" if delivered else ""
    return RecipientsRefused(
        f"SMTP server {where} refused {listed}{tail} (fix: check the client's addresses in config)",
        refused=answers,
        delivered=delivered,
        permanent=not temporary,
    )


def _password_fix(config: SmtpTransportConfig) -> str:
    if config.password_env:
        return f"check transport.username and the password in ${config.password_env}"
    return "check transport.username and what transport.password_command prints"


def _envelope(address: str) -> str:
    """The address for MAIL FROM / RCPT TO: an internationalised domain in punycode."""
    local, at, domain = address.strip().rpartition("@")
    if not at or not local or not domain:
        raise TransportError(f"{address!r} is not an email address", permanent=True)
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        raise TransportError(f"{address!r} has an unusable domain name", permanent=True) from None


def _text(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    text = " ".join(text.split())
    return text if len(text) <= SERVER_TEXT_LIMIT else text[: SERVER_TEXT_LIMIT - 1] + "…"


def _quit_quietly(smtp: smtplib.SMTP) -> None:
    # The message is already accepted (or the error already raised): a failing QUIT changes nothing.
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def from_config(config: SmtpTransportConfig, **kw: object) -> SmtpTransport:
    """The registry's entry point (followup.transports.open_transport)."""
    return SmtpTransport(config, **kw)  # type: ignore[arg-type]
