"""Many consoles on one shared store, for the concurrency test and tests/bench/team.py.

Each simulated console has its own Store (its own engine and connection), so the database sees
real concurrent sessions. They claim the oldest open handoff of their team ("next customer"),
sometimes race each other for the same handoff by id, hand some on to the other team and resolve
the rest; supervisors on several consoles approve the same refund requests at once.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from collections import defaultdict
from decimal import Decimal
from typing import Any

from console.domain.model import Role, StaffMember
from console.domain.money import Money
from console.domain.policy import RefundPayment
from console.services.actions import ActionService, ActionState
from console.store import AuditRecord, open_store

TEAMS = ("service", "sales")
ANA = StaffMember("agent-ana", "Ana Berg", Role.AGENT, None, "service")
LENA = StaffMember("sup-lena", "Lena Vogt", Role.SUPERVISOR, None, "service")
# refunds above the agent's 100.00 EUR limit, within what the golden payments have left
APPROVALS = [("PAY-G5521", "100.01"), ("PAY-G778122", "100.01")] * 3


def _audit(staff: str, action: str, key: str = "C-sim") -> AuditRecord:
    return AuditRecord(staff, "agent", action, key)


async def run_team(
    url: str,
    engine_kwargs: dict[str, Any],
    *,
    consoles: int,
    handoffs: int,
    demo: Any = None,
    connectors_for: Any = None,
    hand_on_share: float = 0.2,
    seed: int = 7,
) -> dict[str, Any]:
    kw = {**engine_kwargs, "pool_size": 1, "max_overflow": 0}
    first = await open_store(url, **kw)
    stores = [first, *[await open_store(url, migrate=False, **kw) for _ in range(consoles - 1)]]
    try:
        # 1. handoffs created by every console at once
        async def create(store: Any, i0: int, count: int) -> list[str]:
            out = []
            for i in range(i0, i0 + count):
                out.append(
                    await store.handoffs.create(
                        customer_key=f"C-sim-{i}",
                        customer_name=f"Customer {i}",
                        from_staff="agent-ana",
                        to_kind="team",
                        to_id=TEAMS[i % 2],
                        wants="call back",
                        done="",
                        pending="",
                        snapshot={},
                        audit=_audit("agent-ana", "handoff.created", f"C-sim-{i}"),
                    )
                )
            return out

        share = max(1, handoffs // consoles)
        chunks = [(k * share, share if k < consoles - 1 else handoffs - k * share) for k in range(consoles)]
        created = await asyncio.gather(*(create(stores[k], a, n) for k, (a, n) in enumerate(chunks) if n > 0))
        ids = [h for chunk in created for h in chunk]

        # 2. every console works the queues until they are empty
        wins: dict[str, list[int]] = defaultdict(list)
        handed_on = 0
        claims = 0
        race_pool: list[str] = list(ids)

        async def work(k: int) -> None:
            nonlocal handed_on, claims
            store = stores[k]
            staff = f"agent-{k}"
            team = TEAMS[k % 2]
            local = random.Random(seed * 1000 + k)
            idle = 0
            while idle < 3:
                if local.random() < 0.1 and race_pool:
                    # race another console for a specific handoff: it must be open to be won
                    target = local.choice(race_pool)
                    if await store.handoffs.claim(target, staff, _audit(staff, "handoff.claimed")):
                        hid: str | None = target
                    else:
                        continue
                else:
                    hid = await store.handoffs.claim_next(
                        to_kind="team", to_id=team, staff_id=staff, audit=_audit(staff, "handoff.claimed")
                    )
                    if hid is None:
                        other = TEAMS[(k + 1) % 2]
                        hid = await store.handoffs.claim_next(
                            to_kind="team",
                            to_id=other,
                            staff_id=staff,
                            audit=_audit(staff, "handoff.claimed"),
                        )
                if hid is None:
                    idle += 1
                    await asyncio.sleep(0.01)
                    continue
                idle = 0
                claims += 1
                wins[hid].append(k)
                if local.random() < hand_on_share:
                    new = await store.handoffs.hand_on(
                        hid,
                        staff,
                        to_kind="team",
                        to_id=TEAMS[(k + 1) % 2],
                        wants="call back",
                        done="tried once",
                        pending="second try",
                        snapshot={},
                        audit=_audit(staff, "handoff.handed_on"),
                    )
                    if new is not None:
                        handed_on += 1
                        race_pool.append(new)
                else:
                    await store.handoffs.resolve(hid, staff, _audit(staff, "handoff.resolved"))

        t0 = time.perf_counter()
        await asyncio.gather(*(work(k) for k in range(consoles)))
        work_s = time.perf_counter() - t0
        remaining = await first.handoffs.all_open()

        # 3. approvals: every supervisor console approves every request at once
        approvals_ok = None
        if demo is not None and connectors_for is not None:
            agent = ActionService(first, connectors_for)
            requests = [
                await agent.request(
                    RefundPayment(pid, Money(Decimal(a), "EUR"), "goodwill"), ANA, f"C-appr-{i}"
                )
                for i, (pid, a) in enumerate(APPROVALS)
            ]
            assert all(r.state is ActionState.AWAITING_APPROVAL for r in requests), requests
            before = [e for e in demo.ledger("payments") if e.get("op") == "refunds"]
            approvers = [ActionService(stores[k], connectors_for) for k in range(min(consoles, 5))]
            results = await asyncio.gather(
                *(svc.approve(str(r.approval_id), LENA, "ok") for r in requests for svc in approvers),
                return_exceptions=True,
            )
            refunds = [e for e in demo.ledger("payments") if e.get("op") == "refunds"][len(before) :]
            keys = [str(e["key"]) for e in refunds]
            approvals_ok = len(refunds) == len(requests) and len(set(keys)) == len(keys)
            approvals_ok = approvals_ok and not any(isinstance(x, BaseException) for x in results)
            for svc in [agent, *approvers]:
                await svc.aclose()

        verified = (await first.audit.verify()).ok
        claimed_twice = sum(1 for v in wins.values() if len(v) > 1)
        return {
            "consoles": consoles,
            "handoffs": handoffs,
            "handed_on": handed_on,
            "claims": claims,
            "claimed_twice": claimed_twice,
            "lost": len(remaining),
            "claims_per_s": round(claims / work_s, 1) if work_s > 0 else None,
            "approvals_applied_exactly_once": approvals_ok,
            "audit_verified": verified,
        }
    finally:
        for s in stores:
            await s.close()


async def notify_latency(url: str, engine_kwargs: dict[str, Any], samples: int = 30) -> float:
    """Milliseconds from a handoff's commit on one console to another console's listener."""
    from console.store.team import listen

    writer = await open_store(url, **engine_kwargs)
    reader = await open_store(url, migrate=False, **engine_kwargs)
    seen: dict[str, float] = {}
    arrived = asyncio.Event()

    def on_change(topic: str, ref: str) -> None:
        if topic == "handoffs":
            seen.setdefault(ref, time.perf_counter())
            arrived.set()

    stop = await listen(reader.engine, on_change)
    times = []
    try:
        for i in range(samples):
            arrived.clear()
            started = time.perf_counter()  # the commit happens inside create(): an upper bound
            hid = await writer.handoffs.create(
                customer_key=f"C-n-{i}",
                customer_name="n",
                from_staff="agent-ana",
                to_kind="team",
                to_id="service",
                wants="x",
                done="",
                pending="",
                snapshot={},
                audit=_audit("agent-ana", "handoff.created"),
            )
            while hid not in seen:
                await asyncio.wait_for(arrived.wait(), 5)
                arrived.clear()
            times.append((seen[hid] - started) * 1000)
    finally:
        await stop()
        await writer.close()
        await reader.close()
    return statistics.median(times)
