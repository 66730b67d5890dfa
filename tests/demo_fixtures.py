"""Shared fixtures: the real demo backends on 127.0.0.1, and connectors against them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from console.demo.server import DemoBackends

# A fixed reference time keeps the golden scenarios' dates stable in every test.
DEMO_NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def demo_backends() -> Iterator[DemoBackends]:
    with DemoBackends(seed=7, scale=300, now=DEMO_NOW) as demo:
        yield demo


@pytest.fixture
def fresh_backends() -> Iterator[DemoBackends]:
    """Backends of one's own, for tests that change state or inject faults."""
    with DemoBackends(seed=7, scale=50, now=DEMO_NOW) as demo:
        yield demo
