"""The frozen program (PyInstaller one-folder bundle from packaging/onepane.spec) starts, runs
its self-test offscreen against its own demo backends, and exits 0."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.frozen
@pytest.mark.slow
def test_frozen_self_test_exits_zero() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build_linux.py")],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["self_test_exit"] == 0 and figures["bundle_mb"] > 0
    assert "self-test: ok" in done.stdout
