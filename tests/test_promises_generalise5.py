"""Failure classes found on the fifth blind mail set (issue 13, fifth round), each with its own sentences.

Every class is a construction (a gift stated as a fact, a report in the perfect passive, a
condition that opens with its verb, someone on our side named by role and name…), tested with
sentences written for it in each language where it applies, none copied from the evaluation sets.
"""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Bratislava")
promises, local_day = AT.promises, AT.local_day


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The replacement strap is on us."),
    ("en", "You won't pay anything for the second visit."),
    ("nb", "Den nye stroppen er på oss."),
    ("nb", "Du betaler ingenting for det andre besøket."),
    ("da", "Den nye rem er på os."),
    ("da", "Du betaler ikke noget for det andet besøg."),
    ("sv", "Den nya remmen bjuder vi på."),
    ("sv", "Du betalar ingenting för det andra besöket."),
    ("sk", "Za druhú návštevu nezaplatíte nič."),
    ("ca", "No pagareu res per la segona visita."),
    ("ca", "La corretja nova va a compte nostre."),
])
def test_a_gift_stated_as_a_fact_is_our_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Delivery is always free on orders over 50 pounds."),
    ("nb", "Frakt er alltid gratis ved bestillinger over 500 kroner."),
    ("sv", "Frakten är alltid gratis vid beställningar över 500 kronor."),
])
def test_a_standing_free_offer_for_everyone_is_not_a_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "That is on us, not on you."),
    ("nb", "Det er på oss, ikke på deg."),
    ("da", "Det er på os, ikke på dig."),
])
def test_owning_a_fault_is_not_a_gift(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The application has been forwarded to the licensing office today."),
    ("nb", "Søknaden er sendt videre til lisenskontoret i dag."),
    ("da", "Ansøgningen er sendt videre til licenskontoret i dag."),
    ("sv", "Ansökan är skickad vidare till tillståndsenheten i dag."),
    ("sv", "Hon är flyttad till den andra gruppen från och med i dag."),
    ("nb", "Gebyret er allerede slettet fra systemet vårt."),
    ("sk", "Žiadosť bola dnes odoslaná na úrad."),
    ("ca", "La sol·licitud ja s'ha enviat a l'oficina avui."),
])
def test_what_has_already_been_done_in_the_perfect_passive_is_a_report(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Should the hinge fail again, we will replace the whole door."),
    ("da", "Holder hængslet ikke, skifter vi hele døren."),
    ("da", "Er der stadig fugt i væggen, sender vi en tekniker igen."),
    ("sv", "Håller inte gångjärnet byter vi hela dörren."),
    ("sv", "Är det fortfarande fukt i väggen, skickar vi en tekniker igen."),
    ("nb", "Holder ikke hengselet, bytter vi hele døra."),
])
def test_a_condition_that_opens_with_its_verb_is_not_a_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We'd be glad to cater your next staff party at a discount."),
    ("da", "Vi vil gerne lave maden til jeres næste fest med rabat."),
    ("nb", "Vi kan gjerne lage maten til neste fest med rabatt."),
    ("sv", "Vi gör gärna maten till er nästa fest med rabatt."),
    ("sk", "Na budúcu oslavu vám môžeme pripraviť jedlo so zľavou."),
])
def test_an_offer_we_would_gladly_make_is_not_a_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I understand that you were angry when nobody turned up."),
    ("en", "I want to apologise for Saturday."),
    ("nb", "Jeg skjønner godt at du ble sint på lørdag."),
    ("nb", "Jeg vil be om unnskyldning for lørdag."),
    ("da", "Jeg forstår godt, at I blev vrede på lørdag."),
    ("da", "Jeg vil gerne sige undskyld for lørdag."),
    ("sv", "Jag förstår att ni blev arga i lördags."),
    ("sk", "Chápem, že ste sa v sobotu nahnevali."),
    ("ca", "Ens sap molt de greu que dissabte no hi anés ningú."),
    ("nb", "Det er ikke greit at dere måtte vente i en time."),
    ("sv", "Det är inte den service ni ska få av oss."),
])
def test_sympathy_and_apology_are_not_promises(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The fire safety officer will inspect the kitchen on Friday."),
    ("en", "The removal firm will keep the crates in storage at no charge."),
    ("da", "Jeres forsikring behandler sagen inden for en måned."),
    ("nb", "Varslene sendes ut av en ekstern leverandør."),
    ("sv", "Utskicken görs av en extern leverantör."),
    ("ca", "La nova junta haurà de ratificar els acords dijous."),
])
def test_someone_outside_both_sides_acting_is_not_our_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text", "day"), [
    ("nb", "Verkstedleder Trude leverer jakka ferdig sydd innen 25. november.", "2026-11-25"),
    ("sk", "Lektor Daniel vám v piatok odučí náhradnú lekciu.", "2026-11-20"),
    ("sk", "Pani inžinierka Kováčová výkresy do piatka opraví.", "2026-11-20"),
    ("da", "Værkfører Jens monterer lågerne på fredag.", "2026-11-20"),
    ("sv", "Projektledare Maja skickar ritningarna på fredag.", "2026-11-20"),
])
def test_someone_of_ours_named_by_role_and_name_commits_with_a_date(language, text, day):
    (found,) = promises(text, language)
    assert local_day(found) == day


