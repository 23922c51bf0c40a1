"""Click commands for operating the daemon: run, templates preview, outbox, status."""

from __future__ import annotations

import sys

import click

from followup.commands.app import (acting_owner, as_option, config_of, emit_json, emit_listing, json_option,
                                   output_options)
from followup.errors import FollowupError


@click.command()
@click.option("--once", is_flag=True, help="One pass of everything (ingest, cases, send, digest), then exit.")
@click.option("--interval", type=click.FloatRange(1), default=60.0, show_default=True, metavar="SECONDS",
              help="How often each pass runs.")
@click.option("--log-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Log lines on stderr: text, or one JSON object per line.")
@json_option
@click.pass_context
def run(ctx: click.Context, once: bool, interval: float, log_format: str, fmt: str | None) -> None:
    """Run the daemon in the foreground (systemd runs this), or one pass with --once."""
    from followup.runtime.loop import run_daemon

    config = config_of(ctx)
    report = run_daemon(config, once=once, interval=interval, config_file=config.file, log_format=log_format)
    if once and report is not None:
        if fmt:
            emit_json(vars(report))
        else:
            from followup.runtime.loop import describe_pass

            click.echo(describe_pass(report))
        if report.source_errors:  # the rest of the pass ran; the failing source is the error
            raise FollowupError("; ".join(f"source {name}: {error}" for name, error in report.source_errors.items()))


@click.group()
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
    from followup.delivery.updates import preview

    config = config_of(ctx)
    with reading(config) as conn:
        rendered = preview(conn, config, case_id, kind, Renderer(config.templates.path), clock.utcnow())
    click.echo(rendered.html if as_html else f"Subject: {rendered.subject}\n\n{rendered.text}")


@click.group(invoke_without_command=True)
@click.option("--state", type=click.Choice(["pending", "sending", "sent", "draft", "failed"]),
              help="Only mails in this state.")
@output_options
@click.pass_context
def outbox(ctx: click.Context, state: str | None, fmt: str | None) -> None:
    """List the mails followup queued or sent (acknowledgements, updates, summaries, digests)."""
    if ctx.invoked_subcommand is not None:
        return
    from followup.commands.operations import outbox_rows

    emit_listing(outbox_rows(config_of(ctx), state=state), fmt, _outbox_text)


def _outbox_text(rows: list[dict]) -> str:
    lines = []
    for row in rows:
        when = (row["sent_at"] or row["created_at"])[:16].replace("T", " ")
        lines.append(f"{row['id']:>5}  {row['state']:<8} {row['kind']:<7} {when}  case {row['case_id'] or '-':<4} "
                     f"{', '.join(row['recipients'])}  {row['subject']}"
                     + (f"\n       {row['last_error']}" if row["last_error"] else ""))
    return "\n".join(lines)


@outbox.command("retry")
@click.argument("outbox_id", metavar="ID", type=int)
@as_option
@click.pass_context
def outbox_retry(ctx: click.Context, outbox_id: int, as_owner: str | None) -> None:
    """Put a mail that failed for good back in line, once its cause is fixed."""
    from followup.commands.operations import retry

    config = config_of(ctx)
    retry(config, outbox_id, acting_owner(config, as_owner))
    click.echo(f"Outbox mail {outbox_id} is queued again.")


@click.command()
@json_option
@click.pass_context
def status(ctx: click.Context, fmt: str | None) -> None:
    """Is all well? Sources, open cases, updates due in 24 h, failed sends. Exit 1 when unhealthy."""
    from followup.commands.operations import status as gather

    report = gather(config_of(ctx))
    if fmt:
        emit_json(report)
    else:
        click.echo(("healthy" if report["healthy"] else "UNHEALTHY") + f" · {report['cases_open']} open cases · "
                   f"{report['updates_due_24h']} updates due in 24 h · outbox: "
                   + (", ".join(f"{v} {k}" for k, v in report["outbox"].items() if v) or "empty")
                   + f" · {report['quarantined']} quarantined"
                   + (f" · {report['refusals_7d']} directives refused in 7 days (see: followup refusals)"
                      if report["refusals_7d"] else ""))
        for source in report["sources"]:
            click.echo(f"  source {source['name']} ({source['type']}): {source['state']}, last sync "
                       f"{(source['last_sync'] or 'never')[:19]}" + (f", {source['last_error']}" if source["last_error"] else ""))
        for problem in report["problems"]:
            click.echo(f"  problem: {problem}")
    sys.exit(0 if report["healthy"] else 1)
