"""The small schema engine: a table (a subclass of Table) is a frozen dataclass whose fields carry, in their
metadata, the TOML key, a check (which validates and converts the raw value) and the raw
default. Reading a table reports every problem (file, dotted key, message, fix) at once.

The per-value checks are in values.py, the tables in sections.py, the entry points in load.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, dataclass_transform

from followup.errors import Problem

SECRET_KEYS = ("password", "passwd", "secret", "client_secret", "token", "oauth2_token", "api_key")

_REQUIRED = object()


# ---------------------------------------------------------------------------
# the small schema engine


class Invalid(Exception):
    """One value is wrong: what was expected, and the fix."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message = message
        self.fix = fix


class Reported(Exception):
    """Problems inside a nested table are already reported; `partial` is what did build."""

    def __init__(self, partial: Any = None):
        super().__init__()
        self.partial = partial


@dataclass
class Context:
    file: Path
    problems: list[Problem] = field(default_factory=list)
    built: dict[str, Any] = field(default_factory=dict)  # finished top-level sections
    warnings: list[str] = field(default_factory=list)  # accepted, but the user should know

    def report(self, key: str, message: str, fix: str) -> None:
        self.problems.append(Problem(str(self.file), key, message, fix))

    @property
    def folder(self) -> Path:
        return self.file.parent


Check = Callable[[Any, Context, str], Any]


def setting(
    check: Check,
    default: Any = _REQUIRED,
    *,
    key: str | None = None,
    inherit: tuple[str, str] | None = None,
) -> Any:
    """A schema field. `default` is a raw TOML value (checked like a written one); None means
    "absent is allowed and stays None"; `inherit` names (section, field) to copy when absent."""
    return field(metadata={"check": check, "default": default, "key": key, "inherit": inherit})


