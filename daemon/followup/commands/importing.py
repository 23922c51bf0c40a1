"""`followup import`: paths on disk → the archive, with a progress bar on a terminal."""

from __future__ import annotations

import mailbox
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import click

from followup.archive.ingest import Counts, ingest
from followup.archive.store import Archive
from followup.cases.clients import rules_from_config
from followup.clock import utcnow
from followup.sources import files


@dataclass
class ImportCounts(Counts):
    files: int = 0


def run_import(config, paths: list[Path], *, progress: bool) -> tuple[ImportCounts, list[str]]:
    plan = files.plan(paths)
    expected = _expected_messages(plan)
    unreadable: list[str] = []
    archive = Archive.open(config.archive.path, now=utcnow())
    bar = click.progressbar(length=expected, label="importing", file=None) if progress else nullcontext()
    try:
        with bar as shown:
            counts = ingest(
                archive, files.read(plan, unreadable), rules_from_config(config), now=utcnow,
                expected=expected, on_progress=shown.update if progress else None,
            )
    finally:
        archive.close()
    result = ImportCounts(**vars(counts), files=len(plan.files))
    return result, unreadable


def _expected_messages(plan: files.Plan) -> int:
    total = len(plan.files) - len(plan.mailbox_files)
    for path in plan.mailbox_files:
        box = mailbox.mbox(path, create=False)
        try:
            total += len(box)
        finally:
            box.close()
    return total
