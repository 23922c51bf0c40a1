"""Behaviour of promise extraction: commitments, due times, cadences, languages."""

from __future__ import annotations

from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from importlib import resources

import pytest

from followup.promises import (
    Cadence,
    detect_language,
    extract_promises,
    parse_cadence,
    parse_due,
    split_sentences,
)
from followup.promises.rules import LANGUAGES, rules_for

UTC = timezone.utc


def message(body: str, date: str = "Wed, 18 Nov 2026 10:15:00 +0100") -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Kari Nordmann <kari@our.example>"
    msg["To"] = "client@client.example"
    msg["Subject"] = "Re: missing invoices"
    msg["Date"] = date
    msg.set_content(body)
    return msg


def promises_in(msg: EmailMessage, zone: str = "Europe/Oslo", hint: str = "en"):
    sent_at = parsedate_to_datetime(msg["Date"])
    return extract_promises(msg.get_content(), sent_at=sent_at, timezone=zone, locale_hint=hint)


def test_will_send_by_friday_is_due_friday_1700_local():
    (found,) = promises_in(message("I will send the corrected invoice by Friday."))
    assert found.due_at == datetime(2026, 11, 20, 16, 0, tzinfo=UTC)  # 17:00 CET
    assert found.due_text == "by Friday"


def test_weekday_named_on_that_weekday_means_next_week():
    (found,) = promises_in(message("I'll call you on Wednesday.", "Wed, 18 Nov 2026 09:00:00 +0100"))
    assert found.due_at == datetime(2026, 11, 25, 16, 0, tzinfo=UTC)


def test_next_week_is_friday_of_next_week():
    (found,) = promises_in(message("Expect the full report next week."))
    assert found.due_at == datetime(2026, 11, 27, 16, 0, tzinfo=UTC)


def test_stated_time_of_day_replaces_end_of_business():
    (found,) = promises_in(message("We will have it fixed by 3 pm tomorrow."))
    assert found.due_at == datetime(2026, 11, 19, 14, 0, tzinfo=UTC)


def test_business_days_skip_the_weekend():
    (found,) = promises_in(message("We will refund the charge within 3 business days.", "Fri, 20 Nov 2026 11:00:00 +0100"))
    assert found.due_at == datetime(2026, 11, 25, 16, 0, tzinfo=UTC)


def test_promise_without_a_date_has_no_due_time_and_lower_confidence():
    (found,) = promises_in(message("We will rebuild the report template for your team."))
    assert found.due_at is None
    assert 0.6 <= found.confidence < 0.9


def test_out_of_office_is_not_a_promise():
    assert promises_in(message("I will be out of the office until Monday.")) == []


def test_conditional_is_not_a_promise():
    assert promises_in(message("If you send us the server logs, we will investigate further.")) == []


def test_question_is_not_a_promise():
    assert promises_in(message("Will you be available for a call tomorrow?")) == []


def test_polite_formula_is_not_a_promise():
    assert promises_in(message("Let me know if you need anything. I'll be happy to help.")) == []


def test_hedge_is_not_a_promise():
    assert promises_in(message("Maybe we can ship a partial delivery next week.")) == []


def test_quote_and_span_point_at_the_sentence_in_the_text():
    text = "Hi Anna,\n\nSorry about the delay. We will send the missing items by Thursday. Best, Ola"
    (found,) = extract_promises(text, sent_at=datetime(2026, 11, 18, 9, 0, tzinfo=UTC), timezone="UTC", locale_hint="en")
    start, end = found.span
    assert text[start:end] == found.quote == "We will send the missing items by Thursday."


def test_each_promise_of_a_message_is_found_in_order():
    msg = message("I will call you tomorrow. We will also credit your account before the end of the month.")
    assert [p.due_text for p in promises_in(msg)] == ["tomorrow", "before the end of the month"]


def test_norwegian_by_friday_promise():
    (found,) = promises_in(message("Vi sender rapporten innen fredag."), hint="nb_NO")
    assert (found.language, found.due_at) == ("nb", datetime(2026, 11, 20, 16, 0, tzinfo=UTC))


def test_norwegian_weekly_cadence():
    (found,) = promises_in(message("Du får en oppdatering fra meg hver tirsdag."), hint="nb")
    assert found.cadence == Cadence(1, "week", (1,))
    assert found.due_at is None


def test_danish_conditional_is_not_a_promise():
    assert promises_in(message("Hvis du sender os logfilerne, vil vi undersøge sagen."), "Europe/Copenhagen", "da") == []


