"""The Exchange source (EWS, on-premises Exchange or Microsoft 365), through exchangelib.

Watched: Inbox, Sent Items and, when it exists, the tag folder (a folder named like
`tagging.tag_folder` under the Inbox or the top of the mailbox). Each is read with
SyncFolderItems; the checkpoint is the server's sync state per folder:

    {"version": 1, "folders": {"inbox": {"sync_state": "..."}, "sentitems": {...}, "tag": {...}}}

One SyncFolderItems page (at most `batch_size` changes) becomes one batch, whose checkpoint
is the state the server returned for that page, so a restart resumes after the last batch
the archive committed. A created item is handed over; an updated one only when it carries
an Outlook category now (that is how the category `slipup` set on an old message is seen);
read-flag changes and deletions are not. A sync state the server no longer accepts is
dropped and the folder read again (the archive skips what it has).

The bytes handed over are the item's MimeContent, as Exchange keeps it. The location names
the folder, the ItemId and the ConversationId, which links the thread on the server's side.

`wait()` uses a pull subscription on the watched folders (GetEvents every `pull_interval`
seconds: one small request, it stays open between waits like IMAP IDLE); a server that
refuses subscriptions is polled with SyncFolderItems instead.

exchangelib is imported here only: this module is loaded only when an ews source is configured.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from followup.config import EwsSourceConfig
from followup.credentials import resolve_secret
from followup.errors import SecretError, SourceAuthError, SourceError
from followup.sources.base import Batch, RawMessage, Source

log = logging.getLogger("followup.sources.ews")

BATCH_SIZE = 100  # changes per SyncFolderItems page (the server allows 1-512)
PULL_INTERVAL = 10.0  # seconds between two GetEvents on an open pull subscription
SUBSCRIPTION_MINUTES = 30  # a pull subscription the server drops when not asked this long
CHECKPOINT_VERSION = 1
INBOX, SENT = "INBOX", "Sent Items"  # folder names handed over: stable, whatever the mailbox's language
M365_ENDPOINT = "https://outlook.office365.com/EWS/Exchange.asmx"
_ITEM_FIELDS = ["mime_content", "categories", "conversation_id"]
_WAKE_EVENTS = ["NewMailEvent", "CreatedEvent", "ModifiedEvent", "MovedEvent", "CopiedEvent"]


class EwsSource(Source):
    """One Exchange mailbox. Not thread-safe: the daemon's ingest thread owns it."""

    def __init__(
        self,
        config: EwsSourceConfig,
        *,
        env: Mapping[str, str] = os.environ,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        pull_interval: float = PULL_INTERVAL,
    ):
        self.config = config
        self.name = config.name
        self.batch_size = BATCH_SIZE
        self.pull_interval = pull_interval
        self._env = env
        self._clock = clock
        self._sleep = sleep
        self._account: Any = None
        self._folders: list[tuple[str, str, Any, bool]] | None = None  # (key, name, folder, from_sent)
        self._subscription: tuple[str, str] | None = None  # (id, watermark)
        self._poll_state: str | None = None  # SyncFolderItems state when the server refuses subscriptions
        self._no_subscriptions = False

    # -- the contract ----------------------------------------------------------------

    def fetch(self, checkpoint: dict | None) -> Iterator[Batch]:
        states = {k: dict(v) for k, v in (checkpoint or {}).get("folders", {}).items()}
        with self._guard("open the mailbox"):
            watched = self._watched()
        for key, name, folder, sent in watched:
            last = states.get(key)
            for messages, sync_state in self._sync(folder, name, sent, (last or {}).get("sync_state")):
                states[key] = {"sync_state": sync_state}
                if messages or states[key] != last:
                    last = states[key]
                    yield Batch(tuple(messages), _checkpoint(states))

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

    def find_thread(self, message_ids: Iterable[str]) -> Iterator[RawMessage]:
        ids = sorted({_bracketed(mid) for mid in message_ids if mid and mid.strip()})
        if not ids:
            return
        with self._guard("find a thread"):
            found = self._thread_items(ids)
        for name, sent, refs in found:
            with self._guard(f"fetch from {name}"):
                messages = self._messages(refs, name, sent)
            yield from messages

    def close(self) -> None:
        account, self._account = self._account, None
        subscription, self._subscription = self._subscription, None
        self._folders = None
        self._poll_state = None
        if account is None:
            return
        try:
            if subscription is not None:
                account.inbox.unsubscribe(subscription[0])
        except Exception as ignored:  # noqa: BLE001 - the server drops an unused subscription by itself
            log.debug("source %s: unsubscribe failed: %s", self.name, ignored)
        try:
            account.protocol.close()
        except Exception as ignored:  # noqa: BLE001 - releasing connections that may already be dead
            log.debug("source %s: closing failed: %s", self.name, ignored)

    # -- write side, as ImapSource offers it (drafts, the outbox's restart check) ----

    def append(self, folder: str, data: bytes, flags: Iterable[str] = ()) -> str | None:
        """Store `data` as an item in `folder` ("Drafts", "INBOX", "Sent Items" or a folder
        under the top of the mailbox); `flags` without a backslash become categories."""
        from exchangelib import Message

        with self._guard(f"store in {folder}"):
            target = self._folder_named(folder)
            categories = [f for f in flags if not f.startswith("\\")] or None
            item = Message(account=self._client(), folder=target, mime_content=bytes(data), categories=categories)
            item.save()
        return f"{folder};ItemId={item.id}" if item.id else None

    def has_message_id(self, folder: str, message_id: str) -> bool:
        """Whether `folder` holds an item with this Message-ID (InternetMessageId)."""
        with self._guard(f"search {folder}"):
            return self._folder_named(folder).filter(message_id=_bracketed(message_id)).exists()

    # -- one folder --------------------------------------------------------------------

    def _sync(self, folder: Any, name: str, sent: bool, state: str | None) -> Iterator[tuple[list[RawMessage], str]]:
        from exchangelib.errors import ErrorInvalidSyncStateData

        while True:
            try:
                with self._guard(f"sync {name}"):
                    changes, new_state, complete = self._sync_page(folder, state)
                    messages = self._messages(_handed_over(changes), name, sent)
            except SourceError as failed:
                if not isinstance(failed.__cause__, ErrorInvalidSyncStateData) or state is None:
                    raise
                log.warning("source %s: the server no longer knows the sync state of %s; reading the whole "
                            "folder again (the archive skips what it already has)", self.name, name)
                state = None
                continue
            yield messages, new_state
            if complete or new_state == state:
                return
            state = new_state

    def _sync_page(self, folder: Any, state: str | None) -> tuple[list[tuple[str, Any]], str, bool]:
        from exchangelib.fields import FieldPath
        from exchangelib.services import SyncFolderItems

        service = SyncFolderItems(account=self._client())
        categories = FieldPath(field=folder.get_item_field_by_fieldname("categories"))
        changes = list(service.call(
            folder=folder, shape="IdOnly", additional_fields={categories}, sync_state=state,
            ignore=None, max_changes_returned=self.batch_size, sync_scope=None,
        ))
        return changes, service.sync_state, bool(service.includes_last_item_in_range)

    def _messages(self, refs: list[tuple[str, str]], name: str, sent: bool) -> list[RawMessage]:
        """The items `refs` ((id, changekey) pairs) with their MIME bytes; items deleted
        meanwhile are skipped."""
        if not refs:
            return []
        found = []
        for item in self._client().fetch(ids=refs, only_fields=_ITEM_FIELDS):
            if isinstance(item, Exception) or not item.mime_content:
                continue  # gone since the change was reported
            conversation = item.conversation_id.id if item.conversation_id else ""
            found.append(RawMessage(
                data=bytes(item.mime_content),
                source=self.name,
                location=f"{name};ItemId={item.id};ConversationId={conversation}",
                folder=name,
                keywords=frozenset(item.categories or ()),
                from_sent=sent,
            ))
        return found

    def _thread_items(self, ids: list[str]) -> list[tuple[str, bool, list[tuple[str, str]]]]:
        """Per watched folder, the items that are one of `ids`, refer to one of them, or
        share a ConversationId with those."""
        from exchangelib import Q

        watched = self._watched()
        named = Q(message_id__in=ids) | Q(in_reply_to__in=ids)
        for mid in ids:
            named |= Q(references__contains=mid)
        hits = {key: list(folder.filter(named).only("conversation_id")) for key, _, folder, _ in watched}
        conversations = {i.conversation_id.id: i.conversation_id for items in hits.values() for i in items
                         if i.conversation_id}
        found = []
        for key, name, folder, sent in watched:
            items = {i.id: i for i in hits[key]}
            if conversations:
                for item in folder.filter(conversation_id__in=list(conversations.values())).only("conversation_id"):
                    items.setdefault(item.id, item)
            if items:
                found.append((name, sent, [(i.id, i.changekey) for i in items.values()]))
        return found

    # -- folders -------------------------------------------------------------------------

    def _watched(self) -> list[tuple[str, str, Any, bool]]:
        if self._folders is None:
            account = self._client()
            folders = [("inbox", INBOX, account.inbox, False), ("sentitems", SENT, account.sent, True)]
            tag = self._tag_folder()
            if tag is not None:
                folders.append(("tag", self.config.tag_folder, tag, False))
            self._folders = folders
        return self._folders

    def _tag_folder(self) -> Any:
        """The folder named like the tag folder under the Inbox or the top of the mailbox, if any."""
        from exchangelib import Q
        from exchangelib.folders import FolderCollection

        name = self.config.tag_folder
        if not name:
            return None
        account = self._client()
        for parent in (account.inbox, account.msg_folder_root):
            found = list(FolderCollection(account=account, folders=[parent]).find_folders(q=Q(name=name)))
            if found:
                return found[0]
        return None

    def _folder_named(self, name: str) -> Any:
        account = self._client()
        known = {"inbox": account.inbox, "sent items": account.sent, "sent": account.sent, "drafts": account.drafts}
        if name.casefold() in known:
            return known[name.casefold()]
        return account.msg_folder_root / name

    # -- waiting -----------------------------------------------------------------------

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

    # -- the account ---------------------------------------------------------------------

    def _client(self) -> Any:
        if self._account is None:
            self._account = open_account(self.config, self._env)
        return self._account

    def _where(self) -> str:
        endpoint = self.config.service_endpoint or "autodiscover"
        return f"Exchange {self.config.primary_address} at {endpoint} (source {self.name})"

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Turn exchangelib, OAuth and socket errors into SourceError / SourceAuthError;
        after a refused login or a broken link the next call connects afresh."""
        try:
            yield
        except SourceError:
            raise
        except SecretError as missing:
            raise SourceAuthError(f"{self._where()}: {missing}") from None
        except failures() as failed:
            kind, fix = describe_failure(failed, self.config)
            if kind != "answer":
                self.close()
            error_class = SourceAuthError if kind == "auth" else SourceError
            raise error_class(f"{self._where()}: cannot {action}: {_said(failed)} (fix: {fix})") from failed


# -- the account, shared with transports/ews.py -----------------------------------------


def open_account(config: EwsSourceConfig, env: Mapping[str, str]) -> Any:
    """An exchangelib Account for the configured mailbox. No network traffic when
    `service_endpoint` and `server_version` are set; autodiscover asks the server."""
    from exchangelib import (
        DELEGATE,
        IMPERSONATION,
        UTC,
        Account,
        Configuration,
        FailFast,
    )

    _tls_verification(config)
    credentials, auth_type, access = _credentials(config, env)
    version = _version(config.server_version)
    endpoint = config.service_endpoint
    if endpoint is None and not config.autodiscover:
        endpoint = M365_ENDPOINT
    settings = Configuration(credentials=credentials, auth_type=auth_type, version=version,
                             retry_policy=FailFast(), service_endpoint=endpoint if not config.autodiscover else None)
    return Account(
        config.primary_address, config=settings, autodiscover=config.autodiscover,
        access_type=IMPERSONATION if access == "impersonation" else DELEGATE,
        default_timezone=UTC, locale="en_US",
    )


def _credentials(config: EwsSourceConfig, env: Mapping[str, str]) -> tuple[Any, str, str]:
    """(credentials, exchangelib auth type, access type). Secrets are read now, from env or a command."""
    from exchangelib import (
        BASIC,
        NTLM,
        OAUTH2,
        Credentials,
        Identity,
        OAuth2Credentials,
    )

    where = f"sources.{config.name}"
    token_command = getattr(config, "oauth2_token_command", None)  # a delegated token, when config offers it
    if config.auth_type == "oauth2" and token_command:
        return _TokenCommandCredentials(token_command, env, f"{where}.oauth2_token_command",
                                        client_id=config.client_id, tenant_id=config.tenant_id), OAUTH2, "delegate"
    if config.auth_type == "oauth2":
        secret = resolve_secret(config.client_secret_env, None, env=env, what=f"{where}.client_secret_env")
        identity = Identity(primary_smtp_address=config.primary_address)
        credentials = OAuth2Credentials(client_id=config.client_id, client_secret=secret,
                                        tenant_id=config.tenant_id, identity=identity)
        return credentials, OAUTH2, "impersonation"  # app-only access acts as the mailbox's user
    what = "password_env" if config.password_env else "password_command"
    password = resolve_secret(config.password_env, config.password_command, env=env, what=f"{where}.{what}")
    username = config.username or config.primary_address
    return Credentials(username, password), NTLM if config.auth_type == "ntlm" else BASIC, "delegate"


def _token_credentials_class() -> type:
    from exchangelib import OAuth2AuthorizationCodeCredentials

    class TokenCommandCredentials(OAuth2AuthorizationCodeCredentials):
        """A delegated access token printed by a command (e.g. a token broker); exchangelib
        calls `refresh` when the server refuses it, and the command runs again."""

        def __init__(self, command, env, what, **kw):
            self._command, self._env, self._what = tuple(command), env, what
            super().__init__(access_token=self._fresh(), **kw)

        def _fresh(self) -> dict:
            from oauthlib.oauth2 import OAuth2Token

            token = resolve_secret(None, self._command, env=self._env, what=self._what)
            return OAuth2Token({"access_token": token, "token_type": "Bearer"})

        def refresh(self, session):
            self.access_token = self._fresh()

        def sig(self):
            return hash((self._command, self.access_token["access_token"] if self.access_token else None))

    return TokenCommandCredentials


def _TokenCommandCredentials(command, env, what, **kw):
    return _token_credentials_class()(command, env, what, **kw)


def _version(text: str | None) -> Any:
    """"15.1.2507.6" (a build number) or a name like "Exchange2016"; None lets exchangelib ask."""
    from exchangelib import Build, Version
    from exchangelib import version as versions

    if not text:
        return None
    if re.fullmatch(r"\d+(\.\d+){1,3}", text):
        return Version(build=Build(*(int(part) for part in text.split("."))))
    name = re.sub(r"[^0-9A-Za-z]+", "_", text).upper().replace("EXCHANGE", "EXCHANGE_").replace("__", "_")
    build = getattr(versions, name, None)
    if not isinstance(build, versions.Build):
        raise SourceError(f"server_version = {text!r} is not known (fix: use a build such as \"15.1.2507.6\" "
                          "or a name such as \"Exchange2016\", or remove it to let the server say)")
    return Version(build=build)


def _tls_verification(config: EwsSourceConfig) -> None:
    if config.tls_verify:
        return
    from exchangelib.protocol import BaseProtocol, NoVerifyHTTPAdapter

    # exchangelib has one adapter for the whole process: every Exchange account stops checking certificates
    log.warning("source %s: tls_verify = false: certificates of Exchange servers are not checked, so anyone "
                "on the path can read this mailbox", config.name)
    BaseProtocol.HTTP_ADAPTER_CLS = NoVerifyHTTPAdapter


# -- errors ------------------------------------------------------------------------------


def describe_failure(failed: BaseException, config: EwsSourceConfig) -> tuple[str, str]:
    """("auth" | "link" | "answer", fix) for an exception from exchangelib or below it.
    "answer": the server answered and the link is fine; "link": drop the connection."""
    from exchangelib import errors as ews

    auth_errors = (ews.UnauthorizedError, ews.ErrorAccessDenied, ews.ErrorImpersonateUserDenied)
    if isinstance(failed, auth_errors) or _oauth_refused(failed):
        return "auth", _auth_fix(config)
    if isinstance(failed, ews.ErrorNonExistentMailbox):
        return "answer", "check primary_address: the server has no such mailbox"
    if isinstance(failed, (ews.AutoDiscoverFailed, ews.RedirectError)):
        return "link", "set service_endpoint instead of autodiscover = true"
    if isinstance(failed, (ews.ErrorServerBusy, ews.RateLimitError, ews.ErrorTimeoutExpired)):
        return "link", "the server is busy, throttling or unreachable; it will be retried"
    if isinstance(failed, ews.ResponseMessageError):
        return "answer", "see the server's answer; it will be retried"
    return "link", "check service_endpoint and that the server is reachable; it will be retried"


def failures() -> tuple[type[BaseException], ...]:
    """What exchangelib and the libraries under it raise for a server's or a network's
    fault (anything else is a bug and is not disguised as a retryable error)."""
    from exchangelib.errors import EWSError
    from oauthlib.oauth2.rfc6749.errors import OAuth2Error
    from requests.exceptions import RequestException

    return (EWSError, OAuth2Error, RequestException, OSError)


def _auth_fix(config: EwsSourceConfig) -> str:
    if config.auth_type == "oauth2":
        return (f"check client_id, tenant_id and the secret in ${config.client_secret_env} for [[sources]] "
                f"{config.name}, and that the app may use EWS for {config.primary_address}")
    how = f"${config.password_env}" if config.password_env else "what password_command prints"
    return f"check username and the password in {how} for [[sources]] {config.name}"


def _oauth_refused(failed: BaseException) -> bool:
    from oauthlib.oauth2.rfc6749.errors import OAuth2Error

    return isinstance(failed, OAuth2Error)


# -- helpers -----------------------------------------------------------------------------


def _handed_over(changes: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    """Created items, and updated items that carry a category now, as (id, changekey)."""
    refs = []
    for kind, item in changes:
        if kind == "create" or (kind == "update" and getattr(item, "categories", None)):
            refs.append((item.id, item.changekey))
    return refs


def _checkpoint(states: dict[str, dict]) -> dict:
    return {"version": CHECKPOINT_VERSION, "folders": {k: dict(v) for k, v in states.items()}}


def _bracketed(message_id: str) -> str:
    return f"<{message_id.strip().strip('<>')}>"


def _said(failed: BaseException, limit: int = 200) -> str:
    text = " ".join(str(failed).split()) or type(failed).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def from_config(config: EwsSourceConfig, **kw: Any) -> EwsSource:
    return EwsSource(config, **kw)
