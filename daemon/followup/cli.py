"""The `followup` command line: thin click commands over the library.

Imports of anything heavier than click and the stdlib happen inside the commands, so that
`followup grep` starts in a few tens of milliseconds. Exit codes: 0 success (for grep: a
match), 1 nothing found, 2 an error, told on stderr in one line with the fix.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import click

from followup.errors import FollowupError

EXIT_ERROR = 2


class _Group(click.Group):
    """Turns our errors into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except FollowupError as exc:
            click.echo(f"followup: error: {exc}", err=True)
            sys.exit(EXIT_ERROR)
        except sqlite3.Error as exc:  # a read outside archive.db's helpers: still one line, never a traceback
            from followup.archive.db import translate

            path = getattr((ctx.obj or {}).get("config"), "archive", None)
            click.echo(f"followup: error: {translate(exc, getattr(path, 'path', 'archive'), 'read')}", err=True)
            sys.exit(EXIT_ERROR)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug: one line for the user; FOLLOWUP_DEBUG=1 shows the traceback
            if os.environ.get("FOLLOWUP_DEBUG"):
                raise
            click.echo(f"followup: error: internal error: {type(exc).__name__}: {exc} "
                       "(fix: report a bug; run again with FOLLOWUP_DEBUG=1 for the traceback)", err=True)
            sys.exit(EXIT_ERROR)
        except BrokenPipeError:  # `followup grep x | head`
            sys.stderr.close()
            sys.exit(0)


def _config(ctx: click.Context):
    from followup.config import load_config
    from followup.configpath import find_config_path

    obj = ctx.find_root().obj
    if "config" not in obj:
        obj["config"] = load_config(find_config_path(obj["config_path"], os.environ))
    return obj["config"]


def _emit_json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, default=_json_default))


