"""A parsed message turned into what the archive writes: pure, so worker processes can do it.

The single archive writer is the import's bottleneck; everything that needs no database
(client placement, JSON, case folding for the index) is done here, in parallel.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from followup.storage.fold import fold
from followup.cases.clients import ClientRules, place
from followup.cases.loops import is_automatic
from followup.mail.model import Address, Attachment, ParsedMessage
from followup.mail.thread import has_thread_headers, link_ids, subject_key

# messages columns in the order of MessageRow.values; thread_id and archived_at are the writer's
COLUMNS = (
    "sha256", "message_id", "message_id_synthetic", "client", "direction", "date", "date_offset_minutes",
    "from_addr", "from_name", "to_json", "cc_json", "subject", "in_reply_to_json", "references_json",
    "text", "new_text", "attachments_json", "defects_json", "headers_json", "automatic",
)


@dataclass(frozen=True)
class MessageRow:
    values: tuple  # in COLUMNS order
    index_text: str  # folded subject and text for the trigram index
    link_ids: tuple[str, ...]  # ids tying it to a thread (its own first)
    synthetic_id: bool
    subject_key: str
    reply_without_headers: bool  # may join a thread by subject alone

    @property
    def message_id(self) -> str:
        return self.values[1]

    @property
    def client(self) -> str | None:
        return self.values[3]

    @property
    def date(self) -> str | None:
        return self.values[5]


def message_row(msg: ParsedMessage, rules: ClientRules) -> MessageRow:
    placement = place(msg, rules)
    key, is_reply = subject_key(msg.subject)
    values = (
        msg.sha256, msg.message_id, int(msg.message_id_synthetic), placement.client, placement.direction,
        msg.date.isoformat() if msg.date else None, msg.date_offset_minutes,
        msg.from_.addr if msg.from_ else "", msg.from_.name if msg.from_ else "",
        _json([_address(a) for a in msg.to]), _json([_address(a) for a in msg.cc]), msg.subject,
        _json(msg.in_reply_to), _json(msg.references), msg.text, msg.new_text,
        _json([_attachment(a) for a in msg.attachments]), _json(msg.defects), _json(msg.headers), is_automatic(msg),
    )
    return MessageRow(
        values=values,
        index_text=fold(msg.subject + "\n" + msg.text),
        link_ids=link_ids(msg),
        synthetic_id=msg.message_id_synthetic,
        subject_key=key,
        reply_without_headers=is_reply and not has_thread_headers(msg),
    )


def row_or_reason(data: bytes, rules: ClientRules) -> tuple[MessageRow | None, str | None]:
    """Parse and prepare, or say why not. Never raises: one bad message (even a parser bug)
    is quarantined with its reason instead of stopping an import or a daemon pass."""
    from followup.errors import UnparseableMessage
    from followup.mail.parse import parse_message

    try:
        return message_row(parse_message(data), rules), None
    except UnparseableMessage as exc:
        return None, exc.reason
    except Exception as exc:
        return None, f"parser error: {type(exc).__name__}: {exc}"[:500]


# dataclasses.asdict deep-copies recursively; these are the same dicts, in field order, built directly.
def _address(a: Address) -> dict:
    return {"name": a.name, "addr": a.addr}


def _attachment(a: Attachment) -> dict:
    return {"filename": a.filename, "content_type": a.content_type, "size": a.size, "sha256": a.sha256}


# json.dumps with any option builds a new encoder per call; seven calls per message
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _json(value: object) -> str:
    return _ENCODER.encode(value)
