"""Failure classes found on the eighteenth blind mail set (issue 13, round 18), each with its own sentences."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Madrid")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I'm writing to explain why the kitchen fitting slipped, and what we'll do about it."),
    ("en", "I'd like to explain what went wrong with the heating on Monday."),
    ("en", "Here is the written summary I promised, with what we are changing."),
    ("da", "Jeg vil gerne forklare, hvorfor køkkenet ikke blev færdigt, og hvad vi gør nu."),
    ("da", "Jeg skriver for at forklare, hvad der skete med varmen mandag."),
    ("nb", "Jeg vil gjerne forklare hvorfor kjøkkenet ikke ble ferdig, og hva vi gjør nå."),
    ("nb", "Jeg skriver for å forklare hva som skjedde med varmen mandag."),
    ("sv", "Jag vill gärna förklara varför köket inte blev klart, och vad vi gör nu."),
    ("sv", "Jag skriver för att förklara vad som hände med värmen i måndags."),
    ("ca", "Li escric per explicar-li per què la cuina no es va acabar, i què farem ara."),
    ("ca", "T'envio per escrit el resum del que vam parlar dilluns."),
    ("sk", "Chcem vám vysvetliť, prečo kuchyňa nebola hotová, a čo urobíme teraz."),
    ("sk", "Posielam vám sľúbené zhrnutie toho, čo sa stalo v pondelok."),
])
def test_announcing_what_this_letter_explains_is_not_a_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I'm writing to explain what happened, and I'll call you on Friday to go through it."),
    ("nb", "Jeg vil gjerne forklare hva som skjedde, og jeg ringer deg på fredag."),
])
def test_a_commitment_after_the_announcement_still_counts(language, text):
    (found,) = promises(text, language)
    assert AT.local_day(found) == "2026-11-20"
