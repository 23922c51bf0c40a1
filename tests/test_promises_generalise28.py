"""Failure classes of round 28 (mail_blind38 and 39 as development sets), each with its own sentences."""

from __future__ import annotations

import pytest

from followup.promises.reading import read
from followup.promises.rules import rules_for
from written import Written

AT = Written("Europe/Copenhagen")  # sent Wednesday 18 November 2026
promises, due_days = AT.promises, AT.due_days


def modality(text: str, language: str) -> str:
    """How the rules read a clause, whatever the learned reader would add."""
    return read(text, rules_for(language), None).modality


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Når de godkender tilbuddet, bestiller vi materialerne."),
    ("da", "Så snart kommunen svarer, sender jeg dig en kopi."),
    ("nb", "Så snart støtten er innvilget, bestiller vi montøren."),
    ("nb", "Når de godkjenner søknaden, setter vi i gang."),
    ("sv", "Så fort de godkänner ritningen beställer vi materialet."),
    ("sv", "När bidraget är beviljat bokar vi hantverkarna."),
    ("ca", "Tan bon punt l'aprovin, començarem les obres."),
    ("ca", "Quan l'hàgiu signada, us enviarem la factura."),
])
def test_what_we_do_once_another_acts_waits_on_them_in_the_present_too(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Så snart vi er færdige med taget, sender vi fakturaen på fredag."),
    ("sv", "Så snart vi har kollat pumpen skickar jag rapporten på fredag."),
    ("ca", "Quan tornem dilluns, et trucarem."),
    ("da", "Så snart som muligt sender vi fakturaen, senest fredag."),
    ("sv", "Så fort som möjligt skickar vi offerten, senast på fredag."),
    ("da", "Straks i morgen sender vi fakturaen."),
    ("da", "Efter at have tjekket pumpen sender vi rapporten på fredag."),
])
def test_what_we_do_once_we_are_done_stays_a_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi bytter også gerne skoene til en anden størrelse."),
    ("nb", "Vi ordner gjerne en ny time til dere."),
    ("sv", "Vi byter också gärna skorna till en annan storlek."),
    ("sk", "Vašu objednávku vám radi presunieme na iný termín."),
])
def test_what_we_would_gladly_do_is_an_offer(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Jeg ringer gerne til dig på fredag."),
    ("nb", "Jeg ringer gjerne til deg i morgen."),
    ("da", "Jeg kommer gerne forbi kl. 10 i morgen."),
    ("sv", "Jag ringer också gärna på fredag."),
    ("sk", "Nový kotol vám radi namontujeme 2. decembra."),
])
def test_what_we_gladly_do_on_a_named_day_is_a_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I'll fit the new tap on Friday and I won't charge you for this week."),
    ("sv", "Jag kommer på fredag, och den här veckan tar jag inget betalt."),
    ("ca", "Vindré divendres, i aquest mes no et cobro res."),
    ("sk", "Za tento mesiac vám nič nebudeme účtovať."),
    ("nb", "Dere betaler ikke for vedlikeholdet i januar."),
    ("da", "I betaler ikke for abonnementet i januar."),
])
def test_a_charge_dropped_for_a_period_has_no_due_date(language, text):
    assert due_days(text, language)[-1:] == [None]


@pytest.mark.parametrize(("language", "text", "day"), [
    ("ca", "Us passarem la factura per la setmana que ve.", "2026-11-27"),
    ("sk", "Všetko vám dodáme za tento týždeň.", "2026-11-20"),
])
def test_a_period_with_no_charge_dropped_is_still_a_due_date(language, text, day):
    assert due_days(text, language) == [day]


def test_the_period_of_a_dropped_charge_leaves_the_dated_clause_its_day():
    assert due_days("I'll fit the new tap on Friday and I won't charge you for this week.", "en") == \
        ["2026-11-20", None]


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Pengene får I tilbage via skolens intranet. 3. klasse har idræt fredag som altid."),
    ("nb", "Pengene får dere tilbake via Vipps. 3. trinn har gym fredag som vanlig."),
])
def test_a_sentence_opening_with_an_ordinal_is_a_sentence_of_its_own(language, text):
    assert due_days(text, language) == [None]


@pytest.mark.parametrize(("language", "text", "day"), [
    ("da", "Vi kommer onsd. 25. november og skifter ruden.", "2026-11-25"),
    ("nb", "Vi kommer tirsd. 24. november og skifter ruten.", "2026-11-24"),
    ("da", "Vi maler opgangen ekskl. 2. sal på fredag.", "2026-11-20"),
    ("sv", "Vi målar trapphuset exkl. 2. våningen på fredag.", "2026-11-20"),
])
def test_an_ordinal_after_a_short_day_name_or_an_abbreviation_stays_in_its_sentence(language, text, day):
    assert due_days(text, language) == [day]


