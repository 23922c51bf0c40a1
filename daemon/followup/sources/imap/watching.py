"""Waiting for new mail in INBOX: IDLE on a second connection when the server has it, else
STATUS polls. The IDLE is renewed before NATs and servers drop a quiet link, and a link
that died while idling is noticed (imapclient reports EOF as an empty answer)."""

from __future__ import annotations

from typing import Any

from followup.sources.imap.connection import ImapConnection, quietly_logout, quietly_shutdown

IDLE_RENEW = 600.0  # re-issue IDLE at least this often: NATs and servers drop quiet links
POLL_INTERVAL = 60.0  # STATUS INBOX this often when the server has no IDLE
EARLY_SLACK = 1.0  # idle_check() returning [] this much before its timeout means EOF
# untagged answers to IDLE that say nothing about the mailbox
_KEEPALIVES = {b"OK", b"NO", b"BAD"}


class ImapWatcher(ImapConnection):
    """An IMAP account that can wait for news in INBOX (Source.wait)."""

    def __init__(self, *args: Any, **kw: Any):
        super().__init__(*args, **kw)
        self._idler: Any = None  # the second, idling connection
        self._idle_since = 0.0
        self._polled: tuple | None = None  # INBOX's STATUS at the last poll

    def wait(self, timeout: float) -> bool:
        """Block until the server reports a change in INBOX (True) or `timeout` passes
        (False). IDLE when the server has it, else STATUS polls every POLL_INTERVAL."""
        with self._guard("wait for new mail"):
            if self._client().has_capability("IDLE"):
                return self._idle_wait(timeout)
            return self._poll_wait(timeout)

    def close(self) -> None:
        if self._idler is not None:
            quietly_logout(self._idler)
        self._idler = None
        self._polled = None
        super().close()

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
            quietly_shutdown(idler)

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


def _is_news(response: tuple) -> bool:
    return not (response and response[0] in _KEEPALIVES)