def _json_default(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", metavar="FILE", help="Config file (default: $FOLLOWUP_CONFIG, then ~/.config/followup/config.toml).")
@click.version_option(package_name="followup")
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """Keep your word to a client after a slip-up: archive the thread, track the promises, send the updates."""
    ctx.obj = {"config_path": config_path}


@main.command()
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
    click.echo(f"wrote {target}; edit it, then: followup --config {target} import PATH")


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the counts as one JSON object.")
@click.pass_context
def import_(ctx: click.Context, paths: tuple[Path, ...], as_json: bool) -> None:
    """Archive every message in PATHS: Maildirs, mbox files, .eml files, or folders of them."""
    from followup.commands.importing import run_import

    counts, unreadable = run_import(_config(ctx), list(paths), progress=sys.stderr.isatty() and not as_json)
    for problem in unreadable:
        click.echo(f"followup: warning: {problem}", err=True)
    summary = {"files": counts.files, "messages": counts.messages, "new": counts.new,
               "duplicate": counts.duplicate, "quarantined": counts.quarantined, "unreadable": len(unreadable)}
    if as_json:
        _emit_json(summary)
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


@main.command()
@click.argument("pattern")
@click.option("-F", "--fixed-strings", "fixed", is_flag=True, help="PATTERN is a literal string, not a regex.")
@click.option("-i", "--ignore-case", "ignore_case", is_flag=True, help="Ignore case.")
@click.option("-w", "--word-regexp", "word", is_flag=True, help="Match whole words only.")
@click.option("-l", "--files-with-matches", "list_only", is_flag=True, help="One line per matching message.")
@click.option("-c", "--count", is_flag=True, help="Count matching lines per message.")
@click.option("-C", "--context", type=click.IntRange(0), default=0, metavar="N", help="Show N lines around each match.")
@click.option("--client", metavar="NAME", help="Only this client's messages.")
@click.option("--case", "case_id", type=int, metavar="ID", help="Only this case's messages.")
@click.option("--from", "sender", metavar="TEXT", help="Only messages whose sender address or name contains TEXT.")
@click.option("--since", metavar="DATE", help="Only messages dated on or after DATE (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Only messages dated before DATE (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="JSON lines: one object per matching line (with -l: per message).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", help="Highlight matches.")
@click.pass_context
def grep(ctx: click.Context, **options) -> None:
    """Search archived messages (subject = line 0, body = lines 1..n) like `git grep`.

    Exit status: 0 when something matched, 1 when nothing did, 2 on an error.
    """
    from followup.commands.grepping import run_grep
    from followup.configpath import archive_path, find_config_path

    config_file = find_config_path(ctx.find_root().obj["config_path"], os.environ)
    matched = run_grep(archive_path(config_file), options, out=sys.stdout)
    sys.exit(0 if matched else 1)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="JSON lines, one object per message.")
@click.pass_context
def quarantine(ctx: click.Context, as_json: bool) -> None:
    """List messages that could not be parsed (kept raw), with the reason."""
    from followup.commands.listing import quarantined

    rows = quarantined(_config(ctx).archive.path)
    for row in rows:
        if as_json:
            _emit_json(row)
        else:
            click.echo(f"{row['sha256'][:12]}  {row['at'][:19]}  {row['location']}\n    {row['reason']}")
    if not rows and not as_json:
        click.echo("nothing in quarantine", err=True)


@main.command("cat")
@click.argument("sha256")
@click.pass_context
def cat(ctx: click.Context, sha256: str) -> None:
    """Print a message's raw bytes exactly as archived (SHA256 may be a prefix of 6+ characters)."""
    from followup.commands.listing import raw_bytes

    data = raw_bytes(_config(ctx).archive.path, sha256)
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def _tz(ctx: click.Context) -> str:
    """Times print in the reader's zone: the owner running the command ($FOLLOWUP_OWNER), else the first owner."""
    from followup.names import reader_zone

    return reader_zone(_config(ctx))


@main.command("cases")
@click.option("--client", metavar="NAME", help="Only this client's cases.")
@click.option("--state", type=click.Choice(["open", "paused", "closed"]), help="Only cases in this state.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines, one object per case.")
@click.pass_context
def cases_(ctx: click.Context, client: str | None, state: str | None, as_json: bool) -> None:
    """List cases: tagged threads, their state, promises and next update (exit 1 when none)."""
    from followup.commands import caseprint, casework

    found = casework.list_cases(_config(ctx), client=client, state=state)
    if as_json:
        for case in found:
            _emit_json(case)
    elif found:
        click.echo(caseprint.cases_table(found, _tz(ctx)))
    sys.exit(0 if found else 1)


@main.command()
@click.argument("case_id", metavar="CASE", type=int)
@click.option("--json", "as_json", is_flag=True, help="One JSON object: case, promises, notes, timeline.")
@click.pass_context
def show(ctx: click.Context, case_id: int, as_json: bool) -> None:
    """Show a case: its promises and its timeline of messages, directives and decisions."""
    from followup import clock
    from followup.commands import caseprint, casework

    detail = casework.show_case(_config(ctx), case_id)
    _emit_json(detail) if as_json else click.echo(caseprint.show(detail, _tz(ctx), clock.utcnow()))


def _state_command(verb: str, summary: str):
    @click.argument("case_id", metavar="CASE", type=int)
    @click.option("--reason", metavar="TEXT", help="Why, for the record.")
    @click.pass_context
    def command(ctx: click.Context, case_id: int, reason: str | None) -> None:
        from followup.commands import casework

        casework.change_state(_config(ctx), case_id, verb, reason)
        click.echo(f"case {case_id}: {verb}d" if verb != "pause" else f"case {case_id}: paused")

    command.__doc__ = summary
    return main.command(verb)(command)


_state_command("close", "Close a case: its updates stop (the closing summary goes out with delivery).")
_state_command("pause", "Pause a case's updates until `followup resume`.")
_state_command("resume", "Resume a paused or closed case.")


@main.command()
@click.argument("case_id", metavar="CASE", type=int)
@click.argument("text", nargs=-1, required=True)
@click.pass_context
def note(ctx: click.Context, case_id: int, text: tuple[str, ...]) -> None:
    """Add a note to a case; the latest note goes into the next update."""
    from followup.commands import casework

    casework.add_note(_config(ctx), case_id, " ".join(text))
    click.echo(f"case {case_id}: note added")


@main.command()
@click.argument("client")
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@click.pass_context
def brief(ctx: click.Context, client: str, as_json: bool) -> None:
    """One screen on a client for whoever picks up their call: cases, promises, what is overdue."""
    from followup import clock
    from followup.commands import caseprint, casework

    data = casework.brief(_config(ctx), client)
    _emit_json(data) if as_json else click.echo(caseprint.brief(data, _tz(ctx), clock.utcnow()))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON array of refusals.")
@click.option("--nl", "as_lines", is_flag=True, help="One JSON object per line.")
@click.pass_context
def refusals(ctx: click.Context, as_json: bool, as_lines: bool) -> None:
    """List every directive followup refused (in a case or outside any), with the reason and the fix (exit 1 when none)."""
    from followup.commands import refusals as listing

    found = listing.list_refusals(_config(ctx))
    if as_json:
        _emit_json(found)
    elif as_lines:
        for row in found:
            _emit_json(row)
    else:
        for row in found:
            click.echo(listing.describe(row, _tz(ctx)))
    sys.exit(0 if found else 1)


@main.command("promises")
@click.option("--case", "case_id", type=int, metavar="ID", help="Only this case's promises.")
@click.option("--client", metavar="NAME", help="Only this client's promises.")
@click.option("--overdue", is_flag=True, help="Only open promises whose due time has passed.")
@click.option("--state", type=click.Choice(["proposed", "open", "kept", "broken", "withdrawn", "rejected"]))
@click.option("--json", "as_json", is_flag=True, help="JSON lines, one object per promise.")
@click.pass_context
def promises_(ctx: click.Context, case_id: int | None, client: str | None, overdue: bool, state: str | None,
              as_json: bool) -> None:
    """List promises our side made (exit 1 when none match)."""
    from followup import clock
    from followup.commands import caseprint, casework

    found = casework.list_promises(_config(ctx), case_id=case_id, client=client, overdue=overdue, state=state)
    if as_json:
        for p in found:
            _emit_json(p)
    elif found:
        click.echo(caseprint.promises_table(found, _tz(ctx), clock.utcnow()))
    sys.exit(0 if found else 1)


@main.command()
@click.argument("decision", type=click.Choice(["confirm", "reject", "kept", "broken", "withdraw", "reschedule"]))
@click.argument("promise_id", metavar="ID", type=int)
@click.argument("date", required=False, metavar="[DATE]")
@click.option("--reason", metavar="TEXT", help="reschedule: why the date moves (the client is told the new date).")
@click.option("--as", "as_owner", metavar="ADDRESS", help="reschedule: which owner does it (default: $FOLLOWUP_OWNER, "
              "else the only owner).")
@click.pass_context
def promise(ctx: click.Context, decision: str, promise_id: int, date: str | None, reason: str | None,
            as_owner: str | None) -> None:
    """Decide on a promise: confirm a proposed one, reject it, mark it kept, broken or withdrawn,
    or give it an honest new date: `followup promise reschedule ID DATE [--reason TEXT]`."""
    from followup.commands import casework, promising

    if (decision == "reschedule") != (date is not None):
        raise FollowupError("only reschedule takes a DATE (fix: followup promise reschedule ID 2026-12-10)")
    if decision != "reschedule":
        casework.decide(_config(ctx), decision, promise_id)
        click.echo(f"promise {promise_id}: {decision}")
        return
    done = promising.reschedule_promise(_config(ctx), promise_id, date, reason, as_owner)
    click.echo(promising.describe(done, _tz(ctx)))


@main.command()
@click.option("--owner", metavar="ADDRESS", help="Whose digest (default: the first owner).")
@click.option("--json", "as_json", is_flag=True, help="The digest's data as one JSON object.")
@click.option("--html", "as_html", is_flag=True, help="Print the HTML email body instead of text.")
@click.pass_context
def digest(ctx: click.Context, owner: str | None, as_json: bool, as_html: bool) -> None:
    """The owner's digest: overdue promises, what is due soon, updates due or missed, quiet cases."""
    from followup.commands import casework

    config = _config(ctx)
    data = casework.digest_data(config, owner)
    if as_json:
        _emit_json(data)
        return
    from followup.render import Renderer

    rendered = Renderer(config.templates.path).render("digest", config.defaults.locale, data)
    click.echo(rendered.html if as_html else f"Subject: {rendered.subject}\n\n{rendered.text}")


@main.command()
@click.option("--once", is_flag=True, help="One pass of everything (ingest, cases, send, digest), then exit.")
@click.option("--interval", type=click.FloatRange(1), default=60.0, show_default=True, metavar="SECONDS",
              help="How often each pass runs.")
@click.option("--log-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Log lines on stderr: text, or one JSON object per line.")
@click.option("--json", "as_json", is_flag=True, help="With --once: print the pass's report as JSON.")
@click.pass_context
def run(ctx: click.Context, once: bool, interval: float, log_format: str, as_json: bool) -> None:
    """Run the daemon in the foreground (systemd runs this), or one pass with --once."""
    from followup.commands.running import run_daemon

    config = _config(ctx)
    report = run_daemon(config, once=once, interval=interval, config_file=config.file, log_format=log_format)
    if once and report is not None:
        if as_json:
            _emit_json(vars(report))
        else:
            from followup.commands.running import describe_pass

            click.echo(describe_pass(report))
        if report.source_errors:  # the rest of the pass ran; the failing source is the error
            raise FollowupError("; ".join(f"source {name}: {error}" for name, error in report.source_errors.items()))


@main.group()
def templates() -> None:
    """Work with the mail templates."""


@templates.command("preview")
@click.argument("case_id", metavar="CASE", type=int)
@click.option("--template", "kind", type=click.Choice(["ack", "update", "close"]),
              help="Which mail (default: the one the case gets next; a closed case's is its closing summary).")
@click.option("--html", "as_html", is_flag=True, help="Print the HTML part instead of the text.")
@click.pass_context
def templates_preview(ctx: click.Context, case_id: int, kind: str, as_html: bool) -> None:
    """Render a case's next mail as the client would get it, without sending anything."""
    from followup import clock
    from followup.commands.casework import reading
    from followup.render import Renderer
    from followup.updates import preview

    config = _config(ctx)
    with reading(config) as conn:
        rendered = preview(conn, config, case_id, kind, Renderer(config.templates.path), clock.utcnow())
    click.echo(rendered.html if as_html else f"Subject: {rendered.subject}\n\n{rendered.text}")


@main.group(invoke_without_command=True)
@click.option("--state", type=click.Choice(["pending", "sending", "sent", "draft", "failed"]))
@click.option("--json", "as_json", is_flag=True, help="JSON lines, one object per mail.")
@click.pass_context
def outbox(ctx: click.Context, state: str | None, as_json: bool) -> None:
    """List the mails followup queued or sent (acknowledgements, updates, summaries, digests)."""
    if ctx.invoked_subcommand is not None:
        return
    from followup.commands.operations import outbox_rows

    rows = outbox_rows(_config(ctx), state=state)
    for row in rows:
        if as_json:
            _emit_json(row)
        else:
            when = (row["sent_at"] or row["created_at"])[:16].replace("T", " ")
            click.echo(f"{row['id']:>5}  {row['state']:<8} {row['kind']:<7} {when}  case {row['case_id'] or '-':<4} "
                       f"{', '.join(row['recipients'])}  {row['subject']}"
                       + (f"\n       {row['last_error']}" if row["last_error"] else ""))
    sys.exit(0 if rows else 1)


@outbox.command("retry")
@click.argument("outbox_id", metavar="ID", type=int)
@click.pass_context
def outbox_retry(ctx: click.Context, outbox_id: int) -> None:
    """Put a mail that failed for good back in line, once its cause is fixed."""
    from followup.commands.operations import retry

    retry(_config(ctx), outbox_id)
    click.echo(f"outbox {outbox_id}: queued again")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    """Is all well? Sources, open cases, updates due in 24 h, failed sends. Exit 1 when unhealthy."""
    from followup.commands.operations import status as gather

    report = gather(_config(ctx))
    if as_json:
        _emit_json(report)
    else:
        click.echo(("healthy" if report["healthy"] else "UNHEALTHY") + f" · {report['cases_open']} open cases · "
                   f"{report['updates_due_24h']} updates due in 24 h · outbox: "
                   + ", ".join(f"{v} {k}" for k, v in report["outbox"].items() if v)
                   + f" · {report['quarantined']} quarantined"
                   + (f" · {report['refusals_7d']} directives refused in 7 days (see: followup refusals)"
                      if report["refusals_7d"] else ""))
        for source in report["sources"]:
            click.echo(f"  source {source['name']} ({source['type']}): {source['state']}, last sync "
                       f"{(source['last_sync'] or 'never')[:19]}" + (f", {source['last_error']}" if source["last_error"] else ""))
        for problem in report["problems"]:
            click.echo(f"  problem: {problem}")
    sys.exit(0 if report["healthy"] else 1)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="The report as one JSON object.")
