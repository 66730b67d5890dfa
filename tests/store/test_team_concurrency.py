"""Consoles sharing one store, for real: separate connections, real concurrency.

On the real PostgreSQL server: 50 consoles claim, hand on and resolve handoffs and approve the
same refund requests at once — no handoff is claimed twice, none is lost, every approved refund
is applied exactly once (the demo backends' ledger) and the audit log verifies. The same,
smaller, on SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.actions.harness import StaffConnectors
from tests.demo_fixtures import fresh_backends  # noqa: F401 - fixture
from tests.pg import PG_URL, pg_schema
from tests.store.team_sim import notify_latency, run_team

pytestmark = pytest.mark.asyncio


@pytest.mark.postgres
@pytest.mark.slow
async def test_fifty_consoles_on_postgres(fresh_backends) -> None:  # noqa: F811
    conns = StaffConnectors(fresh_backends.base_url, timeout_s=5.0)
    try:
        async with pg_schema() as kwargs:
            result = await run_team(
                PG_URL, kwargs, consoles=50, handoffs=1000, demo=fresh_backends, connectors_for=conns
            )
    finally:
        await conns.aclose()
    assert result["claims"] >= 1000 + result["handed_on"]
    assert result["claimed_twice"] == 0
    assert result["lost"] == 0
    assert result["approvals_applied_exactly_once"] is True
    assert result["audit_verified"] is True


@pytest.mark.postgres
async def test_a_change_reaches_another_console_by_notify() -> None:
    async with pg_schema() as kwargs:
        ms = await notify_latency(PG_URL, kwargs, samples=5)
    assert ms < 5000  # it arrived (the figure itself is the benchmark's business)


async def test_eight_consoles_on_sqlite(fresh_backends, tmp_path: Path) -> None:  # noqa: F811
    conns = StaffConnectors(fresh_backends.base_url, timeout_s=5.0)
    try:
        result = await run_team(
            f"sqlite+aiosqlite:///{tmp_path / 'team.db'}",
            {},
            consoles=8,
            handoffs=200,
            demo=fresh_backends,
            connectors_for=conns,
        )
    finally:
        await conns.aclose()
    assert result["claims"] >= 200 + result["handed_on"]
    assert result["claimed_twice"] == 0 and result["lost"] == 0
    assert result["approvals_applied_exactly_once"] is True
    assert result["audit_verified"] is True
