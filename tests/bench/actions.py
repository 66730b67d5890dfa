"""Actions benchmark: exactly once under faults, confirm-to-done time, draining after an outage.

    python tests/bench/actions.py [--actions 2000] [--fault-rate 0.2] [--drain 1000]

Against the real demo backends (127.0.0.1) and a real SQLite store in a temporary folder:

1. `--actions` refunds and reschedules, sent by consoles that are killed (a simulated crash
   right after the outbox write, before the send) every few hundred actions and replaced by a
   new console on the same store that resumes; meanwhile the backends fail a `--fault-rate`
   share of the POSTs (500, 429 + Retry-After, dropped connections, "commit then time out").
   At the end the backends' ledger must hold each intended action exactly once.
2. p50 from confirm to "done" for one action with 150 ms backend latency.
3. 1,000 actions queued during a payments outage, then the time to drain them once it is back.

The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from console.connectors.http import RetryPolicy  # noqa: E402
from console.demo.server import DemoBackends  # noqa: E402
from console.domain.model import Role, StaffMember  # noqa: E402
from console.domain.money import Money  # noqa: E402
from console.domain.policy import PolicyContext, RefundPayment, RescheduleDelivery  # noqa: E402
from console.services.actions import ActionService, SimulatedCrash  # noqa: E402
from console.store import open_store  # noqa: E402
from tests.actions.harness import StaffConnectors  # noqa: E402
from tests.demo_fixtures import DEMO_NOW  # noqa: E402

LENA = StaffMember("sup-lena", "Lena Vogt", Role.SUPERVISOR)
PAYMENTS = ["PAY-G100412", "PAY-G778122", "PAY-G5521"]
NO_RETRY = RetryPolicy(max_attempts=1, base_delay_s=0.01, max_delay_s=0.02, max_retry_after_s=0.2)
FAULTS = [
    {"error_rate": 1.0},
    {"rate_limit_s": 0.1},
    {"drop_connection": True},
    {"commit_then_timeout": True},
]


def _request(i: int) -> tuple[Any, str]:
    if i % 4 == 3:
        return RescheduleDelivery("PN123456789NL", DEMO_NOW.date() + timedelta(days=1 + i % 13)), "delivery"
    return RefundPayment(PAYMENTS[i % 3], Money(Decimal("0.01"), "EUR"), "goodwill"), "payments"


def _applied(demo: DemoBackends) -> list[dict[str, Any]]:
    return [e for s in ("payments", "delivery") for e in demo.ledger(s) if e.get("op") != "approvals"]


def _service(store: Any, conns: Any, crash: Any = None, **kw: Any) -> ActionService:
    return ActionService(
        store,
        conns,
        clock=lambda: DEMO_NOW,
        lease_s=2.0,
        backoff_base_s=0.02,
        backoff_cap_s=0.2,
        poll_s=0.05,
        concurrency=32,
        crash=crash,
        rng=random.Random(9),
        **kw,
    )


async def exactly_once(demo: DemoBackends, url: str, n: int, fault_rate: float) -> dict[str, Any]:
    rng = random.Random(2026)
    conns = StaffConnectors(demo.base_url, timeout_s=0.5, retry=NO_RETRY)
    store = await open_store(url)
    before = len(_applied(demo))
    restarts = 0
    crash_at: set[int] = set(range(150, n, 400))
    state = {"crash_next": False}

    def crash(point: str, _action_id: str) -> None:
        if point == "after_enqueue" and state["crash_next"]:
            state["crash_next"] = False
            raise SimulatedCrash(point)

    svc = _service(store, conns, crash)
    svc.start()
    faults_set = 0
    batch = 25
    for start in range(0, n, batch):
        # about fault_rate of the POSTs in this batch fail, in one of four ways
        failing = sum(1 for _ in range(batch) if rng.random() < fault_rate)
        if failing:
            system = rng.choice(["payments", "delivery"])
            demo.set_faults(system, count=failing, only_methods="POST", **rng.choice(FAULTS))
            faults_set += failing
        jobs = []
        for i in range(start, min(n, start + batch)):
            req, _system = _request(i)
            if i in crash_at:
                state["crash_next"] = True
                try:
                    await svc.request(req, LENA, f"bench-{i}", wait=True)
                except SimulatedCrash:
                    await svc.aclose()
                    await store.close()
                    store = await open_store(url)
                    svc = _service(store, conns, crash)
                    await svc.resume()
                    svc.start()
                    restarts += 1
                continue
            jobs.append(svc.request(req, LENA, f"bench-{i}", wait=False))
        await asyncio.gather(*jobs)
    demo.clear_faults()
    drained = await svc.drain(timeout_s=300)
    await svc.aclose()
    entries = [e for e in await _all_entries(store)]
    verified = (await store.audit.verify()).ok
    await store.close()
    await conns.aclose()
    applied = _applied(demo)[before:]
    keys = Counter(str(e["key"]) for e in applied)
    intended = {e.idempotency_key for e in entries}
    attempts = sum(e.attempts for e in entries)
    return {
        "actions": n,
        "faults_injected": faults_set,
        "failed_attempts": max(0, attempts - len(entries)),
        "restarts": restarts,
        "applied_exactly_once": sum(1 for k in intended if keys.get(k) == 1),
        "lost": sum(1 for k in intended if k not in keys) + (n - len(intended)),
        "doubled": sum(1 for k, c in keys.items() if c > 1) + sum(1 for k in keys if k not in intended),
        "audit_verified": verified,
        "drained": drained,
    }


async def _all_entries(store: Any) -> list[Any]:
    from sqlalchemy import select

    from console.store.outbox import _entry
    from console.store.tables import outbox

    async with store.engine.connect() as conn:
        rows = (await conn.execute(select(outbox))).all()
    return [_entry(r) for r in rows]


async def confirm_to_done(demo: DemoBackends, url: str, samples: int = 40) -> float:
    conns = StaffConnectors(demo.base_url, timeout_s=2.0)
    store = await open_store(url)
    svc = _service(store, conns)
    svc.start()
    for system in ("orders", "payments", "delivery"):
        demo.set_faults(system, latency_ms=150)
    # the pane hands the action the records it shows, as the window does
    acting = conns("sup-lena")
    shown = PolicyContext(payments={p: await acting.payments.payment(p) for p in PAYMENTS})
    times = []
    for i in range(samples):
        req = RefundPayment(PAYMENTS[i % 3], Money(Decimal("0.01"), "EUR"), "goodwill")
        t0 = time.perf_counter()
        h = await svc.request(req, LENA, f"p50-{i}", context=shown, wait=True)
        if not h.final:
            h = await svc.wait(h.action_id, timeout_s=30)
        times.append((time.perf_counter() - t0) * 1000)
    demo.clear_faults()
    await svc.aclose()
    await store.close()
    await conns.aclose()
    return statistics.median(times)


async def drain_after_outage(demo: DemoBackends, url: str, n: int) -> tuple[float, bool]:
    conns = StaffConnectors(demo.base_url, timeout_s=1.0, retry=NO_RETRY)
    store = await open_store(url)
    svc = _service(store, conns)
    demo.set_faults("payments", outage=True)
    for i in range(n):
        req = RefundPayment(PAYMENTS[i % 3], Money(Decimal("0.01"), "EUR"), "goodwill")
        await svc.request(req, LENA, f"drain-{i}", wait=False)
    await asyncio.sleep(0.5)  # first attempts fail against the outage
    demo.clear_faults()
    t0 = time.perf_counter()
    svc.start()
    ok = await svc.drain(timeout_s=600)
    ms = (time.perf_counter() - t0) * 1000
    await svc.aclose()
    await store.close()
    await conns.aclose()
    return ms, ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--actions", type=int, default=2000)
    ap.add_argument("--fault-rate", type=float, default=0.2)
    ap.add_argument("--drain", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, DemoBackends(seed=3, scale=100, now=DEMO_NOW) as demo:
        base = Path(tmp)
        t0 = time.perf_counter()
        result = asyncio.run(
            exactly_once(demo, f"sqlite+aiosqlite:///{base / 'a.db'}", args.actions, args.fault_rate)
        )
        result["exactly_once_run_s"] = round(time.perf_counter() - t0, 1)
        print(f"exactly once: {json.dumps(result)}", flush=True)
        p50 = asyncio.run(confirm_to_done(demo, f"sqlite+aiosqlite:///{base / 'b.db'}"))
        print(f"confirm to done with 150 ms backends: p50 {p50:.0f} ms", flush=True)
        drain_ms, drained = asyncio.run(
            drain_after_outage(demo, f"sqlite+aiosqlite:///{base / 'c.db'}", args.drain)
        )
        print(f"drain {args.drain} after outage: {drain_ms:.0f} ms (complete: {drained})", flush=True)
    out = {
        "actions": result["actions"],
        "faults_injected": result["faults_injected"],
        "restarts": result["restarts"],
        "applied_exactly_once": result["applied_exactly_once"],
        "lost": result["lost"],
        "doubled": result["doubled"],
        "audit_verified": result["audit_verified"],
        "p50_action_ms": round(p50, 1),
        "drain_1000_ms": round(drain_ms) if drained else None,
    }
    print(json.dumps(out))
    return 0 if out["lost"] == 0 and out["doubled"] == 0 and out["audit_verified"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
