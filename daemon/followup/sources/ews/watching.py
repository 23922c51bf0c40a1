"""Waiting for new mail in Exchange: a pull subscription on the watched folders (GetEvents
every `pull_interval` seconds: one small request, it stays open between waits like IMAP
IDLE); a server that refuses subscriptions is polled with SyncFolderItems instead."""

from __future__ import annotations

import logging
from typing import Any

from followup.sources.ews.mailbox import EwsMailbox

log = logging.getLogger("followup.sources.ews")

PULL_INTERVAL = 10.0  # seconds between two GetEvents on an open pull subscription
SUBSCRIPTION_MINUTES = 30  # a pull subscription the server drops when not asked this long
_WAKE_EVENTS = ["NewMailEvent", "CreatedEvent", "ModifiedEvent", "MovedEvent", "CopiedEvent"]


class EwsWatcher(EwsMailbox):
    """An Exchange mailbox that can wait for news in its watched folders (Source.wait)."""

    def __init__(self, *args: Any, pull_interval: float = PULL_INTERVAL, **kw: Any):
        super().__init__(*args, **kw)
        self.pull_interval = pull_interval
        self._subscription: tuple[str, str] | None = None  # (id, watermark)
        self._poll_state: str | None = None  # SyncFolderItems state when the server refuses subscriptions
        self._no_subscriptions = False

    def wait(self, timeout: float) -> bool:
        """True when the server reports a change in a watched folder, False at `timeout`."""
        deadline = self._clock() + timeout
        with self._guard("wait for new mail"):
            while True:
                if self._news():
                    return True
                remaining = deadline - self._clock()
                if remaining <= 0:
                    return False
                self._sleep(min(self.pull_interval, remaining))

    def close(self) -> None:
        subscription, self._subscription = self._subscription, None
        self._poll_state = None
        try:
            if subscription is not None and self._account is not None:
                self._account.inbox.unsubscribe(subscription[0])
        except Exception as ignored:  # noqa: BLE001 - the server drops an unused subscription by itself
            log.debug("source %s: unsubscribe failed: %s", self.name, ignored)
        super().close()

    def _news(self) -> bool:
        from exchangelib.errors import (
            ErrorExpiredSubscription,
            ErrorInvalidSubscription,
            ErrorInvalidWatermark,
            ErrorSubscriptionNotFound,
        )

        if self._no_subscriptions:
            return self._polled_news()
        if self._subscription is None:
            if not self._subscribe():
                return self._polled_news()
            return False
        try:
            return self._pulled_news()
        except (ErrorExpiredSubscription, ErrorSubscriptionNotFound, ErrorInvalidSubscription, ErrorInvalidWatermark):
            # Anything may have happened while the subscription was gone: say so, and start anew.
            self._subscription = None
            return True

    def _subscribe(self) -> bool:
        from exchangelib.errors import ResponseMessageError
        from exchangelib.folders import FolderCollection

        account = self._client()
        folders = [folder for _, _, folder, _ in self._watched()]
        try:
            self._subscription = FolderCollection(account=account, folders=folders).subscribe_to_pull(
                event_types=_WAKE_EVENTS, timeout=SUBSCRIPTION_MINUTES,
            )
            return True
        except ResponseMessageError as no:  # old servers, or notifications off by policy
            log.info("source %s: the server refuses notifications (%s); polling instead", self.name, no)
            self._no_subscriptions = True
            return False

    def _pulled_news(self) -> bool:
        from exchangelib.properties import StatusEvent

        assert self._subscription is not None
        subscription_id, watermark = self._subscription
        news = False
        for notification in self._client().inbox.get_events(subscription_id, watermark):
            for event in notification.events:
                watermark = event.watermark or watermark
                news = news or not isinstance(event, StatusEvent)
        self._subscription = (subscription_id, watermark)
        return news

    def _polled_news(self) -> bool:
        """Without notifications: page through the Inbox's changes since the last poll."""
        inbox, state, news = self._client().inbox, self._poll_state, False
        while True:
            changes, new_state, complete = self._sync_page(inbox, state)
            news = news or bool(changes)
            if complete or new_state == state:
                break
            state = new_state
        first, self._poll_state = self._poll_state is None, new_state
        return news and not first