def test_a_time_is_read_only_as_a_word_of_its_own():
    # "inkl. 4" holds no "kl. 4"
    found = promises("Vi sender materialet inkl. 4 nye plader i morgen.", "da")
    assert [AT.local_time(p) for p in found] == ["2026-11-19T17:00"]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Ruth, who ran your account, left the company in October."),
    ("da", "Mette, der havde din sag, stoppede hos os i oktober."),
    ("nb", "Mette, som hadde saken din, sluttet hos oss i oktober."),
    ("sv", "Mette, som hade hand om ditt ärende, slutade hos oss i oktober."),
    ("ca", "La Marta, que portava el teu expedient, va deixar l'empresa a l'octubre."),
    ("sk", "Naša kuchárka, Eva, v pondelok ochorela."),
    ("sk", "Pani Jana od pondelka nastupuje na materskú dovolenku."),
])
def test_a_colleague_who_left_fell_ill_or_starts_a_leave_is_a_notice(language, text):
    assert modality(text, language) == "notice"
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The plumber left us the spare valve and will fit it on Friday."),
    ("en", "Louise has left the company and I'll take over your case from Friday."),
    ("nb", "Vi sluttet her i dag kl. 15 og fortsetter i morgen kl. 8."),
    ("ca", "El pintor ha deixat la feina a mitges, però dilluns l'acabarem nosaltres."),
    ("sk", "Marek ochorel, v piatok prídem ja a opravím to."),
    ("sk", "Vám odpovedám ja, v piatok vám pošlem ponuku."),
])
def test_a_promise_beside_a_colleagues_leaving_stays_a_promise(language, text):
    assert promises(text, language)


def test_answering_now_is_this_mails_own_act():
    assert modality("takže vám odpovedám ja.", "sk") == "notice"


@pytest.mark.parametrize(("language", "text"), [
    ("ca", "Calculem que la peça nova arribarà d'aquí a deu dies."),
    ("ca", "Comptem que dijous ja estarà tot a punt."),
    ("en", "We reckon the new boiler will be in by the end of the month."),
    ("en", "I estimate the repair will take another week."),
])
def test_what_we_reckon_is_a_hedge(language, text):
    assert modality(text, language) == "hedge"
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("ca", "No podrem venir dilluns, però demà et truco amb una altra data."),
    ("sk", "Technik v pondelok nemôže, ale zajtra vám zavolám s novým termínom."),
])
def test_a_commitment_after_but_is_read_as_a_clause_of_its_own(language, text):
    assert due_days(text, language) == ["2026-11-19"]


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Der er selvfølgelig ingen ekstra omkostninger for dig ved flytningen."),
    ("nb", "Januar-leveransene betaler du bare halv pris for."),
    ("sv", "Ersättningsbilen får du ha kvar tills dess."),
    ("ca", "I el desplaçament no l'hi cobrarem."),
])
def test_a_cost_spared_or_a_thing_kept_is_our_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Der er ingen ekstra omkostninger for kunder med abonnement."),
    ("sv", "Frakten ingår i priset för alla beställningar över 500 kr."),
    ("da", "Moms er inkluderet i prisen."),
    ("sv", "Moms ingår i priset."),
    ("da", "Som medlem betaler du kun halv pris for entréen."),
    ("ca", "De moment no l'hi cobrem, ho sumarem a la factura final."),
])
def test_a_price_term_for_all_customers_is_no_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I'll come round tomorrow at 10 if that's ok?"),
    ("da", "Jeg kommer forbi i morgen kl. 10, hvis det er i orden?"),
    ("sv", "Jag kommer förbi i morgon kl. 10 om det passar?"),
    ("nb", "Jeg kommer innom i morgen kl. 10 hvis det passer?"),
    ("ca", "Passaré demà a les 10, si et va bé?"),
    ("sk", "Prídem zajtra o 10, ak vám to vyhovuje?"),
])
def test_a_promise_closed_by_a_courtesy_check_is_still_a_promise(language, text):
    assert due_days(text, language) == ["2026-11-19"]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Shall I come round tomorrow if that's ok?"),
    ("da", "Kan jeg komme forbi i morgen, hvis det er i orden?"),
    ("sv", "Ska jag komma förbi i morgon om det går bra?"),
    ("sk", "Môžem prísť zajtra o 10, ak vám to vyhovuje?"),
    ("en", "So shall I come round tomorrow at 10 if that's ok?"),
    ("sv", "Hej Eva, ska jag komma förbi i morgon kl. 10 om det passar?"),
    ("da", "Hvad med at jeg kommer forbi i morgen kl. 10, hvis det passer?"),
    ("ca", "Bon dia, puc passar demà a les 10, si et va bé?"),
])
def test_a_question_with_a_courtesy_check_still_asks(language, text):
    assert modality(text, language) == "question"


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The sister hotel will send you a receipt for the spa."),
    ("da", "Søsterhotellet sender jer en kvittering for spaen."),
    ("sv", "Systerhotellet skickar ett kvitto för spat."),
    ("ca", "L'hotel germà us enviarà el rebut de l'spa."),
    ("sk", "Naša poisťovňa bude potrebovať fotky poškodenia."),
    ("da", "Vores forsikring dækker kun skader over 10.000 kr."),
])
def test_a_partner_business_or_our_insurer_acts_on_its_own(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Jeg booker søsterhotellet til jer på fredag."),
    ("sv", "Vi bokar systerhotellet åt er på fredag."),
    ("ca", "Reservarem l'hotel associat per a vosaltres divendres."),
])
def test_a_partner_business_we_act_on_is_no_third_party(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The deposit has already been refunded to your card."),
    ("sv", "Reservdelen har skickats från vårt lager i Malmö."),
])
def test_what_has_already_been_done_in_the_passive_is_a_report(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The new door has already been ordered and will be fitted on Monday 30 November."),
    ("sv", "Vi har lyckats få tag på en ny pump och monterar den på fredag."),
    ("sv", "Fakturan har makulerats och en ny skickas på fredag."),
])
def test_a_report_joined_to_a_promise_leaves_the_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize("text", ["The call-out fee has been waived.", "The fee has already been waived."])
def test_a_fee_waived_is_still_a_promise(text):
    assert promises(text, "en")


