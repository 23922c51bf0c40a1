"""The IMAP source: INBOX, the Sent folder, the tag folder and any configured folders.

Checkpoint (JSON): {"folders": {name: {"uidvalidity", "last_uid", "highestmodseq"}}}.
A pass over one folder hands over

* messages whose flags changed since `highestmodseq` (CONDSTORE) and that now carry a
  keyword or Gmail label: that is how a `slipup` keyword set on an old message is seen.
  Messages whose only change is a system flag (\\Seen after reading) are not fetched
  again; a message that loses its last keyword is not handed over (the archive keeps the
  keywords it saw last);
* messages with a UID above `last_uid`, oldest first, in batches of `batch_size`.

`highestmodseq` advances only when the folder's pass is complete, so a pass cut short is
repeated: messages may come twice, never not at all. A UIDVALIDITY change voids every UID,
so the folder is read again from scratch (the archive dedupes by SHA-256).

Bodies are fetched with BODY.PEEK[] and folders are opened read-only (EXAMINE), so
nothing is marked \\Seen. `wait()` IDLEs on INBOX on a second connection.

Gmail (`gmail = true`, or "auto" and the server says X-GM-EXT-1): labels count as
keywords, the location carries X-GM-MSGID, and `find_thread` also searches All Mail.
"""

from __future__ import annotations

import logging
import os
import re
import ssl
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from followup.config import ImapSourceConfig
from followup.credentials import resolve_secret
from followup.errors import SecretError, SourceAuthError, SourceError
from followup.sources.base import Batch, RawMessage, Source

log = logging.getLogger("followup.sources.imap")

BATCH_SIZE = 200
SOCKET_TIMEOUT = 60.0  # seconds for any one server answer; a frozen server becomes an error
IDLE_RENEW = 600.0  # re-issue IDLE at least this often: NATs and servers drop quiet links
POLL_INTERVAL = 60.0  # STATUS INBOX this often when the server has no IDLE
EARLY_SLACK = 1.0  # idle_check() returning [] this much before its timeout means EOF
CHECKPOINT_VERSION = 1

_BODY = b"BODY[]"
_GMAIL_ITEMS = [b"X-GM-MSGID", b"X-GM-LABELS"]
_AUTH_FAILED = re.compile(r"AUTHENTICATIONFAILED|AUTHORIZATIONFAILED|Invalid credentials", re.IGNORECASE)
# untagged answers to IDLE that say nothing about the mailbox
_KEEPALIVES = {b"OK", b"NO", b"BAD"}