def test_swedish_return_promise_is_due_in_48_hours_exactly():
    (found,) = promises_in(message("Jag återkommer med orsaken inom 48 timmar."), "Europe/Stockholm", "sv")
    assert found.due_at == datetime(2026, 11, 20, 9, 15, tzinfo=UTC)


def test_catalan_future_tense_is_a_promise():
    (found,) = promises_in(message("T'enviaré l'informe com a molt tard divendres."), "Europe/Madrid", "ca")
    assert (found.language, found.due_at) == ("ca", datetime(2026, 11, 20, 16, 0, tzinfo=UTC))


def test_slovak_perfective_verb_is_a_promise_due_by_friday():
    (found,) = promises_in(message("Správu vám pošleme najneskôr do piatku."), "Europe/Bratislava", "sk")
    assert (found.language, found.due_at) == ("sk", datetime(2026, 11, 20, 16, 0, tzinfo=UTC))


def test_slovak_out_of_office_is_not_a_promise():
    assert promises_in(message("Do 24. novembra budem mimo kancelárie."), "Europe/Bratislava", "sk") == []


def test_due_across_dst_end_keeps_1700_oslo_time():
    # Sent Friday 23 Oct 2026 (CEST, +02:00); Monday 26 Oct is after the switch to CET (+01:00).
    sent = datetime(2026, 10, 23, 16, 40, tzinfo=UTC)
    due = parse_due("innen mandag", relative_to=sent, timezone="Europe/Oslo", languages=["nb"])
    assert due == datetime(2026, 10, 26, 16, 0, tzinfo=UTC)


def test_due_before_dst_end_uses_summer_offset():
    sent = datetime(2026, 10, 22, 8, 0, tzinfo=UTC)
    due = parse_due("i morgen", relative_to=sent, timezone="Europe/Oslo", languages=["nb"])
    assert due == datetime(2026, 10, 23, 15, 0, tzinfo=UTC)


def test_parse_due_reads_iso_dates():
    sent = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    due = parse_due("2026-12-01", relative_to=sent, timezone="Europe/Oslo", languages=["en"])
    assert due == datetime(2026, 12, 1, 16, 0, tzinfo=UTC)


def test_parse_due_falls_back_to_dateparser_for_month_names():
    sent = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    due = parse_due("15. desember", relative_to=sent, timezone="Europe/Oslo", languages=["nb"])
    assert due == datetime(2026, 12, 15, 16, 0, tzinfo=UTC)


def test_parse_due_returns_none_without_a_date():
    sent = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    assert parse_due("as agreed", relative_to=sent, timezone="UTC", languages=["en"]) is None


@pytest.mark.parametrize(
    ("text", "languages", "expected"),
    [
        ("every 2 business days", ["en"], Cadence(2, "business_day")),
        ("every 2d", ["en"], Cadence(2, "day")),
        ("daily", ["en"], Cadence(1, "day")),
        ("weekly", ["en"], Cadence(1, "week")),
        ("every other day", ["en"], Cadence(2, "day")),
        ("every Monday and Thursday", ["en"], Cadence(1, "week", (0, 3))),
        ("hver 2. virkedag", ["nb"], Cadence(2, "business_day")),
        ("hver dag", ["nb"], Cadence(1, "day")),
        ("hver uke", ["nb"], Cadence(1, "week")),
        ("hver tirsdag", ["nb"], Cadence(1, "week", (1,))),
        ("hver anden dag", ["da"], Cadence(2, "day")),
        ("hver mandag", ["da"], Cadence(1, "week", (0,))),
        ("varannan dag", ["sv"], Cadence(2, "day")),
        ("varje måndag", ["sv"], Cadence(1, "week", (0,))),
        ("cada dia", ["ca"], Cadence(1, "day")),
        ("cada dos dies laborables", ["ca"], Cadence(2, "business_day")),
        ("cada dimarts", ["ca"], Cadence(1, "week", (1,))),
        ("každý deň", ["sk"], Cadence(1, "day")),
        ("každé 2 pracovné dni", ["sk"], Cadence(2, "business_day")),
        ("každý utorok", ["sk"], Cadence(1, "week", (1,))),
    ],
)
def test_cadence_phrases_in_six_languages(text, languages, expected):
    assert parse_cadence(text, languages) == expected


