"""Due times from natural-language phrases, resolved against the message's own date and zone.

Conventions (the product's, so every language resolves the same way):

- A day without a time of day is due at the end of the business day, 17:00 local.
- A weekday ("by Friday", "innen fredag", "do piatku") is the next such day strictly
  after the day the message was sent: "Friday" written on a Friday means next week's.
- "today" / "end of day" = the sent day 17:00; "tomorrow" = the next day 17:00.
- "this week" / "end of the week" = Friday of the sent week 17:00 (from a weekend: the
  coming Friday). "next week" = Friday of the following week 17:00;
  "early next week" = Monday of the following week 17:00.
- "Friday next week" ("fredag nästa vecka") = that weekday of the following week.
- "end of the month" = the last day of the sent month 17:00.
- "in/within N days|weeks" = the sent day + N, 17:00; "N business days" skips Saturday,
  Sunday and the public holidays of the client's region (business_days.py), and the days an
  aside of the mail names as days off ("(Monday 28 May is a bank holiday)", "; compta que el
  dilluns 21 és festiu"), which are no due day themselves; "N hours" is exact from the sent time.
- Where a charge is dropped ("Monday's lesson won't be charged", "Klargjøringen i april blir
  ikke fakturert"), the day or month names what is not charged: no due time, unless a
  deadline word is there ("credited by Friday") or it counts from the sent day.
- A weekday's event ("på fredagens lektion", "Thursday's lesson") dates an act at it, but
  loses to any other day phrase in the clause ("Som avtalt på tirsdagens møte sender vi …
  på fredag").
- A stated time of day ("at 3 pm", "kl. 14", "a les 12", "o 10:00") replaces 17:00; a
  time with no day is today, or tomorrow once that time has passed.
- A day and month without a year ("15 mars", "1. desember", "24/11") is the next such
  date on or after the sent day, or up to LOOK_BACK days before it ("we promised the
  3rd"); "the 20th" / "den 20." is the next such day of a month the same way. One that lay
  further behind (so was moved to next year) yields to any other day phrase of the text: it
  names a past thing ("the recording from 21 April … within two working days").
- "in January" / "i løpet av januar" is the last day of the next such month.
- "the same day", "the morning after", "a week later" count from the last day named
  before them in the same message; with none, they have no due time.
- Anything else that looks like a date is read by dateparser in the message's language,
  preferring the future.

Local wall-clock times are converted to UTC through zoneinfo, so a due time on either
side of a daylight-saving change keeps its 17:00 local.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone as dt_timezone
from zoneinfo import ZoneInfo

from .business_days import add_business_days, region_for
from .language import language_of
from .rules import LANGUAGES, Rules, rules_for

END_OF_BUSINESS = time(17, 0)
LOOK_BACK = timedelta(days=3)
# Days counted from the last day named earlier in the message.
_AFTER_EARLIER = {"same_day": timedelta(0), "day_after": timedelta(days=1), "week_after": timedelta(days=7)}
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


@dataclass(frozen=True)
class DueMatch:
    """A due phrase found in a text: its offsets, its words and the resolved UTC time."""

    start: int
    end: int
    text: str
    due_at: datetime


def parse_due(
    phrase_or_text: str, *, relative_to: datetime, timezone: str, languages: Sequence[str]
) -> datetime | None:
    """The due time (aware UTC) stated in a phrase or sentence, or None.

    `relative_to` is the message's Date (aware; naive is taken as local to `timezone`);
    `languages` are language codes or the client's locale ("nb_NO"), tried in order.
    """
    codes = [language_of(hint) for hint in languages]  # "nb_NO" -> "nb"
    for hint, language in zip(languages, codes):
        if language not in LANGUAGES:
            continue  # no rules of ours: dateparser below may still read it
        rules = rules_for(language)
        region = region_for(hint, language, rules.holidays)
        found = find_due(phrase_or_text, rules, relative_to, timezone, region=region)
        if found is not None:
            return found.due_at
    found = _dateparser_due(phrase_or_text, _local(relative_to, timezone), list(dict.fromkeys(codes)))
    return None if found is None else found.astimezone(dt_timezone.utc)


def find_due(
    text: str, rules: Rules, sent_at: datetime, timezone: str, earlier: datetime | None = None,
    clock_alone: bool = True, region: str | None = None,
) -> DueMatch | None:
    """The longest due phrase in `text` (earliest on ties), resolved; None if there is none.

    `earlier` is the last due time named before this text in the same message: "the same
    day", "the morning after" and "a week later" are counted from it. `clock_alone`: a
    clock time with no day is a due time (not so beside a cadence: "every weekday at 9").
    `region` is whose public holidays business days skip (business_days.region_for); by
    default the language's home region. A day an aside of the text names as a day off ("…
    within three working days (Monday 28 May is a bank holiday)", "…, 17. mai ikke
    medregnet"; an aside is a part after a comma, colon, semicolon, bracket or dash, never the
    main clause) is no due time, and business days skip it too. Where a part of the text
    drops a charge (rules.unbilled; parts also end at "and", "but", "so": unbilled_apart), a
    day or month named in that part names what is not charged ("Monday's lesson won't be
    charged", "Klargjøringen i april blir ikke fakturert") unless the part has a deadline
    word ("credited by Friday", "not billed until …") or the day counts from the sending day.
    """
    local = _local(sent_at, timezone)
    before = None if earlier is None else _local(earlier, timezone).date()
    region = region or rules.holidays
    found = _candidates(text, rules)
    asides = [part for part in _parts(text, rules.day_off) if part[0] > 0]  # never the main clause
    named_off = [(k, m) for k, m in found if k != "in_n" and _inside(m, asides)]
    closed = frozenset(day.date() for day in (_resolved(k, m, rules, local, before, region) for k, m in named_off)
                       if day is not None)
    uncharged = _parts(text, rules.unbilled, rules.unbilled_apart)
    candidates = sorted(((k, m) for k, m in found
                         if (k, m) not in named_off and not _names_what_is_waived(text, k, m, rules, uncharged)),
                        key=_vagueness)
    resolved = ((kind, match, day) for kind, match in candidates
                if (day := _resolved(kind, match, rules, local, before, region, closed)) is not None)
    chosen = _due_phrase(resolved, local)
    if chosen is not None:
        match, day = chosen
        due = _with_time_of_day(day, text, rules, local)
        words = match.group(0).rstrip(".")  # "den 15 mars." at the end of a sentence
        return DueMatch(match.start(), match.start() + len(words), words, due.astimezone(dt_timezone.utc))
    clock = _clock_time_only(text, rules, local) if clock_alone else None
    return None if clock is None or any(s <= clock.start < e for s, e in uncharged + asides) else clock


def _due_phrase(resolved: Iterator[tuple[str, re.Match[str], datetime]], local: datetime) -> tuple[re.Match[str], datetime] | None:
    """The first of the resolved day phrases (kind, match, day), in order of preference. A day
    and month just behind the sent day, read as next year's, most often names a past thing ("the
    recording from 21 April will reach you within two days"): the next phrase apart from it that
    is no such day is the due date; alone, it stays next year's ("by 20 October")."""
    first = next(resolved, None)
    if first is None:
        return None
    if _moved_to_next_year(*first, local):
        moved = first  # a part of it ("19." of "den 19. september") is no other phrase
        first = next((found for found in resolved if not _overlaps(found[1], moved[1])
                      and not _moved_to_next_year(*found, local)), moved)
    return first[1], first[2]


def _overlaps(one: re.Match[str], other: re.Match[str]) -> bool:
    return one.start() < other.end() and other.start() < one.end()


def month_a_cadence_starts(text: str, rules: Rules, sent_at: datetime, timezone: str) -> DueMatch | None:
    """ "Fra og med januar sender vi … hver mandag", "From February we'll e-mail … every Monday":
    the first day of the next such month, when the cadence starts (None in that month itself)."""
    match = rules.cadence_from_month.search(text) if rules.cadence_from_month is not None else None
    if match is None:
        return None
    local = _local(sent_at, timezone)
    month = rules.months[match.group("mon").lower()]
    today = local.date()
    if month == today.month:  # "from November" written in November: the cadence's own first slot
        return None
    first = date(_year_of_next(month, today), month, 1)
    return DueMatch(match.start(), match.end(), match.group(0), _at(first, local.tzinfo).astimezone(dt_timezone.utc))


# Further ahead than this, a day and month without a year lay (three months or less) behind the sent day.
_PAST_MOVED_ON = timedelta(days=273)


def _moved_to_next_year(kind: str, match: re.Match[str], due: datetime, local: datetime) -> bool:
    """A day and month without a year that lay (three months or less) behind the sent day, so was
    read as next year's; not one still ahead this year ("15. desember" written on 4 January)."""
    day, today = due.date(), local.date()
    return kind == "day_month" and not match.groupdict().get("y") and day.year > today.year \
        and (day.month, day.day) < (today.month, today.day) and day - today > _PAST_MOVED_ON


def _resolved(kind: str, match: re.Match[str], rules: Rules, local: datetime, before: date | None,
              region: str | None, closed: frozenset[date] = frozenset()) -> datetime | None:
    try:
        return _resolve(kind, match, rules, local, before, region, closed)
    except OverflowError:  # a Date header near year 9999, "within 5000000 days": no date
        return None


# Where a charge is dropped, a day counted from the sending day still times the act
# ("refunded within five days", "credited today"), unless it is a thing's ("today's visit").
_TIMES_THE_ACT = frozenset({"today", "tomorrow", "day_after_tomorrow", "in_n"})
# A part of a text: a stretch between commas, colons, semicolons, brackets or dashes.
_PART_EDGE = re.compile(r"[;:()\[\]]|,\s|\s[–—-]\s")


def _parts(text: str, patterns: Sequence[re.Pattern[str]], also: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
    """The parts of `text` (split at `also` too: "and") in which one of `patterns` is found."""
    cuts = [m.start() for m in _PART_EDGE.finditer(text)] + ([m.start() for m in also.finditer(text)] if also else [])
    edges = [0, *sorted(cuts), len(text)]
    return [(s, e) for s, e in zip(edges, edges[1:]) if any(p.search(text, s, e) for p in patterns)]


def _inside(match: re.Match[str], parts: list[tuple[int, int]]) -> bool:
    return any(s <= match.start() and match.end() <= e for s, e in parts)


def _names_what_is_waived(text: str, kind: str, match: re.Match[str], rules: Rules,
                          uncharged: list[tuple[int, int]]) -> bool:
    """In a part that drops a charge, a day names what is not charged unless it is counted
    from the sending day or the part has a deadline word ("krediteres senest fredag", "not
    billed until the work is done on Friday")."""
    part = next(((s, e) for s, e in uncharged if s <= match.start() and match.end() <= e), None)
    if part is None or kind in _TIMES_THE_ACT and not _a_days_thing(match):
        return False
    return rules.deadline is None or rules.deadline.search(text, *part) is None


def _a_days_thing(match: re.Match[str]) -> bool:
    """The day names a thing in the genitive: "Thursday's lesson", "på fredagens lektion", "today's visit"."""
    return match.group(0).lower().endswith("dagens") or match.string[match.end() : match.end() + 2] in ("'s", "’s")


def _vagueness(candidate: tuple[str, re.Match[str]]) -> tuple[int, int, int]:
    # A named date ("fredag den 10. juli", "v stredu 13. mája") beats the weekday beside
    # it, which only checks it; a whole month ("in January") loses to any other phrase;
    # otherwise the longest phrase, then the earliest.
    kind, match = candidate
    rank = {"day_month": 0, "iso": 0, "month": 2}.get(kind, 1)
    if _a_days_thing(match):
        rank = 1.5  # a weekday's event ("på fredagens lektion", "Thursday's lesson") loses to a day of its own
    return rank, -(match.end() - match.start()), match.start()


def _clock_time_only(text: str, rules: Rules, local: datetime) -> DueMatch | None:
    # "inden kl. 16" with no day named: today at that time, or tomorrow once it has passed.
    match = rules.time.search(text) if rules.time is not None else None
    if match is None:
        return None
    today = _with_time_of_day(_at(local.date(), local.tzinfo), text, rules, local)
    due = today if today > local else _at(today.date() + timedelta(days=1), local.tzinfo, today.timetz())
    return DueMatch(match.start(), match.end(), match.group(0), due.astimezone(dt_timezone.utc))


def _candidates(text: str, rules: Rules) -> list[tuple[str, re.Match[str]]]:
    found = [("iso", m) for m in _ISO.finditer(text)]
    for kind, pattern in rules.due_kinds:
        found.extend((kind, m) for m in pattern.finditer(text))
    # "today's trip", "l'excursió d'avui", "ktoré ste dnes zaplatili": the day names a thing or
    # a past act, not when we will act.
    named = [m.span() for pattern in rules.attributive for m in pattern.finditer(text)]
    return [(kind, m) for kind, m in found if not any(s < m.end() and m.start() < e for s, e in named)]


def _local(moment: datetime, timezone: str) -> datetime:
    zone = ZoneInfo(timezone)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


def _at(day: date, zone, at: time = END_OF_BUSINESS) -> datetime:
    return datetime.combine(day, at, tzinfo=zone)


def _resolve(kind: str, match: re.Match[str], rules: Rules, local: datetime, before: date | None,
             region: str | None, closed: frozenset[date] = frozenset()) -> datetime | None:
    today = local.date()
    if kind in _AFTER_EARLIER:
        return None if before is None else _at(before + _AFTER_EARLIER[kind], local.tzinfo)
    if kind == "month":
        return _at(_end_of_named_month(rules.months[match.group("mon").lower()], today), local.tzinfo)
    if kind == "iso":
        y, m, d = (int(g) for g in match.groups())
        try:
            return _at(date(y, m, d), local.tzinfo)
        except ValueError:
            return None
    if kind == "weekday":
        return _resolve_weekday(match.group(0), rules, local)
    if kind == "weekday_next_week":
        # "fredag nästa vecka": the next such day after the Sunday that ends the sent week.
        sunday = today + timedelta(days=6 - today.weekday())
        return _resolve_weekday(match.group(0), rules, _at(sunday, local.tzinfo))
    if kind == "in_n":
        return _resolve_in_n(match, rules, local, region, closed)
    if kind == "day_month":
        day = _day_month(match, rules, today)
        return None if day is None else _at(day, local.tzinfo)
    if kind == "day_of_month":
        day = _day_of_month(int(match.group("d")), today)
        return None if day is None else _at(day, local.tzinfo)
    if kind == "date":
        return _dateparser_due(match.group(0), local, [rules.language])
    day = _relative_day(kind, today)
    return None if day is None else _at(day, local.tzinfo)


def _relative_day(kind: str, today: date) -> date | None:
    monday = today - timedelta(days=today.weekday())
    if kind == "today":
        return today
    if kind == "tomorrow":
        return today + timedelta(days=1)
    if kind == "day_after_tomorrow":
        return today + timedelta(days=2)
    if kind == "this_week":
        friday = monday + timedelta(days=4)
        return friday if today.weekday() <= 4 else friday + timedelta(days=7)
    if kind == "next_week":
        return monday + timedelta(days=11)
    if kind == "start_next_week":
        return monday + timedelta(days=7)
    if kind == "end_of_month":
        first_next = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
        return first_next - timedelta(days=1)
    return None


def _year_of_next(month: int, today: date) -> int:
    """The year of the next such month: this one's while it lasts."""
    return today.year if month >= today.month else today.year + 1


def _end_of_named_month(month: int, today: date) -> date:
    year = _year_of_next(month, today)
    first_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def _day_month(match: re.Match[str], rules: Rules, today: date) -> date | None:
    groups = match.groupdict()
    month = rules.months.get((groups.get("mon") or "").lower()) or int(groups.get("mn") or 0)
    day, year = int(groups["d"]), groups.get("y")
    try:
        if year:
            return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
        found = date(today.year, month, day)
        return found if found >= today - LOOK_BACK else date(today.year + 1, month, day)
    except ValueError:  # 31 April, month 13, 29 February in a common year
        return None


def _day_of_month(day: int, today: date) -> date | None:
    year, month = today.year, today.month
    for _ in range(3):  # "the 31st" skips months that have no 31st
        try:
            found = date(year, month, day)
        except ValueError:
            found = None
        if found is not None and found >= today - LOOK_BACK:
            return found
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _resolve_weekday(words: str, rules: Rules, local: datetime) -> datetime | None:
    for weekday, pattern in enumerate(rules.weekdays):
        if pattern.search(words):
            ahead = (weekday - local.weekday()) % 7 or 7
            return _at(local.date() + timedelta(days=ahead), local.tzinfo)
    return None


MAX_COUNT = 1000  # "within 5000000 business days" is no deadline (and would count for seconds)


def _resolve_in_n(match: re.Match[str], rules: Rules, local: datetime, region: str | None,
                  closed: frozenset[date] = frozenset()) -> datetime | None:
    # A pattern that names no number ("within a week") leaves its group n empty: one.
    n = rules.number(match.group("n")) if match.group("n") else 1
    unit = rules.units.get(match.group("unit").lower())
    if n is None or unit is None or n > MAX_COUNT:
        return None
    if unit == "hour":
        # Elapsed hours, not wall-clock ones: 48 hours across a DST change is 47 or 49 on the clock.
        return (local.astimezone(dt_timezone.utc) + timedelta(hours=n)).astimezone(local.tzinfo)
    if unit == "business_day":
        return _at(add_business_days(local.date(), n, region, closed), local.tzinfo)
    days = {"day": n, "week": 7 * n, "fortnight": 14 * n, "month": 30 * n}[unit]
    return _at(local.date() + timedelta(days=days), local.tzinfo)


def _with_time_of_day(resolved: datetime, text: str, rules: Rules, local: datetime) -> datetime:
    # Only a day was resolved at 17:00; a stated clock time anywhere in the sentence wins.
    if rules.time is None or resolved.timetz().replace(tzinfo=None) != END_OF_BUSINESS:
        return resolved
    match = rules.time.search(text)
    if match is None:
        return resolved
    hour_text = _group(match, "h") or ""
    hour = int(hour_text) if hour_text.isdigit() else 12  # a word for the hour means noon
    minute = int(_group(match, "m") or 0)
    ampm = (_group(match, "ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return resolved
    return _at(resolved.date(), local.tzinfo, time(hour, minute))


def _group(match: re.Match[str], name: str) -> str | None:
    # A rule's time regex may offer alternatives; their groups are named h, h2, h3, ...
    groups = match.groupdict()
    for key in (name, f"{name}2", f"{name}3"):
        if groups.get(key):
            return groups[key]
    return None


def _dateparser_due(phrase: str, local: datetime, languages: Sequence[str]) -> datetime | None:
    from dateparser.date import DateDataParser  # ~70 ms to import: only when a date is read

    if len(phrase) > 60:  # dateparser is for phrases; whole paragraphs give false dates
        return None
    settings = {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": local.replace(tzinfo=None),
        "RETURN_TIME_AS_PERIOD": True,
    }
    try:
        parser = DateDataParser(languages=list(languages), settings=settings)
        data = parser.get_date_data(phrase)
    except (ValueError, TypeError, OverflowError):
        return None
    if data.date_obj is None:
        return None
    found = data.date_obj.replace(tzinfo=None)
    if data.period == "time":
        return datetime.combine(found.date(), found.time(), tzinfo=local.tzinfo)
    return _at(found.date(), local.tzinfo)
