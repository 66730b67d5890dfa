"""The supervisor's day at a glance, computed from the shared store: money moved today per
staff member (refunds done), actions that failed or were refused, open handoffs by age."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

AGE_BUCKETS = (("< 30 min", 30), ("30 min – 2 h", 120), ("2 – 8 h", 480), ("older", None))


@dataclass(frozen=True, slots=True)
class Dashboard:
    money_by_staff: list[tuple[str, Decimal, str]] = field(default_factory=list)  # staff, amount, currency
    failures: list[tuple[str, int]] = field(default_factory=list)  # (kind of action, count) refused/failed
    handoffs_by_age: list[tuple[str, int]] = field(default_factory=list)
    approvals_pending: int = 0


def _minutes(created_at: str, now: datetime) -> int:
    try:
        at = datetime.fromisoformat(created_at)
    except ValueError:
        return 0
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return max(0, int((now - at).total_seconds() // 60))


async def dashboard_from_store(store: Any, today: date, now: datetime) -> Dashboard:
    money: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    failures: dict[str, int] = defaultdict(int)
    for entry in await store.audit.entries(since=today, limit=1_000_000):
        if not str(entry.at).startswith(today.isoformat()):
            continue
        rec = entry.record
        action = str(rec.get("action", ""))
        details = rec.get("details") or {}
        if action.endswith(".done") and details.get("op") == "payments.refund":
            result = details.get("result") or {}
            for r in result.get("refunds", []):
                try:
                    money[(str(rec.get("staff_id")), str(r["currency"]))] += Decimal(str(r["amount"]))
                except (KeyError, InvalidOperation):
                    continue
        elif action.endswith(".refused"):
            failures[action.split(".", 1)[0]] += 1
    for e in await store.outbox.unfinished():
        if e.status == "failed":
            failures[f"{e.kind} (will retry)"] += 1
    counts = [0] * len(AGE_BUCKETS)
    for h in await store.handoffs.all_open():
        m = _minutes(h.created_at, now)
        for i, (_label, limit) in enumerate(AGE_BUCKETS):
            if limit is None or m < limit:
                counts[i] += 1
                break
    pending = len(await store.approvals.pending())
    return Dashboard(
        sorted(((s, a, c) for (s, c), a in money.items()), key=lambda x: -x[1]),
        sorted(failures.items(), key=lambda x: -x[1]),
        [(label, n) for (label, _), n in zip(AGE_BUCKETS, counts, strict=True)],
        pending,
    )
