"""Who acts (issue 13, third round): the actor a clause is read with, per language.

Each class has its own sentences, written for these tests (none copied from the
evaluation sets): an agentless passive of an act of ours, a receipt the client gets from
us, a passive whose named agent is someone else, and a title or abbreviation in front of
the person who acts.
"""

from __future__ import annotations

import pytest

from followup.promises.reading import CLIENT, THIRD_PARTY, WE, read
from followup.promises.rules import rules_for
from written import Written

AT = Written("Europe/Oslo")
promises, local_due = AT.promises, AT.local_day


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The delivery charge for November will be refunded to your card."),
    ("nb", "Gebyret for november blir refundert til kortet ditt."),
    ("nb", "Den doble betalingen tilbakebetales i sin helhet."),
    ("da", "Gebyret for november bliver krediteret på jeres konto."),
    ("da", "Det dobbelte beløb tilbagebetales med det samme."),
    ("sv", "Avgiften för november återbetalas till ditt kort."),
    ("sv", "Den felaktiga raden dras av på decemberfakturan."),
    ("ca", "L'import de la quota de novembre us serà retornat al compte."),
    ("ca", "S'abonarà la diferència a la propera factura."),
    ("sk", "Poplatok za november vám bude vrátený na kartu."),
])
def test_an_agentless_passive_of_our_act_is_our_undated_promise(language, text):
    [found] = promises(text, language)
    assert (found.quote, found.due_at) == (text, None)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The invoice will be corrected by Friday."),
    ("nb", "Fakturaen blir rettet innen fredag."),
    ("da", "Fakturaen bliver rettet inden fredag."),
    ("sv", "Fakturan korrigeras senast på fredag."),
    ("ca", "La factura serà corregida abans de divendres."),
    ("sk", "Faktúra bude opravená do piatku."),
])
def test_a_dated_passive_of_our_act_is_due_that_day(language, text):
    [found] = promises(text, language)
    assert local_due(found) == "2026-11-20"


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The replacement modem will be sent by Parcelforce."),
    ("nb", "Kortene sendes av Posten som vanlig brev."),
    ("da", "Terminalerne leveres af Verifone, som også står for supporten."),
    ("sv", "Dekalerna trycks av Tryckhuset i Borås."),
    ("ca", "Els rebuts seran enviats per Correus la setmana vinent."),
])
def test_a_passive_whose_named_agent_is_someone_else_is_a_third_party(language, text):
    assert read(text, rules_for(language)).actor == THIRD_PARTY
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The parts will be delivered by Monday."),
    ("en", "The parts will be delivered by December 2."),
])
def test_by_a_day_after_a_passive_is_a_deadline_not_an_agent(language, text):
    assert read(text, rules_for(language)).actor == WE


@pytest.mark.parametrize(("language", "text"), [
    ("en", "You'll have the new keys by Friday."),
    ("nb", "Dere har de nye nøklene innen fredag."),
    ("da", "I har de nye nøgler senest fredag."),
    ("sv", "Ni har de nya nycklarna senast fredag."),
    ("ca", "Tindreu les claus noves divendres."),
    ("sk", "Nové kľúče budete mať v piatok."),
])
def test_a_receipt_the_client_gets_from_us_by_a_date_is_our_promise(language, text):
    [found] = promises(text, language)
    assert local_due(found) == "2026-11-20"


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Dere har frist til fredag med å sende skjemaet."),
    ("da", "Du har allerede betalt for fredagens levering."),
    ("sv", "Ni har fått nycklarna i fredags."),
])
def test_what_the_client_has_already_or_must_do_is_no_receipt(language, text):
    assert promises(text, language) == []


def test_a_receipt_without_a_date_commits_nothing():
    assert promises("Du har de nye nøglerne.", "da") == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Capt. Moreno will bring the signed logbook on Friday."),
    ("nb", "Iflg. planen kommer elektrikeren vår på fredag."),
    ("sv", "Dr. Lindqvist håller föreläsningen på fredag."),
    ("sk", "Prednášku povedie PharmDr. Bielik v piatok."),
    ("ca", "La Dra. Puig us trucarà divendres."),
])
def test_a_title_or_abbreviation_before_the_actor_neither_splits_nor_hides_the_promise(language, text):
    [found] = promises(text, language)
    assert (found.quote, local_due(found)) == (text, "2026-11-20")


