"""Failure classes found on the seventeenth blind mail set (issue 13, round 17), each with its own sentences."""

from __future__ import annotations

import pytest

from followup.promises.reading import read
from followup.promises.rules import rules_for
from written import Written

AT = Written("Europe/Madrid")
promises = AT.promises


def test_by_next_fridays_genitive_is_friday_of_next_week():
    (found,) = promises("Sedačku vám dovezieme do budúceho piatku.", "sk")
    assert AT.local_day(found) == "2026-11-27"


def test_a_cadence_from_next_week_in_the_genitive_starts_next_week():
    (found,) = promises("Od budúceho týždňa vám každý štvrtok pošleme potvrdenie.", "sk")
    assert AT.local_day(found) == "2026-11-26"


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Feilen ligger i bookingsystemet vårt."),
    ("sv", "Felet ligger i vårt bokningssystem."),
    ("da", "Fejlen ligger i vores bookingsystem."),
])
def test_where_the_mistake_lies_is_a_report(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Fragten betaler vi selvfølgelig selv."),
    ("da", "Det er os, der betaler for den nye rude."),
    ("nb", "Den regningen betaler vi selv."),
    ("nb", "Det er vi som betaler for reparasjonen."),
    ("sv", "Frakten betalar vi själva."),
    ("sv", "Det är vi som betalar för den nya rutan."),
])
def test_who_pays_named_after_the_thing_paid_for_is_our_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Der kommer ingen regning for besøget."),
    ("nb", "Det kommer ingen regning for besøket."),
    ("sv", "Det kommer ingen faktura för besöket."),
    ("da", "Du betaler hverken for materialer eller kørsel."),
    ("nb", "Du betaler verken for deler eller arbeid."),
    ("sv", "Du betalar varken för delar eller arbete."),
    ("sk", "Za opravu nič neplatíte."),
    ("sk", "Za dnešnú návštevu neplatíte nič."),
    ("sk", "Náklady na opravu nesieme my."),
    ("ca", "Tota la reparació anirà a càrrec meu."),
    ("ca", "La grua d'ahir va a càrrec nostre."),
])
def test_a_charge_we_drop_or_bear_is_our_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Du får i tillegg et gavekort på 500 kroner."),
    ("nb", "Dere får det større rommet til samme pris."),
    ("sv", "Ni får dessutom ett presentkort på 300 kronor."),
    ("sv", "Du får den större bilen till samma pris."),
    ("sv", "Du får 20 % rabatt på nästa bokning."),
    ("da", "Du får desuden et gavekort på 200 kroner."),
    ("da", "I får det store værelse til samme pris."),
    ("ca", "Rebreu també un val de vint euros."),
    ("ca", "Tindreu un 10 % de descompte en la pròxima comanda."),
    ("ca", "Tindreu l'habitació gran pel mateix preu."),
    ("sk", "Dostanete navyše poukážku na dvadsať eur."),
    ("sk", "Dostanete desaťpercentnú zľavu na ďalší nákup."),
    ("sk", "Dostanete väčšiu izbu za rovnakú cenu."),
    ("en", "You'll also get a £20 voucher for the trouble."),
    ("en", "You'll get the bigger room for the same price."),
])
def test_something_extra_discounted_or_upgraded_for_the_client_is_our_gift(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Den inställda kvällen får ni tillbaka som en extra kväll i april."),
    ("nb", "Den avlyste timen får dere tilbake som en ekstra time."),
    ("da", "Den aflyste time får I igen som en ekstra time."),
])
def test_what_the_client_gets_back_named_first_is_our_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Medlemmer får alltid 10 % rabatt i butikken."),
    ("sv", "Om du vill får du gärna välja en annan tid."),
    ("da", "Hvis du ønsker det, kan du få 10 % rabat på næste ordre."),
    ("sk", "Členovia klubu dostávajú zľavu desať percent."),
    ("ca", "Els socis tenen un 10 % de descompte a la botiga."),
    ("en", "Members always get 10% off in the shop."),
])
def test_standing_discounts_and_open_offers_are_not_promises(language, text):
    assert promises(text, language) == []


