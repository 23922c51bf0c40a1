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


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We give a five-year guarantee on all our windows."),
    ("da", "Vi giver to års garanti på alle reparationer."),
    ("nb", "Vi gir to års garanti på alle reparasjoner."),
    ("sv", "Vi lämnar två års garanti på alla reparationer."),
    ("ca", "Donem dos anys de garantia en totes les reparacions."),
    ("sk", "Na všetky opravy dávame dvojročnú záruku."),
])
def test_a_guarantee_on_everything_we_do_is_a_standing_term(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We only deliver firewood on weekdays between 8 and 4."),
    ("da", "Vi leverer kun brænde på hverdage mellem kl. 8 og 16."),
    ("nb", "Vi leverer bare ved på hverdager mellom kl. 8 og 16."),
    ("sv", "Vi levererar bara ved på vardagar mellan kl. 8 och 16."),
    ("sk", "Objednávky na kapustnicu prijímame iba do 15. decembra."),
])
def test_what_we_do_only_at_some_times_is_a_standing_term(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We'll only charge you for the new part, and we'll fit it on Friday."),
    ("sk", "Vrátime vám len polovicu zálohy do piatku."),
])
def test_a_commitment_with_only_in_it_still_counts(language, text):
    assert promises(text, language)


def test_what_we_need_from_the_client_by_a_date_is_a_request():
    assert promises("Vi skal have det endelige antal deltagere senest fredag.", "da") == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Karin gennemgår hele regnskabet inden fredag."),
    ("nb", "Karin gjennomgår hele regnskapet innen fredag."),
    ("nb", "Karin overtar saken fra fredag."),
])
def test_a_named_colleague_with_a_compound_verb_by_a_date_is_our_promise(language, text):
    (found,) = promises(text, language)
    assert AT.local_day(found) == "2026-11-20"


@pytest.mark.parametrize(("language", "text"), [
    ("ca", "Sentim molt haver canviat l'hora de la visita sense avisar."),
    ("ca", "Sentim no haver-vos trucat abans de dimecres."),
    ("da", "Vi burde have ringet til dig inden mandag."),
    ("nb", "Vi burde ha ringt deg før mandag."),
    ("sv", "Vi borde ha ringt dig före måndag."),
    ("sv", "Den nya dörren kom i dag vid lunch."),
    ("da", "Vi giver to års garanti på alle vinduer."),
    ("sv", "Vi lämnar två års garanti på alla fönster."),
    ("da", "Vores svarfrist er fem hverdage fra henvendelsen."),
    ("nb", "Vår leveringsfrist er fem virkedager fra bestilling."),
])
def test_regrets_reports_and_standing_terms_are_not_promises(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Fakturan korrigeras så att rabatten syns."),
    ("sv", "Betalningsdagen flyttas fram till den 30 november."),
    ("nb", "Fakturaen korrigeres slik at rabatten kommer med."),
    ("nb", "Betalingsfristen forlenges med fjorten dager."),
    ("da", "Fakturaen korrigeres, så rabatten kommer med."),
    ("nb", "Det blir selvsagt ingen faktura for besøket."),
    ("da", "Det bliver naturligvis ingen regning for besøget."),
    ("sv", "Det blir naturligtvis ingen faktura för besöket."),
    ("sk", "Z nájomného vám bude odpočítaných päťdesiat eur."),
    ("sk", "Opravený rozpis bude ešte dnes zverejnený na webe."),
])
def test_the_clients_bill_or_deadline_adjusted_by_us_is_our_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Priserna justeras varje år i januari."),
    ("nb", "Prisene justeres hvert år i januar."),
])
def test_a_yearly_adjustment_is_a_standing_term(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Vi tar inget betalt för hämtningen."),
    ("sv", "Du får tio procent lägre hyra i december."),
    ("sv", "Du får en månads fri parkering."),
    ("sv", "Ombesiktningen blir helt kostnadsfri."),
    ("sv", "Hans plats i kören står kvar."),
    ("nb", "Neste gang får dere 15 prosent rabatt."),
    ("nb", "Monteringen er inkludert uten tillegg."),
    ("nb", "Fergebilletten dekker vi selv."),
    ("nb", "Neste time gir vi."),
    ("da", "Oskar er sikret en plads på holdet."),
    ("da", "Færgebilletten dækker vi selv."),
    ("da", "Næste time giver vi."),
    ("en", "None of the call-out fees will be charged to you."),
    ("en", "The spare wheel is yours to keep."),
    ("en", "There's a £10 voucher waiting for you at the desk."),
    ("en", "The postage comes off your invoice."),
    ("ca", "La reparació anirà a càrrec de la garantia."),
    ("ca", "Conservarà la plaça al mateix preu."),
    ("ca", "La visita la pagarà íntegrament l'associació."),
    ("sk", "Oprava vás tentoraz nebude nič stáť."),
    ("sk", "Nové kľučky vám namontujeme bez príplatku."),
    ("sk", "Cena vám zostáva pôvodná."),
])
def test_more_gifts_and_waived_costs_are_our_promises(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The choice is yours, of course."),
    ("en", "It's up to you; the decision is yours."),
])
def test_a_choice_left_to_the_client_is_not_a_gift(language, text):
    assert promises(text, language) == []


