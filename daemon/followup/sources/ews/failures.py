"""What an error from exchangelib, OAuth or the network means for an Exchange mailbox:
a refused login, a broken link (connect afresh) or a server's answer on a good link, and
the fix to name. Shared with transports/ews.py."""

from __future__ import annotations

from followup.config import EwsSourceConfig


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