@pytest.mark.parametrize(("text", "day"), [
    ("Els recanvis te'ls enviem divendres per missatger.", "2026-11-20"),
    ("La taula us la guardem fins dissabte.", "2026-11-21"),
    ("Les cortines noves te les instal·lem dijous.", "2026-11-19"),
])
def test_a_catalan_object_first_commitment_with_a_clitic_is_our_promise(text, day):
    (found,) = promises(text, "ca")
    assert local_day(found) == day


@pytest.mark.parametrize(("language", "text", "day"), [
    ("sv", "En tillfällig dusch ställs i ordning senast den 25 november.", "2026-11-25"),
    ("sk", "V piatok budú čižmy hotové.", "2026-11-20"),
    ("sk", "Do piatka bude auto opravené.", "2026-11-20"),
])
def test_a_thing_of_ours_made_ready_by_a_date_is_our_promise(language, text, day):
    (found,) = promises(text, language)
    assert local_day(found) == day


@pytest.mark.parametrize(("language", "text", "day"), [
    ("en", "Rest assured, the full survey reaches you by Friday.", "2026-11-20"),
    ("en", "As a goodwill gesture: you won't pay for the second coat.", None),
    ("nb", "Det kan jeg love: monteringen skjer på fredag.", "2026-11-20"),
    ("nb", "Som kompensasjon får dere et gavekort.", None),
    ("da", "Som plaster på såret: I får næste måneds abonnement.", None),
    ("da", "Det kan jeg love dig: monteringen sker på fredag.", "2026-11-20"),
    ("sv", "Det här kan jag lova: monteringen görs på fredag.", "2026-11-20"),
    ("sv", "Som kompensation: ni får ett presentkort.", None),
    ("sk", "Chcem vás ubezpečiť: montáž sa uskutoční v piatok.", "2026-11-20"),
    ("sk", "Ako kompenzáciu dostanete darčekovú poukážku.", None),
    ("ca", "Us puc prometre que el muntatge es fa divendres.", "2026-11-20"),
    ("ca", "Com a compensació, tindreu un val de regal.", None),
])
def test_a_clause_after_a_pledge_is_our_promise_however_it_is_worded(language, text, day):
    (found,) = promises(text, language)
    assert local_day(found) == day


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I promise you, we checked every seal yesterday."),
    ("da", "Jeg lover dig, vi var lige så overraskede som dig."),
])
def test_a_pledge_before_a_report_of_the_past_is_no_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Our engineer will call you this afternoon to go through what happened."),
    ("nb", "Teknikeren vår ringer deg i ettermiddag for å gå gjennom hva som skjedde."),
    ("da", "Vores tekniker ringer til dig i eftermiddag for at gennemgå, hvad der skete."),
    ("sv", "Vår tekniker ringer dig i eftermiddag för att gå igenom vad som hände."),
    ("sk", "Náš technik vám dnes popoludní zavolá, aby s vami prebral, čo sa stalo."),
    ("ca", "El nostre tècnic et trucarà aquesta tarda per repassar què va passar."),
])
def test_talking_about_what_happened_is_still_a_commitment(language, text):
    (found,) = promises(text, language)
    assert local_day(found) == "2026-11-18"


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Jeg gennemgår listen med hele personalet i dag."),
    ("nb", "Jeg gjennomgår listen med hele personalet i dag."),
])
def test_a_compound_of_ga_in_the_present_commits_with_a_date(language, text):
    (found,) = promises(text, language)
    assert local_day(found) == "2026-11-18"


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Neste gang kan vi gjerne levere med varmeboks."),
    ("nb", "Vi kan også sette opp en gratis tur i mai."),
    ("da", "Vi kan også arrangere en gratis tur i maj."),
    ("sv", "Vi kan också ordna en gratis tur i maj."),
    ("sk", "Na rozlúčku vám môžem zahrať zadarmo."),
])
def test_what_we_also_could_do_is_an_offer(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Vi får nok en ekstra time i februar."),
    ("ca", "Amb una mica de sort, en tindrem prou amb un matí."),
    ("en", "With a bit of luck, we'll need only one morning."),
])
def test_luck_and_probably_are_hedges(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We should have sent it on the 4th."),
    ("nb", "Vi burde ha sendt den den 4."),
    ("da", "Vi burde have sendt den den 4."),
    ("sv", "Vi borde ha skickat den den 4:e."),
    ("sk", "Mali sme ju poslať 4. novembra."),
    ("ca", "L'hauríem d'haver enviada el dia 4."),
])
def test_what_we_should_have_done_is_past(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The law says a decision must be made within ten weeks."),
    ("nb", "Loven sier at vedtak skal fattes innen ti uker."),
    ("da", "Loven siger, at afgørelsen skal træffes inden for ti uger."),
    ("sv", "Lagen säger att beslut ska fattas inom tio veckor."),
    ("sv", "Ersättning betalas automatiskt ut vid avbrott över tolv timmar."),
])
def test_what_the_law_or_a_standing_rule_says_is_not_our_promise(language, text):
    assert promises(text, language) == []
