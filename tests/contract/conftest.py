from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from console.connectors.http import RetryPolicy
from console.connectors.registry import Connectors, build_rest_connectors
from console.demo.server import DemoBackends
from tests.demo_fixtures import demo_backends, fresh_backends  # noqa: F401 - fixtures

FAST_RETRY = RetryPolicy(max_attempts=4, base_delay_s=0.01, max_delay_s=0.05, max_retry_after_s=1.0)


def connect(demo: DemoBackends, staff: str = "agent-ana", timeout_s: float = 2.0) -> Connectors:
    return build_rest_connectors(
        demo.base_url, lambda: f"demo.{staff}", timeout_s=timeout_s, retry=FAST_RETRY
    )


@pytest_asyncio.fixture
async def agent(fresh_backends: DemoBackends) -> AsyncIterator[Connectors]:  # noqa: F811
    c = connect(fresh_backends)
    yield c
    await c.aclose()
