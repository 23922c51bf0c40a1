"""The systemd units are valid and hardened (checked by systemd's own tools when present)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

UNITS = REPO / "systemd"
analyze = shutil.which("systemd-analyze")
needs_analyze = pytest.mark.skipif(analyze is None, reason="systemd-analyze is not installed")


def unit_with_real_binary(name: str, tmp_path: Path) -> Path:
    """systemd-analyze verify checks that ExecStart exists; point it at this install's followup."""
    binary = shutil.which("followup") or "/bin/true"
    text = (UNITS / name).read_text()
    text = text.replace("/usr/local/bin/followup", binary).replace("%h/.local/bin/followup", binary)
    target = tmp_path / name
    target.write_text(text)
    return target


@pytest.mark.parametrize("name", ["followup.service", "followup-user.service"])
def test_units_notify_and_reload_by_sighup(name):
    text = (UNITS / name).read_text()
    assert "Type=notify" in text and "WatchdogSec=" in text and "Restart=on-failure" in text
    assert "ExecReload=/bin/kill -HUP $MAINPID" in text


def test_the_system_unit_is_hardened():
    text = (UNITS / "followup.service").read_text()
    for setting in ("NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=read-only", "PrivateTmp=yes",
                    "StateDirectory=followup", "CapabilityBoundingSet=\n", "SystemCallFilter=@system-service",
                    "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX"):
        assert setting in text, setting


@needs_analyze
@pytest.mark.parametrize("name", ["followup.service", "followup-user.service"])
def test_systemd_analyze_verify_passes(name, tmp_path):
    result = subprocess.run([analyze, "verify", str(unit_with_real_binary(name, tmp_path))],
                            capture_output=True, text=True)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


@needs_analyze
def test_systemd_analyze_security_rates_the_system_unit_low_exposure(tmp_path):
    result = subprocess.run([analyze, "security", "--offline=true", str(unit_with_real_binary("followup.service", tmp_path))],
                            capture_output=True, text=True)
    found = re.search(r"Overall exposure level for \S+: ([0-9.]+)", result.stdout)
    if found is None:
        pytest.skip(f"this systemd-analyze cannot rate units offline: {result.stderr.strip()[:120]}")
    assert float(found.group(1)) <= 2.0
