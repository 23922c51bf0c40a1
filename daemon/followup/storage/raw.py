"""Raw message bytes as archived (the `raw` table), and the bytes of sent updates (the outbox
keeps its own copy), for `followup cat`, the evidence bundle and `followup verify`.

The `raw` table keeps each message deflated (zlib: mail text about halves; column `codec`),
while its sha256 and size are those of the bytes as received. This module is the one place
that packs and unpacks them: every reader gets the original bytes, or None when a stored
blob no longer inflates (damage that `followup verify` reports).
"""

from __future__ import annotations

import hashlib
import sqlite3
import zlib

CODEC = "zlib"  # how the writer stores raw bytes today; NULL in `codec`: stored as received


def pack(data: bytes) -> bytes:
    """The stored form of raw bytes under CODEC (pure: import workers call it in parallel).
    Level 1: on the real and generated corpora it stores 2-4% more than the default level 6
    for about a fifth less CPU. (zstd would take a third of that CPU at the same size, but
    evidence that inflates with the standard library alone is worth the difference.)"""
    return zlib.compress(data, 1)


def unpack(blob: bytes, codec: str | None) -> bytes | None:
    """The bytes as received, or None when the stored blob is damaged (does not inflate, or
    is not a blob at all: a value written as text by another program)."""
    if not isinstance(blob, bytes):
        return None
    if codec is None:
        return blob
    if codec != CODEC:
        return None  # written by a newer followup (schema_ok stops that before we get here)
    try:
        return zlib.decompress(blob)
    except zlib.error:
        return None


def by_prefix(conn: sqlite3.Connection, prefix: str, *, limit: int = 2) -> list[tuple[str, bytes | None]]:
    """(sha256, bytes) of the messages whose sha256 starts with the lower-case hex `prefix`;
    at most `limit` (two tell an ambiguous prefix from a unique one); bytes None when damaged."""
    rows = conn.execute("SELECT sha256, bytes, codec FROM raw WHERE sha256 >= ? AND sha256 < ? LIMIT ?",
                        (prefix, prefix + "g", limit)).fetchall()
    return [(sha256, _intact(sha256, unpack(blob, codec))) for sha256, blob, codec in rows]


def message_bytes(conn: sqlite3.Connection, sha256: str) -> bytes | None:
    """None when the message is not archived or its stored bytes are damaged."""
    row = conn.execute("SELECT bytes, codec FROM raw WHERE sha256 = ?", (sha256,)).fetchone()
    return _intact(sha256, unpack(*row)) if row else None


def _intact(sha256: str, data: bytes | None) -> bytes | None:
    """`data` if it is the message named `sha256`; bytes that inflate but hash otherwise were
    altered, and what cat or an export hands out as the message must be the message."""
    return data if data is not None and hashlib.sha256(data).hexdigest() == sha256 else None


def update_bytes(conn: sqlite3.Connection, sha256: str) -> bytes | None:
    """The bytes of an update as the outbox recorded them (one, when several carry the same)."""
    row = conn.execute("SELECT raw FROM outbox WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone()
    return row[0] if row else None
