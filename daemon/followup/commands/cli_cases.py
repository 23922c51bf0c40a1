"""Click commands for cases and promises: list, show, steer, decide, brief, digest."""

from __future__ import annotations

import click

from followup.errors import FollowupError
from followup.commands.app import (acting_owner, as_option, config_of, emit_json, emit_listing, json_option,
                                   output_options)

PROMISE_STATES = ["proposed", "open", "kept", "broken", "withdrawn", "rejected"]


def _tz(ctx: click.Context) -> str:
    """Times print in the reader's zone: the owner running the command ($FOLLOWUP_OWNER), else the first owner."""
    from followup.delivery.names import reader_zone

    return reader_zone(config_of(ctx))


@click.command("cases")
@click.option("--client", metavar="NAME", help="Only this client's cases.")
@click.option("--state", type=click.Choice(["open", "paused", "closed"]), help="Only cases in this state.")
@output_options
@click.pass_context
def cases(ctx: click.Context, client: str | None, state: str | None, fmt: str | None) -> None:
    """List cases: tagged threads, their state, promises and next update (exit 1 when none)."""
    from followup.commands import caseprint, casework

    found = casework.list_cases(config_of(ctx), client=client, state=state)
    emit_listing(found, fmt, lambda rows: caseprint.cases_table(rows, _tz(ctx)))


@click.command()
@click.argument("case_id", metavar="CASE", type=int)
@json_option
@click.pass_context
def show(ctx: click.Context, case_id: int, fmt: str | None) -> None:
    """Show a case: its promises and its timeline of messages, directives and decisions."""
    from followup import clock
    from followup.commands import caseprint, casework

    detail = casework.show_case(config_of(ctx), case_id)
    emit_json(detail) if fmt else click.echo(caseprint.show(detail, _tz(ctx), clock.utcnow()))


def _state_command(verb: str, summary: str) -> click.Command:
    @click.argument("case_id", metavar="CASE", type=int)
    @click.option("--reason", metavar="TEXT", help="Why, for the record.")
    @as_option
    @click.pass_context
    def command(ctx: click.Context, case_id: int, reason: str | None, as_owner: str | None) -> None:
        from followup.commands import casework

        config = config_of(ctx)
        casework.change_state(config, case_id, verb, reason, acting_owner(config, as_owner))
        done = {"close": "Closed", "pause": "Paused", "resume": "Resumed"}[verb]
        click.echo(f"{done} case {case_id}" + (f" (reason: {reason})." if reason else "."))

    command.__doc__ = summary
    return click.command(verb)(command)


close = _state_command("close", "Close a case: its updates stop (the closing summary goes out with delivery).")
pause = _state_command("pause", "Pause a case's updates until `followup resume`.")
resume = _state_command("resume", "Resume a paused or closed case.")


@click.command()
@click.argument("case_id", metavar="CASE", type=int)
@click.argument("text", nargs=-1, required=True)
@as_option
@click.pass_context
def note(ctx: click.Context, case_id: int, text: tuple[str, ...], as_owner: str | None) -> None:
    """Add a note to a case; the latest note goes into the next update."""
    from followup.commands import casework

    config = config_of(ctx)
    casework.add_note(config, case_id, " ".join(text), acting_owner(config, as_owner))
    click.echo(f"Added a note to case {case_id}.")


@click.command()
@output_options
@click.pass_context
def refusals(ctx: click.Context, fmt: str | None) -> None:
    """List every directive followup refused (in a case or outside any), with the reason and the fix (exit 1 when none)."""
    from followup.commands import refusals as listing

    emit_listing(listing.list_refusals(config_of(ctx)), fmt,
                 lambda rows: "\n".join(listing.describe(row, _tz(ctx)) for row in rows))


@click.command()
@click.argument("client")
@json_option
@click.pass_context
def brief(ctx: click.Context, client: str, fmt: str | None) -> None:
    """One screen on a client for whoever picks up their call: cases, promises, what is overdue."""
    from followup import clock
    from followup.commands import caseprint, casework

    data = casework.brief(config_of(ctx), client)
    emit_json(data) if fmt else click.echo(caseprint.brief(data, _tz(ctx), clock.utcnow()))


@click.command("promises")
@click.option("--case", "case_id", type=int, metavar="ID", help="Only this case's promises.")
@click.option("--client", metavar="NAME", help="Only this client's promises.")
@click.option("--overdue", is_flag=True, help="Only open promises whose due time has passed.")
@click.option("--state", type=click.Choice(PROMISE_STATES), help="Only promises in this state.")
@output_options
@click.pass_context
def promises(ctx: click.Context, case_id: int | None, client: str | None, overdue: bool, state: str | None,
             fmt: str | None) -> None:
    """List promises our side made (exit 1 when none match)."""
    from followup import clock
    from followup.commands import caseprint, casework

    found = casework.list_promises(config_of(ctx), case_id=case_id, client=client, overdue=overdue, state=state)
    emit_listing(found, fmt, lambda rows: caseprint.promises_table(rows, _tz(ctx), clock.utcnow()))


@click.command()
@click.argument("decision", type=click.Choice(["confirm", "reject", "kept", "broken", "withdraw", "reschedule"]))
@click.argument("promise_id", metavar="ID", type=int)
@click.argument("date", required=False, metavar="[DATE]")
@click.option("--reason", metavar="TEXT", help="reschedule: why the date moves (the client is told the new date).")
@as_option
@click.pass_context
def promise(ctx: click.Context, decision: str, promise_id: int, date: str | None, reason: str | None,
            as_owner: str | None) -> None:
    """Decide on a promise: confirm a proposed one, reject it, mark it kept, broken or withdrawn,
    or give it an honest new date: `followup promise reschedule ID DATE [--reason TEXT]`."""
    from followup.commands import casework, promising

    if (decision == "reschedule") != (date is not None):
        raise FollowupError("only reschedule takes a DATE (fix: followup promise reschedule ID 2026-12-10)")
    config = config_of(ctx)
    if decision == "reschedule":
        done = promising.reschedule_promise(config, promise_id, date, reason, acting_owner(config, as_owner))
        click.echo(promising.describe(done, _tz(ctx)))
        return
    casework.decide(config, decision, promise_id, acting_owner(config, as_owner))
    done = {"confirm": "confirmed", "reject": "rejected", "kept": "marked kept", "broken": "marked broken",
            "withdraw": "withdrawn"}[decision]
    click.echo(f"Promise {promise_id} {done}.")


@click.command()
@click.option("--owner", metavar="ADDRESS", help="Whose digest (default: the first owner).")
@json_option
@click.option("--html", "as_html", is_flag=True, help="Print the HTML email body instead of text.")
@click.pass_context
def digest(ctx: click.Context, owner: str | None, fmt: str | None, as_html: bool) -> None:
    """The owner's digest: overdue promises, what is due soon, updates due or missed, quiet cases."""
    from followup.commands import casework

    config = config_of(ctx)
    if owner is not None:
        acting_owner(config, owner)  # an unknown owner is an error naming the owners
    data = casework.digest_data(config, owner)
    if fmt:
        emit_json(data)
        return
    from followup.render import Renderer

    rendered = Renderer(config.templates.path).render("digest", config.defaults.locale, data)
    click.echo(rendered.html if as_html else f"Subject: {rendered.subject}\n\n{rendered.text}")
