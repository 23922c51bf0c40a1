"""A local Maildir (with Maildir++ subfolders) watched by the daemon: the embedded default.

Checkpoint: the highest inode change time seen. Delivery into new/, a move to cur/, a flag
change or a copy into a subfolder all rename or create the file, which sets its ctime, so
a scan of files changed since the mark (less a little slack for clock granularity) finds
everything new; handing a file over twice is harmless (the archive dedupes by hash and
records the new location). The tag folder (`.slipup`) tags what is moved into it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from followup.errors import SourceError
from followup.sources.base import Batch, RawMessage, Source, path_text
from followup.sources.files import is_sent_folder, walk

SLACK = 2.0  # seconds: ctime granularity and clock steps
BATCH = 500


class MaildirSource(Source):
    def __init__(self, name: str, path: Path):
        self.name, self.path = name, path

    def fetch(self, checkpoint: dict | None) -> Iterator[Batch]:
        if not self.path.is_dir():
            raise SourceError(f"{path_text(self.path)}: no such Maildir (fix: check sources.path for source {self.name!r})")
        mark = (checkpoint or {}).get("ctime", 0.0) - SLACK
        changed = sorted(self._changed_since(mark))
        newest = max((ctime for ctime, _ in changed), default=(checkpoint or {}).get("ctime", 0.0))
        for start in range(0, len(changed), BATCH):
            chunk = changed[start:start + BATCH]
            read = [self._read(path) for _, path in chunk]
            messages = tuple(m for m in read if isinstance(m, RawMessage))
            unreadable = tuple(m for m in read if isinstance(m, tuple))
            last = chunk[-1][0] if start + BATCH < len(changed) else newest
            yield Batch(messages, {"ctime": last}, unreadable)

    def _changed_since(self, mark: float) -> Iterator[tuple[float, Path]]:
        for path in walk(self.path):
            if path.parent.name not in ("cur", "new"):
                continue  # only mail: not dovecot index files or stray notes beside the Maildir
            ctime = _ctime(path)
            if ctime is None:
                continue  # moved while we looked; the next scan finds it under its new name
            if ctime >= mark:
                yield ctime, path

    def _read(self, path: Path) -> RawMessage | tuple[str, str] | None:
        """The message; (location, reason) when it cannot be read now; None when it is gone."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            return path_text(path), f"cannot read ({exc.strerror or exc}) (fix: check its permissions)"
        folder = path_text(path.parent.parent.name) if path.parent.parent != self.path else "INBOX"
        return RawMessage(data, self.name, path_text(path), folder=folder, from_sent=is_sent_folder(folder))


def _ctime(path: Path) -> float | None:
    try:
        return os.stat(path).st_ctime
    except FileNotFoundError:
        return None
    except OSError:  # a symlink loop, say: handed over, so reading it is tried and recorded
        try:
            return os.lstat(path).st_ctime
        except OSError:
            return None


def from_config(config) -> MaildirSource:
    """The source a `type = "maildir"` [[sources]] table describes."""
    return MaildirSource(config.name, config.path)
