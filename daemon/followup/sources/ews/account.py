"""Logging in to Exchange: the exchangelib Account for an ews [[sources]] table (endpoint or
autodiscover, server version, TLS verification) and its credentials (password, NTLM, OAuth2
app secret, or a delegated token printed by a command). Shared with transports/ews.py."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from followup.config import EwsSourceConfig
from followup.credentials import resolve_secret
from followup.errors import SourceError

log = logging.getLogger("followup.sources.ews")  # one logger for the whole Exchange source

M365_ENDPOINT = "https://outlook.office365.com/EWS/Exchange.asmx"


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

