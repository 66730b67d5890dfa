"""A console worker in its own process, for the real-crash test (tests/actions/test_crash.py).

    python worker_proc.py enqueue STORE_URL BASE_URL PLAN_JSON   # request every action in the
        plan (concurrently), printing "ENQUEUED <action id>" once each is in the outbox; the
        test kills this process (SIGKILL / TerminateProcess) while sends are in flight.
    python worker_proc.py resume STORE_URL BASE_URL              # a new console: resume the
        unfinished outbox entries with their original keys, drain, print one JSON line.

PLAN_JSON: a file with [{"staff": {...}, "customer_key": "...", "request": {...}}, ...] in the
form of console.services.outbox_worker.encode_request / encode_staff.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.actions.harness import StaffConnectors  # noqa: E402


async def _enqueue(store_url: str, base_url: str, plan_file: str) -> int:
    from console.services.actions import ActionService
    from console.services.outbox_worker import decode_request, decode_staff
    from console.store import open_store

    plan = json.loads(Path(plan_file).read_text(encoding="utf-8"))
    store = await open_store(store_url)
    conns = StaffConnectors(base_url)
    service = ActionService(store, conns, lease_s=2.0, backoff_base_s=0.05, backoff_cap_s=0.5, poll_s=0.1)

    def on_progress(ev: object) -> None:
        if getattr(ev, "state", "") == "pending":
            print(f"ENQUEUED {ev.action_id}", flush=True)  # type: ignore[attr-defined]

    service.subscribe(on_progress)
    service.start()
    tasks = [
        asyncio.create_task(
            service.request(
                decode_request(p["request"]), decode_staff(p["staff"]), p["customer_key"], wait=False
            )
        )
        for p in plan
    ]
    await asyncio.gather(*tasks)
    print("ALL-ENQUEUED", flush=True)
    await service.drain(timeout_s=60)
    print("DRAINED", flush=True)
    await service.aclose()
    await conns.aclose()
    await store.close()
    return 0


async def _resume(store_url: str, base_url: str) -> int:
    from console.services.actions import ActionService
    from console.store import open_store

    store = await open_store(store_url)
    conns = StaffConnectors(base_url)
    service = ActionService(store, conns, lease_s=2.0, backoff_base_s=0.05, backoff_cap_s=0.5, poll_s=0.1)
    resumed = await service.resume()
    empty = await service.drain(timeout_s=60)
    print(json.dumps({"resumed": resumed, "drained": empty}), flush=True)
    await service.aclose()
    await conns.aclose()
    await store.close()
    return 0 if empty else 1


def main(argv: list[str]) -> int:
    if argv[1] == "enqueue":
        return asyncio.run(_enqueue(argv[2], argv[3], argv[4]))
    return asyncio.run(_resume(argv[2], argv[3]))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
