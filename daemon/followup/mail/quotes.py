"""The text a sender actually wrote: a body minus quoted history and signature.

Rules are data, one entry per language, so a language is added by adding patterns. The
text is cut at the first line that starts quoted history (an attribution such as "On …
wrote:", an Outlook header block, an original/forwarded-message separator) or a signature;
`>` lines elsewhere (inline replies) are dropped and the answers between them kept.
"""

from __future__ import annotations

import re

# Attribution lines. Those opening with a fixed word may be wrapped by the client over up
# to three lines; the others must fit on one line, so they cannot swallow the line above.
ATTRIBUTIONS_WRAPPED: dict[str, tuple[str, ...]] = {
    "en": (r"On\b.{4,300}\bwrote\s*:",),
    "nb": (r"Den\b.{4,300}\bskrev\b.{0,200}:",),
    "da": (r"Den\b.{4,300}\bskrev\b.{0,200}:",),
    "sv": (r"Den\b.{4,300}\bskrev\b.{0,200}:",),
    "ca": (r"El\b.{4,300}\bva escriure\s*:",),
    "sk": (r"Dňa\b.{4,300}\bnapísal(?:\(a\)|a)?\s*:",),
    "de": (r"Am\b.{4,300}\bschrieb\b.{0,200}:",),
    "fr": (r"Le\b.{4,300}\ba écrit\s*:",),
    "es": (r"El\b.{4,300}\bescribió\s*:",),
}
ATTRIBUTIONS_ONE_LINE: dict[str, tuple[str, ...]] = {
    "en": (r".{0,200}\S@\S.{0,100}\bwrote\s*:",),
    "nb": (r".{1,200}\bskrev følgende\s*:", r".{0,100}\d.{0,200}\bskrev\b.{0,200}[@<].{0,100}:"),
    "da": (r".{1,200}\bskrev følgende\s*:",),
    "sv": (r".{1,200}\bskrev följande\s*:", r".{0,100}\d.{0,200}\bskrev\b.{0,200}[@<].{0,100}:"),
    "ca": (r".{1,200}\bva escriure\s*:",),
    "sk": (r".{0,200}[@<\d].{0,200}\bnapísal(?:\(a\)|a)?\s*:",),
    "de": (r".{0,200}[@<].{0,200}\bschrieb\s*:",),
    "fr": (r".{0,200}[@<].{0,200}\ba écrit\s*:",),
    "es": (r".{0,200}[@<].{0,200}\bescribió\s*:",),
}
# Separator lines that introduce an earlier or forwarded message.
SEPARATORS: dict[str, tuple[str, ...]] = {
    "en": ("Original Message", "Forwarded message", "Forwarded Message", "Begin forwarded message:"),
    "nb": ("Opprinnelig melding", "Videresendt melding", "Videresendt e-post"),
    "da": ("Oprindelig meddelelse", "Videresendt meddelelse", "Videresendt besked"),
    "sv": ("Ursprungligt meddelande", "Originalmeddelande", "Vidarebefordrat meddelande"),
    "ca": ("Missatge original", "Missatge reenviat"),
    "sk": ("Pôvodná správa", "Pôvodná zpráva", "Preposlaná správa"),
    "de": ("Ursprüngliche Nachricht", "Weitergeleitete Nachricht", "Anfang der weitergeleiteten Nachricht:"),
    "fr": ("Message d'origine", "Message transféré", "Début du message réexpédié :"),
    "es": ("Mensaje original", "Mensaje reenviado"),
}
# Outlook-style header blocks: a From line followed closely by a Sent/Date line.
FROM_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("From",), "nb": ("Fra",), "da": ("Fra",), "sv": ("Från",), "ca": ("De",),
    "sk": ("Od",), "de": ("Von",), "fr": ("De",), "es": ("De",),
}
SENT_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("Sent", "Date"), "nb": ("Sendt", "Dato"), "da": ("Sendt", "Dato"),
    "sv": ("Skickat", "Datum"), "ca": ("Enviat", "Data"), "sk": ("Odoslané", "Dátum"),
    "de": ("Gesendet", "Datum"), "fr": ("Envoyé", "Date"), "es": ("Enviado", "Fecha"),
}
# Footers phones and web clients add; everything from them on is dropped.
MOBILE_FOOTERS: dict[str, tuple[str, ...]] = {
    "en": (r"Sent from my \w+", r"Sent from (?:Mail|Outlook|Yahoo Mail) for \w+", r"Get Outlook for \w+",
           r"Sent via \w+"),
    "nb": (r"Sendt fra min \w+", r"Sendt fra \w+ for \w+", r"Hent Outlook for \w+"),
    "da": (r"Sendt fra min \w+",),
    "sv": (r"Skickat från min \w+", r"Skickat från \w+ för \w+"),
    "ca": (r"Enviat des del meu \w+", r"Enviat des de \w+"),
    "sk": (r"Odoslané z môjho \w+", r"Odoslané z \w+"),
    "de": (r"Von meinem \w+ gesendet", r"Gesendet von meinem \w+"),
    "fr": (r"Envoyé de mon \w+",),
    "es": (r"Enviado desde mi \w+",),
}
_HEADER_LOOKAHEAD = 4  # lines between "From:" and "Sent:" (To:, Cc: may sit between)
_ATTRIBUTION_SPAN = 3  # lines an attribution may be wrapped over


