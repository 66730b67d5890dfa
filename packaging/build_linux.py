"""Build the one-folder bundle with the same spec as on Windows, then check it.

    python packaging/build_linux.py [--skip-build]

Builds into build/pyinstaller and dist/OnePane under the project root, prints the bundle's size
and runs the frozen program's `self-test` offscreen. The last line printed is one JSON object:
{"bundle_mb": …, "build_s": …, "frozen_self_test_ms": …, "frozen_cold_start_ms": …,
"self_test_exit": 0}.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"


def executable() -> Path:
    name = "OnePane.exe" if sys.platform == "win32" else "OnePane"
    return DIST / "OnePane" / name


def build() -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(ROOT / "packaging" / "onepane.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    return time.perf_counter() - started


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def self_test(data_dir: Path) -> tuple[int, float, str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        ONEPANE_CRASH_DIALOG="0",
        ONEPANE_DATA_DIR=str(data_dir / "data"),
        ONEPANE_LOG_DIR=str(data_dir / "logs"),
        ONEPANE_CONFIG_DIR=str(data_dir / "cfg"),
    )
    started = time.perf_counter()
    done = subprocess.run(
        [str(executable()), "self-test"], capture_output=True, text=True, timeout=300, env=env, check=False
    )
    return done.returncode, (time.perf_counter() - started) * 1000, done.stdout + done.stderr


def cold_start(data_dir: Path) -> float:
    """Wall time from launching the frozen program to its window being ready (offscreen)."""
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", ONEPANE_CRASH_DIALOG="0", ONEPANE_DATA_DIR=str(data_dir)
    )
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(executable()), "--exit-when-ready"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    ms = -1.0
    for line in proc.stdout:
        if "window-ready" in line:
            ms = (time.perf_counter() - started) * 1000
            break
    proc.wait(timeout=120)
    return ms


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-build", action="store_true", help="check an existing dist/OnePane")
    args = ap.parse_args()
    build_s = 0.0 if args.skip_build else build()
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        code, ms, output = self_test(Path(tmp))
        cold = cold_start(Path(tmp) / "cold")
    print(output.strip())
    print(
        json.dumps(
            {
                "bundle_mb": round(size_mb(DIST / "OnePane"), 1),
                "build_s": round(build_s, 1),
                "frozen_self_test_ms": round(ms),
                "frozen_cold_start_ms": round(cold),
                "self_test_exit": code,
            }
        )
    )
    return code


if __name__ == "__main__":
    raise SystemExit(main())