def _specs(cls: type) -> dict[str, tuple[str, Mapping[str, Any]]]:
    return {
        f.metadata.get("key") or f.name: (f.name, f.metadata) for f in fields(cls) if "check" in f.metadata
    }


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field, setting))
class Table:
    """Base of every schema table; `_finish` yields (key, message, fix) for cross-key rules
    and may fill derived values. It sees only the keys that passed their own check.

    Every subclass is made a frozen, keyword-only dataclass here, so a table is declared by
    its fields alone."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclass(frozen=True, kw_only=True)(cls)

    @classmethod
    def _finish(cls, values: dict[str, Any], ctx: Context) -> Iterable[tuple[str, str, str]]:
        return ()


def build_table(cls: type, raw: Mapping[str, Any], where: str, ctx: Context, *, top: bool = False) -> Any:
    specs = _specs(cls)
    values: dict[str, Any] = {}
    ok = _report_unknown_keys(raw, specs, where, ctx)
    for key, (name, meta) in specs.items():
        try:
            values[name] = _field_value(raw, key, meta, _join(where, key), ctx)
        except Invalid as bad:
            ctx.report(_join(where, key), bad.message, bad.fix)
            ok = False
        except Reported as reported:
            ok = False
            if reported.partial is not None:
                values[name] = reported.partial
        if top and name in values:
            ctx.built[name] = values[name]
    for key, message, fix in cls._finish(values, ctx):
        ctx.report(_join(where, key), message, fix)
        ok = False
    if not ok:
        raise Reported()
    return cls(**values)


def _field_value(raw: Mapping[str, Any], key: str, meta: Mapping[str, Any], where: str, ctx: Context) -> Any:
    if key in raw:
        return meta["check"](raw[key], ctx, where)
    if meta["inherit"] is not None:
        section, name = meta["inherit"]
        return getattr(ctx.built.get(section), name, None)
    if meta["default"] is _REQUIRED:
        raise Invalid("is required but missing", f"add `{key} = …` (see config.example.toml)")
    if meta["default"] is None:
        return None
    return meta["check"](meta["default"], ctx, where)


def _report_unknown_keys(raw: Mapping[str, Any], specs: Mapping[str, Any], where: str, ctx: Context) -> bool:
    """Report keys the schema does not know; True when there were none."""
    unknown = [key for key in raw if key not in specs]
    for key in unknown:
        ctx.report(_join(where, key), "is not a known setting here", _unknown_key_fix(key, list(specs)))
    return not unknown


def _unknown_key_fix(key: str, accepted: list[str]) -> str:
    import difflib  # only needed when something is wrong

    if key.lower() in SECRET_KEYS:
        return "followup never keeps secrets in the config file: use password_env or password_command"
    close = difflib.get_close_matches(key, accepted, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return "remove it; accepted here: " + ", ".join(sorted(accepted))


_TOML_TYPE_NAMES = (
    (bool, "a boolean"),
    (int, "an integer"),
    (float, "a float"),
    (str, "a string"),
    (list, "an array"),
    (dict, "a table"),
    (datetime, "a date-time"),
    (date, "a date"),
    (time, "a time"),
)


def _type_name(value: Any) -> str:
    return next((name for kind, name in _TOML_TYPE_NAMES if isinstance(value, kind)), type(value).__name__)


def expect(value: Any, kind: type, expected: str) -> None:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise Invalid(f"expected {expected}, got {_type_name(value)}", f"write {expected}")


def reject_choice(value: str, options: Iterable[str]) -> Any:
    import difflib  # only needed when something is wrong

    options = list(options)
    close = difflib.get_close_matches(value, options, n=1)
    hint = f'did you mean "{close[0]}"? ' if close else ""
    raise Invalid(
        f'"{value}" is not one of ' + ", ".join(f'"{o}"' for o in options), f"{hint}use one of them"
    )


# ---------------------------------------------------------------------------
# nested tables


def _table_word(where: str) -> str:
    return "a table" if where.endswith("]") else f"a table [{where}]"


@dataclass(frozen=True)
class Section:
    cls: type

    def __call__(self, value: Any, ctx: Context, where: str) -> Any:
        expect(value, dict, _table_word(where))
        return build_table(self.cls, value, where, ctx)


@dataclass(frozen=True)
class Each:
    """An array of tables ([[where]]), each read by `item`."""

    item: Check

    def __call__(self, value: Any, ctx: Context, where: str) -> tuple[Any, ...]:
        expect(value, list, f"an array of tables [[{where}]]")
        built = [self._one(raw, ctx, f"{where}[{index}]") for index, raw in enumerate(value)]
        # None keeps the positions, so rules across entries still name the right index.
        if any(item is None for item in built):
            raise Reported(partial=tuple(built))
        return tuple(built)

    def _one(self, raw: Any, ctx: Context, where: str) -> Any:
        """The entry read by `item`, or None once its problems are reported."""
        try:
            return self.item(raw, ctx, where)
        except Invalid as bad:
            ctx.report(where, bad.message, bad.fix)
        except Reported:
            pass
        return None


@dataclass(frozen=True)
class Tagged:
    """A table whose `type` key picks the class that reads the rest of it."""

    variants: Mapping[str, type]

    def __call__(self, value: Any, ctx: Context, where: str) -> Any:
        expect(value, dict, _table_word(where))
        kind = value.get("type")
        if not isinstance(kind, str) or kind not in self.variants:
            options = ", ".join(f'"{v}"' for v in self.variants)
            if kind is None:
                ctx.report(f"{where}.type", "is required but missing", f"add `type = …`, one of {options}")
            else:
                try:
                    reject_choice(str(kind), self.variants)
                except Invalid as bad:
                    ctx.report(f"{where}.type", bad.message, bad.fix)
            raise Reported()
        return build_table(self.variants[kind], value, where, ctx)


# ---------------------------------------------------------------------------
# every accepted key


def table_keys(cls: type, where: str) -> Iterator[str]:
    for key, (_, meta) in _specs(cls).items():
        yield from _keys_of_check(meta["check"], _join(where, key))


def _keys_of_check(check: Check, here: str) -> Iterator[str]:
    if isinstance(check, Section):
        yield from table_keys(check.cls, here)
    elif isinstance(check, Each):
        yield from _keys_of_check(check.item, here + ("" if isinstance(check.item, Tagged) else "[]"))
    elif isinstance(check, Tagged):
        for kind, variant in check.variants.items():
            yield from table_keys(variant, f"{here}[{kind}]")
    else:
        yield here