class ImapSource(Source):
    """One IMAP account. Not thread-safe: the daemon's ingest thread owns it."""

    def __init__(
        self,
        config: ImapSourceConfig,
        *,
        env: Mapping[str, str] = os.environ,
        ssl_context: ssl.SSLContext | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.config = config
        self.name = config.name
        self.batch_size = BATCH_SIZE
        self._env = env
        self._ssl_context = ssl_context
        self._clock = clock
        self._sleep = sleep
        self._conn: Any = None  # an IMAPClient, or a stand-in with the same methods in tests
        self._selected: tuple[str, int] | None = None  # (folder, uidvalidity)
        self._roles: dict[str, str | None] = {}  # "sent", "all" -> folder name, per connection
        self._idler: Any = None
        self._idle_since = 0.0
        self._polled: tuple | None = None

    # -- the contract ----------------------------------------------------------------

    def fetch(self, checkpoint: dict | None) -> Iterator[Batch]:
        folders_state = dict((checkpoint or {}).get("folders", {}))
        with self._guard("fetch"):
            self._revive()
            watched = self._watched_folders()
        for folder in watched:
            last_yielded = folders_state.get(folder)
            for messages, state in self._sync_folder(folder, folders_state.get(folder)):
                folders_state[folder] = state
                if messages or state != last_yielded:
                    last_yielded = state
                    yield Batch(tuple(messages), _checkpoint(folders_state))

    def wait(self, timeout: float) -> bool:
        """Block until the server reports a change in INBOX (True) or `timeout` passes
        (False). IDLE when the server has it, else STATUS polls every POLL_INTERVAL."""
        with self._guard("wait for new mail"):
            if self._client().has_capability("IDLE"):
                return self._idle_wait(timeout)
            return self._poll_wait(timeout)

    def find_thread(self, message_ids: Iterable[str]) -> Iterator[RawMessage]:
        ids = [_bracketed(mid) for mid in message_ids if mid and mid.strip()]
        if not ids:
            return
        seen_gmail_ids: set[int] = set()
        with self._guard("find a thread"):
            self._revive()
            folders = self._thread_folders()
        for folder in folders:
            with self._guard(f"search {folder}"):
                uidvalidity = self._select(folder)
                uids = sorted({uid for mid in ids for uid in self._client().search(_refers_to(mid))})
            for chunk in _chunks(uids, self.batch_size):
                with self._guard(f"fetch from {folder}"):
                    found = self._fetch_messages(folder, uidvalidity, chunk)
                for message, gmail_id in found:
                    if gmail_id is not None and gmail_id in seen_gmail_ids:
                        continue  # Gmail shows one message in INBOX and All Mail alike
                    if gmail_id is not None:
                        seen_gmail_ids.add(gmail_id)
                    yield message

    def close(self) -> None:
        for conn in (self._idler, self._conn):
            if conn is not None:
                _quietly_logout(conn)
        self._idler = self._conn = None
        self._selected = None
        self._roles = {}
        self._polled = None

    # -- write side (drafts, the outbox's restart check) ----------------------------

    def append(self, folder: str, data: bytes, flags: Sequence[str] = ()) -> str | None:
        """Store `data` in `folder` with `flags`; returns its location when the server
        reports it (UIDPLUS), else None."""
        with self._guard(f"append to {folder}"):
            self._revive()
            answer = self._client().append(folder, data, flags=[f.encode() for f in flags])
        found = re.search(rb"APPENDUID (\d+) (\d+)", answer or b"")
        if not found:
            return None
        return _location(folder, int(found.group(1)), int(found.group(2)), None)

    def has_message_id(self, folder: str, message_id: str) -> bool:
        """Whether `folder` holds a message with this Message-ID header."""
        with self._guard(f"search {folder}"):
            self._revive()
            self._select(folder)
            return bool(self._client().search(["HEADER", "Message-ID", _bracketed(message_id)]))

    # -- one folder -------------------------------------------------------------------

    def _sync_folder(self, folder: str, state: dict | None) -> Iterator[tuple[list[RawMessage], dict]]:
        with self._guard(f"open {folder}"):
            uidvalidity, modseq = self._open(folder)
        if state is not None and state.get("uidvalidity") != uidvalidity:
            log.warning(
                "source %s: UIDVALIDITY of %s changed from %s to %s; every UID there is void, "
                "reading the whole folder again (the archive skips what it already has)",
                self.name, folder, state.get("uidvalidity"), uidvalidity,
            )
            state = None
        if state is None:
            state = {"uidvalidity": uidvalidity, "last_uid": 0, "highestmodseq": modseq}
        else:
            yield from self._changed(folder, uidvalidity, state, modseq)
        for chunk in _chunks(self._new_uids(folder, state), self.batch_size):
            with self._guard(f"fetch from {folder}"):
                self._reselect(folder, uidvalidity)
                found = self._fetch_messages(folder, uidvalidity, chunk)
            state = {**state, "last_uid": max(chunk)}
            yield [message for message, _ in found], state
        yield [], {**state, "highestmodseq": modseq}

    def _open(self, folder: str) -> tuple[int, int | None]:
        conn = self._client()
        info = conn.select_folder(folder, readonly=True)
        uidvalidity = int(info[b"UIDVALIDITY"])
        self._selected = (folder, uidvalidity)
        modseq = info.get(b"HIGHESTMODSEQ")
        return uidvalidity, (int(modseq) if modseq is not None else None)

    def _new_uids(self, folder: str, state: dict) -> list[int]:
        last = int(state["last_uid"])
        with self._guard(f"search {folder}"):
            if last == 0:
                criteria = ["SINCE", self.config.since] if self.config.since else ["ALL"]
            else:
                criteria = ["UID", f"{last + 1}:*"]
            # "UID n:*" also answers the highest UID when it is below n: filter
            return sorted(uid for uid in self._client().search(criteria) if uid > last)

    def _changed(
        self, folder: str, uidvalidity: int, state: dict, modseq: int | None
    ) -> Iterator[tuple[list[RawMessage], dict]]:
        old = state.get("highestmodseq")
        if modseq is None or old is None or modseq <= old or not state["last_uid"]:
            return
        with self._guard(f"look for changed flags in {folder}"):
            last = int(state["last_uid"])
            uids = sorted(u for u in self._client().search(["MODSEQ", old + 1]) if u <= last)
            tagged = self._keyworded(uids)
        for chunk in _chunks(tagged, self.batch_size):
            with self._guard(f"fetch from {folder}"):
                self._reselect(folder, uidvalidity)
                found = self._fetch_messages(folder, uidvalidity, chunk)
            yield [message for message, _ in found], state

    def _keyworded(self, uids: list[int]) -> list[int]:
        """Those of `uids` that carry a keyword or label now (flags only, no bodies)."""
        items = [b"FLAGS", *(_GMAIL_ITEMS if self._is_gmail() else [])]
        found: list[int] = []
        for chunk in _chunks(uids, self.batch_size * 5):
            for uid, data in self._client().fetch(chunk, items).items():
                if _keywords(data):
                    found.append(uid)
        return sorted(found)

    def _fetch_messages(
        self, folder: str, uidvalidity: int, uids: list[int]
    ) -> list[tuple[RawMessage, int | None]]:
        gmail = self._is_gmail()
        items = [b"BODY.PEEK[]", b"FLAGS", *(_GMAIL_ITEMS if gmail else [])]
        response = self._client().fetch(uids, items)
        sent = folder == self._role("sent")
        found = []
        for uid in uids:
            data = response.get(uid)
            if data is None or data.get(_BODY) is None:
                continue  # expunged meanwhile
            gmail_id = int(data[b"X-GM-MSGID"]) if gmail and b"X-GM-MSGID" in data else None
            message = RawMessage(
                data=bytes(data[_BODY]),
                source=self.name,
                location=_location(folder, uidvalidity, uid, gmail_id),
                folder=folder,
                keywords=frozenset(_keywords(data)),
                from_sent=sent,
            )
            found.append((message, gmail_id))
        return found

    def _select(self, folder: str) -> int:
        if self._selected and self._selected[0] == folder:
            return self._selected[1]
        return self._open(folder)[0]

    def _reselect(self, folder: str, uidvalidity: int) -> None:
        """Another call (find_thread between two batches) may have selected another folder."""
        if self._select(folder) != uidvalidity:
            raise SourceError(
                f"IMAP {self._where()}: UIDVALIDITY of {folder} changed during a sync "
                "(fix: none needed; the next pass reads the folder again)"
            )

    # -- folders ---------------------------------------------------------------------

    def _watched_folders(self) -> list[str]:
        names = list(self.config.folders)
        sent = self._role("sent")
        if sent:
            names.append(sent)
        tag = self.config.tag_folder
        if tag and tag not in names and self._client().folder_exists(tag):
            names.append(tag)
        return list(dict.fromkeys(names))

    def _thread_folders(self) -> list[str]:
        names = ["INBOX", *(f for f in [self._role("sent")] if f)]
        if self._is_gmail() and self._role("all"):
            names.append(self._role("all"))
        return list(dict.fromkeys(names + list(self.config.folders)))

    def special_folder(self, role: str) -> str | None:
        """The folder with SPECIAL-USE `role` ("sent", "drafts", "all"), or None."""
        with self._guard(f"finding the {role} folder"):
            return self._role(role)

    def _role(self, role: str) -> str | None:
        if role not in self._roles:
            flag = {"sent": b"\\Sent", "all": b"\\All", "drafts": b"\\Drafts"}[role]
            self._roles[role] = self._client().find_special_folder(flag)
        return self._roles[role]

    def _is_gmail(self) -> bool:
        if self.config.gmail is not None:
            return self.config.gmail
        return bool(self._client().has_capability("X-GM-EXT-1"))

    # -- waiting ---------------------------------------------------------------------

    def _idle_wait(self, timeout: float) -> bool:
        deadline = self._clock() + timeout
        idler = self._idling()
        while True:
            remaining = deadline - self._clock()
            if remaining <= 0:
                return False
            if self._clock() - self._idle_since >= IDLE_RENEW:
                idler.idle_done()
                self._start_idle(idler)
            chunk = min(remaining, IDLE_RENEW)
            started = self._clock()
            responses = idler.idle_check(timeout=chunk)
            if not responses and self._clock() - started < chunk - min(EARLY_SLACK, chunk / 2):
                # imapclient swallows EOF: an empty answer long before the timeout is a dead link
                self._drop_idler()
                raise ConnectionError("the server closed the IDLE connection")
            if any(_is_news(r) for r in responses):
                return True

    def _idling(self) -> Any:
        if self._idler is None:
            idler = self._connect()
            idler.select_folder("INBOX", readonly=True)
            self._start_idle(idler)
            self._idler = idler
        return self._idler

    def _start_idle(self, idler: Any) -> None:
        idler.idle()
        self._idle_since = self._clock()

    def _drop_idler(self) -> None:
        idler, self._idler = self._idler, None
        if idler is not None:
            _quietly_shutdown(idler)

    def _poll_wait(self, timeout: float) -> bool:
        deadline = self._clock() + timeout
        if self._polled is None:
            self._polled = self._inbox_status()
        while (remaining := deadline - self._clock()) > 0:
            self._sleep(min(POLL_INTERVAL, remaining))
            now = self._inbox_status()
            if now != self._polled:
                self._polled = now
                return True
        return False

    def _inbox_status(self) -> tuple:
        conn = self._client()
        items = [b"UIDNEXT", b"MESSAGES", *([b"HIGHESTMODSEQ"] if conn.has_capability("CONDSTORE") else [])]
        status = conn.folder_status("INBOX", items)
        return tuple(sorted(status.items()))

    # -- connections -----------------------------------------------------------------

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
            _quietly_shutdown(conn)
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
                _quietly_shutdown(conn)
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
        said = _one_line(str(refused))
        return (
            f"IMAP {self._where()}: the server refused user {self.config.username!r}: {said} "
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


# -- helpers -------------------------------------------------------------------------


def _checkpoint(folders: dict[str, dict]) -> dict:
    return {"version": CHECKPOINT_VERSION, "folders": {k: dict(v) for k, v in folders.items()}}


def _keywords(data: Mapping[bytes, Any]) -> set[str]:
    """IMAP keywords (flags without the system backslash) and Gmail user labels."""
    words = {_text(flag) for flag in data.get(b"FLAGS", ()) if not _text(flag).startswith("\\")}
    words |= {_label(label) for label in data.get(b"X-GM-LABELS", ()) or ()}
    return {word for word in words if word and not word.startswith("\\")}


def _label(label: bytes | str) -> str:
    if isinstance(label, str):
        return label
    from imapclient.imap_utf7 import decode

    return decode(label)


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _location(folder: str, uidvalidity: int, uid: int, gmail_id: int | None) -> str:
    where = f"{folder};UIDVALIDITY={uidvalidity};UID={uid}"
    return f"{where};X-GM-MSGID={gmail_id}" if gmail_id is not None else where


def _bracketed(message_id: str) -> str:
    mid = message_id.strip()
    return mid if mid.startswith("<") else f"<{mid.strip('<>')}>"


def _refers_to(message_id: str) -> list:
    """SEARCH criteria: the message itself, or one naming it in References / In-Reply-To."""
    return [
        "OR", "HEADER", "Message-ID", message_id,
        "OR", "HEADER", "References", message_id, "HEADER", "In-Reply-To", message_id,
    ]


def _is_news(response: tuple) -> bool:
    return not (response and response[0] in _KEEPALIVES)


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _describe(failed: BaseException) -> str:
    said = _one_line(str(failed)) or type(failed).__name__
    if isinstance(failed, ssl.SSLCertVerificationError):
        said = f"TLS certificate not trusted ({_one_line(failed.verify_message or said)})"
    return said


def _one_line(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _quietly_logout(conn: Any) -> None:
    try:
        if getattr(conn, "_idle_tag", None) is not None:
            conn.idle_done()
        conn.logout()
    except Exception:  # noqa: BLE001 - closing a link that may already be dead
        _quietly_shutdown(conn)


def _quietly_shutdown(conn: Any) -> None:
    try:
        conn.shutdown()
    except Exception as gone:  # noqa: BLE001 - nothing left to release
        log.debug("closing a dead IMAP connection: %s", gone)
