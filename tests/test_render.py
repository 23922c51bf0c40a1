"""Rendering emails: every kind in every language, safely, with dates in the reader's language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from followup.errors import FollowupError, RenderError
from followup.render import RenderedEmail, Renderer, locale_chain, templates_dir
from hypothesis import given, settings
from hypothesis import strategies as st

KINDS = ["ack", "update", "close", "digest"]
LANGUAGES = ["en", "nb", "da", "sv", "ca", "sk"]
FRIDAY = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def case_context(**changes: object) -> dict:
    context = {
        "case": {"id": 7, "subject": "Late delivery of the spring catalogue", "opened_at": FRIDAY - timedelta(days=4)},
        "client": {"name": "Acme", "locale": "nb", "timezone": "Europe/Oslo"},
        "owner": {"name": "Kari Nordmann", "address": "kari@agency.example"},
        "promises": [
            {"quote": "We will send the corrected files by Friday", "due_at": FRIDAY, "state": "open",
             "made_at": FRIDAY - timedelta(days=4), "author": "kari@agency.example", "first_due_at": None},
            {"quote": "A credit note for the reprint", "due_at": None, "state": "kept",
             "made_at": FRIDAY - timedelta(days=4), "author": "kari@agency.example", "first_due_at": None},
            {"quote": "A call on Monday", "due_at": FRIDAY - timedelta(days=4), "state": "broken",
             "made_at": FRIDAY - timedelta(days=5), "author": "ola@agency.example", "first_due_at": None},
            {"quote": "The new proofs", "due_at": FRIDAY - timedelta(days=1), "state": "late",
             "made_at": FRIDAY - timedelta(days=5), "author": "ola@agency.example", "first_due_at": None},
            {"quote": "The reprint", "due_at": FRIDAY + timedelta(days=7), "state": "rescheduled",
             "made_at": FRIDAY - timedelta(days=5), "author": "ola@agency.example",
             "first_due_at": FRIDAY - timedelta(days=2)},
        ],
        "note": "The printer confirmed the new proofs.",
        "next_promise_due": FRIDAY,
        "next_update_at": FRIDAY + timedelta(days=3),
        "closed_at": FRIDAY + timedelta(days=10),
    }
    context.update(changes)
    return context


def digest_context(**changes: object) -> dict:
    now = FRIDAY
    row = {"client": "acme", "case_id": 7, "subject": "Late delivery"}
    context = {
        "owner": {"name": "Kari", "address": "kari@agency.example"},
        "tag": "slipup",
        "generated_at": now,
        "timezone": "Europe/Oslo",
        "overdue": [
            {**row, "id": 4, "quote": "corrected files by Friday", "due_at": now - timedelta(days=3), "days_overdue": 3,
             "sha256": "a" * 64, "first_due_at": None},
            {**row, "id": 5, "case_id": 9, "quote": "call you back", "due_at": now - timedelta(days=12),
             "days_overdue": 12, "sha256": "b" * 64, "first_due_at": now - timedelta(days=20)},
        ],
        "due_soon": [{**row, "quote": "the reprint", "due_at": now + timedelta(days=3)}],
        "updates_due": [{**row, "next_update_at": now + timedelta(hours=3), "missed": False, "missed_count": 0,
                         "missed_at": None, "held": False},
                        {**row, "case_id": 9, "next_update_at": now + timedelta(hours=20), "missed": True,
                         "missed_count": 2, "missed_at": now - timedelta(days=8), "held": False},
                        {**row, "case_id": 11, "next_update_at": now + timedelta(hours=20), "missed": True,
                         "missed_count": 1, "missed_at": now - timedelta(days=1), "held": True}],
        "updates_sent": [{**row, "sent_at": now - timedelta(hours=10)}],
        "quiet": [{**row, "case_id": 3, "last_message_at": now - timedelta(days=12), "days_quiet": 12}],
    }
    context.update(changes)
    return context


def context_for(kind: str, **changes: object) -> dict:
    return digest_context(**changes) if kind == "digest" else case_context(**changes)


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_renders_in_every_language_as_text_and_html(renderer, kind, language):
    email = renderer.render(kind, language, context_for(kind))
    assert isinstance(email, RenderedEmail)
    assert email.subject and "\n" not in email.subject
    assert email.text.endswith("\n") and "\n\n\n" not in email.text
    assert email.html.lstrip().startswith("<!DOCTYPE html>")
    assert f'lang="{language}"' in email.html


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["ack", "update", "close"])
def test_client_emails_quote_the_promises_and_name_the_owner(renderer, kind, language):
    email = renderer.render(kind, language, case_context())
    for body in (email.text, email.html):
        assert "We will send the corrected files by Friday" in body
        assert "Kari Nordmann" in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_close_lists_every_promise_with_its_outcome(renderer, language):
    text = renderer.render("close", language, case_context()).text
    assert "A call on Monday" in text and "A credit note for the reprint" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_digest_lists_overdue_promises_oldest_first_with_evidence(renderer, language):
    text = renderer.render("digest", language, digest_context()).text
    assert text.index("call you back") < text.index("corrected files by Friday")
    assert "a" * 64 in text and "b" * 64 in text


def test_digest_with_nothing_to_report_says_so(renderer):
    empty = digest_context(overdue=[], due_soon=[], updates_due=[], updates_sent=[], quiet=[])
    assert "Nothing is overdue" in renderer.render("digest", "en", empty).text


def test_update_without_open_promises_says_none_are_left(renderer):
    text = renderer.render("update", "en", case_context(promises=[])).text
    assert "no open promises left" in text


def test_unknown_locale_falls_back_to_english(renderer):
    email = renderer.render("update", "fr_FR", case_context())
    assert "Here is where things stand" in email.text
    assert "Friday, November 20, 2026" in email.text


def test_regional_locale_uses_its_language(renderer):
    assert "Her er status" in renderer.render("update", "nb_NO", case_context()).text


def test_locale_chain_tries_region_then_language_then_english():
    assert locale_chain("nb-no") == ["nb_NO", "nb", "en"]
    assert locale_chain("sv") == ["sv", "en"]
    assert locale_chain("no") == ["no", "nb", "en"]
    assert locale_chain("") == ["en"]


def test_dates_are_written_in_the_clients_language_and_time_zone(renderer):
    # 15:00 UTC on 20 November is 16:00 in Oslo.
    text = renderer.render("update", "nb", case_context(next_update_at=FRIDAY)).text
    assert "fredag 20. november 2026 kl. 16:00" in text


@pytest.mark.parametrize(("language", "month"), [("da", "november"), ("sv", "november"), ("ca", "de novembre"), ("sk", "novembra")])
def test_month_names_follow_the_language(renderer, language, month):
    assert month in renderer.render("ack", language, case_context()).text


def test_relative_filter_speaks_the_language(tmp_path):
    (tmp_path / "da").mkdir()
    (tmp_path / "da" / "rel.txt.j2").write_text("{% block subject %}s{% endblock %}{{ due|relative(now) }}")
    (tmp_path / "da" / "rel.html.j2").write_text("{{ (due - now)|relative }}")
    email = Renderer(tmp_path).render("rel", "da", {"due": FRIDAY + timedelta(days=3), "now": FRIDAY})
    assert email.text.strip().endswith("om 3 dage")  # a layout-less template prints its subject too
    assert email.html.strip() == "om 3 dage"


def test_override_folder_wins_over_shipped_templates(tmp_path):
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "update.txt.j2").write_text(
        '{% extends "_base/email.txt.j2" %}{% block subject %}Egen tittel{% endblock %}'
        "{% block greeting %}Hallo{% endblock %}{% block body %}Kort og godt.{% endblock %}"
        "{% block signoff %}Hilsen{% endblock %}"
    )
    email = Renderer(tmp_path).render("update", "nb", case_context(promises=[], note=None))
    assert email.subject == "Egen tittel"
    assert email.text.startswith("Hallo") and "Kort og godt." in email.text
    assert "Hei Acme" in email.html  # the HTML template was not overridden


def test_missing_context_key_fails_with_render_error_naming_it(renderer):
    context = case_context()
    del context["owner"]
    with pytest.raises(RenderError, match="owner") as caught:
        renderer.render("update", "en", context)
    assert isinstance(caught.value, FollowupError)
    assert "fix:" in str(caught.value) and "\n" not in str(caught.value)


def test_missing_nested_key_fails_with_render_error(renderer):
    context = case_context(case={"id": 7, "opened_at": FRIDAY})
    with pytest.raises(RenderError, match="subject"):
        renderer.render("ack", "sv", context)


def write_pair(folder: Path, name: str, text_body: str) -> None:
    (folder / "en").mkdir(exist_ok=True)
    (folder / "en" / f"{name}.txt.j2").write_text("{% block subject %}s{% endblock %}\nline two\n" + text_body)
    (folder / "en" / f"{name}.html.j2").write_text("<p>ok</p>")


@pytest.mark.parametrize("attack", ["{{ ''.__class__.__mro__ }}", "{{ cycler.__init__.__globals__ }}",
                                    "{{ [].append(1) }}"])
def test_sandbox_escapes_fail_with_render_error(tmp_path, attack):
    write_pair(tmp_path, "evil", attack)
    with pytest.raises(RenderError, match=r"evil\.txt\.j2, line 3: .*unsafe"):
        Renderer(tmp_path).render("evil", "en", {})


def test_syntax_error_names_template_and_line(tmp_path):
    write_pair(tmp_path, "broken", "{% if %}")
    with pytest.raises(RenderError, match=r"broken\.txt\.j2, line 3: .*fix: correct the Jinja syntax"):
        Renderer(tmp_path).render("broken", "en", {})


def test_unknown_kind_fails_with_render_error(renderer):
    with pytest.raises(RenderError, match="nonesuch"):
        renderer.render("nonesuch", "en", {})


def test_a_kind_name_cannot_leave_the_templates_folder(renderer):
    with pytest.raises(RenderError):
        renderer.render("../../etc/passwd", "en", {})


def test_filter_given_a_non_date_fails_with_render_error(renderer):
    with pytest.raises(RenderError, match="datetime"):
        renderer.render("update", "en", case_context(next_promise_due="tomorrow"))


@pytest.mark.parametrize("kind", ["ack", "update", "close"])
def test_html_escapes_client_written_text(renderer, kind):
    script = "<script>alert(1)</script>"
    context = case_context(case={"id": 1, "subject": script, "opened_at": FRIDAY}, note=script)
    context["promises"][0]["quote"] = script
    email = renderer.render(kind, "en", context)
    assert "<script>" not in email.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in email.html
    assert script in email.text  # plain text keeps the client's words as written


def test_digest_html_escapes_quotes_and_subjects(renderer):
    overdue = [{"client": "<b>c</b>", "case_id": 1, "subject": "<script>s</script>", "quote": "<img src=x>",
                "due_at": FRIDAY, "days_overdue": 1, "sha256": "0" * 64, "id": 1, "first_due_at": None}]
    html = renderer.render("digest", "en", digest_context(overdue=overdue)).html
    assert "<script>" not in html and "<img" not in html and "<b>c</b>" not in html


@settings(max_examples=150, deadline=None)
@given(subject=st.text(alphabet=st.sampled_from("ab \r\n\t\x0b\x0c\x85\u2028\u2029:"), min_size=1, max_size=40))
def test_subject_is_always_one_line(subject):
    renderer = _shared_renderer()
    context = case_context(case={"id": 1, "subject": "x" + subject, "opened_at": FRIDAY})
    email = renderer.render("update", "en", context)
    assert "\r" not in email.subject and "\n" not in email.subject
    assert email.subject == " ".join(email.subject.split())


def test_subject_header_injection_is_folded_away(renderer):
    context = case_context(case={"id": 1, "subject": "Hi\r\nBcc: victim@example.com", "opened_at": FRIDAY})
    assert renderer.render("ack", "en", context).subject.startswith("Hi Bcc: victim@example.com:")


def test_language_template_missing_a_required_block_fails(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "update.txt.j2").write_text('{% extends "_base/update.txt.j2" %}{% block subject %}s{% endblock %}')
    with pytest.raises(RenderError, match="Required block .* not found .*fix: define that block"):
        Renderer(tmp_path).render("update", "en", case_context())


def test_text_template_without_subject_fails(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "plain.txt.j2").write_text("no subject here\n")
    (tmp_path / "en" / "plain.html.j2").write_text("<p>x</p>")
    with pytest.raises(RenderError, match="subject"):
        Renderer(tmp_path).render("plain", "en", {})


def test_shipped_templates_exist_for_every_kind_and_language():
    root = templates_dir()
    missing = [f"{lang}/{kind}.{fmt}.j2" for lang in LANGUAGES for kind in KINDS for fmt in ("txt", "html")
               if not (root / lang / f"{kind}.{fmt}.j2").is_file()]
    assert missing == []


_RENDERER: list[Renderer] = []


def _shared_renderer() -> Renderer:
    # Hypothesis forbids function-scoped fixtures; one renderer serves every example.
    if not _RENDERER:
        _RENDERER.append(Renderer())
    return _RENDERER[0]
