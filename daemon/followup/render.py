"""Render an email (subject, plain text, HTML) from templates in the client's language.

Templates live in one folder per language (``en/update.txt.j2``, ``nb/update.html.j2``...),
looked up first in the user's override folder, then in the shipped ones. A locale such as
``nb_NO`` tries ``nb_NO/``, then ``nb/``, then ``en/``.

Each kind of email is a pair of templates, ``<kind>.txt.j2`` and ``<kind>.html.j2``. The
subject is the ``{% block subject %}`` of the text template: the shipped layouts never print
that block, so it does not leak into the body (a template with no layout prints its blocks in
place, subject included). It is rendered with the same context, then
folded to one line (CR, LF and every other line break become spaces), because a subject
becomes a mail header.

Every template runs in one immutable jinja2 sandbox with StrictUndefined: a missing
variable, a syntax error or an attempt to reach Python internals raises RenderError before
anything is sent. Only ``.html.j2`` templates autoescape, so client-written text (quotes,
notes, subjects) is escaped in HTML and left as written in plain text.

Besides the caller's context, templates see ``render_locale`` (the Babel locale used by
the filters) and these filters, which format in that locale and in the time zone named by
the context's ``timezone``, else ``client.timezone``, else UTC (naive datetimes are UTC):

    date       "fredag 20. november 2026"       {{ due_at|date }}, {{ due_at|date("short") }}
    datetime   "fredag 20. november 2026, 14:00"
    time       "14:00"
    relative   "om 3 dager" / "in 3 days"        {{ delta|relative }}, {{ due_at|relative(now) }}
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from followup.errors import RenderError

FALLBACK_LANGUAGE = "en"
_KIND = re.compile(r"[a-z][a-z0-9_]*\Z")
# Languages without shipped templates that read best in a close relative rather than English.
_RELATIVES = {"no": "nb", "nn": "nb"}


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def templates_dir() -> Path:
    """The shipped templates: inside the installed package, else the repository's templates/."""
    packaged = Path(__file__).resolve().parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def locale_chain(locale: str) -> list[str]:
    """Folders to try for a locale, most specific first: "nb-NO" → ["nb_NO", "nb", "en"]."""
    parts = [p for p in re.split(r"[-_.@]", locale.strip()) if p]
    if not parts:
        return [FALLBACK_LANGUAGE]
    language = parts[0].lower()
    chain = []
    if len(parts) > 1 and parts[1].isalpha() and len(parts[1]) == 2:
        chain.append(f"{language}_{parts[1].upper()}")
    chain.append(language)
    if language in _RELATIVES:
        chain.append(_RELATIVES[language])
    chain.append(FALLBACK_LANGUAGE)
    return list(dict.fromkeys(chain))


class Renderer:
    """Renders emails from the override folder (optional) over the shipped templates."""

    def __init__(self, override_dir: Path | None = None):
        folders = [override_dir] if override_dir is not None else []
        folders.append(templates_dir())
        self.environment = make_environment(folders)

    def render(self, name: str, locale: str, context: Mapping[str, Any]) -> RenderedEmail:
        """Render the email kind `name` ("update", "digest"...) in `locale`; RenderError on failure."""
        if not _KIND.match(name):
            raise RenderError(name, None, "not a template kind", "use a name such as 'update' or 'digest'")
        chain = locale_chain(locale)
        with _as_render_error(f"{chain[0]}/{name}.txt.j2"):
            text_template = self._select(name, "txt", chain)
            html_template = self._select(name, "html", chain)
            variables = dict(context, render_locale=_formatting_locale(locale, text_template.name))
            text, subject = _render_with_subject(text_template, variables)
            html = html_template.render(variables)
        return RenderedEmail(subject=subject, text=tidy_text(text), html=html)

    def _select(self, name: str, fmt: str, chain: list[str]) -> jinja2.Template:
        return self.environment.select_template([f"{folder}/{name}.{fmt}.j2" for folder in chain])


def make_environment(folders: list[Path]) -> ImmutableSandboxedEnvironment:
    """The one sandboxed environment: folders searched in order, locale-aware filters."""
    environment = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders], encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html.j2",), default_for_string=False, default=False
        ),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    environment.filters.update(_babel_filters())
    return environment