def _alternation(table: dict[str, tuple[str, ...]], escape: bool = False) -> str:
    words = dict.fromkeys(w for patterns in table.values() for w in patterns)
    return "|".join(re.escape(w) if escape else w for w in words)


_WRAPPED = re.compile(rf"(?:{_alternation(ATTRIBUTIONS_WRAPPED)})\s*", re.IGNORECASE)
# Every wrapped pattern opens with its fixed word ("On\\b", "Dňa\\b"): a cheap first test.
_WRAPPED_START = re.compile(
    "|".join(dict.fromkeys(p.partition(r"\b")[0] + r"\b" for ps in ATTRIBUTIONS_WRAPPED.values() for p in ps)),
    re.IGNORECASE,
)
_ONE_LINE = re.compile(rf"(?:{_alternation(ATTRIBUTIONS_ONE_LINE)})\s*", re.IGNORECASE)
_SEPARATOR = re.compile(
    rf"[-_=* ]*(?:{_alternation(SEPARATORS, escape=True)})[-_=* ]*", re.IGNORECASE
)
_FROM_LINE = re.compile(rf"\*?(?:{_alternation(FROM_WORDS, escape=True)})\s?:\*?\s+\S", re.IGNORECASE)
_SENT_LINE = re.compile(rf"\*?(?:{_alternation(SENT_WORDS, escape=True)})\s?:\*?\s+\S", re.IGNORECASE)
# A footer is a short phrase ("Sent from my Samsung Galaxy smartphone."), not a sentence.
_FOOTER = re.compile(rf"(?:{_alternation(MOBILE_FOOTERS)})\b[\w ®.-]{{0,40}}", re.IGNORECASE)
_LIST_FOOTER = re.compile(r".{1,80} mailing list\s*", re.IGNORECASE)
_SIGNATURE = re.compile(r"--\s*|_{5,}\s*|-{5,}\s*")
_QUOTED = re.compile(r"\s*>")


def split_new_text(text: str) -> str:
    """The newly written part of a plain-text body (quotes, history and signature removed)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _QUOTED.match(line):
            index += 1
            continue
        span = _attribution_span(lines, index)
        if span:
            # Followed by ">" lines it only introduces a quote, and an answer may come
            # below it; followed by plain text it starts unquoted history.
            if not _quote_follows(lines, index + span):
                break
            index += span
            continue
        if line.strip() and _starts_history(lines, index):
            break
        kept.append(line)
        index += 1
    return "\n".join(kept).strip("\n").rstrip()


def _starts_history(lines: list[str], index: int) -> bool:
    stripped = lines[index].strip()
    return bool(
        _SEPARATOR.fullmatch(stripped) and _looks_like_rule(stripped)
        or _SIGNATURE.fullmatch(stripped) and _signature_follows(lines, index)
        or _FOOTER.fullmatch(stripped)
        or _FROM_LINE.match(stripped) and _sent_line_follows(lines, index)
    )


def _looks_like_rule(line: str) -> bool:
    # "Original message" alone may be prose; "-----Original Message-----" is not.
    return line.endswith(":") or any(rule in line for rule in ("--", "__", "==", "**"))


def _next_nonblank(lines: list[str], start: int, limit: int) -> list[str]:
    return [line.strip() for line in lines[start : start + limit] if line.strip()]


def _signature_follows(lines: list[str], index: int) -> bool:
    # "-- " is the signature marker; a long dash or underscore rule only ends the text
    # before an Outlook header block or a mailing-list footer (elsewhere it is a table).
    line = lines[index]
    if line.rstrip() == "--" or line == "-- ":
        return True
    following = _next_nonblank(lines, index + 1, _HEADER_LOOKAHEAD)
    return bool(following) and bool(
        _FROM_LINE.match(following[0]) or _LIST_FOOTER.fullmatch(following[0])
    )


def _sent_line_follows(lines: list[str], index: int) -> bool:
    window = lines[index + 1 : index + 1 + _HEADER_LOOKAHEAD]
    return any(_SENT_LINE.match(line.strip().lstrip("> ")) for line in window)


def _quote_follows(lines: list[str], start: int) -> bool:
    following = [line for line in lines[start : start + _HEADER_LOOKAHEAD] if line.strip()]
    return bool(following) and _QUOTED.match(following[0]) is not None


def _attribution_span(lines: list[str], index: int) -> int:
    """How many lines the attribution starting at `index` takes; 0 when there is none."""
    first = lines[index].strip()
    if not first:
        return 0
    if first.endswith(":") and (_WRAPPED.fullmatch(first) or _ONE_LINE.fullmatch(first)):
        return 1
    if not _WRAPPED_START.match(first):
        return 0
    for span in range(2, _ATTRIBUTION_SPAN + 1):
        window = [line.strip() for line in lines[index : index + span]]
        if len(window) < span or not all(window):
            return 0
        if window[-1].endswith(":") and _WRAPPED.fullmatch(" ".join(window)):
            return span
    return 0
