"""A suggested (name-only) link, split by the agent in the real window over the demo backends:
stored with its audit entry in the console's store, applied when the search runs again, and
undone from the same place."""

from __future__ import annotations

import asyncio
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from console.app import store_link
from console.domain.model import SystemKind, SystemRef
from console.store import open_store
from tests.e2e.conftest import Console
from tests.gui.helpers import search

pytestmark = [pytest.mark.e2e, pytest.mark.gui]


def _wait(qtbot, coro):  # type: ignore[no-untyped-def]
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=10000)
    return task.result()


def test_the_agent_splits_two_namesakes_and_the_next_search_keeps_them_apart(
    qtbot, console: Console, tmp_path: Path
) -> None:
    store = _wait(qtbot, open_store(f"sqlite+aiosqlite:///{(tmp_path / 'store.db').as_posix()}"))
    try:
        console.lookup.attach(store.cache, store.links)
        opened = asyncio.get_running_loop().create_future()
        opened.set_result(store)
        window = console.window
        window.link_recorder = partial(store_link, opened, "agent-ana")
        with qtbot.waitSignal(window.candidatesShown, timeout=5000) as shown:
            search(qtbot, window, "Reyes")
        assert shown.args == [2]
        links = window.candidates.links
        ((other, (label, _, (_, split))),) = links._rows.items()  # one row: the other person
        shown = window.candidates.model.item(window.candidates.view.currentIndex().row())
        namesake = "Tomás Reyes" if shown.name == "Tom Reyes" else "Tom Reyes"
        assert label.text().startswith(f"Suggested: {namesake} (CRM C-G")
        assert label.text().endswith("— matched on name, 90% confidence")
        pair = {"directory:C-G000002", "directory:C-G000009"}  # Tomás and Tom Reyes
        with qtbot.waitSignal(window.linkSaved, timeout=5000) as saved:
            qtbot.mouseClick(split, Qt.MouseButton.LeftButton)
        anchor, ref, decision = saved.args
        assert {anchor, ref} == pair and ref == other and decision == "split"
        with qtbot.waitSignal(window.candidatesShown, timeout=5000):
            pass  # the search runs again, with the decision
        qtbot.waitUntil(lambda: not window.busy(), timeout=5000)
        assert window.candidates.model.rowCount() == 2
        for row in range(2):  # neither is suggested as the other any more; the decision shows
            window.candidates.view.selectRow(row)
            rows = window.candidates.links._rows
            assert len(rows) == 1 and next(iter(rows.values()))[1].startswith(
                "Kept apart by an agent: CRM C-G"
            )
        decided = _wait(qtbot, store.links.decisions_for([SystemRef(SystemKind.DIRECTORY, "C-G000009")]))
        assert [d for *_, d in decided] == ["split"]
        entries = _wait(qtbot, store.audit.entries())
        (entry,) = [e.record for e in entries if e.record["action"] == "link.split"]
        assert entry["staff_id"] == "agent-ana" and entry["customer_key"] == anchor

        # a mis-click is undone from the same place: the suggestion comes back
        ((_, (_, _, (undo,))),) = window.candidates.links._rows.items()
        with qtbot.waitSignal(window.linkSaved, timeout=5000) as saved:
            qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
        assert saved.args[2] == "undo"
        with qtbot.waitSignal(window.candidatesShown, timeout=5000):
            pass
        qtbot.waitUntil(lambda: not window.busy(), timeout=5000)
        ((_, (label, _, _)),) = window.candidates.links._rows.items()
        assert label.text().startswith("Suggested: ")
        assert _wait(qtbot, store.links.decisions_for([SystemRef(SystemKind.DIRECTORY, "C-G000009")])) == []
        entries = _wait(qtbot, store.audit.entries())
        assert [e.record["action"] for e in entries if e.record["action"].startswith("link.")] == [
            "link.split",
            "link.undo",
        ]
    finally:
        _wait(qtbot, store.close())
