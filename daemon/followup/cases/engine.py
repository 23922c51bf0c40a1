"""What one archived message does to its thread's case. Pure: facts in, effects out.

The case pass (cases/casebook.py) reads each message once, in arrival order, asks
`effects` what follows from it, and applies the effects in the same transaction that
moves its cursor, so each message steers a case exactly once.

Who may steer: a tag set in the owner's own mailbox (IMAP keyword, Gmail label, Exchange
category, the tag folder) counts as the owner's; a written directive counts only when
`authz.check_sender` allows it. Automatic mail (RFC 3834: auto-replies, bounces, lists,
other followups) never steers, whoever it claims to be from. Every refusal is an effect
too, so the record shows what was ignored and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from followup.cases.authz import check_sender
from followup.cases.directives import Directive, parse_directives, quoted_directive_lines
from followup.cases.loops import is_automatic
from followup.mail.model import ParsedMessage
from followup.mail.thread import subject_key


@dataclass(frozen=True)
class Seen:
    """One archived message, as the case pass sees it."""

    id: int
    msg: ParsedMessage
    thread_id: int
    client: str | None
    direction: str  # "in", "out" or "internal" (see cases/clients.py)
    keywords: frozenset[str] = frozenset()  # from every place it was found
    folders: frozenset[str] = frozenset()
    from_sent: bool = False


@dataclass(frozen=True)
class Policy:
    owners: frozenset[str]
    tag: str = "slipup"
    tag_folder: str = "slipup"
    trusted_authserv_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Open:
    """Open a case on this thread."""

    via: str  # "directive", "keyword", "folder"
    by: str


@dataclass(frozen=True)
class Refuse:
    """Record a directive we will not follow, with the reason and its line."""

    reason: str
    line: str


@dataclass(frozen=True)
class Apply:
    """Follow an owner's directive."""

    directive: Directive
    by: str


@dataclass(frozen=True)
class Extract:
    """Look for our side's promises in this message."""


@dataclass(frozen=True)
class OwnerReplied:
    """Our side wrote to the client in the thread: that counts as an update."""


Effect = Open | Refuse | Apply | Extract | OwnerReplied

QUOTED = "quoted text never steers a case: only what is newly written above the quote counts"


def effects(seen: Seen, case_state: str | None, policy: Policy) -> list[Effect]:
    """`case_state` is the thread's case state ("open", "paused", "closed") or None."""
    automatic = is_automatic(seen.msg)
    directives = _directives(seen.msg, policy.tag)
    result: list[Effect] = [Refuse(QUOTED, line) for line in quoted_directive_lines(seen.msg.text, seen.msg.new_text, tag=policy.tag)]
    if directives:
        directives, refusals = _authorised(seen, directives, automatic, policy)
        result += refusals
    result += [Refuse(d.text or "invalid directive", d.line) for d in directives if d.kind == "invalid"]
    valid = [d for d in directives if d.kind != "invalid"]
    by = seen.msg.from_.addr if seen.msg.from_ else ""
    opening = _mailbox_tag(seen, policy) or (valid and _opens(valid))
    if case_state is None and opening:
        via = "directive" if valid and _opens(valid) else _mailbox_tag(seen, policy)
        result.append(Open(via=via, by=by if via == "directive" else "mailbox"))
    elif case_state is None:
        result += [Refuse(f"no case in this thread to {d.kind}; tag the thread first (#{policy.tag})", d.line)
                   for d in valid]
        return result
    result += [Apply(d, by) for d in valid if d.kind != "tag" or d.cadence_text or d.due_text]
    if seen.direction == "out" and not automatic:
        result.append(Extract())  # evidence either way: what was written in our name
        if _vouched(seen, policy):
            result.append(OwnerReplied())  # only real replies reset the update clock
    return result


def _vouched(seen: Seen, policy: Policy) -> bool:
    """Our side really wrote it: found in the owner's Sent folder, or an owner whose mail our
    server authenticated. A forged From must not be able to delay the client's updates."""
    if seen.from_sent:
        return True
    return check_sender(seen.msg, owners=policy.owners, trusted_authserv_ids=policy.trusted_authserv_ids,
                        from_own_sent_folder=False).allowed


def retagged(seen: Seen, case_state: str | None, policy: Policy) -> list[Effect]:
    """A message seen before, now in the tag folder or with the tag keyword: only the
    mailbox tag counts (its directives were applied the first time)."""
    via = _mailbox_tag(seen, policy)
    return [Open(via=via, by="mailbox")] if via and case_state is None else []


def _directives(msg: ParsedMessage, tag: str) -> list[Directive]:
    """Subject directives count only where the subject is not a reply's or a forward's,
    so "Re: #slipup close" does not close the case again in every reply."""
    _, is_reply = subject_key(msg.subject)
    found = parse_directives("" if is_reply else msg.subject, msg.new_text, tag=tag)
    unique: dict[tuple, Directive] = {}
    for d in found:  # the same directive in subject and body counts once
        unique.setdefault((d.kind, (d.cadence_text or "").casefold(), d.due_text, d.text, d.promise_id), d)
    return list(unique.values())


def _authorised(seen: Seen, directives: list[Directive], automatic: str | None,
                policy: Policy) -> tuple[list[Directive], list[Effect]]:
    if automatic:
        return [], [Refuse(f"automatic mail ({automatic}) never steers a case", d.line) for d in directives]
    verdict = check_sender(seen.msg, owners=policy.owners, trusted_authserv_ids=policy.trusted_authserv_ids,
                           from_own_sent_folder=seen.from_sent)
    if not verdict.allowed:
        return [], [Refuse(verdict.reason, d.line) for d in directives]
    return directives, []


def _opens(valid: list[Directive]) -> bool:
    """A tag opens a case, and so do a note or a promise: they only make sense in one."""
    return any(d.kind in ("tag", "note", "promise", "cadence") for d in valid)


def _mailbox_tag(seen: Seen, policy: Policy) -> str:
    tag = policy.tag.casefold()
    if any(k.casefold().lstrip("$\\") == tag for k in seen.keywords):
        return "keyword"
    if any(_folder_name(f) == policy.tag_folder.casefold() for f in seen.folders):
        return "folder"
    return ""


def _folder_name(folder: str) -> str:
    """"INBOX/slipup", "INBOX.slipup", ".slipup" (Maildir++) all name the folder "slipup"."""
    return folder.replace("/", ".").rsplit(".", 1)[-1].casefold()
