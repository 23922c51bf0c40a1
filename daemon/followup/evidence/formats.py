"""The evidence bundle's file formats: pure functions from archive data to bytes.

Kept apart from selecting and writing (evidence/export.py) so each format can be checked
against its reader: mboxrd against the stdlib `mailbox`, the manifest against `sha256sum -c`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

# A From_ line is "From " at the start of a line; mboxrd quotes it and every already-quoted
# one (">From ", ">>From "...) with one more ">", so a reader can undo exactly one level.
_FROM_LINE = re.compile(rb"^(>*From )", re.MULTILINE)

PROMISE_COLUMNS = (
    "id", "case", "client", "state", "quote", "author", "made_at", "due_at", "due_text", "cadence",
    "decided_at", "decided_by", "language", "confidence", "source", "sha256", "eml",
)


def eml_name(date_iso: str | None, sha256: str) -> str:
    """`20261116T100000Z_0123456789ab.eml`: sorts by date, unique by hash, safe on every filesystem."""
    stamp = _utc(date_iso).strftime("%Y%m%dT%H%M%SZ") if date_iso else "undated"
    return f"{stamp}_{sha256[:12]}.eml"


def mboxrd_entry(raw: bytes, sender: str | None, date_iso: str | None) -> bytes:
    """One message in an mboxrd file: the From_ line, the quoted bytes, the blank separator line.

    A message that does not end in a line break gets one (mbox cannot hold it otherwise);
    the .eml beside it keeps the exact bytes.
    """
    body = _FROM_LINE.sub(rb">\1", raw)
    if not body.endswith(b"\n"):
        body += b"\n"
    return from_line(sender, date_iso) + body + b"\n"


def from_line(sender: str | None, date_iso: str | None) -> bytes:
    envelope = sender if sender and not re.search(r"\s", sender) and sender.isascii() else "MAILER-DAEMON"
    when = _utc(date_iso) if date_iso else datetime(1970, 1, 1, tzinfo=UTC)
    # asctime layout, as mbox readers expect: "Mon Nov  2 13:00:00 2026"
    return f"From {envelope} {when:%a %b} {when.day:2d} {when:%H:%M:%S %Y}\n".encode("ascii")


def manifest(digests: Mapping[str, str]) -> bytes:
    """`sha256sum -c` input: "<hex>  <path>" per file, paths relative to the bundle, sorted."""
    for path in digests:
        if "\n" in path or "\\" in path:
            raise ValueError(f"{path!r}: sha256sum would need an escaped line for this name")
    return "".join(f"{digests[path]}  {path}\n" for path in sorted(digests)).encode("utf-8")


def promises_csv(promises: Iterable[Mapping]) -> bytes:
    """The quotes exactly as archived (not defused for spreadsheets: it is evidence)."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=PROMISE_COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(promises)
    return out.getvalue().encode("utf-8")


def checker_script() -> bytes:
    """verify_bundle.py: evidence/bundlecheck.py as it is, the checker `followup verify --bundle` runs too."""
    from importlib import resources

    return resources.files("followup.evidence").joinpath("bundlecheck.py").read_bytes()


def json_document(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def json_lines(rows: Iterable[object]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in rows).encode("utf-8")


def _utc(date_iso: str) -> datetime:
    parsed = datetime.fromisoformat(date_iso)
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)