def test_the_greeted_client_acting_is_read_as_the_client():
    text = "Hei Kari,\nKari sender oss skjemaet på fredag."
    assert read("Kari sender oss skjemaet på fredag.", rules_for("nb"), "Kari").actor == CLIENT
    assert promises(text, "nb") == []


@pytest.mark.parametrize(("language", "text", "second"), [
    ("en", "We will reprint the menus tonight and Oskar will bring them on Friday.", "Oskar will bring them on Friday."),
    ("nb", "Vi trykker menyene i kveld og Oskar kommer med dem på fredag.", "Oskar kommer med dem på fredag."),
    ("da", "Vi trykker menuerne i aften og Oskar kommer med dem på fredag.", "Oskar kommer med dem på fredag."),
    ("sv", "Vi trycker menyerna i kväll och Oskar kommer med dem på fredag.", "Oskar kommer med dem på fredag."),
    ("sk", "Menu vytlačíme dnes večer a Oskar vám ich prinesie v piatok.", "Oskar vám ich prinesie v piatok."),
])
def test_a_colleague_after_a_bare_and_is_a_second_promise(language, text, second):
    first, then = promises(text, language)
    # The second clause is quoted from the start of its sentence.
    assert (then.quote.endswith(second), local_due(then)) == (True, "2026-11-20")


def test_a_pronoun_after_a_bare_and_stays_in_the_same_clause():
    # "Dave and I will…" is one subject; "…, let us know and we will…" stays under its condition.
    assert len(promises("Tom and I will be back on Friday to fit the doors.", "en")) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We have fixed the booking and will cater for forty on Friday."),
    ("nb", "Vi har rettet bestillingen og skal lage mat til førti på fredag."),
    ("da", "Vi har rettet bestillingen og vil lave mad til fyrre på fredag."),
    ("sv", "Vi har rättat bokningen och ska laga mat till fyrtio på fredag."),
])
def test_a_report_joined_to_a_commitment_of_the_same_subject_is_a_promise(language, text):
    [found] = promises(text, language)
    assert local_due(found) == "2026-11-20"


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Sykepleieren Lind, som blant annet har ansvar for vaksinene, ringer deg på fredag."),
    ("da", "Sygeplejersken Lind, som blandt andet har ansvar for vaccinerne, ringer dig på fredag."),
    ("sv", "Sjuksköterskan Lind, som har hand om vaccinationerna, ringer dig på fredag."),
    ("sv", "Sjuksköterskan Lind, som bl.a. har hand om vaccinationerna, ringer dig på fredag."),
])
def test_an_apposition_between_a_colleague_and_the_verb_does_not_hide_the_promise(language, text):
    [found] = promises(text, language)
    assert (found.quote, local_due(found)) == (text, "2026-11-20")


def test_an_apposition_still_says_the_actor_is_ours():
    [found] = promises("Maja, from our support team, will check every link herself.", "en")
    assert found.due_at is None


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Vi setter opp avtalen, og sender den til deg innen fredag."),
    ("da", "Vi udarbejder aftalen, og sender den til dig inden fredag."),
    ("sv", "Vi upprättar avtalet, och skickar det till dig senast fredag."),
])
def test_a_verb_after_comma_and_shares_the_subject_and_stays_one_promise(language, text):
    [found] = promises(text, language)
    assert (found.quote, local_due(found)) == (text, "2026-11-20")


def test_a_new_subject_after_comma_and_is_still_a_clause_of_its_own():
    assert len(promises("Vi setter opp avtalen i dag, og Kari sender den til deg innen fredag.", "nb")) == 2


@pytest.mark.parametrize("text", [
    "Lucia s vami dohodne termín do piatku.",
    "Technička Lucia z našej pobočky potvrdí termín do piatku.",
])
def test_a_slovak_colleague_with_a_pronoun_or_our_team_in_between_commits_by_a_date(text):
    [found] = promises(text, "sk")
    assert local_due(found) == "2026-11-20"
