"""Round 52 (issue 13, after mail_blind120-123's first runs): due dates and sentences the wrap or
a short form broke. More numbers written as words count (to 48, with gaps) ("do siedmich
pracovných dní", "inom åtta arbetsdagar"); a Slovak weekday may be shortened ("v pon."); a cadence
that starts "from January" starts on its first slot in January; a bullet item wrapped before a
capital ("… performance by\\nFriday") stays one item while the list goes on; a wrapped line that
starts with "10." after "kl." is no numbered item when no item 9 came before it."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Oslo")  # Wednesday 18 November 2026


@pytest.mark.parametrize(("language", "text", "due"), [
    ("sk", "Opravený plán vám pošleme do siedmich pracovných dní.", "2026-11-27"),
    ("sk", "Peniaze vám vrátime do štrnástich dní.", "2026-12-02"),
    ("en", "We will refund you within eight working days.", "2026-11-30"),
    ("da", "Vi sender svaret inden for otte hverdage.", "2026-11-30"),
    ("nb", "Vi betaler tilbake innen åtte virkedager.", "2026-11-30"),
    ("sv", "Vi betalar tillbaka inom åtta arbetsdagar.", "2026-11-30"),
    ("ca", "Us retornarem els diners en vuit dies hàbils.", "2026-11-30"),
    ("en", "We'll have the report with you within twelve days.", "2026-11-30"),
])
def test_numbers_written_as_words_count_beyond_ten(language, text, due):
    assert AT.due_days(text, language) == [due]


def test_catalan_nou_is_new_not_nine():
    (found,) = AT.promises("Us enviarem un informe cada nou mes.", "ca")
    assert found.cadence is None or found.cadence.every != 9


def test_a_shortened_slovak_weekday_needs_its_preposition():
    assert AT.due_days("Faktúru vám pošleme hneď po št. sviatku.", "sk") == [None]


@pytest.mark.parametrize(("text", "due"), [
    ("Zavoláme vám v pon. cca o 9:00.", "2026-11-23"),
    ("Technik príde vo št. ráno.", "2026-11-19"),
    ("Faktúru vám pošleme v pi. do obeda.", "2026-11-20"),
])
def test_a_shortened_slovak_weekday_is_a_due_day(text, due):
    assert AT.due_days(text, "sk") == [due]


@pytest.mark.parametrize(("language", "text", "due"), [
    ("nb", "Fra og med januar sender vi skolene en bekreftelse hver mandag.", "2027-01-04"),
    ("sv", "Från och med januari visar vi föreläsningarna igen varje onsdag.", "2027-01-06"),
    ("en", "From February we'll e-mail your invoice every Monday.", "2027-02-01"),
    ("sk", "Od januára vám budeme posielať výpis každý pondelok.", "2027-01-04"),
    ("da", "Fra januar sender vi dig en status hver fredag.", "2027-01-01"),
    ("ca", "A partir de gener us enviarem un resum cada dilluns.", "2027-01-04"),
])
def test_a_cadence_from_a_month_is_due_at_its_first_slot_in_that_month(language, text, due):
    assert AT.due_days(text, language) == [due]


def test_a_cadence_from_the_month_it_is_written_in_keeps_its_own_first_slot():
    (found,) = AT.promises("Fra november sender vi deg en oppdatering hver fredag.", "nb")
    assert found.due_at is None and found.cadence is not None and found.cadence.weekdays == (4,)


def test_a_bullet_item_wrapped_before_a_capital_stays_one_item_while_the_list_goes_on():
    text = ("Here is what we're doing:\n\n- we will refund the two tickets in full\n"
            "- you'll have two free tickets for a captioned performance by\nFriday\n"
            "- the spare tablet stays backstage from now on\n")
    quotes = [" ".join(found.quote.split()) for found in AT.promises(text, "en")]
    assert "you'll have two free tickets for a captioned performance by Friday" in quotes
    assert AT.due_days(text, "en")[1] == "2026-11-20"


def test_a_bullet_item_without_a_full_stop_still_ends_before_the_text_after_the_list():
    text = "Slik løser vi det:\n\n- vi refunderer billettene\nHar du spørsmål, ring oss.\n"
    assert [" ".join(found.quote.split()) for found in AT.promises(text, "nb")] == ["vi refunderer billettene"]


def test_a_clock_time_the_wrap_cut_is_no_numbered_item():
    text = "Vores synsmand Erling syner bilen onsdag i næste uge kl.\n10. Synet tager en halv time."
    (found,) = AT.promises(text, "da")
    assert AT.local_time(found) == "2026-11-25T10:00"


def test_a_numbered_list_still_splits_at_each_item():
    text = "Det gør vi:\n1. Vi sender en ny faktura i dag.\n2. Vi ringer til dig fredag."
    assert AT.due_days(text, "da") == ["2026-11-18", "2026-11-20"]


def test_a_numbered_list_opened_on_the_lead_in_line_still_splits_at_item_2():
    text = "Det gør vi: 1. Vi sender en ny faktura i dag.\n2. Vi ringer til dig fredag."
    assert [" ".join(found.quote.split()) for found in AT.promises(text, "da")] == [
        "Vi sender en ny faktura i dag.", "Vi ringer til dig fredag."]


@pytest.mark.parametrize(("language", "text", "due"), [
    ("sk", "Vo štvrtok 19. novembra je sviatok a linka nefunguje, preto ti v piatok zavoláme.", "2026-11-20"),
    ("ca", "El nostre tècnic és de vacances fins dijous, per això li enviarem el pressupost divendres.", "2026-11-20"),
])
def test_a_therefore_clause_is_read_and_dated_on_its_own(language, text, due):
    assert AT.due_days(text, language) == [due]


def test_a_number_after_a_wrapped_clock_word_without_a_stop_still_ends_a_lower_case_line():
    text = "the engraved urn ill bring round thursday after\n5. the lid might need another coat of varnish"
    assert [" ".join(found.quote.split()) for found in AT.promises(text, "en")] == [
        "the engraved urn ill bring round thursday after"]