def test_a_gift_once_the_client_has_signed_waits_on_the_client():
    (found,) = promises("We'll send the lease by Friday, and once it's signed the flat is yours.", "en")
    assert AT.local_day(found) == "2026-11-20"


@pytest.mark.parametrize("text", ["Avbokning är kostnadsfri fram till två dagar före.", "Parkeringen är kostnadsfri för alla gäster."])
def test_free_for_everyone_or_until_a_deadline_is_a_standing_term(text):
    assert promises(text, "sv") == []


@pytest.mark.parametrize("text", [
    "Môžeme vás preložiť na skorší termín v piatok.",
    "Rezervovali ste si stôl pre dvanásť osôb s občerstvením od 17:00.",
    "Očkovanie podávame iba pri dobrom zdravotnom stave.",
])
def test_slovak_offers_reports_with_a_verbal_noun_and_only_when_terms_are_not_promises(text):
    assert promises(text, "sk") == []


def test_a_slovak_first_person_verb_still_commits():
    (found,) = promises("Vymením vám filter v piatok.", "sk")
    assert AT.local_day(found) == "2026-11-20"


@pytest.mark.parametrize(("language", "text", "tail"), [
    ("en", "We'll refund the deposit in full, regardless of what the landlord decides.", "regardless"),
    ("da", "Næste vask giver vi, uanset hvornår du kommer.", "uanset"),
    ("sv", "Vi bjuder på nästa tvätt, oavsett när du kommer.", "oavsett"),
])
def test_a_trailing_regardless_stays_in_the_promise_and_does_not_sink_it(language, text, tail):
    (found,) = promises(text, language)
    assert tail in found.quote


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The new boiler goes in on Thursday, and we'll take the old one away at the same time."),
    ("da", "Den nye kedel kommer torsdag, og den gamle tager vi med samtidig."),
    ("nb", "Den nye kjelen kommer torsdag, og den gamle tar vi med samtidig."),
    ("sv", "Den nya pannan kommer på torsdag, och den gamla tar vi med oss samtidigt."),
])
def test_what_we_do_at_the_same_time_as_a_dated_clause_is_due_that_day(language, text):
    found = promises(text, language)
    assert [AT.local_day(p) for p in found][-1] == "2026-11-19"


def test_at_the_same_time_in_a_sentence_of_its_own_stays_undated():
    found = promises("The new boiler goes in on Thursday. We'll take the old one away at the same time.", "en")
    assert AT.local_day(found[-1]) is None


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Mattan lades in den 3 oktober."),
    ("sv", "Vår snickare har varit där och mätt upp."),
    ("sv", "Deklarationen skulle ha lämnats in senast den 12 maj."),
    ("nb", "Bordet skulle leveres i uke 12."),
    ("sv", "Vi lämnar tre års garanti på takbyten."),
    ("nb", "Vi gir to års garanti på malingsarbeid."),
    ("da", "Vi giver to års garanti på malerarbejde."),
])
def test_past_passives_plans_that_were_and_standing_guarantees_are_not_promises(language, text):
    assert promises(text, language) == []


def test_a_guarantee_given_to_the_client_as_amends_still_counts():
    assert promises("Du får fem års garanti på den nye pumpen uten ekstra kostnad.", "nb")


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Forsikringen dækker næppe skaden, men den betaler vi naturligvis selv."),
    ("nb", "Forsikringen dekker neppe skaden, men den betaler vi selvsagt selv."),
    ("sv", "Försäkringen täcker knappast skadan, men den betalar vi förstås själva."),
])
def test_what_we_pay_after_but_is_our_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi sender en ny kasse i morgen, og fremover kommer kassen hver torsdag."),
    ("nb", "Vi sender en ny kasse i morgen, og fremover kommer kassen hver torsdag."),
])
def test_a_clause_opening_with_an_adverb_in_er_is_a_clause_of_its_own(language, text):
    first, then = promises(text, language)
    assert AT.local_day(first) == "2026-11-19" and then.cadence is not None


@pytest.mark.parametrize(("language", "text"), [
    ("en", "From next week the gym is open every Monday."),
    ("da", "Fra næste uge har receptionen åbent hver mandag."),
    ("sv", "Från nästa vecka har receptionen öppet varje måndag."),
])
def test_opening_hours_from_next_week_are_not_a_promise(language, text):
    assert promises(text, language) == []


def test_a_reason_does_not_unmake_a_pledged_receipt():
    (found,) = promises("Rest assured, the book reaches you by Friday, as we have ordered it already.", "en")
    assert AT.local_day(found) == "2026-11-20"


def test_a_comma_splice_after_a_clock_time_still_splits():
    found = promises("We'll be there at 10, I'll bring the new parts on Friday.", "en")
    assert len(found) == 2


def test_a_cost_waived_at_the_same_time_has_no_due_date():
    found = promises("We'll come on Tuesday, and at the same time the call-out fee is waived.", "en")
    assert [AT.local_day(p) for p in found] == ["2026-11-24", None]
