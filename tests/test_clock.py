"""followup/clock.py is the one place that reads the wall clock, so FOLLOWUP_NOW moves every
date the daemon computes: a stray datetime.now() makes a dry run (and a test with fixture
dates) differ from one day to the next."""

from __future__ import annotations

import ast
from pathlib import Path

import followup

PACKAGE = Path(followup.__file__).parent
WALL_CLOCK = {("datetime", "now"), ("datetime", "utcnow"), ("datetime", "today"), ("date", "today"),
              ("time", "time"), ("time", "time_ns"), ("time", "localtime"), ("time", "gmtime")}
# configpath compares a file's mtime, which the kernel stamps on the real clock, with the real clock
ALLOWED = {("clock.py", "datetime.now"), ("configpath.py", "time.time")}


def wall_clock_reads(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
            if (name, node.func.attr) in WALL_CLOCK and not (node.func.attr in ("localtime", "gmtime") and node.args):
                found.append(f"{name}.{node.func.attr}")
    return found


def test_only_the_clock_module_reads_the_wall_clock():
    stray = [f"{path.relative_to(PACKAGE)}: {call}" for path in sorted(PACKAGE.rglob("*.py"))
             for call in wall_clock_reads(path) if (path.name, call) not in ALLOWED]
    assert stray == []


def test_the_check_sees_a_wall_clock_read(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import datetime as dt, time\nx = dt.datetime.now(dt.timezone.utc)\ny = time.time()\n"
                      "z = time.gmtime(0)\n", encoding="utf-8")
    assert wall_clock_reads(sample) == ["datetime.now", "time.time"]