def test_a_gift_before_a_comma_splice_and_a_dated_commitment_after_it_are_two_promises():
    found = promises("The repair is on me, I'll send an engineer round on Friday.", "en")
    assert [AT.local_day(p) for p in found] == [None, "2026-11-20"]


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vores honorar nedsættes med 1.500 kr."),
    ("nb", "Honoraret vårt reduseres med 1 500 kroner."),
    ("sv", "Mitt arvode sänks med 1 500 kronor."),
    ("da", "Du får en lånebil, så længe reparationen varer."),
    ("sv", "Du får prisavdrag för två dagar på nästa faktura."),
])
def test_our_charge_cut_and_a_loan_or_deduction_for_the_client_are_promises(language, text):
    assert len(promises(text, language)) == 1


def test_the_old_part_taken_away_in_the_future_passive_is_our_promise():
    assert len(promises("The broken heater will be taken away when the new one arrives.", "en")) == 1


def test_slovak_we_give_is_a_commitment():
    (found,) = promises("Nový kľúč vám dáme zajtra ráno.", "sk")
    assert AT.local_day(found) == "2026-11-19"


@pytest.mark.parametrize("text", ["Kåpa syr vi om til fredag.", "Nøkkelen gir vi deg på fredag."])
def test_a_short_norwegian_verb_after_the_object_is_ours(text):
    (found,) = promises(text, "nb")
    assert AT.local_day(found) == "2026-11-20"


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vores bogholder har sendt fakturaen to gange."),
    ("nb", "Regnskapsføreren vår har sendt fakturaen to ganger."),
    ("sk", "Organizátori trhu posunuli termín do konca marca."),
    ("sv", "Några paket från fredagen kan ha kommit bort."),
    ("nb", "Noen pakker fra fredag kan ha blitt borte."),
    ("da", "Nogle pakker fra fredag kan være blevet væk."),
    ("en", "You can keep using the old card until Friday."),
    ("sv", "Alla reklamationer besvaras inom fem arbetsdagar."),
])
def test_reports_guesses_permissions_and_standing_terms_are_not_promises(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The parking charge will be paid by the museum."),
    ("en", "The hotel will cover the cost of the taxi."),
    ("da", "Taxaen bliver betalt af hotellet."),
    ("da", "Billetterne betaler køreskolen."),
    ("nb", "Drosjen dekkes av borettslaget."),
    ("nb", "Startkontingenten betaler foreningen."),
    ("sv", "Taxiresan betalas av hotellet."),
    ("sv", "Kostnaden står föreningen för."),
    ("ca", "El taxi el pagarà l'hotel."),
    ("ca", "La diferència anirà a càrrec de l'acadèmia."),
    ("sk", "Taxík zaplatí hotel."),
    ("sk", "Poplatok uhradí združenie."),
])
def test_a_cost_borne_by_our_organisation_named_as_a_noun_is_our_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The damage will be paid by your insurer."),
    ("nb", "Skaden dekkes av forsikringsselskapet ditt."),
    ("sv", "Skadan betalas av ditt försäkringsbolag."),
])
def test_a_cost_borne_by_someone_elses_organisation_is_not_ours(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I'll replace the filter tomorrow and check the pump every Friday after that."),
    ("da", "Jeg skifter filteret i morgen og tjekker pumpen hver fredag derefter."),
    ("nb", "Jeg bytter filteret i morgen og sjekker pumpen hver fredag etter det."),
])
def test_a_recurring_predicate_after_a_dated_commitment_is_a_promise_of_its_own(language, text):
    first, recurring = promises(text, language)
    assert AT.local_day(first) == "2026-11-19"
    assert recurring.cadence is not None and first.cadence is None


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We will send you a summary and an invoice every Monday."),
    ("sv", "Framöver plogar och sandar vi uppfarten varje torsdag."),
])
def test_two_things_done_on_one_cadence_are_one_promise(language, text):
    (found,) = promises(text, language)
    assert found.cadence is not None


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Your case officer, Priya Shah, will ring you on Thursday."),
    ("nb", "Hennes kontaktlærer, Ola, ringer deg på torsdag."),
    ("nb", "Tannlegen din, dr. Berg, sender henvisningen på torsdag."),
    ("sv", "Hans handledare, Erik, ringer dig på torsdag."),
    ("sv", "Vår sömmerska, Lena, syr om kjolen till torsdag."),
    ("da", "Hendes kontaktperson, Mette, ringer til dig på torsdag."),
    ("sk", "Jeho triedna učiteľka, pani Kováčová, vám zavolá vo štvrtok."),
])
def test_a_role_then_the_persons_name_between_commas_acting_by_a_date_is_our_promise(language, text):
    (found,) = promises(text, language)
    assert AT.local_day(found) == "2026-11-19"


