"""Round 41 (issue 13): a date the wrap cut stays in its sentence, in a bullet item ("on 22\\nAugust.")
and after a weekday cut short ("innen fre.\\n11. nov."), so the promise is quoted whole."""

from __future__ import annotations

import pytest

from followup.promises.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [" ".join(text[start:end].split()) for start, end in split_sentences(text)]


@pytest.mark.parametrize(("text", "whole"), [
    ("To put it right:\n\n- Our surveyor will inspect the roof on 14\nMarch.\n- The fee is waived.\n",
     "Our surveyor will inspect the roof on 14 March."),
    ("Plan:\n- Vi monterer den nye døren 3\noktober.\n- Regningen faller bort.\n", "Vi monterer den nye døren 3 oktober."),
    ("- Hotovo bude do 9\nmája.\n- Dopravu neplatíte.\n", "Hotovo bude do 9 mája."),
])
def test_a_month_on_the_next_line_of_a_bullet_item_belongs_to_its_day(text, whole):
    assert whole in sentences(text)


def test_a_capital_that_is_no_month_still_ends_a_bullet_item():
    assert sentences("- The van comes at 9\nMay we ask you to be in?") == ["The van comes at 9", "May we ask you to be in?"]


@pytest.mark.parametrize(("text", "whole"), [
    ("Vi sender den rettede oppgaven innen fre.\n12. des. Beklager igjen.", "Vi sender den rettede oppgaven innen fre. 12. des."),
    ("Vi leverer skabet tors.\n4. juni. Mvh Ole", "Vi leverer skabet tors. 4. juni."),
])
def test_a_day_number_after_a_weekday_cut_short_is_no_list_item(text, whole):
    assert sentences(text)[0] == whole


@pytest.mark.parametrize("text", ["Plan:\n- Montøren kommer torsdag kl. 14\nJan\n", "- We'll call you back after 3\nJune",
                                  "- Vi sender fakturaen for leilighet 12\nMai"])
def test_a_month_alone_on_the_last_line_is_no_part_of_the_date(text):
    assert len(sentences(text)) >= 2 and sentences(text)[-1] in ("Jan", "June", "Mai")