def test_cadence_keeps_the_words_it_was_read_from():
    assert parse_cadence("we'll write every 2 business days", ["en"]).text == "every 2 business days"


def test_text_without_cadence_has_none():
    assert parse_cadence("I will send it on Friday", ["en"]) is None


@pytest.mark.parametrize(
    "cadence",
    [Cadence(1, "day"), Cadence(3, "business_day"), Cadence(2, "week"), Cadence(1, "month"), Cadence(1, "week", (1, 4))],
)
def test_cadence_to_text_reads_back_to_the_same_cadence(cadence):
    assert parse_cadence(cadence.to_text(), ["en"]) == cadence


def test_cadence_rejects_an_unknown_unit():
    with pytest.raises(ValueError, match="fortnight"):
        Cadence(1, "fortnight")


def test_language_detection_prefers_the_text_over_a_wrong_hint():
    assert detect_language("We will send you the corrected invoice by Friday afternoon.", "sk") == "en"


def test_short_text_falls_back_to_the_locale_hint():
    assert detect_language("OK!", "sv_SE") == "sv"


def test_norwegian_locale_codes_map_to_bokmal():
    assert detect_language("ok", "no_NO") == "nb"


def test_sentences_keep_abbreviated_times_and_ordinal_dates_whole():
    text = "Vi sender den innen 1. desember kl. 12. Takk for tålmodigheten."
    assert [text[s:e] for s, e in split_sentences(text)] == ["Vi sender den innen 1. desember kl. 12.", "Takk for tålmodigheten."]


def test_every_language_has_a_rule_file_inside_the_package():
    for language in LANGUAGES:
        assert resources.files("followup.promises").joinpath("rules", f"{language}.toml").is_file()
        assert rules_for(language).strong


def test_unknown_language_rules_name_the_known_ones():
    with pytest.raises(ValueError, match="en, nb, da, sv, ca, sk"):
        rules_for("de")


# --- Dated cues: present tense as future, colleagues, passives; and what they must not catch.

FRIDAY_1640_OSLO = "Fri, 23 Oct 2026 16:40:00 +0200"


def only_promise(body: str, hint: str, zone: str = "Europe/Oslo", date: str = FRIDAY_1640_OSLO):
    found = promises_in(message(body, date=date), zone=zone, hint=hint)
    assert len(found) == 1, found
    return found[0]


def test_bokmal_present_tense_with_a_due_day_is_a_promise():
    promise = only_promise("Jeg purrer på transportøren innen mandag.", "nb")
    assert promise.due_at == datetime(2026, 10, 26, 16, 0, tzinfo=UTC)


def test_present_tense_without_a_due_time_is_not_a_promise():
    assert promises_in(message("Vi purrer ofte på transportøren."), hint="nb") == []


def test_named_colleague_calling_the_client_is_a_promise_when_dated():
    promise = only_promise("Kari ringer deg i morgen.", "nb")
    assert promise.due_at == datetime(2026, 10, 24, 15, 0, tzinfo=UTC)


def test_swedish_s_passive_with_a_due_day_is_a_promise():
    promise = only_promise("Kreditfakturan skickas senast måndag.", "sv", zone="Europe/Stockholm")
    assert promise.due_at == datetime(2026, 10, 26, 16, 0, tzinfo=UTC)


def test_catalan_third_person_future_is_a_promise_when_dated():
    promise = only_promise("El nostre tècnic passarà dimarts.", "ca", zone="Europe/Madrid")
    assert promise.due_at == datetime(2026, 10, 27, 16, 0, tzinfo=UTC)


def test_slovak_passive_with_bude_is_a_promise_when_dated():
    promise = only_promise("Oprava bude nasadená do dvoch pracovných dní.", "sk", zone="Europe/Bratislava")
    assert promise.due_at == datetime(2026, 10, 27, 16, 0, tzinfo=UTC)


def test_a_past_report_with_a_day_name_is_not_a_promise():
    assert promises_in(message("Vi sendte kreditnotaen på mandag."), hint="nb") == []
    assert promises_in(message("Dobropis sme vám poslali v pondelok."), zone="Europe/Bratislava", hint="sk") == []


def test_an_explicit_future_cue_wins_over_a_past_clause():
    promise = only_promise("I'll find out by Monday why we sent it twice yesterday.", "en", zone="Europe/London")
    assert promise.due_at == datetime(2026, 10, 26, 17, 0, tzinfo=UTC)


