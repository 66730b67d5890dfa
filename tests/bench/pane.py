"""Benchmark: the single pane against demo backends that answer L ms after each request arrives.

    python tests/bench/pane.py --latency-ms 150

Starts the demo backends in a child process (with the heavy customer), drives the real window
offscreen, and prints as its last line one JSON object with medians over --searches searches of
different customers (one-hop keys: e-mail):
first_section_ms / full_view_ms   Enter -> first section / every section and the summary rendered
                                  into the window's widgets (the Qt signals); the raster repaint that
                                  follows is reported separately as repaint_after_view_ms
sequential_ms                     the same look-ups, one system after another (five screens)
max_ui_stall_ms                   longest gap of a 5 ms UI heartbeat while the heavy customer loads
heavy_full_view_ms                the heavy customer's full view (5,000 orders, 50,000 events, 2,000 notes)
cold_start_ms                     `main.py` start to an interactive window (median of 3)
rss_mb                            resident memory with the heavy customer open
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def cold_start(runs: int = 3) -> float:
    """Wall time from launching `main.py` (a new interpreter) to its "window-ready" line."""
    figures = []
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ONEPANE_CRASH_DIALOG="0")
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--exit-when-ready"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
            cwd=ROOT,
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            if "window-ready" in line:
                figures.append((time.perf_counter() - started) * 1000)
                break
        proc.wait(timeout=120)
    return statistics.median(figures)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--latency-ms", type=float, default=150)
    ap.add_argument("--searches", type=int, default=20)
    ap.add_argument("--scale", type=int, default=2000)
    args = ap.parse_args()

    import psutil
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from console.connectors.registry import build_rest_connectors
    from console.demo.population import Population
    from console.domain.query import QueryKind, SearchQuery
    from console.runtime.backends import DemoBackendProcess
    from console.services.lookup import LookupService
    from console.ui.main_window import MainWindow

    cold_ms = cold_start()
    seed = 1
    backends = DemoBackendProcess(
        ["--seed", str(seed), "--scale", str(args.scale), "--latency-ms", str(args.latency_ms), "--heavy"],
        timeout_s=300,
    )
    base_url = backends.start()
    population = Population.__new__(Population)  # only the key derivation, not the data
    population.seed = seed
    emails = [population._skeleton(i).emails[0] for i in range(1, args.searches * 7, 7)][: args.searches]

    app = QApplication.instance() or QApplication([])

    from console.ui import gc_guard

    gc_guard.install()  # as the console does: Python's GC only on the GUI thread
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    result: dict[str, object] = {}

    async def run() -> None:
        connectors = build_rest_connectors(base_url, lambda: "demo.agent-ana", timeout_s=30)
        lookup = LookupService(connectors, timeout_s=30)
        window = MainWindow(lookup, staff_name="bench", theme="light")
        window.resize(1600, 1000)
        window.show()
        first: list[float] = []
        full: list[float] = []
        sequential: list[float] = []
        marks: dict[str, float] = {}
        window.sectionPainted.connect(lambda _s: marks.setdefault("first", time.perf_counter()))
        done = asyncio.Event()
        window.viewComplete.connect(lambda: marks.setdefault("complete", time.perf_counter()))
        window.viewComplete.connect(done.set)
        repaint: list[float] = []

        async def timed_search(text: str) -> float:
            window.search.box.setText(text)
            await asyncio.sleep(0.02)  # the agent's typing is on screen before Enter is pressed
            marks.clear()
            done.clear()
            started = time.perf_counter()
            await window.run_search(text)
            await asyncio.wait_for(done.wait(), 120)
            end = time.perf_counter()
            complete = marks.get("complete", end)
            first.append((marks.get("first", end) - started) * 1000)
            repaint.append((end - complete) * 1000)  # the window repainting before we resume
            return (complete - started) * 1000

        await timed_search(emails[0])  # warm the connection pools
        first.clear()
        for email in emails:
            full.append(await timed_search(email))
            q = SearchQuery(QueryKind.EMAIL, email)
            started = time.perf_counter()
            for c in connectors.all():
                await c.search(q)  # type: ignore[attr-defined]
            sequential.append((time.perf_counter() - started) * 1000)

        gaps: list[float] = []
        last = [time.perf_counter()]

        def beat() -> None:
            now = time.perf_counter()
            gaps.append((now - last[0]) * 1000)
            last[0] = now

        heartbeat = QTimer()
        heartbeat.setInterval(5)
        heartbeat.timeout.connect(beat)
        last[0] = time.perf_counter()
        heartbeat.start()
        heavy_ms = await timed_search("heavy.hannah@example.com")
        heartbeat.stop()
        result.update(
            {
                "latency_ms": args.latency_ms,
                "key": "e-mail (one hop)",
                "first_section_ms": round(statistics.median(first), 1),
                "full_view_ms": round(statistics.median(full), 1),
                "repaint_after_view_ms": round(statistics.median(repaint), 1),
                "sequential_ms": round(statistics.median(sequential), 1),
                "max_ui_stall_ms": round(max(gaps) - 5, 1) if gaps else None,
                "heavy_full_view_ms": round(heavy_ms, 1),
                "cold_start_ms": cold_ms,
                "rss_mb": round(psutil.Process().memory_info().rss / 2**20),
                "searches": len(full),
            }
        )
        window.close()
        await connectors.aclose()

    try:
        with loop:
            loop.run_until_complete(run())
    finally:
        backends.stop()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
