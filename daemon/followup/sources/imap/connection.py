"""The link to one IMAP account: connect (implicit TLS, STARTTLS or plain on loopback), log
in (password or OAuth2 token), keep the link alive, select folders, find special folders,
and turn every library or socket error into SourceError / SourceAuthError naming the fix.
ImapWatcher (watching.py) and ImapSource (source.py) build on it."""

from __future__ import annotations

import logging
import os
import re
import ssl
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from followup.config import ImapSourceConfig
from followup.credentials import resolve_secret
from followup.errors import SecretError, SourceAuthError, SourceError
from followup.sources.base import ServerSource, one_line, said

log = logging.getLogger("followup.sources.imap")  # one logger for the whole IMAP source

SOCKET_TIMEOUT = 60.0  # seconds for any one server answer; a frozen server becomes an error
_AUTH_FAILED = re.compile(r"AUTHENTICATIONFAILED|AUTHORIZATIONFAILED|Invalid credentials", re.IGNORECASE)
_ROLE_FLAGS = {"sent": b"\\Sent", "all": b"\\All", "drafts": b"\\Drafts"}


class ImapConnection(ServerSource):
    """One IMAP account's link. Not thread-safe: the daemon's ingest thread owns it."""

    def __init__(
        self,
        config: ImapSourceConfig,
        *,
        env: Mapping[str, str] = os.environ,
        ssl_context: ssl.SSLContext | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        super().__init__(config, env=env, clock=clock, sleep=sleep)
        self._ssl_context = ssl_context
        self._conn: Any = None  # an IMAPClient, or a stand-in with the same methods in tests
        self._selected: tuple[str, int] | None = None  # (folder, uidvalidity)
        self._roles: dict[str, str | None] = {}  # "sent", "all" -> folder name, per connection

    def close(self) -> None:
        if self._conn is not None:
            quietly_logout(self._conn)
        self._conn = None
        self._selected = None
        self._roles = {}

    # -- folders and capabilities, as this server has them ------------------------------

    def special_folder(self, role: str) -> str | None:
        """The folder with SPECIAL-USE `role` ("sent", "drafts", "all"), or None."""
        with self._guard(f"finding the {role} folder"):
            return self._role(role)

    def _role(self, role: str) -> str | None:
        if role not in self._roles:
            self._roles[role] = self._client().find_special_folder(_ROLE_FLAGS[role])
        return self._roles[role]

    def _is_gmail(self) -> bool:
        if self.config.gmail is not None:
            return self.config.gmail
        return bool(self._client().has_capability("X-GM-EXT-1"))

    def _open(self, folder: str) -> tuple[int, int | None]:
        """Select `folder` read-only (EXAMINE: nothing is marked \\Seen): (UIDVALIDITY, HIGHESTMODSEQ)."""
        conn = self._client()
        info = conn.select_folder(folder, readonly=True)
        uidvalidity = int(info[b"UIDVALIDITY"])
        self._selected = (folder, uidvalidity)
        modseq = info.get(b"HIGHESTMODSEQ")
        return uidvalidity, (int(modseq) if modseq is not None else None)

    def _select(self, folder: str) -> int:
        if self._selected and self._selected[0] == folder:
            return self._selected[1]
        return self._open(folder)[0]

    # -- the link ------------------------------------------------------------------------

    def _revive(self) -> None:
        """Drop a kept connection that died while idle (server restart, NAT timeout), so
        the operation starting now connects afresh instead of failing once."""
        from imapclient.exceptions import IMAPClientError

        if self._conn is None:
            return
        try:
            self._conn.noop()
        except (IMAPClientError, OSError):
            self.close()

    def _client(self) -> Any:
        if self._conn is not None:
            return self._conn
        self._conn = self._connect()
        self._selected = None
        self._roles = {}
        return self._conn

    def _connect(self) -> Any:
        """A logged-in connection with CONDSTORE enabled when offered."""
        conn = self._open_connection()
        try:
            self._login(conn)
            if conn.has_capability("CONDSTORE"):
                conn.enable("CONDSTORE")  # before any SELECT, else no HIGHESTMODSEQ
        except BaseException:
            quietly_shutdown(conn)
            raise
        return conn

    def _open_connection(self) -> Any:
        from imapclient import IMAPClient

        tls = self.config.tls
        context = self._tls_context() if tls != "none" else None
        conn = IMAPClient(
            self.config.host, port=self.config.port, ssl=tls == "implicit",
            ssl_context=context, timeout=SOCKET_TIMEOUT,
        )
        if tls == "starttls":
            try:
                conn.starttls(context)
            except BaseException:
                quietly_shutdown(conn)
                raise
        return conn

    def _tls_context(self) -> ssl.SSLContext:
        if not self.config.tls_verify:
            log.warning(
                "source %s: tls_verify = false: the certificate of %s is not checked, "
                "so anyone on the path can read this mailbox", self.name, self.config.host,
            )
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            return context
        return self._ssl_context or ssl.create_default_context()

    def _login(self, conn: Any) -> None:
        cfg = self.config
        try:
            if cfg.oauth2_token_command:
                token = resolve_secret(
                    None, cfg.oauth2_token_command, env=self._env,
                    what=f"sources.{cfg.name}.oauth2_token_command",
                )
                conn.oauth2_login(cfg.username, token)
                return
            what = "password_env" if cfg.password_env else "password_command"
            password = resolve_secret(
                cfg.password_env, cfg.password_command, env=self._env, what=f"sources.{cfg.name}.{what}"
            )
        except SecretError as missing:
            raise SourceAuthError(str(missing)) from None
        conn.login(cfg.username, password)

    # -- errors --------------------------------------------------------------------------

    def _where(self) -> str:
        return f"{self.config.host}:{self.config.port} (source {self.name})"

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Turn library and socket errors into SourceError / SourceAuthError; a broken
        connection is dropped so the next call connects afresh."""
        from imapclient.exceptions import IMAPClientError, LoginError

        try:
            yield
        except SourceError:
            raise
        except LoginError as refused:
            self.close()
            raise SourceAuthError(self._auth_message(refused)) from None
        except IMAPClientError as failed:
            if _AUTH_FAILED.search(str(failed)):
                self.close()
                raise SourceAuthError(self._auth_message(failed)) from None
            self._drop_broken(failed)
            raise SourceError(self._error_message(action, failed)) from None
        except (OSError, ValueError) as failed:  # ssl.SSLError and TimeoutError are OSErrors
            self._drop_broken(failed)
            raise SourceError(self._error_message(action, failed)) from None

    def _drop_broken(self, failed: BaseException) -> None:
        from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

        if isinstance(failed, IMAPClientAbortError) or not isinstance(failed, IMAPClientError):
            self.close()  # the link itself is gone; a plain NO/BAD leaves it usable

    def _auth_message(self, refused: BaseException) -> str:
        how = "OAuth2 token" if self.config.oauth2_token_command else "password"
        return (
            f"IMAP {self._where()}: the server refused user {self.config.username!r}: {one_line(str(refused))} "
            f"(fix: check username and the {how} in [[sources]] {self.name})"
        )

    def _error_message(self, action: str, failed: BaseException) -> str:
        return f"IMAP {self._where()}: cannot {action}: {_describe(failed)} (fix: {self._fix_for(failed)})"

    def _fix_for(self, failed: BaseException) -> str:
        from imapclient.exceptions import (
            CapabilityError,
            IMAPClientAbortError,
            IMAPClientError,
        )

        if isinstance(failed, ssl.SSLCertVerificationError):
            return (
                "install the server's CA certificate in the system trust store, or set "
                "tls_verify = false for this source if you accept the risk"
            )
        if isinstance(failed, ssl.SSLError):
            return 'check tls: "implicit" is usually port 993, "starttls" port 143'
        if isinstance(failed, ConnectionRefusedError):
            return f"check that the server is running and listens on port {self.config.port}"
        if isinstance(failed, TimeoutError):
            return "the server did not answer in time; check the network (it will be retried)"
        if isinstance(failed, CapabilityError):
            return 'the server lacks a needed feature; for STARTTLS use tls = "implicit" if it offers 993'
        if isinstance(failed, (IMAPClientAbortError, ConnectionError, EOFError)):
            return "the connection was lost; it will be retried"
        if isinstance(failed, IMAPClientError):
            return "check the folder names in [[sources]] and the server's log"
        return "check host and port, and that the server is reachable"


def _describe(failed: BaseException) -> str:
    if isinstance(failed, ssl.SSLCertVerificationError):
        return f"TLS certificate not trusted ({one_line(failed.verify_message or said(failed))})"
    return said(failed)


def quietly_logout(conn: Any) -> None:
    try:
        if getattr(conn, "_idle_tag", None) is not None:
            conn.idle_done()
        conn.logout()
    except Exception:  # noqa: BLE001 - closing a link that may already be dead
        quietly_shutdown(conn)


def quietly_shutdown(conn: Any) -> None:
    try:
        conn.shutdown()
    except Exception as gone:  # noqa: BLE001 - nothing left to release
        log.debug("closing a dead IMAP connection: %s", gone)
