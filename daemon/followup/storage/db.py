"""Opening the archive file and writing to it: the one place sqlite3 errors become ours.

    connect()        the connection recipe (autocommit; we issue BEGIN/COMMIT ourselves)
    open_readonly()  for reading commands: read-only, schema checked, errors translated
    transaction()    every write: BEGIN IMMEDIATE, COMMIT, or ROLLBACK on any error
    savepoint()      a part of a write that may fail alone (one message of the case pass)
    translate()      a sqlite3 error → one ArchiveError line naming the cause and the fix

A locked archive is waited for (busy_timeout, FOLLOWUP_LOCK_WAIT seconds, default 10),
then reported with its holder: the daemon's pid when its lock file names one.

Stdlib only, and not even pathlib, typing, contextlib or (but for an error) fcntl: read-only
commands (grep, listings) import this and nothing heavier (pathlib alone would cost grep's
start-up ~3.5 ms).
"""

from __future__ import annotations

import os
import sqlite3

from followup.storage.schema import LATEST, current_version
from followup.errors import ArchiveError

DEFAULT_LOCK_WAIT = 10.0  # seconds a writer waits for another writer before giving up


def lock_wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("FOLLOWUP_LOCK_WAIT", DEFAULT_LOCK_WAIT)))
    except ValueError:
        return DEFAULT_LOCK_WAIT


def connect(path: os.PathLike | str, *, readonly: bool = False) -> sqlite3.Connection:
    """A stdlib connection in autocommit mode (we issue BEGIN/COMMIT ourselves)."""
    try:
        if readonly:
            if not os.path.exists(path):
                raise ArchiveError(f"{path}: no archive yet (fix: run `followup import PATH` or `followup run` first)")
            conn = sqlite3.connect(_readonly_uri(path), uri=True, isolation_level=None)
        else:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(lock_wait_seconds() * 1000)}")
    except sqlite3.Error as exc:
        raise translate(exc, path, "open") from exc
    return conn


def _readonly_uri(path: os.PathLike | str) -> str:
    """file: URI of the real path; SQLite URIs need only %, ? and # escaped."""
    real = os.path.realpath(path)
    for char, code in (("%", "%25"), ("?", "%3f"), ("#", "%23")):
        real = real.replace(char, code)
    return f"file:{real}?mode=ro"


def open_readonly(path: os.PathLike | str) -> sqlite3.Connection:
    """The connection every reading command uses: read-only, at our schema version."""
    conn = connect(path, readonly=True)
    try:
        schema_ok(conn, path)
    except sqlite3.Error as exc:
        conn.close()
        raise translate(exc, path, "read") from exc
    except BaseException:
        conn.close()
        raise
    return conn


def schema_ok(conn: sqlite3.Connection, path: os.PathLike | str) -> None:
    """For read-only commands: the archive must be at our schema version."""
    version = current_version(conn)
    if version > LATEST:
        raise ArchiveError(f"{path}: archive schema {version} is newer than this followup (fix: upgrade followup)")
    if version < LATEST:
        raise ArchiveError(f"{path}: archive schema {version} is older (fix: run `followup import` or `followup run` once to migrate)")


class transaction:  # noqa: N801 - used like a function: `with transaction(conn, path):`
    """One write transaction, the only one in followup: every writer (the import, the case
    pass, the outbox, the CLI's owner commands) goes through it. Any error rolls it back
    (nothing half-written stays), calls `on_rollback` (e.g. forget a cached event hash), and a
    sqlite3 error leaves as ArchiveError naming the archive (`path`, default: the connection's file).
    (A class, not @contextmanager: contextlib would weigh on grep's start-up, which imports this module.)"""

    def __init__(self, conn: sqlite3.Connection, path: os.PathLike | str | None = None, *, on_rollback=None,
                 doing: str = "write") -> None:
        self.conn, self.on_rollback, self.doing = conn, on_rollback, doing
        self.path = archive_path(conn) if path is None else path  # only error messages need it

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise translate(exc, self.path, self.doing) from exc
        return self.conn

    def __exit__(self, kind, exc, traceback) -> bool:
        if exc is None:
            try:
                self.conn.execute("COMMIT")
                return False
            except sqlite3.Error as failed:
                exc = failed
        _rollback(self.conn)
        if self.on_rollback is not None:
            self.on_rollback()
        if isinstance(exc, sqlite3.Error):
            raise translate(exc, self.path, self.doing) from exc
        return False


class savepoint:  # noqa: N801 - used like a function: `with savepoint(conn, "case_message"):`
    """A part of a transaction that may fail alone: an error inside rolls the part back (and
    calls `on_rollback`), then goes on up for the caller to judge; the rest of the
    transaction stands."""

    def __init__(self, conn: sqlite3.Connection, name: str, *, on_rollback=None) -> None:
        self.conn, self.name, self.on_rollback = conn, name, on_rollback

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute(f"SAVEPOINT {self.name}")
        return self.conn

    def __exit__(self, kind, exc, traceback) -> bool:
        if exc is None:
            self.conn.execute(f"RELEASE {self.name}")
            return False
        if self.on_rollback is not None:
            self.on_rollback()
        if self.conn.in_transaction:  # else SQLite gave the whole transaction up (IOERR, FULL): the error says why
            try:
                self.conn.execute(f"ROLLBACK TO {self.name}")
                self.conn.execute(f"RELEASE {self.name}")
            except sqlite3.Error:
                pass  # the original error is the one to report
        return False


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass  # SQLite already rolled back (e.g. after SQLITE_FULL); nothing is committed either way


def translate(exc: sqlite3.Error, path: os.PathLike | str, doing: str = "write") -> ArchiveError:
    """One line a user can act on, for any sqlite3 error on the archive at `path`."""
    text = str(exc)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return ArchiveError(f"{path}: the archive is locked by {holder(path)}; waited {lock_wait_seconds():g} s "
                            f"(fix: try again when it is done, or stop it first)")
    if "readonly" in lowered or "read-only" in lowered:
        fix = "make the archive file and its folder writable by this user"
    elif "full" in lowered:
        fix = "free disk space; the source is read again from its last checkpoint"
    elif "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        fix = "restore the archive from a backup (followup verify names the damage)"
    elif "unable to open" in lowered:
        fix = "check [archive] path and its folder's permissions"
    else:
        fix = "check the archive with followup verify; report a bug if it is intact"
    return ArchiveError(f"{path}: cannot {doing} the archive: {text} (fix: {fix})")


def archive_path(conn: sqlite3.Connection) -> str:
    """The file behind a connection, for error messages of code that holds only `conn`."""
    row = conn.execute("PRAGMA database_list").fetchone()
    return row[2] if row and row[2] else ":memory:"


def lock_file(path: os.PathLike | str) -> str:
    """Where the daemon (followup run) records its pid while it owns the archive."""
    return os.fspath(path) + ".lock"


def holder(path: os.PathLike | str) -> str:
    """Who holds the archive: the running daemon by pid when its lock file says so."""
    import fcntl  # here: only a locked archive's error message needs it, not grep's start-up

    try:
        fd = os.open(lock_file(path), os.O_RDONLY)
    except OSError:
        return "another process (a followup import, or a sqlite3 shell)"
    try:
        pid = os.read(fd, 32).decode(errors="replace").strip()
        if pid == str(os.getpid()):
            return "another process (a followup import, or a sqlite3 shell)"  # we are the daemon
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return f"the followup daemon (pid {pid or 'unknown'})"
        fcntl.flock(fd, fcntl.LOCK_UN)
        return "another process (a followup import, or a sqlite3 shell)"
    finally:
        os.close(fd)
