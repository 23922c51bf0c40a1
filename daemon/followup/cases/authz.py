"""May this message steer a case? Only an owner, and only if our own server vouches for the From.

A From header is free text anyone can write, so an owner's address alone proves nothing.
We trust, in order: the owner's own Sent folder (our side wrote it), or the topmost
Authentication-Results header (RFC 8601) added by a server listed in
`[tagging] trusted_authserv_ids`. Receiving servers prepend their header, so anything
below the first trusted one may have been written by the sender, forged id included.

The verdict names one reason a user can read in `followup show`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from email.utils import getaddresses, parseaddr

from followup.mail.model import ParsedMessage


@dataclass(frozen=True)
class AuthResult:
    """One `method=result` of an Authentication-Results header, with its properties."""

    method: str  # lower-case, without version ("dkim")
    result: str  # lower-case ("pass", "fail", "none", …)
    properties: Mapping[str, str] = field(default_factory=dict)  # "header.d" → "agency.example"


@dataclass(frozen=True)
class AuthResults:
    authserv_id: str  # lower-case
    results: tuple[AuthResult, ...]


@dataclass(frozen=True)
class Verdict:
    """May the message steer the case, and why: the one reason `followup show` prints."""

    allowed: bool
    reason: str


def check_sender(
    msg: ParsedMessage,
    *,
    owners: frozenset[str],
    trusted_authserv_ids: Sequence[str],
    from_own_sent_folder: bool,
) -> Verdict:
    """Allow a directive only from an owner whose From our side or our server vouches for."""
    refusal = _identity_refusal(msg, owners)
    if refusal is not None:
        return _verdict(False, refusal)
    sender = msg.from_.addr  # type: ignore[union-attr]  # checked by _identity_refusal
    if from_own_sent_folder:
        return _verdict(True, f"From {sender} is an owner, read from the owner's own Sent folder")
    if not trusted_authserv_ids:
        return _verdict(False, (
            f"From {sender} is an owner but no server is trusted to vouch for it; set "
            "[tagging] trusted_authserv_ids to your receiving server's authserv-id "
            "(the first word of the Authentication-Results header it adds)"))
    return _judge_authentication(msg, sender, trusted_authserv_ids)


def parse_authentication_results(value: str) -> AuthResults | None:
    """Parse one header value (RFC 8601); None when it has no authserv-id."""
    segments = list(_segments(_tokens(value)))
    if not segments or not segments[0] or segments[0][0][0] == "=":
        return None
    authserv_id = segments[0][0][1].casefold()
    results = tuple(r for r in (_result(seg) for seg in segments[1:]) if r is not None)
    return AuthResults(authserv_id, results)


def _identity_refusal(msg: ParsedMessage, owners: frozenset[str]) -> str | None:
    from_values = _headers(msg, "from")
    addresses = [addr for _, addr in getaddresses(from_values) if addr]
    if len(from_values) > 1 or len(addresses) > 1:
        return f"From names {len(addresses)} addresses ({', '.join(addresses)}); a directive needs exactly one"
    if msg.from_ is None or not msg.from_.addr:
        return "the message has no usable From address"
    sender = msg.from_.addr
    if sender.casefold() not in {owner.casefold() for owner in owners}:
        return f"From {sender} is not an owner"
    for value in _headers(msg, "sender"):
        on_behalf = parseaddr(value)[1]
        if on_behalf.casefold() != sender.casefold():
            return f"Sender {on_behalf or repr(value)} differs from From {sender}; only the owner may send a directive"
    return None


def _judge_authentication(msg: ParsedMessage, sender: str, trusted: Sequence[str]) -> Verdict:
    trusted_ids = {server.casefold() for server in trusted}
    parsed = [parse_authentication_results(v) for v in _headers(msg, "authentication-results")]
    ours = next((ar for ar in parsed if ar is not None and ar.authserv_id in trusted_ids), None)
    if ours is None:
        seen = sorted({ar.authserv_id for ar in parsed if ar is not None})
        found = f"; found only {', '.join(seen)}" if seen else ""
        return _verdict(False, (
            f"From {sender} is an owner but no Authentication-Results header from a trusted "
            f"server ({', '.join(trusted)}) vouches for it{found}"))
    domain = _domain(sender.rpartition("@")[2])
    passing = [r for r in ours.results if _vouches(r, domain)]
    summary = ", ".join(_describe(r, domain) for r in ours.results) or "nothing"
    if passing:
        return _verdict(True, f"From {sender} is an owner and {ours.authserv_id} says {_describe(passing[0], domain)}")
    return _verdict(False, f"From {sender} is an owner but Authentication-Results from {ours.authserv_id} says {summary}")


# Which property names the domain a method checked, per method.
_DOMAIN_PROPERTY: dict[str, tuple[str, ...]] = {
    "dmarc": ("header.from",),
    "dkim": ("header.d", "header.i"),
    "spf": ("smtp.mailfrom",),
}


def _vouches(result: AuthResult, from_domain: str) -> bool:
    if result.result != "pass" or result.method not in _DOMAIN_PROPERTY:
        return False
    checked = _checked_domains(result)
    if result.method == "dmarc":
        return from_domain in checked  # DMARC has aligned already; header.from must be ours
    return any(_aligned(domain, from_domain) for domain in checked)


def _checked_domains(result: AuthResult) -> list[str]:
    names = _DOMAIN_PROPERTY.get(result.method, ())
    return [_domain(result.properties[n].rpartition("@")[2]) for n in names if n in result.properties]


def _aligned(auth_domain: str, from_domain: str) -> bool:
    """DMARC's relaxed alignment, without a public-suffix list: equal, parent or child.

    The shorter name must have two labels at least, so a bare TLD never aligns.
    """
    if not auth_domain or not from_domain:
        return False
    if auth_domain == from_domain:
        return True
    shorter, longer = sorted((auth_domain, from_domain), key=len)
    return shorter.count(".") >= 1 and longer.endswith("." + shorter)


def _describe(result: AuthResult, from_domain: str) -> str:
    text = f"{result.method}={result.result}"
    checked = _checked_domains(result)
    if result.result == "pass" and result.method in _DOMAIN_PROPERTY and not _vouches(result, from_domain):
        shown = ", ".join(checked) or "no domain"
        return f"{text} for {shown}, not {from_domain}"
    return text


def _domain(name: str) -> str:
    name = name.strip().rstrip(".").casefold()
    try:
        return name.encode("idna").decode("ascii")
    except UnicodeError:
        return name


def _headers(msg: ParsedMessage, name: str) -> list[str]:
    return [value for key, value in msg.headers if key == name]


def _verdict(allowed: bool, reason: str) -> Verdict:
    # Header text ends up here; a folded or hostile value must not break the one-line record.
    return Verdict(allowed, " ".join("".join(c if c.isprintable() else " " for c in reason).split()))


# --- RFC 8601 tokens -------------------------------------------------------------------
# A token is ("w", word), ("q", quoted string), ("=", "=") or (";", ";"); comments are dropped.

Token = tuple[str, str]


def _tokens(value: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "(":
            i = _skip_comment(value, i)
        elif ch == '"':
            text, i = _quoted(value, i)
            tokens.append(("q", text))
        elif ch in ";=":
            tokens.append((ch, ch))
            i += 1
        elif ch.isspace() or ch == ")":  # a stray ")" closes nothing; skip it
            i += 1
        else:
            start = i
            while i < len(value) and not value[i].isspace() and value[i] not in '();="':
                i += 1
            tokens.append(("w", value[start:i]))
    return tokens


def _skip_comment(value: str, i: int) -> int:
    """Index just past the comment opening at i; comments nest and may escape with backslash."""
    depth = 0
    while i < len(value):
        ch = value[i]
        if ch == "\\":
            i += 2
            continue
        depth += {"(": 1, ")": -1}.get(ch, 0)
        i += 1
        if depth == 0:
            break
    return i


def _quoted(value: str, i: int) -> tuple[str, int]:
    chars = []
    i += 1
    while i < len(value) and value[i] != '"':
        if value[i] == "\\" and i + 1 < len(value):
            i += 1
        chars.append(value[i])
        i += 1
    return "".join(chars), i + 1


def _segments(tokens: list[Token]) -> Iterator[list[Token]]:
    current: list[Token] = []
    for token in tokens:
        if token[0] == ";":
            yield current
            current = []
        else:
            current.append(token)
    yield current


def _result(segment: list[Token]) -> AuthResult | None:
    pairs = list(_pairs(segment))
    if not pairs:
        return None  # "none", or junk we cannot read
    method, result = pairs[0]
    properties = {name.casefold(): value for name, value in pairs[1:]}
    return AuthResult(method.split("/")[0].casefold(), result.casefold(), properties)


def _pairs(segment: list[Token]) -> Iterator[tuple[str, str]]:
    """Every `name = value` in a segment, in order; stray tokens are skipped."""
    for i in range(len(segment) - 2):
        name, equals, value = segment[i], segment[i + 1], segment[i + 2]
        if name[0] == "w" and equals[0] == "=" and value[0] in "wq":
            yield name[1], value[1]
