"""Round 56 (issue 13, classes from the false finds of mail_blind136-139, measured on the
development sets): a perfect of ours with a participle the rules did not know ("Vi har meldt
skaden …", "Jeg har allerede lagt igjen en sekk …") and a thing's perfect passive ("It's been
added back on this morning") report what is done, even with "today" in them; a tradesman of
another town ("Elektrikeren i Otta kommer på tirsdag") acts for his own firm, as one "fra"
another firm did; in Swedish, what the client may not do ("Tills dess får du inte dra vagnen")
and a payment asked with the verb first ("Betala anmälningsavgiften …") are requests, while a
charge waived with "inte" ("Ni får inte någon faktura") still binds us."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Stockholm")  # Wednesday 18 November 2026


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi har meldt skaden til vores forsikring i dag."),
    ("da", "Vi har lagt en ny nøgle i postkassen i dag."),
    ("nb", "Jeg har allerede lagt igjen en sekk hos Joker Sjusjøen som dere kan hente i kveld."),
    ("nb", "Vi har kjøpt inn nye slanger i dag."),
    ("en", "It's been added back on this morning and tested with the spare."),
    ("en", "They've been repacked today and checked twice."),
])
def test_what_is_already_done_today_is_a_report(language, text):
    assert AT.promises(text, language) == []


@pytest.mark.parametrize(("language", "text", "due"), [
    ("da", "Vi har det hele klar til dig på fredag.", "2026-11-20"),
    ("nb", "Vi har godt håp, og vi sender deg svaret fredag.", "2026-11-20"),
    ("en", "It's been booked for Friday and we'll confirm it by text.", "2026-11-20"),
])
def test_a_present_or_future_beside_a_perfect_still_promises(language, text, due):
    assert AT.due_days(text, language)[-1:] == [due]


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Elektrikeren i Otta kommer på tirsdag med ny kabel."),
    ("nb", "Rørleggeren i Otta kommer torsdag morgen."),
    ("da", "Elektrikeren i Skive kommer tirsdag."),
    ("sv", "Elektrikern i Mora kommer på tisdag."),
])
def test_a_tradesman_of_another_town_is_a_third_party(language, text):
    assert AT.promises(text, language) == []


@pytest.mark.parametrize(("language", "text", "due"), [
    ("nb", "Montøren vår i Bergen kommer på tirsdag.", "2026-11-24"),
    ("da", "Vores elektriker kommer tirsdag.", "2026-11-24"),
])
def test_our_own_tradesman_still_promises(language, text, due):
    assert AT.due_days(text, language) == [due]


@pytest.mark.parametrize("text", [
    "Tills dess får du inte dra vagnen med ditt B-körkort.",
    "Betala anmälningsavgiften på 500 kronor via Swish senast fredag.",
])
def test_what_a_swedish_client_may_not_do_or_must_pay_is_asked_of_them(text):
    assert AT.promises(text, "sv") == []


@pytest.mark.parametrize("text", [
    "Ni får inte någon faktura för besöket.",
    "Du får inte betala något extra.",
])
def test_a_swedish_charge_waived_with_inte_still_binds_us(text):
    assert len(AT.promises(text, "sv")) == 1
