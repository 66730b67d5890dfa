"""A real crash: the console process is killed (SIGKILL on POSIX, TerminateProcess on Windows)
while actions are in flight; a new console process on the same store resumes them. Nothing is
lost, nothing is doubled — proven by the backends' ledger and the outbox."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from console.demo.server import DemoBackends
from console.domain.money import Money
from console.domain.policy import RefundPayment
from console.services.outbox_worker import encode_request, encode_staff
from console.store import open_store
from tests.actions.harness import STAFF
from tests.demo_fixtures import fresh_backends  # noqa: F401 - fixture

WORKER = Path(__file__).with_name("worker_proc.py")
PAYMENTS = ["PAY-G100412", "PAY-G778122", "PAY-G5521"]


def _plan(n: int) -> list[dict[str, object]]:
    plan = []
    for i in range(n):
        req = RefundPayment(PAYMENTS[i % 3], Money(Decimal(f"1.{i:02d}"), "EUR"), "goodwill")
        plan.append(
            {
                "staff": encode_staff(STAFF["agent-ana"]),
                "customer_key": f"crash-{i % 3}",
                "request": encode_request(req),
            }
        )
    return plan


@pytest.mark.slow
def test_sigkill_while_sending_then_resume(fresh_backends: DemoBackends, tmp_path: Path) -> None:  # noqa: F811
    demo = fresh_backends
    n = 18
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(_plan(n)), encoding="utf-8")
    store_url = f"sqlite+aiosqlite:///{tmp_path / 'store.db'}"
    # Slow POSTs keep sends in flight when the kill comes; some commit and never answer.
    demo.set_faults("payments", latency_ms=400, only_methods="POST")

    first = subprocess.Popen(
        [sys.executable, str(WORKER), "enqueue", store_url, demo.base_url, str(plan_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert first.stdout is not None
    enqueued = 0
    deadline = time.monotonic() + 60
    while enqueued < n and time.monotonic() < deadline:
        line = first.stdout.readline()
        if not line:
            break
        enqueued += line.startswith("ENQUEUED")
    assert enqueued == n, "the worker did not enqueue every action"
    time.sleep(0.3)  # some sends are in flight now (400 ms each)
    first.kill()  # SIGKILL / TerminateProcess: no clean-up, no finally blocks
    first.wait(timeout=10)
    assert first.returncode != 0

    applied_before = len([e for e in demo.ledger("payments") if e.get("op") == "refunds"])
    assert applied_before < n, "everything finished before the kill: the test proved nothing"

    demo.clear_faults()
    second = subprocess.run(
        [sys.executable, str(WORKER), "resume", store_url, demo.base_url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert second.returncode == 0, second.stdout + second.stderr
    report = json.loads(second.stdout.strip().splitlines()[-1])
    assert report["drained"] is True

    async def outbox_state() -> tuple[list[str], list[str], bool]:
        store = await open_store(store_url)
        try:
            entries = [e for k in range(3) for e in await store.outbox.by_customer(f"crash-{k}")]
            verified = (await store.audit.verify()).ok
            return [e.idempotency_key for e in entries], [e.status for e in entries], verified
        finally:
            await store.close()

    keys, statuses, verified = asyncio.run(outbox_state())
    assert len(keys) == n  # nothing lost: every requested action has its entry
    assert set(statuses) == {"done"}
    refunds = [e for e in demo.ledger("payments") if e.get("op") == "refunds"]
    ledger_keys = [str(e["key"]) for e in refunds]
    assert sorted(ledger_keys) == sorted(keys)  # each applied exactly once, with its own key
    assert verified
