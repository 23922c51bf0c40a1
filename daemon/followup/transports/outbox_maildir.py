"""The local default transport: each update is delivered into an outbox Maildir, for a
person (a mail client pointed at it) or a script to send on.

Delivery follows the Maildir spec: a uniquely named file is written in tmp/, flushed to
disk, then linked into new/ (drafts: into `.Drafts/cur/` with the Draft flag, Maildir++);
the directories are fsynced too, so a message reported as handed over survives a power
cut. Files are 0600 and created folders 0700: updates quote client mail.

The bytes are stored exactly as given (CRLF line ends included): the copy in the outbox is
the evidence of what was sent. The envelope is not stored; our composer lists every
recipient in To.

`was_sent` looks for the Message-ID in new/ and cur/. A sending script should therefore
move what it sent to cur/ (mark it seen) rather than delete it, or a restart right after a
crash may write the update again.
"""

from __future__ import annotations

import errno
import itertools
import os
import socket
from collections.abc import Iterator, Sequence
from email import policy
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import TYPE_CHECKING

from followup.clock import utcnow
from followup.errors import TransportError
from followup.mail.headers import message_ids
from followup.transports import check_handover
from followup.transports.base import Transport

if TYPE_CHECKING:
    from followup.config import OutboxTransportConfig

DRAFTS_FOLDER = ".Drafts"
HEADER_LIMIT = 256 * 1024  # stop looking for the end of a header block after this much
_serial = itertools.count(1)  # the Q part of unique names: distinct within this process


class OutboxMaildirTransport(Transport):
    name = "outbox"

    def __init__(self, path: Path, *, hostname: str | None = None):
        self.path = Path(path)
        self._host = _safe_host(hostname or socket.gethostname())

    def send(self, message: bytes, *, sender: str, recipients: Sequence[str]) -> None:
        check_handover(message, recipients)
        self._deliver(self.path, message, subdir="new", info="")

    def save_draft(self, message: bytes) -> None:
        check_handover(message)
        drafts = self.path / DRAFTS_FOLDER
        self._deliver(drafts, message, subdir="cur", info=":2,D", subfolder=True)

    def was_sent(self, message_id: str) -> bool:
        wanted = _bare(message_id)
        try:
            return any(wanted in _ids_in(file) for file in self._delivered())
        except OSError as bad:
            raise _as_transport_error(bad, self.path) from None

    def _delivered(self) -> Iterator[Path]:
        for subdir in ("new", "cur"):
            folder = self.path / subdir
            if folder.is_dir():
                yield from (folder / name for name in os.listdir(folder) if not name.startswith("."))

    def _deliver(self, box: Path, data: bytes, *, subdir: str, info: str, subfolder: bool = False) -> Path:
        try:
            _make_maildir(box, subfolder=subfolder)
            unique = self._unique_name()
            staged = box / "tmp" / unique
            _write_synced(staged, data)
            final = box / subdir / (unique + info)
            _move_into_place(staged, final)
            _fsync_dir(final.parent)
            _fsync_dir(staged.parent)
            return final
        except OSError as bad:
            raise _as_transport_error(bad, box) from None

    def _unique_name(self) -> str:
        """time.MusecPpidQserialRrandom.host: unique even across processes sharing the folder."""
        now = utcnow()
        seconds = int(now.timestamp())
        return f"{seconds}.M{now.microsecond}P{os.getpid()}Q{next(_serial)}R{os.urandom(8).hex()}.{self._host}"


def _safe_host(host: str) -> str:
    # The spec's escapes: "/" and ":" cannot appear in the host part of a unique name.
    return (host or "localhost").replace("/", "\\057").replace(":", "\\072")


def _make_maildir(box: Path, *, subfolder: bool) -> None:
    for folder in (box, box / "tmp", box / "new", box / "cur"):
        try:
            folder.mkdir(mode=0o700, parents=True)
        except FileExistsError:
            pass
    if subfolder:
        # Maildir++ marks a subfolder with an empty file named maildirfolder.
        marker = box / "maildirfolder"
        if not marker.exists():
            os.close(os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o600))


def _write_synced(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "wb", closefd=False) as out:
            out.write(data)
            out.flush()
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)


def _move_into_place(staged: Path, final: Path) -> None:
    # link() never replaces an existing file, unlike rename(); some filesystems lack links.
    try:
        os.link(staged, final)
    except OSError as bad:
        if bad.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            staged.unlink(missing_ok=True)
            raise
        os.rename(staged, final)
        return
    staged.unlink()


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _ids_in(file: Path) -> list[str]:
    """The Message-IDs in the header block of `file` (the body is never read)."""
    try:
        head = _header_block(file)
    except FileNotFoundError:
        return []  # taken away (sent on, deleted) while we looked
    parsed = BytesHeaderParser(policy=policy.compat32).parsebytes(head)
    return [found for value in parsed.get_all("Message-ID", []) for found in message_ids(str(value))]


def _header_block(file: Path) -> bytes:
    head = b""
    with open(file, "rb") as stream:
        while len(head) < HEADER_LIMIT:
            chunk = stream.read(8192)
            if not chunk:
                break
            head += chunk
            end = _end_of_headers(head)
            if end is not None:
                return head[:end]
    return head


def _end_of_headers(head: bytes) -> int | None:
    ends = [at for at in (head.find(b"\r\n\r\n"), head.find(b"\n\n")) if at >= 0]
    return min(ends) + 1 if ends else None


def _bare(message_id: str) -> str:
    return message_id.strip().removeprefix("<").removesuffix(">")


_FIXES = {
    errno.ENOSPC: "free disk space where the outbox lives",
    errno.EDQUOT: "raise the disk quota or free space",
    errno.EACCES: "make the outbox folder writable by the daemon's user, or change transport.path",
    errno.EPERM: "make the outbox folder writable by the daemon's user, or change transport.path",
    errno.EROFS: "move transport.path to a writable filesystem",
    errno.ENOTDIR: "transport.path must be a folder (a Maildir), not a file",
}


def _as_transport_error(bad: OSError, where: Path) -> TransportError:
    """A filesystem problem is temporary for the outbox: once someone fixes it, the update
    goes out, rather than being given up."""
    fix = _FIXES.get(bad.errno or 0, "check the folder and the disk")
    reason = bad.strerror or type(bad).__name__
    return TransportError(f"outbox Maildir {where}: {reason} (fix: {fix})", permanent=False)


def from_config(config: OutboxTransportConfig, **kw: object) -> OutboxMaildirTransport:
    """The registry's entry point (followup.transports.open_transport)."""
    return OutboxMaildirTransport(config.path, **kw)  # type: ignore[arg-type]
