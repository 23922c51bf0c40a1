"""Who a bundle is for: a client bundle (the default) carries no internal note, no owner-only
mail such as the `#slipup` tag, no steering and no housekeeping; an internal bundle carries
them all. The report speaks the client's language and time zone, with UTC beside."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import evidence_archive
import pytest
from followup.evidence.disclosure import client_sees_event
from followup.evidence.report import report_language, vocabulary

built_archive, world = evidence_archive.built_archive, evidence_archive.world  # the shared fixtures

NOTE = "Kari is furious; do not mention the invoice again"


def export(world, *extra: str, target: str = "acme", name: str = "bundle") -> Path:
    bundle = world.root / name
    result = world.cli("export", target, "--to", str(bundle), *extra)
    assert result.exit_code == 0, result.output
    return bundle


def everything(bundle: Path) -> str:
    """Every file of the bundle as text, to search for what must not be there."""
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in sorted(bundle.rglob("*")) if p.is_file())


def page_text(bundle: Path) -> str:
    html = (bundle / "report.html").read_text(encoding="utf-8")
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html[html.index("<body>"):])).split())


@pytest.fixture
def noted(world):
    assert world.cli("note", "1", NOTE, "--as", "me@agency.example").exit_code == 0
    return world


def test_the_default_audience_is_the_client(noted):
    bundle = export(noted)
    assert json.loads((bundle / "bundle.json").read_text())["audience"] == "client"
    help_text = noted.cli("export", "--help").output
    assert "--audience [client|internal]" in help_text and "default: client" in help_text


def test_a_client_bundle_carries_no_internal_note(noted):
    bundle = export(noted)
    assert NOTE not in everything(bundle)
    assert "note.added" not in everything(bundle)


def test_a_client_bundle_carries_no_owner_only_tag_mail(noted):
    bundle = export(noted)
    tag_mail = noted.sha_of("a3@agency.example")
    assert not any(tag_mail[:12] in p.name for p in (bundle / "messages").iterdir())
    assert b"#slipup" not in (bundle / "messages.mbox").read_bytes()
    text = everything(bundle)
    # As an address of its own: a generated Message-ID may end in "…a3@agency.example" by chance.
    assert "#slipup" not in text and not re.search(r"(?<![\w.-])a3@agency\.example", text)


def test_a_client_bundle_withholds_steering_and_housekeeping_events_but_keeps_their_links(noted):
    rows = [json.loads(line) for line in (export(noted) / "events.jsonl").read_text().splitlines()]
    shown = {r["kind"] for r in rows if not r.get("withheld")}
    assert shown == {"message.archived", "case.opened", "promise.recorded", "promise.kept", "promise.broken",
                     "update.sent"}
    assert any(r.get("withheld") for r in rows)
    assert all(set(r) == {"id", "withheld", "digest", "prev_hash", "hash"} for r in rows if r.get("withheld"))


def test_an_internal_bundle_carries_the_note_and_the_tag_mail(noted):
    bundle = export(noted, "--audience", "internal")
    text = everything(bundle)
    assert NOTE in text and "#slipup every 2d" in text
    assert any(noted.sha_of("a3@agency.example")[:12] in p.name for p in (bundle / "messages").iterdir())
    assert "Internal bundle" not in page_text(bundle)  # acme reads Norwegian
    assert "Intern pakke" in page_text(bundle) and NOTE in page_text(bundle)


@pytest.mark.parametrize("kind", ["directive.refused", "case.cadence", "case.paused", "note.added",
                                  "update.queued", "update.failed", "digest.sent", "thread.merged"])
def test_the_client_never_sees_steering_refusals_or_housekeeping(kind):
    assert not client_sees_event({"kind": kind, "sha256": "a" * 64, "data": "{}"}, {"a" * 64}, {1})


def test_the_client_sees_the_fate_of_its_promises_only(world):
    kept = {"kind": "promise.kept", "sha256": None, "data": json.dumps({"id": 1})}
    assert client_sees_event(kept, set(), {1}) and not client_sees_event(kept, set(), {2})


def test_an_unknown_audience_is_a_usage_error(world):
    result = world.cli("export", "acme", "--to", str(world.root / "b"), "--audience", "lawyer")
    assert result.exit_code == 2 and "client" in result.output + result.stderr


def test_the_report_is_in_norwegian_with_oslo_times_and_utc_beside(world):
    text = page_text(export(world))
    assert "Dokumentasjon" in text and "Løfter" in text and "Tidslinje" in text
    assert "Tidspunkter er i Europe/Oslo, med UTC ved siden av." in text
    # Kari wrote Monday 16 November 09:00 +01:00, i.e. 08:00 UTC
    assert "16. nov. 2026 09:00 CET (08:00 UTC)" in text
    assert "holdt" in text and "brutt" in text and "åpent" in text  # the late call got an honest new date (issue 15)
    assert '<html lang="nb">' in (world.root / "bundle" / "report.html").read_text(encoding="utf-8")


def test_the_report_shows_a_rescheduled_promise_with_its_history(world):
    text = page_text(export(world))
    assert "fra 17. nov. 2026 17:00 CET" in text and "“the figures need a second look”" in text


def test_the_utc_time_carries_its_date_when_the_day_differs(world):
    world.set_acme(timezone="Pacific/Auckland")
    text = page_text(export(world))
    # 09:00 in Oslo on 16 November is 21:00 in Auckland the same day, 08:00 UTC
    assert "16. nov. 2026 21:00 NZDT (08:00 UTC)" in text
    # the sent copy of the update, 15:00 UTC on the 18th, is 04:00 on the 19th in Auckland
    assert "19. nov. 2026 04:00 NZDT (2026-11-18 15:00 UTC)" in text


@pytest.mark.parametrize(("locale", "title", "promises"), [
    ("en", "Evidence record", "Promises"), ("nb", "Dokumentasjon", "Løfter"), ("da", "Dokumentation", "Løfter"),
    ("sv", "Bevisunderlag", "Löften"), ("ca", "Registre de proves", "Compromisos"), ("sk", "Dôkazný záznam", "Sľuby"),
])
def test_the_report_speaks_each_of_the_six_languages(world, locale, title, promises):
    world.set_acme(locale=locale)
    html = (export(world) / "report.html").read_text(encoding="utf-8")
    assert f'<html lang="{locale}">' in html and f"<title>{title}:" in html and f"<h3>{promises}</h3>" in html


def test_every_language_has_every_word():
    words = vocabulary()
    assert set(words) == {"en", "nb", "da", "sv", "ca", "sk"}
    for language, table in words.items():
        for section in (None, "words", "events"):
            ours, english = (table, words["en"]) if section is None else (table[section], words["en"][section])
            assert set(ours) == set(english), (language, section)


@pytest.mark.parametrize(("locale", "expected"), [("nb_NO", ("nb", "nb_NO")), ("no", ("nb", "nb")),
                                                 ("de", ("en", "en")), ("sk-SK", ("sk", "sk_SK"))])
def test_the_report_language_follows_the_template_fallbacks(locale, expected):
    assert report_language(locale) == expected


def test_the_report_tells_the_reader_how_to_check_it_without_the_archive(world):
    bundle = export(world)
    html = (bundle / "report.html").read_text(encoding="utf-8")
    footer = html[html.index("<footer>"):]
    assert "python3 verify_bundle.py" in footer and "followup verify --bundle ." in footer
    assert re.search(r"followup verify(?! --bundle)", html) is None
    chain = json.loads((bundle / "bundle.json").read_text())["chain"]
    assert chain["anchor"] in footer and chain["head"] in footer


def test_a_promise_with_reschedule_history_shows_it_beside_its_due_time(world):
    """The place issue 15 fills: each reschedule (when, from, to, by whom, why) under the due time."""
    import sqlite3

    from followup.evidence.export import Reader, gather, resolve_target
    from followup.evidence.report import render_report

    conn = sqlite3.connect(f"file:{world.archive}?mode=ro", uri=True, isolation_level=None)
    try:
        bundle = gather(conn, resolve_target(conn, "1", ["acme"]), evidence_archive.NOW, Reader("client", "en", "UTC"))
    finally:
        conn.close()
    bundle.promises[0]["history"] = [{"at": "2026-11-17T09:00:00+00:00", "from": "2026-11-19T16:00:00+00:00",
                                      "to": "2026-11-26T16:00:00+00:00", "by": "me@agency.example",
                                      "why": "the auditor is ill"}]
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", render_report(bundle))).split())
    assert "Nov 17, 2026 9:00 AM UTC : from Nov 19, 2026 4:00 PM UTC to Nov 26, 2026 4:00 PM UTC by me@agency.example: “the auditor is ill”" in text
