"""`followup import`: paths on disk → the archive, with a progress bar on a terminal."""

from __future__ import annotations

import mailbox
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import click

from followup import clock
from followup.storage.ingest import Counts, ingest
from followup.storage.store import Archive
from followup.cases.casebook import Casebook
from followup.cases.clients import rules_from_config
from followup.sources import files


@dataclass
class ImportCounts(Counts):
    files: int = 0
    cases_opened: int = 0
    promises: int = 0
    refused: int = 0


def run_import(config, paths: list[Path], *, progress: bool) -> tuple[ImportCounts, list[str]]:
    """Archive the messages, then let the case pass see them (tags in old mail count too)."""
    plan = files.plan(paths)
    expected = _expected_messages(plan)
    unreadable: list[str] = []
    archive = Archive.open(config.archive.path, now=clock.utcnow())
    bar = click.progressbar(length=expected, label="importing", file=None) if progress else nullcontext()
    try:
        with bar as shown, archive.bulk():
            counts = ingest(
                archive, files.read(plan, unreadable), rules_from_config(config), now=clock.utcnow,
                expected=expected, on_progress=shown.update if progress else None,
            )
        book = Casebook.for_config(archive, config)
        cases = book.run(clock.utcnow())
    finally:
        archive.close()
    result = ImportCounts(**vars(counts), files=plan.count, cases_opened=cases.opened,
                          promises=cases.promises, refused=cases.refused)
    return result, unreadable


def _expected_messages(plan: files.Plan) -> int:
    total = plan.count - len(plan.mailbox_files)
    for path in plan.mailbox_files:
        box = mailbox.mbox(path, create=False)
        try:
            total += len(box)
        finally:
            box.close()
    return total
