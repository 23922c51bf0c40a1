"""Click commands over the archive itself: init, import, grep, quarantine, cat, verify, export."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from followup.commands.app import config_of, emit_json, emit_listing, json_option, output_options
from followup.errors import FollowupError


@click.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--owner", metavar="ADDRESS", help="Your email address (the first owner).")
@click.option("--force", is_flag=True, help="Overwrite an existing config.toml.")
def init(directory: Path | None, owner: str | None, force: bool) -> None:
    """Write a commented starter config.toml (into DIRECTORY, default ~/.config/followup)."""
    from followup.config import starter_config

    directory = directory or Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "followup"
    target = directory / "config.toml"
    if target.exists() and not force:
        raise FollowupError(f"{target} already exists (fix: edit it, or pass --force to overwrite)")
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    target.write_text(starter_config(owner), encoding="utf-8")
    os.chmod(target, 0o600)
    click.echo(f"Wrote {target}. Edit it, then run: followup --config {target} import PATH")


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@json_option
@click.pass_context
def import_(ctx: click.Context, paths: tuple[Path, ...], fmt: str | None) -> None:
    """Archive every message in PATHS: Maildirs, mbox files, .eml files, or folders of them."""
    from followup.commands.importing import run_import

    counts, unreadable = run_import(config_of(ctx), list(paths), progress=sys.stderr.isatty() and not fmt)
    for problem in unreadable:
        click.echo(f"followup: warning: {problem}", err=True)
    summary = {"files": counts.files, "messages": counts.messages, "new": counts.new,
               "duplicate": counts.duplicate, "quarantined": counts.quarantined, "unreadable": len(unreadable)}
    if fmt:
        emit_json(summary)
        return
    click.echo(
        f"{counts.messages} messages from {counts.files} files: {counts.new} new, {counts.duplicate} duplicate, "
        f"{counts.quarantined} quarantined" + (f", {len(unreadable)} unreadable files" if unreadable else "")
    )
    if counts.cases_opened or counts.promises or counts.refused:
        click.echo(f"cases: {counts.cases_opened} opened, {counts.promises} promises found, "
                   f"{counts.refused} directives refused" + (" (see: followup refusals)" if counts.refused else ""))
    if counts.quarantined:
        click.echo("see why: followup quarantine", err=True)


@click.command(context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False,
                                 "help_option_names": []}, add_help_option=False)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def grep(ctx: click.Context, args: tuple[str, ...]) -> None:
    """Search archived messages like git grep (see followup grep --help)."""
    from followup.commands.grepping import main as grep_main

    # options live in grepoptions.py, read by grepping.py: the console script runs it without click
    grep_main(list(args), ctx.find_root().obj["config_path"])


@click.command()
@output_options
@click.pass_context
def quarantine(ctx: click.Context, fmt: str | None) -> None:
    """List messages that could not be parsed (kept raw), with the reason (exit 1 when none)."""
    from followup.commands.listing import quarantined

    def text(rows: list[dict]) -> str:
        return "\n".join(f"{r['sha256'][:12]}  {r['at'][:19]}  {r['location']}\n    {r['reason']}" for r in rows)

    rows = quarantined(config_of(ctx).archive.path)
    if not rows and not fmt:
        click.echo("Nothing is in quarantine.", err=True)
    emit_listing(rows, fmt, text)


@click.command("cat")
@click.argument("sha256")
@click.pass_context
def cat(ctx: click.Context, sha256: str) -> None:
    """Print a message's raw bytes exactly as archived (SHA256 may be a prefix of 6+ characters)."""
    from followup.commands.listing import raw_bytes

    data = raw_bytes(config_of(ctx).archive.path, sha256)
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


@click.command()
@json_option
@click.option("--bundle", "bundle_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
              help="Check an exported bundle instead (manifest, messages, chain); needs no archive or config.")
@click.pass_context
def verify(ctx: click.Context, fmt: str | None, bundle_dir: Path | None) -> None:
    """Check the archive is intact: every message's SHA-256 and the events chain.

    Exit status: 0 intact, 1 a mismatch (the first broken link is named), 2 an error.
    """
    from contextlib import nullcontext

    if bundle_dir is not None:
        from followup.evidence.bundlecheck import run
        sys.exit(run(bundle_dir, as_json=bool(fmt)))

    from followup.storage.reading import reading
    from followup.evidence.verify import planned_work, verify_archive

    with reading(config_of(ctx).archive.path) as conn:
        show = sys.stderr.isatty() and not fmt
        bar = click.progressbar(length=planned_work(conn), label="verifying", file=sys.stderr) if show else nullcontext()
        with bar:
            report = verify_archive(conn, (lambda done, total: bar.update(done - bar.pos)) if show else None)
    if fmt:
        emit_json(report.as_dict())
    elif report.intact:
        click.echo(f"intact: {report.messages} messages, {report.updates} updates and {report.events} events verified")
    else:
        click.echo(f"broken: {report.first.describe()}")
        click.echo(f"followup: {'; '.join(report.problems)} (fix: restore the archive from a backup)", err=True)
    sys.exit(0 if report.intact else 1)


@click.command()
@click.argument("target", metavar="CLIENT|CASE")
@click.option("--to", "directory", required=True, metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
              help="A new (or empty) folder for the bundle.")
@click.option("--force", is_flag=True, help="Write into a non-empty folder, replacing a previous bundle there.")
@click.option("--audience", type=click.Choice(["client", "internal"]), default="client", show_default=True,
              help="Who may read it: client (the safer default) leaves out notes, directives and owner-only mail.")
@json_option
@click.pass_context
def export(ctx: click.Context, target: str, directory: Path, force: bool, audience: str, fmt: str | None) -> None:
    """Write the evidence bundle of a case (a number) or a client (a name) into DIR.

    Every message as .eml and in one mbox, the promises as CSV and JSON, the events chain,
    an offline printable report.html in the client's language and time zone, MANIFEST.sha256,
    and verify_bundle.py, which checks it all with plain Python 3.
    """
    from followup import clock
    from followup.storage.reading import reading
    from followup.evidence.export import export_bundle

    config = config_of(ctx)
    with reading(config.archive.path) as conn:
        bundle, written = export_bundle(conn, target, directory, config=config, now=clock.utcnow(),
                                        audience=audience, force=force)
    summary = {"target": bundle.target.label, "directory": str(directory), "files": len(written.digests) + 1,
               "bytes": written.size, "cases": len(bundle.cases), "messages": len(bundle.messages),
               "promises": len(bundle.promises), "updates": len(bundle.updates), "events": len(bundle.events),
               "audience": audience, "anchor": bundle.chain["anchor"], "head": bundle.chain["head"]}
    if fmt:
        emit_json(summary)
        return
    click.echo(f"{bundle.target.label}: {summary['messages']} messages, {summary['promises']} promises, "
               f"{summary['updates']} updates and {summary['events']} events in {directory}/ "
               f"for {'the client' if audience == 'client' else 'internal use'} "
               f"(check: followup verify --bundle {directory}; read: report.html)")
