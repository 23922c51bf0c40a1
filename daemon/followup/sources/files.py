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
    """What an import will read, in a stable order: folders with the names of their files.

    Names, not a Path per file: at 300k files the Paths alone held 134 MB for the whole
    import. A file given by name sits in the folder "" under its path as given."""

    folders: tuple[tuple[str, tuple[str, ...]], ...]
    mailbox_files: frozenset[str]  # the paths of the mbox files among them

    @property
    def count(self) -> int:
        """Files (an mbox file counts once)."""
        return sum(len(names) for _, names in self.folders)


def plan(paths: list[Path]) -> Plan:
    folders: list[tuple[str, tuple[str, ...]]] = []
    for path in paths:
        if not path.exists():
            raise SourceError(f"{path_text(path)}: no such file or folder (fix: check the path you gave to import)")
        if path.is_file():
            folders.append(("", (str(path),)))
        elif path.is_dir():
            folders.extend((folder, tuple(names)) for folder, names in _walk_folders(path))
        else:
            raise SourceError(f"{path_text(path)}: not a file or a folder (fix: give a Maildir, an mbox, or .eml files)")
    return Plan(tuple(folders), frozenset(_mailboxes(folders)))


def _mailboxes(folders: list[tuple[str, tuple[str, ...]]]) -> Iterator[str]:
    """The mbox files: looked for outside Maildirs only, so a Maildir's files are not opened twice."""
    for folder, names in folders:
        if folder and _maildir_folder(folder) is not None:
            continue
        yield from (path for path in (_joined(folder, name) for name in names) if _is_mbox(path))


def read(plan: Plan, unreadable: list[str], source: str = "import") -> Iterator[RawMessage]:
    """Yield every message; a file that cannot be read is reported in `unreadable`, not fatal."""
    for folder, names in plan.folders:
        maildir = _maildir_folder(folder or os.path.dirname(names[0]))  # a file given by name is alone
        sent = is_sent_folder(maildir)
        for name in names:
            path = _joined(folder, name)
            try:
                if path in plan.mailbox_files:
                    yield from _read_mbox(Path(path), source)
                else:
                    with open(path, "rb") as f:
                        data = f.read()
                    yield RawMessage(data, source, path_text(path), folder=maildir, from_sent=sent)
            except OSError as exc:
                unreadable.append(f"{path_text(path)}: cannot read ({exc.strerror or exc}) "
                                  "(fix: check it exists and its permissions)")


def _joined(folder: str, name: str) -> str:
    """The file's path as earlier versions recorded it: "one.eml", not "./one.eml", for a file
    directly in ".", so a re-import finds the same location."""
    return name if folder in ("", ".") else os.path.join(folder, name)


def walk(root: Path) -> Iterator[Path]:
    for folder, names in _walk_folders(root):
        for name in names:
            yield Path(folder) / name


def _walk_folders(root: Path) -> Iterator[tuple[str, list[str]]]:
    """(folder, its file names sorted) in a stable order; hidden names and Maildir tmp/ left out."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") or _is_maildirpp(root, dirpath, d))
        if Path(dirpath).name == "tmp" and _is_maildir(Path(dirpath).parent):
            continue  # Maildir tmp/ holds deliveries in progress
        names = sorted(name for name in filenames if not name.startswith("."))
        if names:
            yield str(Path(dirpath)), names


def _is_maildir(path: Path) -> bool:
    return all((path / sub).is_dir() for sub in MAILDIR_SUBDIRS)


def _is_maildirpp(root: Path, dirpath: str, name: str) -> bool:
    """Maildir++ subfolders (".Sent", ".Archive.2024") are hidden names inside a Maildir."""
    return _is_maildir(Path(dirpath)) and _is_maildir(Path(dirpath) / name)


def _maildir_folder(folder: str) -> str | None:
    """The Maildir's name when `folder` is its cur/ or new/ (whose files are one message
    each, never an mbox); asked once per folder, not once per message."""
    parent = Path(folder)
    if parent.name in MAILDIR_SUBDIRS and _is_maildir(parent.parent):
        return path_text(parent.parent.name)
    return None


def is_sent_folder(folder: str | None) -> bool:
    """"Sent", ".Sent" (Maildir++), "INBOX.Sent", "[Gmail]/Sent Mail" …"""
    if not folder:
        return False
    return folder.replace("/", ".").rsplit(".", 1)[-1].strip().casefold() in SENT_FOLDERS


def _is_mbox(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(5)
        return head == b"From " and _second_message_or_big(path)
    except OSError:
        return False  # reported when read


def _second_message_or_big(path: str) -> bool:
    """A single .eml may start with a "From " envelope line too; only a real mbox has more."""
    name = os.path.basename(path).lower()
    if name.endswith((".mbox", ".mbx")) or name in ("mbox", "inbox"):
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
