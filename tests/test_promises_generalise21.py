"""Failure classes of round 21 (mail_blind22 as a development set): who acts, each with its own sentences."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Stockholm")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Den nye pedel, Mette, skifter låsen på torsdag."),
    ("nb", "Den nye vaktmesteren, Ole, bytter låsen på torsdag."),
    ("sv", "En ny handläggare, Karin, tar över ärendet från och med tisdag."),
])
def test_a_new_or_stand_in_person_introduced_by_role_and_name_is_our_colleague(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Jonas från vårt lager i Kungsbacka kommer på fredag med rätt dörr."),
    ("da", "Mikkel fra vores lager i Aarhus kommer på fredag med nøglerne."),
])
def test_a_named_colleague_from_a_place_of_ours_named_at_length_acts_for_us(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("sk", "Náš znalec vám zavolá v piatok."),
    ("en", "An assessor from our claims team will ring you on Friday."),
])
def test_a_role_that_is_usually_a_third_party_is_ours_when_it_is_ours(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Den nye rørleggeren, Arne, begynner ikke før i januar."),
    ("da", "Vores nye tekniker begynder først i januar."),
    ("sv", "Vår nya tekniker börjar inte förrän i januari."),
])
def test_someone_of_ours_starting_only_later_is_a_notice_not_a_promise(language, text):
    assert promises(text, language) == []


def test_a_place_of_ours_before_a_past_tense_is_no_colleague_acting():
    assert promises("Ventilerna i ditt kök och badrum har fastnat efter servicen i maj.", "sv") == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Your table by the window stays reserved for you."),
    ("da", "Parkeringen kommer ikke på regningen."),
    ("da", "Leje af trailer er selvfølgelig uden beregning."),
    ("nb", "Du får en ekstra pute med på kjøpet."),
    ("nb", "Abonnementet står fryst til du gir beskjed."),
    ("sv", "Frakten får du inte betala för."),
    ("sk", "Vaša rezervácia ostáva naďalej platná."),
    ("sk", "Darčekovú poukážku máte od nás."),
])
def test_what_we_keep_for_the_client_or_add_free_is_our_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Kvitteringen får du på e-post."),
    ("da", "I får bekræftelsen på sms."),
    ("sv", "Kopian får ni via mejl."),
    ("sk", "Číslo objednávky dostanete e-mailom."),
    ("en", "You'll get the new key code by text."),
    ("da", "I får i stedet det store lokale på første sal."),
    ("sv", "Du får i stället en plats på kvällskursen."),
    ("sk", "Namiesto toho dostanete väčšiu izbu."),
])
def test_what_the_client_gets_from_us_by_sms_or_e_mail_or_instead_is_our_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Kort sagt:\ndu betaler ingenting for besøket."),
    ("sv", "Som kompensation:\nni får en gratis månad."),
])
def test_a_lead_in_whose_colon_ends_a_line_quotes_the_whole_sentence(language, text):
    (found,) = promises(text, language)
    assert found.quote.startswith(text.split(":")[0])


def test_a_list_after_a_colon_still_starts_a_new_sentence():
    text = "Dette gjør vi:\n- Vi sender ny faktura i morgen.\n- Vi ringer deg på fredag."
    assert [p.quote for p in promises(text, "nb")] == ["Vi sender ny faktura i morgen.", "Vi ringer deg på fredag."]


def test_what_a_notice_said_wrongly_is_a_report():
    assert promises("I kallelsen stod fel datum: den 3 maj i stället för den 17 maj.", "sv") == []


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Sønnen min, Per, kommer og måker innkjørselen på lørdag."),
    ("nb", "Rådgiveren din, Siri, sender det nye tilbudet innen onsdag."),
    ("da", "Min lærling, Jonas, kommer fredag og skifter ruden."),
    ("sv", "Läraren hans, Maja, ger honom två extra lektioner på torsdag."),
    ("nb", "Takstmannen vår kommer til dere på mandag."),
])
def test_a_role_of_the_writer_or_the_client_then_a_name_is_our_colleague_acting(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Den missade lektionen tas igen nästa vecka."),
    ("sv", "Kläderna som skadades ersätts fullt ut."),
    ("sv", "Era biljetter gäller på det nya datumet."),
    ("nb", "Den avlyste timen legges til på slutten av kurset."),
    ("en", "You'll be refunded the full deposit."),
    ("en", "The double payment goes back to your card."),
    ("en", "Your tickets will be valid for the new date."),
    ("en", "The next service is half price."),
])
def test_work_made_up_money_back_and_tickets_kept_valid_are_our_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi fakturerer ikke kørslen denne gang."),
    ("da", "Der kommer ikke nogen regning for besøget."),
    ("da", "Reparationen bliver 500 kr. billigere."),
    ("da", "I kører bare videre i lånebilen, til jeres egen er klar."),
    ("nb", "For forrige uke får dere ikke regning."),
    ("nb", "Det gebyret slipper du."),
    ("sv", "Vi debiterar inte frakten den här gången."),
    ("sk", "Zmeškanú hodinu vám z balíka neodpočítame."),
    ("sk", "Poplatok sa zníži o 30 eur."),
    ("sk", "Náhradný bicykel si môžete ponechať do piatka."),
    ("ca", "La propera revisió et surt a meitat de preu."),
    ("ca", "Pot continuar fent servir el cotxe de cortesia."),
    ("en", "No charge this time."),
])
def test_not_charging_a_lower_price_and_a_replacement_kept_in_use_are_our_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The mistake is on us, not on you."),
    ("ca", "També et podem fer la propera a meitat de preu."),
])
def test_owning_a_fault_or_offering_a_discount_is_no_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Vi kommer først i morgen."),
    ("da", "Vi kommer først i næste uge og skifter pumpen."),
    ("sv", "Montören kommer först i morgon."),
    ("en", "We'll replace the pump on Friday;\nif you're not in, just leave the key with a neighbour."),
    ("en", "We'll let you know once we have it sorted."),
    ("en", "I'll call you as soon as we have this fixed."),
    ("nb", "Hei Kari,\n\nDet stemmer, Kari, vi sender fakturaen på fredag."),
])
def test_commitments_that_look_like_notices_conditions_or_appositions_stay_promises(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Unfortunately your old cushions were thrown in the skip by mistake."),
    ("en", "Children under 12 are half price."),
    ("en", "You'll be paid by the insurer within 14 days."),
    ("nb", "Saken din står på vent til vi hører fra forsikringsselskapet."),
    ("sk", "Od kuriéra dostanete SMS v deň doručenia."),
    ("da", "Vi tilbyder følgende:\na) en ny pumpe\nb) pengene tilbage"),
])
def test_what_is_no_gift_of_ours_or_an_offer_list_is_no_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("sk", "Sumu 25 € vr. DPH vám vrátime do piatka."),
    ("sk", "Poplatok za dopravu, t. j. 12 € vr. DPH, vám odpustíme."),
    ("sk", "Revíziu vykoná Ing. Novák v stredu o 9:00."),
    ("sk", "Mgr. Kováčová s ním prejde úlohy v piatok."),
    ("sk", "Nájomné vám znížime o 10 %."),
    ("sk", "Opravu (vr. platby cez Google Pay) nasadíme v piatok."),
])
def test_slovak_abbreviations_titled_colleagues_and_z_prefixed_futures(language, text):
    assert promises(text, language)


def test_a_slovak_first_person_singular_in_a_past_regret_is_no_promise():
    assert promises("Mal som vám zavolať, že sa zdržím.", "sk") == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Please keep the spare cable, no charge."),
    ("en", "You can keep the loan bike."),
    ("en", "The follow-up visit is included in what you've paid."),
    ("ca", "La segona visita corre del nostre compte."),
    ("nb", "Du beholder selvsagt plassen din i køen."),
    ("nb", "Vaskingen tar vi ikke betalt for."),
])
def test_what_the_client_may_keep_or_gets_on_us_is_our_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "What went wrong is simple, and it's on us."),
    ("en", "Please keep the receipt."),
])
def test_owning_a_fault_or_asking_to_keep_a_receipt_is_no_promise(language, text):
    assert promises(text, language) == []


def test_a_treat_on_us_is_a_promise_in_norwegian():
    assert promises("Kaken og kaffen er på oss neste gang dere kommer.", "nb")
