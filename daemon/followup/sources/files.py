"""Messages from paths on disk: a Maildir, an mbox file, one .eml, or a folder of them.

Used by `followup import`. Every regular, non-hidden file under a folder is handed over
(a file that is not mail is quarantined by the archive, never skipped in silence).
"""

from __future__ import annotations

import mailbox
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from followup.errors import SourceError
from followup.sources.base import RawMessage, path_text

MAILDIR_SUBDIRS = ("cur", "new")
# What mail clients call the owner's own Sent folder; mail found there was written by the
# owner, so its directives need no Authentication-Results (cases/authz.py).
SENT_FOLDERS = frozenset({
    "sent", "sent items", "sent messages", "sent mail", "sendt", "sendte", "sendte elementer",
    "sendt post", "sendte meddelelser", "skickat", "skickade objekt", "skickade meddelanden",
    "enviats", "elements enviats", "missatges enviats", "odoslané", "odoslaná pošta", "odoslané položky",
})


@dataclass(frozen=True)
class Plan:
    """What an import will read: files (each one message or an mbox) in a stable order."""

    files: tuple[Path, ...]
    mailbox_files: frozenset[Path]  # which of them are mbox files


def plan(paths: list[Path]) -> Plan:
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise SourceError(f"{path_text(path)}: no such file or folder (fix: check the path you gave to import)")
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(walk(path))
        else:
            raise SourceError(f"{path_text(path)}: not a file or a folder (fix: give a Maildir, an mbox, or .eml files)")
    return Plan(tuple(files), frozenset(f for f in files if _is_mbox(f)))


def read(plan: Plan, unreadable: list[str], source: str = "import") -> Iterator[RawMessage]:
    """Yield every message; a file that cannot be read is reported in `unreadable`, not fatal."""
    for path in plan.files:
        try:
            if path in plan.mailbox_files:
                yield from _read_mbox(path, source)
            else:
                folder = _maildir_folder(path)
                yield RawMessage(path.read_bytes(), source, path_text(path), folder=folder,
                                 from_sent=is_sent_folder(folder))
        except OSError as exc:
            unreadable.append(f"{path_text(path)}: cannot read ({exc.strerror or exc}) "
                              "(fix: check it exists and its permissions)")


def walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") or _is_maildirpp(root, dirpath, d))
        if Path(dirpath).name == "tmp" and _is_maildir(Path(dirpath).parent):
            continue  # Maildir tmp/ holds deliveries in progress
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def _is_maildir(path: Path) -> bool:
    return all((path / sub).is_dir() for sub in MAILDIR_SUBDIRS)


def _is_maildirpp(root: Path, dirpath: str, name: str) -> bool:
    """Maildir++ subfolders (".Sent", ".Archive.2024") are hidden names inside a Maildir."""
    return _is_maildir(Path(dirpath)) and _is_maildir(Path(dirpath) / name)


def _maildir_folder(path: Path) -> str | None:
    if path.parent.name in MAILDIR_SUBDIRS and _is_maildir(path.parent.parent):
        return path_text(path.parent.parent.name)
    return None


def is_sent_folder(folder: str | None) -> bool:
    """"Sent", ".Sent" (Maildir++), "INBOX.Sent", "[Gmail]/Sent Mail" …"""
    if not folder:
        return False
    return folder.replace("/", ".").rsplit(".", 1)[-1].strip().casefold() in SENT_FOLDERS


def _is_mbox(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(5)
        return head == b"From " and _second_message_or_big(path)
    except OSError:
        return False  # reported when read


def _second_message_or_big(path: Path) -> bool:
    """A single .eml may start with a "From " envelope line too; only a real mbox has more."""
    if path.suffix.lower() in (".mbox", ".mbx") or path.name.lower() in ("mbox", "inbox"):
        return True
    with open(path, "rb") as f:
        f.readline()
        return any(line.startswith(b"From ") for line in f)


def _read_mbox(path: Path, source: str) -> Iterator[RawMessage]:
    box = mailbox.mbox(path, create=False)
    try:
        for index, key in enumerate(box.iterkeys()):
            yield RawMessage(box.get_bytes(key), source, f"{path_text(path)}#{index + 1}", folder=path_text(path.stem),
                             from_sent=is_sent_folder(path.stem))
    finally:
        box.close()
