"""Failure classes found on realistic mail (issue 13, second round), each with its own sentences.

A class is a kind of error (a date form, who acts, a modality), not a sentence: every test
here uses sentences written for it, none copied from the evaluation sets.
"""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Bratislava")
promises, local_due = AT.promises, AT.local_time


@pytest.mark.parametrize(("language", "text", "due"), [
    ("da", "Vi monterer skabene senest tirsdag den 4. maj.", "2027-05-04T17:00"),
    ("nb", "Vi leverer møblene senest mandag 1. mars.", "2027-03-01T17:00"),
    ("sv", "Vi skickar avtalet senast torsdagen den 3 juni.", "2027-06-03T17:00"),
    ("sk", "Inštaláciu urobíme najneskôr v piatok 4. júna.", "2027-06-04T17:00"),
])
def test_a_named_date_beats_the_weekday_beside_it(language, text, due):
    [found] = promises(text, language)
    assert local_due(found) == due


@pytest.mark.parametrize(("text", "due"), [
    ("Servis urobíme v piatok 27. novembra o 8.30.", "2026-11-27T08:30"),
    ("Opravu dokončíme zajtra do 15.00.", "2026-11-19T15:00"),
    ("Technik príde v pondelok od 7.45 a skončí do obeda.", "2026-11-23T07:45"),
])
def test_a_slovak_clock_time_with_a_full_stop_sets_the_hour(text, due):
    [found] = promises(text, "sk")
    assert local_due(found) == due


def test_a_slovak_day_and_month_with_full_stops_is_not_read_as_a_clock_time():
    [found] = promises("Zmluvu vám pošleme do 15.12.", "sk")
    assert local_due(found) == "2026-12-15T17:00"


@pytest.mark.parametrize(("language", "text", "quote", "due"), [
    ("en", "If the figures look right, we start printing at once – I'll send the proofs on Friday.",
     "I'll send the proofs on Friday.", "2026-11-20T17:00"),
    ("nb", "Hvis noe er uklart, er det bare å ringe – jeg sender deg oppsummeringen i morgen.",
     "jeg sender deg oppsummeringen i morgen.", "2026-11-19T17:00"),
    ("ca", "Si teniu cap dubte, truqueu-nos – us enviarem el pressupost dilluns.",
     "us enviarem el pressupost dilluns.", "2026-11-23T17:00"),
])
def test_a_condition_before_a_dash_binds_only_its_own_clause(language, text, quote, due):
    [found] = promises(text, language)
    assert (found.quote.endswith(quote), local_due(found)) == (True, due)



