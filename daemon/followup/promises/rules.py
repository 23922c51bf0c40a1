"""Per-language cue rules, read from the TOML files in `rules/` and compiled once.

The language-specific knowledge (commitment cues, negatives, date words, cadence words)
is data; the code that uses it is the same for every language. A rule file may use
these placeholders inside its regexes, expanded from its own tables:

    <NUM>       a digit run or a number word from [numbers]
    <UNIT>      any unit word from [units]
    <WEEKDAY>   any weekday form from [due].weekdays
    <WEEKDAYS>  one or more weekday forms joined by "," or the [cadence].and word
    <MONTH>     any month form from [due].months, captured as the group `mon`
    <DAY>       a day of the month (1-31), captured as the group `d`
    <FIRM>      any word of `firm`: our own business named as the agent ("the firm", "verkstaden")
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

LANGUAGES = ("en", "nb", "da", "sv", "ca", "sk")
_FLAGS = re.IGNORECASE | re.UNICODE


@dataclass(frozen=True)
class Rules:
    """The compiled rules of one language."""

    language: str
    abbreviations: tuple[str, ...]
    short_forms: tuple[str, ...]  # cut short only in lower-case typing: "o 14. hod. popoludní"
    clause_join: re.Pattern[str]  # ", and " and its kin: where one sentence holds two clauses
    conjunction: re.Pattern[str] | None  # a bare "and" or a comma splice: two clauses only when each commits on its own
    shares_subject: re.Pattern[str] | None  # what after the bare "and" has the first clause's subject
    first_person: re.Pattern[str] | None  # a verb of ours in the first clause, without which nothing is shared
    subordinate: re.Pattern[str] | None  # after a comma, a clause that belongs to the predicate before it
    strong: tuple[re.Pattern[str], ...]
    weak: tuple[re.Pattern[str], ...]
    negative: tuple[re.Pattern[str], ...]
    conditional: tuple[re.Pattern[str], ...]
    consequent: tuple[re.Pattern[str], ...]  # opens a condition's consequent: "then", "så"
    hedge: tuple[re.Pattern[str], ...]
    offer: tuple[re.Pattern[str], ...]  # the client chooses: "either … or …, whichever you prefer"
    request: tuple[re.Pattern[str], ...]  # the client is asked to act: "I bedes sende…"
    third_party: tuple[re.Pattern[str], ...]  # someone outside both sides acts: "the courier will…"
    client_side: tuple[re.Pattern[str], ...]  # the client's people acting for us: "jeres vicevært låser os ind"
    proviso: tuple[re.Pattern[str], ...]  # a condition on circumstances, not on the client: "weather permitting"
    courtesy: tuple[re.Pattern[str], ...]  # a statement closed by a courtesy check: "I'll come at 10 if that's ok?"
    habitual: tuple[re.Pattern[str], ...]  # what we usually do is a report, not a promise: "normalt leverer vi…"
    ours: tuple[re.Pattern[str], ...]  # a person or team of our side: "our roofer", "montørene våre"
    waiver: tuple[re.Pattern[str], ...]  # a negated commitment in the client's favour: "we won't charge you"
    lending: tuple[re.Pattern[str], ...]  # what the client may borrow or use of ours meanwhile: "indtil da kan du låne …"
    past: tuple[re.Pattern[str], ...]  # disqualify weak cues only: "we sent it on Monday"
    passive: tuple[re.Pattern[str], ...]  # an agentless passive with us as the agent: "will be credited"
    receipt: tuple[re.Pattern[str], ...]  # the client will have what we deliver: "du har varerne…"
    apposition: tuple[re.Pattern[str], ...]  # "Jenny, your account manager, will…": group 1 (the name) is kept
    concessive: tuple[re.Pattern[str], ...]  # "Whatever you decide, …", "…, regardless of …": left out when reading
    reason: tuple[re.Pattern[str], ...]  # ", because we ordered it …": a trailing reason whose past reports nothing
    pledge: tuple[re.Pattern[str], ...]  # "Rest assured, …", "Som kompensation: …": what follows is a commitment
    weekdays: tuple[re.Pattern[str], ...]  # index = weekday, 0=Monday
    due_kinds: tuple[tuple[str, re.Pattern[str]], ...]  # (kind, pattern), see dates.py
    attributive: tuple[re.Pattern[str], ...]  # a time word naming a thing, not a deadline: "today's trip"
    at_once: tuple[re.Pattern[str], ...]  # "at the same time": the day of the clause before, in one sentence
    time: re.Pattern[str] | None
    holidays: str | None  # the home region whose public holidays business days skip: "ES-CT", "SK"
    units: dict[str, str]  # lower-case word -> unit
    numbers: dict[str, int]
    months: dict[str, int]  # lower-case month form -> 1..12
    day_names: frozenset[str]  # every weekday and month form, lower case: "des." may shorten "desember"
    cadence_fixed: tuple[tuple[re.Pattern[str], int, str], ...]
    cadence_adverbs: tuple[tuple[re.Pattern[str], str], ...]
    cadence_units: re.Pattern[str] | None
    cadence_days: re.Pattern[str] | None
    cadence_start: re.Pattern[str] | None  # "from" before a due phrase that starts a cadence
    cadence_from_month: re.Pattern[str] | None  # "from January", "fra og med januar": a month a cadence starts in
    cadence_onward: re.Pattern[str] | None  # "from now on": a new arrangement of ours, with its cadence
    routine_times: tuple[re.Pattern[str], ...] = ()  # recurring times that are no update cadence: "on Tuesdays and Fridays"
    routine_present: tuple[re.Pattern[str], ...] = ()  # a verb of repeated action, where a routine needs one (Slovak)
    routine_future: tuple[re.Pattern[str], ...] = ()  # a future: a commitment, not a routine
    routine_change: tuple[re.Pattern[str], ...] = ()  # what ties a recurring clause to this case: "from now on", "until …"
    routine_tail: tuple[re.Pattern[str], ...] = ()  # a consequence after the routine (", så du skal ikke …"): not read for it
    day_off: tuple[re.Pattern[str], ...] = ()  # an aside naming days not worked: "(Monday is a bank holiday)", "17. mai ikke medregnet"
    unbilled: tuple[re.Pattern[str], ...] = ()  # a charge dropped: "won't be charged", "blir ikke fakturert"
    unbilled_apart: re.Pattern[str] | None = None  # words that part a dropped charge from an act: "and", "but", "so"
    deadline: re.Pattern[str] | None = None  # what makes a day a deadline where a charge is dropped: "by", "senest"

    def number(self, word: str) -> int | None:
        """A digit run ("2", "2.") or a number word of this language as an int."""
        word = word.lower().rstrip(".")
        return int(word) if word.isdigit() else self.numbers.get(word)


# The optional cue lists of a rule file's [cues] table, each compiled to a tuple of patterns.
_CUE_GROUPS = ("weak", "negative", "conditional", "hedge", "offer", "request", "third_party", "client_side",
               "proviso", "habitual", "ours", "waiver", "lending", "past", "passive", "receipt", "apposition",
               "concessive", "reason", "pledge")


def _alternation(words: list[str]) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


def _expander(data: dict) -> "functools.partial[str]":
    numbers = _alternation([r"\d+"] + [re.escape(w) for w in data.get("numbers", {})])
    units = _alternation([re.escape(w) for w in data.get("units", {})])
    weekday = _alternation([form for forms in data["due"]["weekdays"] for form in forms])
    conj = data.get("cadence", {}).get("and", "and")
    weekdays = rf"{weekday}(?:\s*(?:,|{conj})\s*{weekday})*"
    month = _alternation([re.escape(form) for forms in data["due"].get("months", []) for form in forms])
    # Our business named as the agent ("paid by the firm", "står verkstaden för"); never matches when a file has none.
    firm = _alternation([re.escape(w) for w in data.get("firm", [])]) if data.get("firm") else "(?!)"
    # The client's things or another lender's anywhere after this point ("din egen bil", "hos Europcar"): no loan of ours.
    not_ours = rf"(?![^.]*?(?<!\w){_alternation(data['not_ours'])}(?!\w))" if data.get("not_ours") else ""
    table = {"<FIRM>": firm, "<NOT_OURS>": not_ours, "<NUM>": numbers, "<UNIT>": units, "<WEEKDAYS>": weekdays, "<WEEKDAY>": weekday,
             "<MONTH>": f"(?P<mon>{month})", "<DAY>": r"(?P<d>[0-3]?\d)"}
    return functools.partial(_expand, table=table)


def _expand(pattern: str, table: dict[str, str]) -> str:
    for token, regex in table.items():
        pattern = pattern.replace(token, regex)
    return pattern


def _compile_all(patterns: list[str], expand) -> tuple[re.Pattern[str], ...]:
    # Word boundaries are added here so rule files stay readable; the group makes them bound
    # every alternative of a pattern "a|b", not only the first and the last.
    return tuple(re.compile(rf"(?<!\w)(?:{expand(p)})(?!\w)", _FLAGS) for p in patterns)


def _clause_join(data: dict) -> re.Pattern[str]:
    # ", and " always starts a clause; a bare "and" only before a new subject that acts
    # ("… and Nina will bring …"), as the rule file's clause_joins_bare say.
    join = r",\s+" + _alternation([re.escape(w) for w in data["clause_joins"]]) + r"\s+"
    # …but not before a verb with no subject of its own ("…, och skickar dem senast…"): that
    # predicate shares the subject, and read alone it would lose it.
    join += "".join(f"(?!{p})" for p in data.get("clause_joins_not", []))
    bare = data.get("clause_joins_bare", [])
    return re.compile(join + "".join(rf"|\s+{p}\s+" for p in bare), _FLAGS)


def _conjunction(data: dict) -> re.Pattern[str] | None:
    # A bare "and", or a comma splice before a new commitment ("The repair is on me, I'll send
    # someone on Friday"): both split only where each side commits on its own.
    if not data.get("conjunction"):
        return None
    splice = f"|,\\s+(?={data['comma_splice']})" if data.get("comma_splice") else ""
    return re.compile(rf"\s+(?:{data['conjunction']})\s+{splice}", _FLAGS)


def _courtesy(cues: dict, expand) -> dict[str, tuple[re.Pattern[str], ...]]:
    # A courtesy check ("if that's ok") is a proviso, and closes a statement of ours opening
    # as `courtesy_opening` says without making it a question: one home for the check.
    proviso, tag = list(cues.get("proviso", [])), cues.get("courtesy_tag")
    if tag is None or "courtesy_opening" not in cues:
        return {"proviso": _compile_all(proviso, expand), "courtesy": ()}
    closing = rf"^(?:{cues['courtesy_opening']}).*(?:{tag})\s*[.!]?\?\s*$"
    return {"proviso": _compile_all([tag, *proviso], expand), "courtesy": _compile_all([closing], expand)}


def _compile(data: dict) -> Rules:
    expand = _expander(data)
    cues, due, cad = data["cues"], data["due"], data.get("cadence", {})
    kinds = [(k, p) for k, pats in due.get("kinds", {}).items() for p in pats]
    return Rules(
        language=data["language"],
        abbreviations=tuple(data.get("abbreviations", [])),
        short_forms=tuple(data.get("short_forms", [])),
        clause_join=_clause_join(data),
        conjunction=_conjunction(data),
        shares_subject=re.compile(data["conjunct_shares_subject"], _FLAGS) if data.get("conjunct_shares_subject") else None,
        first_person=re.compile(data["first_person_verb"], _FLAGS) if data.get("first_person_verb") else None,
        subordinate=re.compile(rf"\s*(?:{data['subordinators']})(?!\w)", _FLAGS) if data.get("subordinators") else None,
        strong=_compile_all(cues["strong"], expand),
        consequent=_compile_all(["^(?:" + "|".join(cues.get("consequent", [])) + ")"], expand),
        **{group: _compile_all(cues.get(group, []), expand) for group in _CUE_GROUPS if group != "proviso"},
        **_courtesy(cues, expand),
        weekdays=tuple(re.compile(rf"(?<!\w){_alternation(f)}(?!\w)", _FLAGS) for f in due["weekdays"]),
        due_kinds=tuple((k, re.compile(rf"(?<!\w){expand(p)}(?!\w)", _FLAGS)) for k, p in kinds),
        attributive=_compile_all(due.get("attributive", []), expand),
        at_once=_compile_all(due.get("at_once", []), expand),
        # bounded like the cues: "inkl. 4. klasse" holds no "kl. 4"
        time=re.compile(rf"(?<!\w)(?:{expand(due['time'])})", _FLAGS) if due.get("time") else None,
        holidays=due.get("holidays"),
        units={w.lower(): u for w, u in data.get("units", {}).items()},
        numbers={w.lower(): n for w, n in data.get("numbers", {}).items()},
        months={form.lower(): i + 1 for i, forms in enumerate(due.get("months", [])) for form in forms},
        day_names=frozenset(form.lower() for forms in (*due["weekdays"], *due.get("months", [])) for form in forms),
        cadence_fixed=tuple(
            (re.compile(rf"(?<!\w){expand(p)}(?!\w)", _FLAGS), n, u) for p, (n, u) in cad.get("fixed", {}).items()
        ),
        cadence_adverbs=tuple(
            (re.compile(rf"(?<!\w){expand(p)}(?!\w)", _FLAGS), u) for p, u in cad.get("adverbs", {}).items()
        ),
        cadence_units=re.compile(rf"(?<!\w){expand(cad['units'])}(?!\w)", _FLAGS) if cad.get("units") else None,
        cadence_days=re.compile(rf"(?<!\w){expand(cad['days'])}(?!\w)", _FLAGS) if cad.get("days") else None,
        cadence_start=re.compile(rf"(?<!\w)(?:{cad['start']})\s+$", _FLAGS) if cad.get("start") else None,
        cadence_from_month=re.compile(rf"(?<!\w)(?:{cad['start']})\s+{expand('<MONTH>')}(?!\w)", _FLAGS)
        if cad.get("start") and due.get("months") else None,
        cadence_onward=re.compile(rf"(?<!\w)(?:{cad['onward']})(?!\w)", _FLAGS) if cad.get("onward") else None,
        **{f"routine_{key}": _compile_all(data.get("routine", {}).get(key, []), expand)
           for key in ("times", "present", "future", "change", "tail")},
        day_off=_compile_all(due.get("day_off", []), expand),
        unbilled=_compile_all(due.get("unbilled", []), expand),
        unbilled_apart=re.compile(rf"\s+(?:{due['unbilled_apart']})\s+", _FLAGS) if due.get("unbilled_apart") else None,
        deadline=re.compile(rf"(?<!\w)(?:{due['deadline']})(?!\w)", _FLAGS) if due.get("deadline") else None,
    )


@functools.cache
def rules_for(language: str) -> Rules:
    """The compiled rules for an ISO 639-1 code; read from package data once per process."""
    if language not in LANGUAGES:
        raise ValueError(f"no promise rules for language {language!r}; known: {', '.join(LANGUAGES)}")
    text = resources.files("followup.promises").joinpath("rules", f"{language}.toml").read_text("utf-8")
    return _compile(tomllib.loads(text))
