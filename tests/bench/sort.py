"""Benchmark: sorting a table model in Python, at the heavy customer's size.

    python tests/bench/sort.py [--entries 62000]

Builds a timeline of N entries (the heavy customer's is ~62,000), sorts it by a text column
("What") and by time ("When"), each one way and back, and prints one JSON object with the
milliseconds each sort took (a click on a column title, done on the UI thread).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=62_000)
    args = ap.parse_args()

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from console.domain.model import Channel, SystemKind, SystemRef
    from console.domain.timeline import TimelineEntry, TimelineKind
    from console.ui.models.timeline import TimelineModel

    app = QApplication.instance() or QApplication([])
    now = datetime(2026, 11, 30, tzinfo=UTC)
    entries = [
        TimelineEntry(
            now - timedelta(minutes=i),
            TimelineKind.SHIPMENT_EVENT,
            Channel.WEB,
            f"Carrier: event {i % 977}",
            f"detail {i}",
            SystemRef(SystemKind.DELIVERY, f"P{i}"),
            False,
        )
        for i in range(args.entries)
    ]
    model = TimelineModel()
    model.set_entries(entries)
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    figures: dict[str, object] = {"entries": args.entries}
    for name in ("What", "When"):
        column = titles.index(name)
        for order, label in ((Qt.SortOrder.AscendingOrder, "asc"), (Qt.SortOrder.DescendingOrder, "desc")):
            started = time.perf_counter()
            model.sort(column, order)
            figures[f"sort_{name.lower()}_{label}_ms"] = round((time.perf_counter() - started) * 1000, 1)
        started = time.perf_counter()
        model.sort(-1)
        figures[f"back_from_{name.lower()}_ms"] = round((time.perf_counter() - started) * 1000, 1)
    del app
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
