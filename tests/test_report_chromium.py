"""The export's report.html in a real headless Chromium (Debian package `chromium`): the
rendered page shows every promise with its state and a working link to its message, every
update sent, and it loads without a single network request. The example client acme reads
Norwegian (bokmål) in Europe/Oslo, so the page does too."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import evidence_archive
import pytest
from evidence_archive import CALL, FIX, SHIP

built_archive, world = evidence_archive.built_archive, evidence_archive.world  # the shared fixtures

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(CHROMIUM is None, reason="needs headless Chromium (Debian: apt-get install chromium)"),
]
QUIET = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND"]


def chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *QUIET, f"--user-data-dir={profile}", *args, page.as_uri()],
                          capture_output=True, timeout=120, check=True)


class Elements(HTMLParser):
    """Every element's tag, attributes and own text, from the DOM Chromium dumps."""

    def __init__(self):
        super().__init__()
        self.found: list[dict] = []
        self._open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, **{k: v or "" for k, v in attrs}, "text": ""}
        self.found.append(element)
        if tag not in ("meta", "br", "link", "img", "input"):
            self._open.append(element)

    def handle_endtag(self, tag):
        while self._open and self._open.pop()["tag"] != tag:
            pass

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data


def rendered(page: Path, profile: Path) -> list[dict]:
    parser = Elements()
    parser.feed(chromium(page, profile, "--dump-dom").stdout.decode("utf-8"))
    return parser.found


def page_requests(page: Path, profile: Path) -> list[str]:
    """Requests the page itself made (Chromium's own housekeeping is keyed to other sites)."""
    log = profile.parent / f"{profile.name}-net.json"
    chromium(page, profile, f"--log-net-log={log}", "--dump-dom")
    data = json.loads(log.read_text(encoding="utf-8"))
    start = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [e["params"]["url"] for e in data["events"]
            if e["type"] == start and "file://" in e["params"].get("network_isolation_key", "")
            and not e["params"]["url"].startswith("file:")]


@pytest.fixture
def report(world) -> Path:
    bundle = world.root / "bundle"
    assert world.cli("export", "acme", "--to", str(bundle)).exit_code == 0
    return bundle / "report.html"


def test_each_promise_quote_links_to_its_messages_section_with_its_state(report, tmp_path):
    elements = rendered(report, tmp_path / "profile")
    ids = {e["id"] for e in elements if e.get("id")}
    rows = [e for e in elements if e["tag"] == "tr" and "promise" in e.get("class", "").split()]
    links = {e["text"]: e["href"] for e in elements if e["tag"] == "a" and e["href"].startswith("#m-")}
    for quote, state, shown in ((SHIP, "kept", "holdt"), (FIX, "broken", "brutt"), (CALL, "open", "åpent")):  # CALL got an honest new date
        assert links[quote][1:] in ids
        (row,) = [r for r in rows if quote in r["text"]]
        assert f"promise-{state}" in row["class"] and shown in row["text"]


def test_promise_times_read_in_oslo_time_with_utc_beside(report, tmp_path):
    elements = rendered(report, tmp_path / "profile")
    (row,) = [e for e in elements if e["tag"] == "tr" and SHIP in e["text"]]
    # made Monday 16 November 11:00 +01:00, due Friday 20 November 16:00 UTC
    assert "16. nov. 2026 11:00 CET (10:00 UTC)" in " ".join(row["text"].split())
    assert "20. nov. 2026 17:00 CET (16:00 UTC)" in " ".join(row["text"].split())


def test_each_message_section_shows_headers_text_and_its_eml_file(report, tmp_path):
    elements = rendered(report, tmp_path / "profile")
    sections = [e for e in elements if e["tag"] == "section" and e.get("class") == "message"]
    emls = sorted(e["href"] for e in elements if e["tag"] == "a" and "eml" in e.get("class", "").split()
                  and e["href"].startswith("messages/") and e["text"] == e["href"])
    assert len(sections) == 4  # the thread without the owner's own #slipup mail, and the update
    assert sorted(set(emls)) == sorted(f"messages/{p.name}" for p in (report.parent / "messages").iterdir())
    first = sections[0]["text"]
    assert "Kari Nordmann <kari@acme.example>" in first and "Where is the report?" in first
    assert "<b>urgent</b>" in first  # shown as text, not markup
    assert not any(e["tag"] == "b" for e in elements)


def test_the_update_sent_is_listed_and_linked_to_its_archived_copy(report, tmp_path):
    elements = rendered(report, tmp_path / "profile")
    (row,) = [e for e in elements if e["tag"] == "tr" and e.get("class") == "update"]
    assert "Re: Quarterly report" in row["text"] and "kari@acme.example" in row["text"] and "sendt" in row["text"]
    update_links = [e for e in elements if e["tag"] == "a" and e["text"] == "Re: Quarterly report"
                    and e["href"].startswith("#m-")]
    ids = {e["id"] for e in elements if e.get("id")}
    assert update_links and all(a["href"][1:] in ids for a in update_links)


def test_the_report_loads_without_any_network_request(report, tmp_path):
    assert page_requests(report, tmp_path / "profile") == []
    html = report.read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and "url(" not in html and "@import" not in html


def test_the_network_check_would_see_a_page_that_fetches(tmp_path):
    page = tmp_path / "fetches.html"
    page.write_text('<img src="http://canary.invalid/x.png"><link rel="stylesheet" href="https://canary.invalid/a.css">')
    assert sorted(page_requests(page, tmp_path / "profile")) == ["http://canary.invalid/x.png",
                                                                  "https://canary.invalid/a.css"]


def test_the_report_prints_to_pdf(report, tmp_path):
    pdf = tmp_path / "report.pdf"
    chromium(report, tmp_path / "profile", f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.count(b"/Type /Page\n") + data.count(b"/Type /Page>") + \
        data.count(b"/Type /Page ") >= 2
