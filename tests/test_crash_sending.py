"""SIGKILL at random moments while the daemon archives and sends: afterwards every due
update has reached the SMTP server, and no case got two different updates for one slot."""

from __future__ import annotations

import email
import random
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from configs import client, config_toml, maildir_source, smtp_transport
from mailfactory import message
from smtpserver import free_port

pytestmark = pytest.mark.integration
KILLED_RUNS = 20
CASES_PER_RUN = 4  # each run finds new tagged cases, so there is always something to interrupt
NOW = "2026-11-23T10:00:00+00:00"


class SlowSink:
    """Takes 100 ms per message, so that kills land mid-send too."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        time.sleep(0.1)
        with self.lock:
            self.messages.append(envelope.original_content)
        return "250 2.0.0 accepted"


def maildir(root: Path, name: str, *raws: bytes) -> None:
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    for i, raw in enumerate(raws):
        (root / "cur" / f"{name}{i}:2,S").write_bytes(raw)


@pytest.fixture
def site(tmp_path: Path):
    sink = SlowSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    (tmp_path / "config.toml").write_text(config_toml(
        defaults={"send_window": "always"},
        delivery={"rate_limit_per_client_per_hour": 1000},
        clients=[client("acme")],
        sources=[maildir_source("mail")],
        transport=smtp_transport(port=port, tls="none"),
    ))
    yield tmp_path, sink
    controller.stop()


def add_cases(site: Path, first: int, count: int) -> None:
    box = site / "mail"
    for n in range(first, first + count):
        complaint = message(f"Case {n}: where is it?", From=f"client{n}@acme.example", To="me@agency.example",
                            Subject=f"Order {n}", Message_ID=f"<c{n}@acme.example>", Date="Mon, 16 Nov 2026 08:00:00 +0000")
        tag = message("#slipup", From="me@agency.example", To="me@agency.example", Subject=f"Order {n}",
                      Message_ID=f"<t{n}@agency.example>", In_Reply_To=f"<c{n}@acme.example>",
                      References=f"<c{n}@acme.example>", Date="Mon, 16 Nov 2026 08:05:00 +0000")
        maildir(box, f"in{n}.", complaint.as_bytes())
        maildir(box / ".Sent", f"tag{n}.", tag.as_bytes())


def run_once(site: Path, kill_after: float | None) -> int:
    proc = subprocess.Popen([sys.executable, "-m", "followup", "--config", str(site / "config.toml"), "run", "--once"],
                            env={**__import__("os").environ, "FOLLOWUP_NOW": NOW},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if kill_after is not None:
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            proc.kill()
    return proc.wait(timeout=60)


def test_every_due_update_arrives_and_none_twice_across_random_kills(site):
    folder, sink = site
    rng = random.Random(20261123)
    killed = 0
    for run in range(KILLED_RUNS):
        add_cases(folder, run * CASES_PER_RUN, CASES_PER_RUN)
        if run_once(folder, kill_after=rng.uniform(0.3, 1.4)) != 0:
            killed += 1
    assert run_once(folder, kill_after=None) == 0
    assert run_once(folder, kill_after=None) == 0  # and a pass after that sends nothing new
    per_case: dict[str, set[str]] = defaultdict(set)
    for raw in sink.messages:
        parsed = email.message_from_bytes(raw)
        if parsed["To"] != "me@agency.example":
            per_case[parsed["X-Followup-Update"]].add(parsed["Message-ID"])
    assert killed >= 10, f"only {killed} of {KILLED_RUNS} runs were killed: the test did not test crashes"
    assert len(per_case) == KILLED_RUNS * CASES_PER_RUN  # every due update arrived
    assert all(len(ids) == 1 for ids in per_case.values())  # one update per case and slot, by Message-ID