def _babel_filters() -> dict[str, Callable[..., str]]:
    # Babel loads locale data on import; keep it off the `followup grep` start-up path.
    from babel import Locale
    from babel.dates import format_date, format_time, format_timedelta

    @jinja2.pass_context
    def date(ctx: jinja2.runtime.Context, value: datetime, format: str = "full") -> str:
        return format_date(_local(ctx, value), format, locale=ctx["render_locale"])

    @jinja2.pass_context
    def time(ctx: jinja2.runtime.Context, value: datetime, format: str = "short") -> str:
        return format_time(_local(ctx, value), format, locale=ctx["render_locale"])

    @jinja2.pass_context
    def datetime_(ctx: jinja2.runtime.Context, value: datetime, format: str = "full") -> str:
        local = _local(ctx, value)
        locale = Locale.parse(ctx["render_locale"])
        # CLDR's own glue between a date and a time ("{1} 'kl'. {0}", "{1}, {0}"), unquoted.
        glue = str(locale.datetime_formats[format]).replace("'", "")
        day = format_date(local, format, locale=locale)
        return glue.replace("{1}", day).replace("{0}", format_time(local, "short", locale=locale))

    @jinja2.pass_context
    def relative(ctx: jinja2.runtime.Context, value: datetime | timedelta, since: datetime | None = None) -> str:
        if isinstance(value, datetime):
            if since is None:
                raise TypeError("relative needs a reference time for a datetime: value|relative(since)")
            value = _aware(value) - _aware(since)
        if not isinstance(value, timedelta):
            raise TypeError(f"relative expects a datetime or timedelta, not {type(value).__name__}")
        return format_timedelta(value, add_direction=True, locale=ctx["render_locale"])

    return {"date": date, "time": time, "datetime": datetime_, "relative": relative}


def _local(ctx: jinja2.runtime.Context, value: datetime) -> datetime:
    if not isinstance(value, datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__} {value!r}")
    return _aware(value).astimezone(ZoneInfo(_zone_name(ctx)))


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _zone_name(ctx: jinja2.runtime.Context) -> str:
    if "timezone" in ctx:
        return str(ctx["timezone"])
    client = ctx.get("client")
    if isinstance(client, Mapping) and client.get("timezone"):
        return str(client["timezone"])
    return "UTC"


def _formatting_locale(requested: str, template_name: str | None) -> str:
    """Dates speak the template's language: "nb_NO" keeps its region, "fr" falling back to en/ gets "en"."""
    chosen = (template_name or FALLBACK_LANGUAGE).split("/", 1)[0]
    wanted = locale_chain(requested)
    return wanted[0] if chosen.split("_")[0] == wanted[0].split("_")[0] else chosen


def _render_with_subject(template: jinja2.Template, variables: dict[str, Any]) -> tuple[str, str]:
    ctx = template.new_context(variables)
    try:
        body = "".join(template.root_render_func(ctx))
        # After a full render the context holds every block of the inheritance chain, child first.
        subject_blocks = ctx.blocks.get("subject")
        subject = "".join(subject_blocks[0](ctx)) if subject_blocks else ""
    except Exception:  # noqa: BLE001 - re-raised at once, translated by _as_render_error
        # What Template.render does: re-raise with template file names and lines in the traceback.
        template.environment.handle_exception()
    filename = template.filename or str(template.name)
    if not subject_blocks:
        raise RenderError(filename, None, "no subject", "add {% block subject %}…{% endblock %} to the text template")
    if not one_line(subject):
        raise RenderError(filename, None, "the subject is empty", "write a subject in {% block subject %}")
    return body, one_line(subject)


def one_line(value: str) -> str:
    """Fold every kind of line break and run of whitespace to one space: a header cannot be split."""
    return " ".join(value.split())


def tidy_text(text: str) -> str:
    """Drop trailing spaces and the blank runs that skipped conditionals leave; end with one newline."""
    lines = [line.rstrip() for line in text.strip("\n").splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


class _as_render_error:
    """Translate anything a template can raise into RenderError with the template's file and line."""

    def __init__(self, default_template: str):
        self.default_template = default_template

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> bool:
        if exc is None or isinstance(exc, RenderError):
            return False
        if not isinstance(exc, (jinja2.TemplateError, TypeError, ValueError, LookupError)):
            return False
        template, line = _location(exc, tb, self.default_template)
        raise RenderError(template, line, _first_line(exc), _fix_for(exc)) from exc


def _location(exc: BaseException, tb: TracebackType | None, default: str) -> tuple[str, int | None]:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.filename or exc.name or default, exc.lineno
    if isinstance(exc, jinja2.TemplatesNotFound):
        return ", ".join(str(n) for n in exc.templates), None
    # Jinja rewrites the traceback so that template frames carry the template's file and line.
    frames = [f for f in _frames(tb) if "__jinja_exception__" in f.tb_frame.f_globals]
    if frames:
        last = frames[-1]
        return last.tb_frame.f_code.co_filename, last.tb_lineno
    return default, None


def _frames(tb: TracebackType | None) -> Iterator[TracebackType]:
    while tb is not None:
        yield tb
        tb = tb.tb_next


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def _fix_for(exc: BaseException) -> str:
    if isinstance(exc, SecurityError):
        return "templates may only read the data they are given; remove that attribute or call"
    if isinstance(exc, jinja2.UndefinedError):
        return "pass that value in the context, or guard it with {% if ... is defined %} in the template"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return "correct the Jinja syntax at that line"
    if isinstance(exc, jinja2.TemplateNotFound):
        return "add the template to the override folder or to templates/en/"
    if isinstance(exc, jinja2.TemplateError) and "block" in str(exc):
        return "define that block in the language template (see the _base layout it extends)"
    if isinstance(exc, jinja2.TemplateError):
        return "correct the template at that line"
    return "check the value passed to the filter at that line (dates must be datetimes, time zones IANA names)"