def test_a_request_for_the_clients_deadline_is_not_a_promise():
    assert promises_in(message("Vi trenger loggene fra dere innen torsdag."), hint="nb") == []


def test_travel_notice_with_a_date_is_not_a_promise():
    body = "Jeg er på reise neste uke og har begrenset tilgang til e-post."
    assert promises_in(message(body), hint="nb") == []


def test_hours_are_elapsed_time_across_the_dst_change():
    sent = datetime(2026, 10, 23, 14, 40, tzinfo=UTC)  # 16:40 in Oslo, summer time
    due = parse_due("innen 48 timer", relative_to=sent, timezone="Europe/Oslo", languages=["nb"])
    assert due == datetime(2026, 10, 25, 14, 40, tzinfo=UTC)


def test_scandinavian_locale_hint_wins_over_a_neighbour_language_guess():
    assert detect_language("Vi lägger ut en uppdatering på statussidan varje vardag.", "sv_SE") == "sv"
    assert detect_language("Vi må se, hvad leverandøren siger.", "da_DK") == "da"


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "We will not be able to deliver the replacement by Friday."),
        ("nb", "Vi kan dessverre ikke levere erstatningen før fredag."),
        ("da", "Vi når desværre ikke at levere erstatningen på fredag."),
        ("sv", "Vi hinner tyvärr inte leverera ersättningen före fredag."),
        ("ca", "No podrem enviar-vos el recanvi abans de divendres."),
        ("sk", "Žiaľ, náhradný diel nestihneme doručiť do piatku."),
    ],
)
def test_a_declined_commitment_is_not_a_promise(language, body):
    assert promises_in(message(body), hint=language) == []


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "You said you would send the signed contract on Monday."),
        ("nb", "Du skrev at dere ville sende den signerte kontrakten på mandag."),
        ("da", "Du skrev, at I ville sende den underskrevne kontrakt på mandag."),
        ("sv", "Du skrev att ni skulle skicka det signerade avtalet på måndag."),
        ("ca", "Ens vau dir que enviaríeu el contracte signat dilluns."),
        ("sk", "Písali ste, že podpísanú zmluvu pošlete v pondelok."),
    ],
)
def test_a_promise_reported_from_the_client_is_not_ours(language, body):
    assert promises_in(message(body), hint=language) == []


def test_slovak_until_clause_does_not_negate_the_promise():
    (found,) = promises_in(message("Budeme vás informovať každý deň, kým poruchu neodstránime."), hint="sk")
    assert found.cadence == Cadence(1, "day", ())


def test_catalan_first_person_plural_present_leading_the_sentence_is_a_dated_promise():
    (found,) = promises_in(message("Canviem el router dilluns."), zone="Europe/Madrid", hint="ca")
    assert found.due_text == "dilluns"


def test_catalan_adjective_in_em_or_im_is_not_a_commitment_cue():
    body = "El pròxim dilluns fem inventari a la botiga."
    assert promises_in(message(body), zone="Europe/Madrid", hint="ca") == []


def test_catalan_notice_with_a_date_is_not_a_promise():
    body = "Us informem que el manteniment programat serà dijous."
    assert promises_in(message(body), zone="Europe/Madrid", hint="ca") == []


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("sv", "Teknikern kommer till er på fredag."),
        ("da", "Teknikeren kommer ud til jer på fredag."),
        ("nb", "Rapporten er klar på fredag."),
        ("sv", "På fredag installerar montören den nya routern."),
    ],
)
def test_scandinavian_subject_noun_in_the_present_with_a_due_day_is_a_weak_promise(language, body):
    (found,) = promises_in(message(body), hint=language)
    assert found.due_at == datetime(2026, 11, 20, 16, 0, tzinfo=UTC)
    assert found.confidence < 0.75


@pytest.mark.parametrize(
    ("language", "body"),
    [("sv", "Teknikern kommer till er."), ("da", "Teknikeren kommer ud til jer."), ("nb", "Rapporten er klar.")],
)
def test_scandinavian_subject_noun_in_the_present_without_a_due_phrase_is_no_promise(language, body):
    assert promises_in(message(body), hint=language) == []


@pytest.mark.parametrize(
    ("language", "body"),
    [("sv", "Fakturan förfaller på fredag."), ("da", "Fakturaen forfalder på fredag."), ("nb", "Fakturaen forfaller på fredag.")],
)
def test_scandinavian_due_date_of_the_clients_invoice_is_not_a_promise(language, body):
    assert promises_in(message(body), hint=language) == []