@click.option("--bundle", "bundle_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
              help="Check an exported bundle instead (manifest, messages, chain); needs no archive or config.")
@click.pass_context
def verify(ctx: click.Context, as_json: bool, bundle_dir: Path | None) -> None:
    """Check the archive is intact: every message's SHA-256 and the events chain.

    Exit status: 0 intact, 1 a mismatch (the first broken link is named), 2 an error.
    """
    from contextlib import nullcontext

    if bundle_dir is not None:
        from followup.archive.bundlecheck import run
        sys.exit(run(bundle_dir, as_json=as_json))

    from followup.archive.db import open_readonly
    from followup.archive.verify import planned_work, verify_archive

    conn = open_readonly(_config(ctx).archive.path)
    try:
        show = sys.stderr.isatty() and not as_json
        bar = click.progressbar(length=planned_work(conn), label="verifying", file=sys.stderr) if show else nullcontext()
        with bar:
            report = verify_archive(conn, (lambda done, total: bar.update(done - bar.pos)) if show else None)
    finally:
        conn.close()
    if as_json:
        _emit_json(report.as_dict())
    elif report.intact:
        click.echo(f"intact: {report.messages} messages, {report.updates} updates and {report.events} events verified")
    else:
        click.echo(f"broken: {report.first.describe()}")
        click.echo(f"followup: {'; '.join(report.problems)} (fix: restore the archive from a backup)", err=True)
    sys.exit(0 if report.intact else 1)


