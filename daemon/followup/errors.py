"""The exception tree of followup. Adapters translate library errors into it.

    FollowupError                 base; str() is one line a user can act on
    ├── ConfigError               config file problems; carries every Problem found
    ├── SecretError               a password_env / *_command could not produce a secret
    ├── ArchiveError              the SQLite archive cannot be opened, read or written
    ├── SourceError               a mailbox path or server cannot be read
    │   └── SourceAuthError       the server refused our credentials (back off hard)
    ├── TransportError            mail could not be sent (.permanent: retrying cannot help)
    ├── UnparseableMessage        one message cannot be parsed; it is quarantined with .reason
    └── RenderError               a template cannot be rendered; names the template, line and fix

The CLI turns a FollowupError into one line on stderr and exit code 2.
"""

from __future__ import annotations

from collections import namedtuple


class FollowupError(Exception):
    """Base of every error followup raises on purpose."""


class Problem(namedtuple("Problem", "file key message fix")):
    """One thing wrong in a config file: where, what was expected, and the fix. (A named
    tuple, not a dataclass: importing dataclasses costs `followup grep` ~9 ms at start-up.)"""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.message} (fix: {self.fix})"


class ConfigError(FollowupError):
    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class SecretError(FollowupError):
    """A secret could not be read. The message never contains the secret itself."""


class ArchiveError(FollowupError):
    pass


class SourceError(FollowupError):
    """A mailbox cannot be read now; the caller backs off and tries again."""


class SourceAuthError(SourceError):
    """The server refused our credentials; retrying soon would only hammer it."""


class TransportError(FollowupError):
    """Mail could not be handed over; `permanent` says whether trying again can help."""

    def __init__(self, message: str, *, permanent: bool = False):
        self.permanent = permanent
        super().__init__(message)


class UnparseableMessage(FollowupError):
    """Raised by the parser; the archive keeps the raw bytes and records the reason."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class RenderError(FollowupError):
    """A template failed to render, so nothing was sent. Names the template, the line and the fix."""

    def __init__(self, template: str, line: int | None, message: str, fix: str):
        self.template = template
        self.line = line
        self.fix = fix
        where = f"{template}, line {line}" if line else template
        super().__init__(f"template {where}: {message} (fix: {fix})")
