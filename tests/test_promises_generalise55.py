"""Round 55 (issue 13, measured on the development sets after mail_blind132-135): a question
word after a bare "and" opens no predicate of our own ("… on Friday of what went wrong and how
we put it right" is one promise, not a second undated one); Slovak "prac. dní" is business
days written short, and English "excl." an abbreviation, so neither ends the sentence; a place
of ours open or working from one hour to another (sk, in every gender) or closed from one day
to another (ca) is a notice of its hours, not a promise due at the closing time."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Bratislava")  # Wednesday 18 November 2026


def test_a_question_after_and_is_part_of_the_promise_not_a_second_one():
    text = "We'll send a written summary on Friday of what went wrong and how we put it right."
    assert AT.due_days(text, "en") == ["2026-11-20"]


def test_a_second_predicate_after_and_still_counts_on_its_own():
    text = "We'll replace the cracked pane on Friday and repaint the whole frame free of charge."
    assert len(AT.promises(text, "en")) == 2


def test_slovak_business_days_written_short_give_the_due_date():
    assert AT.due_days("Tesnenie vymeníme do 8 prac. dní od dnešného dňa.", "sk") == ["2026-11-30"]


def test_an_english_excl_does_not_end_the_sentence():
    text = "We'll refund the full amount, excl. the delivery charge, by Friday."
    assert AT.due_days(text, "en") == ["2026-11-20"]


@pytest.mark.parametrize(("language", "text"), [
    ("sk", "Naša kancelária je otvorená od 8:00 do 16:00."),
    ("sk", "Náš obchod je otvorený v sobotu od 9:00 do 12:00."),
    ("sk", "Naša zákaznícka linka funguje od 7:00 do 15:30."),
    ("ca", "El nostre magatzem tanca del 24 al 26 de desembre."),
])
def test_our_hours_or_days_closed_are_a_notice_not_a_promise(language, text):
    assert AT.promises(text, language) == []


def test_a_repair_of_ours_within_hours_stays_a_promise():
    assert AT.due_days("Linku vám opravíme zajtra od 8:00 do 10:00.", "sk") == ["2026-11-19"]