@main.command()
@click.argument("target", metavar="CLIENT|CASE")
@click.option("--to", "directory", required=True, metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
              help="A new (or empty) folder for the bundle.")
@click.option("--force", is_flag=True, help="Write into a non-empty folder, replacing a previous bundle there.")
@click.option("--audience", type=click.Choice(["client", "internal"]), default="client", show_default=True,
              help="Who may read it: client (the safer default) leaves out notes, directives and owner-only mail.")
@click.option("--json", "as_json", is_flag=True, help="What was written, as one JSON object.")
@click.pass_context
def export(ctx: click.Context, target: str, directory: Path, force: bool, audience: str, as_json: bool) -> None:
    """Write the evidence bundle of a case (a number) or a client (a name) into DIR.

    Every message as .eml and in one mbox, the promises as CSV and JSON, the events chain,
    an offline printable report.html in the client's language and time zone, MANIFEST.sha256,
    and verify_bundle.py, which checks it all with plain Python 3.
    """
    from followup import clock
    from followup.archive.db import open_readonly
    from followup.archive.export import export_bundle

    config = _config(ctx)
    conn = open_readonly(config.archive.path)
    try:
        bundle, written = export_bundle(conn, target, directory, config=config, now=clock.utcnow(),
                                        audience=audience, force=force)
    finally:
        conn.close()
    summary = {"target": bundle.target.label, "directory": str(directory), "files": len(written.digests) + 1,
               "bytes": written.size, "cases": len(bundle.cases), "messages": len(bundle.messages),
               "promises": len(bundle.promises), "updates": len(bundle.updates), "events": len(bundle.events),
               "audience": audience, "anchor": bundle.chain["anchor"], "head": bundle.chain["head"]}
    if as_json:
        _emit_json(summary)
        return
    click.echo(f"{bundle.target.label}: {summary['messages']} messages, {summary['promises']} promises, "
               f"{summary['updates']} updates and {summary['events']} events in {directory}/ "
               f"for {'the client' if audience == 'client' else 'internal use'} (check: followup verify --bundle {directory}; read: report.html)")


if __name__ == "__main__":  # pragma: no cover
    main()