@pytest.mark.parametrize(("language", "text"), [
    ("da", "tror ikke maleren kan den 10. december, men jeg ringer til dig i morgen med nye datoer."),
    ("nb", "tror ikke maleren kan 10. desember, men jeg ringer deg i morgen med nye datoer."),
    ("sv", "tror inte målaren kan den 10 december, men jag ringer dig imorgon med nya datum."),
])
def test_a_dated_commitment_after_men_is_read_with_its_own_day(language, text):
    assert due_days(text, language) == ["2026-11-19"]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We'll fit the new blinds on 2 December, or sooner if the factory is quicker."),
    ("da", "Vi monterer persiennerne den 2. december, eller før hvis fabrikken er hurtigere."),
    ("sv", "Vi monterar persiennerna den 2 december, eller tidigare om fabriken är snabbare."),
    ("sk", "Žalúzie namontujeme 2. decembra, alebo aj skôr, ak bude továreň rýchlejšia."),
])
def test_sooner_if_something_allows_leaves_the_named_day_standing(language, text):
    assert due_days(text, language) == ["2026-12-02"]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "If you approve the quote, we'll fit the blinds on 2 December, or sooner if the factory is quicker."),
    ("en", "If you pay the deposit today, I'll come round tomorrow at 10 if that's ok."),
    ("da", "Når I har betalt depositum, kommer vi i morgen kl. 10, hvis det passer."),
    ("sv", "Om ni godkänner offerten monterar vi på fredag, eller tidigare om fabriken hinner."),
    ("en", "If it works, we'll install two more next week."),
])
def test_a_condition_beside_a_proviso_still_binds(language, text):
    assert modality(text, language) == "condition"


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I'll come back on Friday, there's no charge for the visit."),
    ("sk", "V piatok prídem znova, oprava bude na môj účet."),
])
def test_a_cost_spared_after_a_comma_is_a_second_promise(language, text):
    assert due_days(text, language) == ["2026-11-20", None]


def test_a_clock_time_ends_a_sentence_typed_in_lower_case():
    text = "hej sara, kagen er klar i morgen kl 9. leveringen er selvfølgelig gratis for dig."
    assert [AT.local_time(found) for found in promises(text, "da")] == ["2026-11-19T09:00", None]



def test_what_we_receive_after_men_stays_with_its_sentence():
    text = "Den er utsolgt i størrelse M nå, men vi får nye i hus mandag 23. november."
    assert promises(text, "nb") == []


def test_what_we_are_doing_after_men_is_no_clause_of_its_own():
    assert promises("Jeg har travlt i dag, men jeg er på kursus i morgen.", "da") == []
