"""Render the pane on golden scenario S3 to a PNG (offscreen), for the README.

python tests/bench/screenshot.py [out.png] [--theme light|dark]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?", default=str(ROOT / "resources" / "screenshots" / "s3.png"))
    ap.add_argument("--theme", default="light")
    ap.add_argument("--query", default="W-100877")
    args = ap.parse_args()

    import qasync
    from PySide6.QtWidgets import QApplication

    from console.connectors.registry import build_rest_connectors
    from console.demo.server import DemoBackends
    from console.services.lookup import LookupService
    from console.ui.main_window import MainWindow
    from tests.demo_fixtures import DEMO_NOW

    app = QApplication.instance() or QApplication([])

    from console.ui import gc_guard

    gc_guard.install()  # as the console does: Python's GC only on the GUI thread
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    async def shoot(demo: DemoBackends) -> None:
        connectors = build_rest_connectors(demo.base_url, lambda: "demo.agent-ana")
        lookup = LookupService(connectors, clock=lambda: DEMO_NOW)
        window = MainWindow(lookup, staff_name="Ana Berg", theme=args.theme, clock=lambda: DEMO_NOW)
        window.resize(1600, 1000)
        window.show()
        done = asyncio.Event()
        window.viewComplete.connect(done.set)
        window.search.box.setText(args.query)
        await window.run_search(args.query)
        await asyncio.wait_for(done.wait(), 10)
        await asyncio.sleep(0.5)  # stock look-ups and the derived summary settle
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(args.out)
        window.close()
        await connectors.aclose()

    with DemoBackends(seed=21, scale=400, now=DEMO_NOW) as demo, loop:
        loop.run_until_complete(shoot(demo))
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
