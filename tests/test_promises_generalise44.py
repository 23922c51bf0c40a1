"""Round 44 (issue 13, mail_blind88-91 as development sets): a perfect of ours with a deadline
still ahead says when it will be done ("Vi har rättat felen innan helgen"), and is a promise
dated by that deadline; a business reported as saying what will happen, in the plural or with
the Scandinavian "siger/sier/säger" and no "that", speaks for itself; hoping and luck are
hedges in English, as an object before the Slovak "pokúsime" is; an English regular past
opening the clause reports."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Copenhagen")
promises = AT.promises


@pytest.mark.parametrize(("language", "text", "day"), [
    ("da", "Jeg har opdateret alle jeres tre printere inden fredag.", "2026-11-20"),
    ("da", "Vi har lagerlisten rettet inden kl. 15 i morgen.", "2026-11-19"),
    ("nb", "Vi har flyttet alle kontoene til den nye serveren innen utgangen av uka.", "2026-11-20"),
    ("nb", "Jeg har sjekket alle de tolv fakturaene innen torsdag.", "2026-11-19"),
    ("sv", "Vi har bytt ut alla trasiga kort innan helgen.", "2026-11-20"),
    ("sv", "Jag har gått igenom hela medlemsregistret senast på fredag.", "2026-11-20"),
])
def test_a_perfect_with_a_deadline_ahead_is_a_dated_promise(language, text, day):
    assert AT.due_days(text, language) == [day]


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi har allerede rettet fejlen inden fredag."),
    ("da", "Jeg har ringet til leverandøren inden kl. 10 i morges."),
    ("da", "Vi har lovet at levere inden fredag."),
    ("nb", "Vi har sendt fakturaen innen fristen."),
    ("sv", "Vi har skickat fakturan innan helgen, som du bad om igår."),
    ("sv", "Jag har bokat om tiden före jul."),
])
def test_a_perfect_already_done_or_without_a_deadline_reports(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Northern Grid say the cable will be repaired by Thursday."),
    ("en", "The vendors tell us a patch will be out within three days."),
    ("da", "posten siger den nye router er afsendt i dag."),
    ("nb", "Telenor sier de kommer og bytter boksen på fredag."),
    ("sv", "Leverantören säger den nya skrivaren kommer på torsdag."),
])
def test_a_business_saying_what_will_happen_is_a_third_party(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Needless to say, we will refund the whole fee by Friday."),
    ("en", "What I can say is this: we will refund the whole fee by Friday."),
    ("en", "they say the part lands thursday, we'll have it fitted by friday."),
    ("sv", "Anna skriver den nya rapporten färdig på fredag."),
])
def test_saying_does_not_hide_our_own_commitment(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I'm hoping the spring catalogue will be printed by Friday."),
    ("en", "With luck the van will be back with you on Tuesday."),
    ("en", "We're hoping the new tablets arrive on Monday."),
    ("sk", "Do piatkového čísla sa ho pokúsime zaradiť."),
])
def test_hoping_luck_and_trying_are_hedges(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I refunded the second payment at our end this morning."),
    ("en", "Unfortunately we overbooked the kennel on Saturday."),
])
def test_a_regular_past_of_ours_opening_the_clause_reports(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The price we quoted will not change."),
    ("en", "The fee we agreed stays exactly as it is, and we'll send the new contract on Friday."),
])
def test_a_past_naming_the_thing_leaves_the_commitment(language, text):
    assert promises(text, language)
