"""The golden scenarios end to end: the real window, the real lookup service, the REST
connectors and the demo backends over loopback HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from console.connectors.registry import build_rest_connectors
from console.demo.server import DemoBackends
from console.services.lookup import LookupService
from console.ui.main_window import MainWindow
from tests.demo_fixtures import DEMO_NOW


@pytest.fixture(scope="module")
def backends() -> Iterator[DemoBackends]:
    with DemoBackends(seed=21, scale=400, now=DEMO_NOW) as demo:
        yield demo


class Console:
    def __init__(self, qtbot: Any, backends: DemoBackends, staff: str, cache: Any = None) -> None:
        self.connectors = build_rest_connectors(backends.base_url, lambda: f"demo.{staff}", timeout_s=2.0)
        self.lookup = LookupService(self.connectors, cache, clock=lambda: DEMO_NOW, timeout_s=3.0)
        self.window = MainWindow(self.lookup, staff_name=staff, theme="light", clock=lambda: DEMO_NOW)
        qtbot.addWidget(self.window)
        self.window.show()
        qtbot.waitExposed(self.window)

    def close(self, qtbot: Any) -> None:
        self.window.close()
        task = asyncio.ensure_future(self.connectors.aclose())
        qtbot.waitUntil(task.done, timeout=3000)


@pytest.fixture
def console(qtbot: Any, qasync_loop: Any, backends: DemoBackends) -> Iterator[Console]:
    c = Console(qtbot, backends, "agent-ana")
    yield c
    c.close(qtbot)
