"""Archived rows back into the parser's data model, so the pure core reads one shape."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from followup.mail.model import Address, Attachment, ParsedMessage

MESSAGE_FIELDS = (
    "id", "sha256", "message_id", "message_id_synthetic", "thread_id", "client", "direction", "date",
    "date_offset_minutes", "from_addr", "from_name", "to_json", "cc_json", "subject", "in_reply_to_json",
    "references_json", "text", "new_text", "attachments_json", "defects_json", "headers_json",
)
SELECT_MESSAGE = "SELECT " + ", ".join(f"m.{f}" for f in MESSAGE_FIELDS) + " FROM messages m"


def as_dict(cursor: sqlite3.Cursor, row: tuple) -> dict:
    return {d[0]: value for d, value in zip(cursor.description, row)}


def parsed(row: dict) -> ParsedMessage:
    return ParsedMessage(
        sha256=row["sha256"],
        message_id=row["message_id"],
        message_id_synthetic=bool(row["message_id_synthetic"]),
        in_reply_to=tuple(json.loads(row["in_reply_to_json"])),
        references=tuple(json.loads(row["references_json"])),
        subject=row["subject"],
        from_=Address(row["from_name"], row["from_addr"]) if row["from_addr"] or row["from_name"] else None,
        to=tuple(Address(**a) for a in json.loads(row["to_json"])),
        cc=tuple(Address(**a) for a in json.loads(row["cc_json"])),
        date=datetime.fromisoformat(row["date"]) if row["date"] else None,
        date_offset_minutes=row["date_offset_minutes"],
        text=row["text"],
        new_text=row["new_text"],
        attachments=tuple(Attachment(**a) for a in json.loads(row["attachments_json"])),
        defects=tuple(json.loads(row["defects_json"])),
        headers=tuple(tuple(h) for h in json.loads(row["headers_json"])),
    )