@pytest.mark.parametrize(("language", "text"), [
    ("en", "From now on the gritting crew does your car park every Friday."),
    ("nb", "Fra nå av får bestefaren din besøk hver fredag."),
    ("da", "Fremover får jeres afdeling besøg hver fredag."),
    ("sv", "Från och med nu får din pappa besök varje fredag."),
    ("ca", "A partir d'ara el pati es netejarà cada divendres."),
    ("sk", "Odteraz bude dvor upratovaný každý piatok."),
])
def test_a_new_arrangement_from_now_on_with_its_cadence_is_our_promise(language, text):
    (found,) = promises(text, language)
    assert found.cadence is not None


@pytest.mark.parametrize(("language", "text"), [
    ("en", "From now on, please send the meter readings every Friday."),
    ("nb", "Fra nå av kan dere sette ut søpla hver fredag, hvis dere vil."),
])
def test_a_new_arrangement_asked_of_the_client_is_not_our_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "You'll have the new key by Thursday, because we have ordered it from the maker."),
    ("nb", "Du får den nye nøkkelen innen torsdag, fordi vi har bestilt den fra produsenten."),
    ("sv", "Du får den nya nyckeln senast torsdag, eftersom vi har beställt den från tillverkaren."),
])
def test_the_past_of_a_trailing_reason_does_not_make_a_dated_receipt_a_report(language, text):
    (found,) = promises(text, language)
    assert AT.local_day(found) == "2026-11-19"


def test_a_third_party_named_in_the_reason_still_acts():
    assert promises("Your permit arrives within ten days, as the council issues these directly.", "en") == []


def test_a_slovak_plural_past_of_someone_else_is_a_report():
    sentence = "Usporiadatelia pretekov predĺžili prihlasovanie do konca marca."
    assert read(sentence, rules_for("sk")).modality == "past"
    assert promises(sentence, "sk") == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi skifter pakningen, og det koster ikke noget."),
    ("nb", "Vi bytter pakningen, og det koster ikke noe."),
    ("sv", "Vi byter packningen, och det kostar ingenting."),
    ("sk", "Tesnenie vymeníme a nebude vás to nič stáť."),
    ("nb", "Vinterlagringen får du halv pris."),
    ("sv", "Vinterförvaringen får du till halva priset."),
    ("sv", "Den nya packningen behöver ni inte betala för."),
])
def test_what_costs_the_client_nothing_is_our_promise(language, text):
    assert promises(text, language)


def test_a_pleasantry_about_cost_is_not_a_promise():
    assert promises("Det koster ikke noget at spørge os til råds om hegnet.", "da") == []


@pytest.mark.parametrize(("text", "day"), [
    ("Nové tesnenie vám pošleme do týždňa.", "2026-11-25"),
    ("Preplatok vám vrátime do jedného mesiaca.", "2026-12-18"),
])
def test_slovak_within_a_week_or_a_month_without_a_number(text, day):
    (found,) = promises(text, "sk")
    assert AT.local_day(found) == day
