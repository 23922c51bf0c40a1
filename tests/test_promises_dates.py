"""Due-date tables: each language's date expressions resolved against one fixed message date.

The message was sent on Wednesday 18 November 2026 at 10:15 in Oslo. A row's expected value
is the local date (17:00 is the product's end of business), or a local date and time when the
expression states one. Dates without a year are the next such date on or after the sent day,
or up to three days before it ("the 16th" written on the 18th: the promise already fell due).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from followup.promises import parse_due

ZONE = "Europe/Oslo"
SENT = datetime(2026, 11, 18, 10, 15, tzinfo=ZoneInfo(ZONE))

TABLES: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("Friday the 27th", "2026-11-27"), ("within 2 bank days", "2026-11-20"), ("today", "2026-11-18"), ("by end of day", "2026-11-18"), ("tomorrow", "2026-11-19"),
        ("tomorrow afternoon", "2026-11-19"), ("the day after tomorrow", "2026-11-20"),
        ("Friday", "2026-11-20"), ("by Friday", "2026-11-20"), ("on Monday", "2026-11-23"),
        ("next Tuesday", "2026-11-24"), ("on Wednesday", "2026-11-25"), ("before Thursday", "2026-11-19"),
        ("on Saturday", "2026-11-21"), ("this Sunday", "2026-11-22"), ("15 March", "2027-03-15"),
        ("1 December", "2026-12-01"), ("3rd December", "2026-12-03"), ("the 5th of January", "2027-01-05"),
        ("December 3", "2026-12-03"), ("March 15th", "2027-03-15"), ("the 20th", "2026-11-20"),
        ("the 16th", "2026-11-16"), ("by the 5th", "2026-12-05"), ("24/11", "2026-11-24"),
        ("in 3 days", "2026-11-21"), ("within 5 business days", "2026-11-25"),
        ("within two working days", "2026-11-20"), ("within two weeks", "2026-12-02"),
        ("in a week", "2026-11-25"), ("by the end of this week", "2026-11-20"),
        ("end of next week", "2026-11-27"), ("next week", "2026-11-27"), ("early next week", "2026-11-23"),
        ("by the end of the month", "2026-11-30"), ("before the weekend", "2026-11-20"),
        ("first thing Monday", "2026-11-23"), ("by close of business Thursday", "2026-11-19"),
        ("COB Friday", "2026-11-20"), ("by 3 pm tomorrow", "2026-11-19T15:00"),
        ("at 10:30 on Friday", "2026-11-20T10:30"), ("by noon tomorrow", "2026-11-19T12:00"),
        ("within 48 hours", "2026-11-20T10:15"), ("1 December 2026", "2026-12-01"),
    ],
    "nb": [
        ("fredag 27.", "2026-11-27"), ("fredag 10.30", "2026-11-20"), ("innen tre bankdager", "2026-11-23"), ("i dag", "2026-11-18"), ("i løpet av dagen", "2026-11-18"), ("i morgen", "2026-11-19"),
        ("i morgen ettermiddag", "2026-11-19"), ("i overmorgen", "2026-11-20"), ("fredag", "2026-11-20"),
        ("innen fredag", "2026-11-20"), ("på mandag", "2026-11-23"), ("neste tirsdag", "2026-11-24"),
        ("på onsdag", "2026-11-25"), ("før torsdag", "2026-11-19"), ("på lørdag", "2026-11-21"),
        ("søndag", "2026-11-22"), ("15. mars", "2027-03-15"), ("1. desember", "2026-12-01"),
        ("den 3. desember", "2026-12-03"), ("5. januar", "2027-01-05"), ("den 20.", "2026-11-20"),
        ("den 16.", "2026-11-16"), ("innen den 5.", "2026-12-05"), ("24.11.", "2026-11-24"),
        ("om 3 dager", "2026-11-21"), ("innen 5 virkedager", "2026-11-25"),
        ("innen to arbeidsdager", "2026-11-20"), ("innen to uker", "2026-12-02"), ("om en uke", "2026-11-25"),
        ("innen utgangen av uken", "2026-11-20"), ("i løpet av uka", "2026-11-20"),
        ("slutten av neste uke", "2026-11-27"), ("neste uke", "2026-11-27"), ("tidlig neste uke", "2026-11-23"),
        ("innen utgangen av måneden", "2026-11-30"), ("før helgen", "2026-11-20"), ("før helga", "2026-11-20"),
        ("første ting mandag", "2026-11-23"), ("innen arbeidsdagens slutt torsdag", "2026-11-19"),
        ("i morgen kl. 15", "2026-11-19T15:00"), ("fredag kl. 10.30", "2026-11-20T10:30"),
        ("innen 48 timer", "2026-11-20T10:15"), ("1. desember 2026", "2026-12-01"),
    ],
    "da": [
        ("fredag 27.", "2026-11-27"), ("inden for to bankdage", "2026-11-20"), ("i dag", "2026-11-18"), ("i løbet af dagen", "2026-11-18"), ("i morgen", "2026-11-19"),
        ("i morgen eftermiddag", "2026-11-19"), ("i overmorgen", "2026-11-20"), ("fredag", "2026-11-20"),
        ("inden fredag", "2026-11-20"), ("på mandag", "2026-11-23"), ("næste tirsdag", "2026-11-24"),
        ("på onsdag", "2026-11-25"), ("senest torsdag", "2026-11-19"), ("på lørdag", "2026-11-21"),
        ("søndag", "2026-11-22"), ("15. marts", "2027-03-15"), ("1. december", "2026-12-01"),
        ("den 3. december", "2026-12-03"), ("senest den 19. september", "2027-09-19"),
        ("5. januar", "2027-01-05"), ("den 20.", "2026-11-20"), ("den 16.", "2026-11-16"),
        ("senest den 5.", "2026-12-05"), ("24.11.", "2026-11-24"), ("om 3 dage", "2026-11-21"),
        ("inden for 5 hverdage", "2026-11-25"), ("inden for to arbejdsdage", "2026-11-20"),
        ("inden for to uger", "2026-12-02"), ("om en uge", "2026-11-25"), ("inden udgangen af ugen", "2026-11-20"),
        ("i løbet af ugen", "2026-11-20"), ("slutningen af næste uge", "2026-11-27"), ("i næste uge", "2026-11-27"),
        ("først i næste uge", "2026-11-23"), ("inden udgangen af måneden", "2026-11-30"),
        ("inden weekenden", "2026-11-20"), ("før weekenden", "2026-11-20"),
        ("inden arbejdsdagens afslutning torsdag", "2026-11-19"), ("i morgen kl. 15", "2026-11-19T15:00"),
        ("fredag kl. 10.30", "2026-11-20T10:30"), ("inden for 48 timer", "2026-11-20T10:15"),
        ("1. december 2026", "2026-12-01"),
    ],
    "sv": [
        ("fredagen den 27", "2026-11-27"), ("inom två bankdagar", "2026-11-20"), ("i dag", "2026-11-18"), ("under dagen", "2026-11-18"), ("i morgon", "2026-11-19"),
        ("imorgon eftermiddag", "2026-11-19"), ("i övermorgon", "2026-11-20"), ("fredag", "2026-11-20"),
        ("senast fredag", "2026-11-20"), ("på måndag", "2026-11-23"), ("nästa tisdag", "2026-11-24"),
        ("på onsdag", "2026-11-25"), ("före torsdag", "2026-11-19"), ("på lördag", "2026-11-21"),
        ("söndag", "2026-11-22"), ("den 15 mars", "2027-03-15"), ("senast den 15 mars", "2027-03-15"),
        ("den 20 oktober", "2027-10-20"), ("1 december", "2026-12-01"), ("den 3:e december", "2026-12-03"),
        ("5 januari", "2027-01-05"), ("den 20:e", "2026-11-20"), ("den 16:e", "2026-11-16"),
        ("senast den 5:e", "2026-12-05"), ("24/11", "2026-11-24"), ("om 3 dagar", "2026-11-21"),
        ("inom 5 arbetsdagar", "2026-11-25"), ("inom två vardagar", "2026-11-20"), ("inom två veckor", "2026-12-02"),
        ("om en vecka", "2026-11-25"), ("i slutet av veckan", "2026-11-20"), ("under veckan", "2026-11-20"),
        ("i slutet av nästa vecka", "2026-11-27"), ("nästa vecka", "2026-11-27"),
        ("i början av nästa vecka", "2026-11-23"), ("i slutet av månaden", "2026-11-30"),
        ("före helgen", "2026-11-20"), ("innan helgen", "2026-11-20"), ("i morgon kl. 15", "2026-11-19T15:00"),
        ("fredag kl. 10.30", "2026-11-20T10:30"), ("inom 48 timmar", "2026-11-20T10:15"),
        ("1 december 2026", "2026-12-01"),
    ],
    "ca": [
        ("el divendres 27 a les 9", "2026-11-27T09:00"), ("avui", "2026-11-18"), ("avui mateix", "2026-11-18"), ("demà", "2026-11-19"),
        ("demà a la tarda", "2026-11-19"), ("demà passat", "2026-11-20"), ("divendres", "2026-11-20"),
        ("abans de divendres", "2026-11-20"), ("el dilluns", "2026-11-23"), ("dimarts que ve", "2026-11-24"),
        ("dimecres", "2026-11-25"), ("com a molt tard dijous", "2026-11-19"), ("dissabte", "2026-11-21"),
        ("diumenge", "2026-11-22"), ("el 15 de març", "2027-03-15"), ("1 de desembre", "2026-12-01"),
        ("el dia 3 de desembre", "2026-12-03"), ("5 de gener", "2027-01-05"), ("el 20 d'octubre", "2027-10-20"),
        ("el dia 20", "2026-11-20"), ("el dia 16", "2026-11-16"), ("abans del dia 5", "2026-12-05"),
        ("24/11", "2026-11-24"), ("d'aquí a 3 dies", "2026-11-21"), ("en 5 dies laborables", "2026-11-25"),
        ("en dos dies hàbils", "2026-11-20"), ("en dues setmanes", "2026-12-02"), ("en una setmana", "2026-11-25"),
        ("a finals de setmana", "2026-11-20"), ("aquesta setmana", "2026-11-20"),
        ("a finals de la setmana que ve", "2026-11-27"), ("la setmana que ve", "2026-11-27"),
        ("a principis de la setmana que ve", "2026-11-23"), ("a finals de mes", "2026-11-30"),
        ("abans del cap de setmana", "2026-11-20"), ("dilluns a primera hora", "2026-11-23"),
        ("demà a les 15:00", "2026-11-19T15:00"), ("divendres a les 10:30", "2026-11-20T10:30"),
        ("en 48 hores", "2026-11-20T10:15"), ("1 de desembre de 2026", "2026-12-01"),
        ("dijous abans de plegar", "2026-11-19"),
    ],
    "sk": [
        ("v piatok 27.", "2026-11-27"), ("v piatok 8.30", "2026-11-20"), ("koncom týždňa", "2026-11-20"), ("koncom budúceho týždňa", "2026-11-27"), ("dnes", "2026-11-18"), ("ešte dnes", "2026-11-18"), ("zajtra", "2026-11-19"),
        ("zajtra poobede", "2026-11-19"), ("pozajtra", "2026-11-20"), ("v piatok", "2026-11-20"),
        ("do piatku", "2026-11-20"), ("v pondelok", "2026-11-23"), ("budúci utorok", "2026-11-24"),
        ("v stredu", "2026-11-25"), ("najneskôr vo štvrtok", "2026-11-19"), ("v sobotu", "2026-11-21"),
        ("v nedeľu", "2026-11-22"), ("15. marca", "2027-03-15"), ("1. decembra", "2026-12-01"),
        ("do 3. decembra", "2026-12-03"), ("5. januára", "2027-01-05"), ("dňa 20.", "2026-11-20"),
        ("dňa 16.", "2026-11-16"), ("do 5.", "2026-12-05"), ("24. 11.", "2026-11-24"),
        ("o 3 dni", "2026-11-21"), ("do 5 pracovných dní", "2026-11-25"), ("do dvoch pracovných dní", "2026-11-20"),
        ("do dvoch týždňov", "2026-12-02"), ("o týždeň", "2026-11-25"), ("do konca týždňa", "2026-11-20"),
        ("tento týždeň", "2026-11-20"), ("do konca budúceho týždňa", "2026-11-27"), ("budúci týždeň", "2026-11-27"),
        ("začiatkom budúceho týždňa", "2026-11-23"), ("do konca mesiaca", "2026-11-30"),
        ("pred víkendom", "2026-11-20"), ("v pondelok hneď ráno", "2026-11-23"),
        ("do konca pracovného dňa vo štvrtok", "2026-11-19"), ("zajtra o 15:00", "2026-11-19T15:00"),
        ("v piatok o 10:30", "2026-11-20T10:30"), ("do 48 hodín", "2026-11-20T10:15"),
        ("1. decembra 2026", "2026-12-01"), ("v priebehu týždňa", "2026-11-20"),
        ("do týždňa", "2026-11-25"), ("do jedného mesiaca", "2026-12-18"),
    ],
}


def _rows():
    for language, table in TABLES.items():
        for phrase, expected in table:
            yield pytest.param(language, phrase, expected, id=f"{language}:{phrase}")


@pytest.mark.parametrize("language", sorted(TABLES))
def test_each_language_has_at_least_40_date_expressions(language):
    assert len(TABLES[language]) >= 40


@pytest.mark.parametrize(("language", "phrase", "expected"), _rows())
def test_date_expression_resolves_to_the_expected_local_date(language, phrase, expected):
    due = parse_due(phrase, relative_to=SENT, timezone=ZONE, languages=[language])
    assert due is not None, f"{phrase!r} gave no due date"
    local = due.astimezone(ZoneInfo(ZONE))
    if "T" in expected:
        assert local.strftime("%Y-%m-%dT%H:%M") == expected
    else:
        assert local.date().isoformat() == expected


def test_the_due_text_is_the_date_words_without_the_sentence_full_stop():
    from followup.promises import extract_promises

    (found,) = extract_promises("Vi skickar fakturan senast den 15 mars.", sent_at=SENT, timezone=ZONE, locale_hint="sv")
    assert found.due_text == "den 15 mars"