@pytest.mark.parametrize(("language", "text"), [
    ("en", "If the part turns out to be faulty, write to us – then our technician will replace it on Monday."),
    ("da", "Hvis pakken ikke er kommet, så skriv til os – så sender vores lager en ny på mandag."),
    ("sv", "Om koden inte fungerar, svara på detta mejl – så ringer vår tekniker dig på måndag."),
])
def test_a_consequent_after_the_dash_stays_under_its_condition(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We will book the flights once the venue sends the final dates."),
    ("da", "Når vi har fået tegningerne, bestiller vi materialerne inden for en uge."),
    ("nb", "Når fullmakten foreligger, sender vi søknaden innen tre dager."),
    ("sv", "Avtalet skickar vi när vi fått era underlag."),
    ("ca", "La reparació la farem un cop l'assegurança aprovi el sinistre."),
    ("sk", "Objednávku odošleme hneď, ako nám banka potvrdí úver."),
])
def test_a_commitment_waiting_on_someone_elses_event_is_conditional(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The report we will have ready on Friday, once our team is back from the site."),
    ("da", "Jeg ringer dig i morgen, når jeg har talt med vores montør."),
])
def test_a_commitment_waiting_on_our_own_side_still_stands(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Bytte av pumpen dekkes av garantien."),
    ("da", "I skal naturligvis ikke betale for den ekstra kørsel."),
    ("sv", "Den extra resan debiteras inte."),
    ("sv", "Ändringen kostar er förstås ingenting."),
    ("nb", "Dere får 15 % rabatt på neste bestilling."),
    ("sk", "Zmluvu Vám ukončíme bez sankcií."),
    ("en", "The new hinge is covered by the warranty."),
])
def test_a_cost_waived_for_the_client_is_our_promise(language, text):
    [found] = promises(text, language)
    assert found.due_at is None


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi har sendt sagen til fabrikken, som vurderer, om skaden er dækket af garantien."),
    ("sv", "Tillverkaren avgör om felet täcks av garantin."),
])
def test_whether_a_warranty_covers_it_is_not_a_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Vi bekrefter bestillingen av bord til åtte personer lørdag 5. desember."),
    ("ca", "Us confirmem la reserva del local per al 12 de desembre."),
    ("sk", "Dobrý deň, potvrdzujeme Vám rezerváciu sály na piatok 4. decembra."),
    ("da", "Vi skriver angående jeres ansøgning om parkeringstilladelse fra 1. december."),
])
def test_confirming_what_is_already_agreed_is_not_a_new_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Jeg bekrefter ny monteringsdato innen fredag."),
    ("sv", "Jag bekräftar tiden för besöket senast i morgon."),
])
def test_a_confirmation_promised_by_a_deadline_is_a_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi kan komme onsdag eller torsdag, alt efter hvad der passer jer."),
    ("nb", "Vi har følgende tider ledige: tirsdag 24. november og fredag 27. november."),
    ("ca", "Tenim disponibilitat el 2 o el 9 de desembre al matí."),
    ("ca", "Podem fer la visita dilluns o dimarts, com us vingui millor."),
])
def test_availability_left_to_the_client_is_an_offer(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Mødelokalet har vi booket til den 3. december."),
    ("nb", "Vi har holdt av tolv plasser på kurset 9. desember."),
    ("sv", "Vi har reserverat konferensrummet till den 2 december."),
])
def test_a_booking_already_made_is_a_report(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi bygger en ny kundeportal, som forventes klar til foråret."),
    ("nb", "Vi regner med at monteringen tar to dager i uke 50."),
    ("sv", "Vi bedömer att ärendet kan avgöras före jul."),
])
def test_an_expectation_or_judgement_is_a_hedge(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Vi gjør oppmerksom på at prisene endres fra 1. januar."),
    ("sv", "Vi vill påminna om att kontoret håller stängt den 24 december."),
    ("ca", "Us recordem que el termini de devolució acaba el 15 de gener."),
    ("da", "Vi vil gerne minde om fristen for indberetning den 10. december."),
])
def test_a_reminder_of_terms_is_not_a_new_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Vår elektriker Ola er dessverre syk resten av uken."),
    ("sv", "Vår kock Sara är tyvärr ledig på fredag."),
    ("da", "Skulle banken ønske yderligere dokumentation, sender vi den naturligvis inden fredag."),
])
def test_an_absence_or_an_inverted_condition_is_not_a_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Revisionsfirmaet sender årsrapporten til jer inden den 15. december."),
    ("sv", "Städbolaget kommer på fredag och tar hand om trapphuset."),
    ("nb", "Tingretten har berammet saken til 2. desember."),
    ("en", "Openreach will connect the line on Monday."),
    ("en", "Your permit arrives within ten days, as the council issues these directly."),
])
def test_a_firm_court_or_supplier_acting_is_a_third_party(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text", "due"), [
    ("sv", "Vi skickar offerten senast fredag nästa vecka.", "2026-11-27T17:00"),
    ("nb", "Jeg kommer innom torsdag neste uke.", "2026-11-26T17:00"),
    ("en", "We will install the new router on Tuesday next week.", "2026-11-24T17:00"),
    ("en", "I'll book the meeting room for 10:30 on Friday.", "2026-11-20T10:30"),
])
def test_a_weekday_of_next_week_and_a_clock_time_after_for(language, text, due):
    [found] = promises(text, language)
    assert local_due(found) == due
