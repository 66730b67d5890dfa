"""Team benchmark: many consoles on one PostgreSQL store.

    python tests/bench/team.py --consoles 50 --handoffs 5000

The PostgreSQL URL comes from ONEPANE_BENCH_PG_URL (default: the local server, database
`test`); the run creates a schema of its own and drops it afterwards. Each console is a Store
with its own connection. They claim (the oldest open handoff of their team, and now and then a
race for one specific handoff), hand on a fifth of them and resolve the rest; then supervisors
on five consoles approve six refund requests at once against the demo backends. Notify latency
is the time from a handoff's commit on one console to its arrival at another console's LISTEN
callback — the callback that refreshes that console's queue model (TeamController.refresh).

The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from console.demo.server import DemoBackends  # noqa: E402
from tests.actions.harness import StaffConnectors  # noqa: E402
from tests.demo_fixtures import DEMO_NOW  # noqa: E402
from tests.pg import pg_schema  # noqa: E402
from tests.store.team_sim import notify_latency, run_team  # noqa: E402

PG_URL = os.environ.get("ONEPANE_BENCH_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")


async def bench(consoles: int, handoffs: int, demo: DemoBackends) -> dict[str, object]:
    conns = StaffConnectors(demo.base_url, timeout_s=5.0)
    try:
        async with pg_schema() as kwargs:
            t0 = time.perf_counter()
            result = await run_team(
                PG_URL, kwargs, consoles=consoles, handoffs=handoffs, demo=demo, connectors_for=conns
            )
            result["run_s"] = round(time.perf_counter() - t0, 1)
        async with pg_schema() as kwargs:
            result["notify_p50_ms"] = round(await notify_latency(PG_URL, kwargs, samples=50), 2)
    finally:
        await conns.aclose()
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--consoles", type=int, default=50)
    ap.add_argument("--handoffs", type=int, default=5000)
    args = ap.parse_args()
    with DemoBackends(seed=3, scale=50, now=DEMO_NOW) as demo:
        result = asyncio.run(bench(args.consoles, args.handoffs, demo))
    print(f"details: {json.dumps(result)}", flush=True)
    out = {
        "consoles": result["consoles"],
        "handoffs": result["handoffs"],
        "claimed_twice": result["claimed_twice"],
        "lost": result["lost"],
        "claims_per_s": result["claims_per_s"],
        "notify_p50_ms": result["notify_p50_ms"],
        "approvals_applied_exactly_once": result["approvals_applied_exactly_once"],
    }
    print(json.dumps(out))
    return (
        0 if out["claimed_twice"] == 0 and out["lost"] == 0 and out["approvals_applied_exactly_once"] else 1
    )


if __name__ == "__main__":
    raise SystemExit(main())
