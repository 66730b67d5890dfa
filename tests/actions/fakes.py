"""In-memory stand-ins for fast service tests: an OutboxPort and idempotent fake backends.

The end-to-end tests use the real SQLite store and the real demo backends; these exist to pin
down the service's own logic (ordering of steps, dedupe, approvals, retries) quickly.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from console.connectors.errors import Refused, SystemUnavailable
from console.domain.model import (
    Address,
    Channel,
    CustomerStub,
    DeliveryStage,
    Order,
    OrderStatus,
    RefundResult,
    ReturnReceipt,
    Shipment,
    StaffMember,
    SystemKind,
    SystemRef,
)
from console.domain.model import Refund as RefundRec
from console.domain.money import Money
from tests.actions.builders import NOW


class MemoryPort:
    """OutboxPort in memory, with an audit list (one 'transaction' = one method call)."""

    def __init__(self) -> None:
        self.entries: dict[str, dict[str, Any]] = {}
        self.audit: list[dict[str, Any]] = []
        self.approvals: dict[str, dict[str, Any]] = {}
        self._ids = itertools.count(1)

    async def enqueue(
        self, *, key, payload, staff, approver, customer_key, audit_action, audit_details
    ) -> str:
        eid = str(next(self._ids))
        self.entries[eid] = {
            "id": eid,
            "key": key,
            "status": "pending",
            "payload": copy.deepcopy(payload),
            "error": None,
            "backend_ids": [],
            "lease": (None, 0.0),
        }
        self._audit(staff, approver, customer_key, audit_action, audit_details, (), eid)
        return eid

    def _audit(self, staff, approver, customer_key, action, details, backend_ids, eid) -> None:
        self.audit.append(
            {
                "staff_id": staff.id,
                "role": staff.role.value,
                "action": action,
                "customer_key": customer_key,
                "details": details,
                "approver": approver.id if approver else None,
                "backend_ids": list(backend_ids),
                "outbox_id": eid,
            }
        )

    async def claim(self, entry_id, worker_id, lease_s):
        e = self.entries.get(entry_id)
        if e is None or e["status"] in ("done", "refused"):
            return None
        holder, until = e["lease"]
        if holder not in (None, worker_id) and until > time.monotonic():
            return None
        e["lease"] = (worker_id, time.monotonic() + lease_s)
        e["status"] = "sending"
        return copy.deepcopy(e)

    async def get(self, entry_id):
        e = self.entries.get(entry_id)
        return copy.deepcopy(e) if e else None

    async def find_by_key(self, key):
        for e in self.entries.values():
            if e["key"] == key:
                return copy.deepcopy(e)
        return None

    async def complete(
        self,
        entry_id,
        *,
        status,
        result,
        error,
        staff,
        approver,
        customer_key,
        audit_action,
        audit_details,
        backend_ids,
    ) -> None:
        e = self.entries[entry_id]
        e.update(status=status, error=error, backend_ids=list(backend_ids), lease=(None, 0.0), result=result)
        self._audit(staff, approver, customer_key, audit_action, audit_details, backend_ids, entry_id)

    async def fail(self, entry_id, error) -> None:
        e = self.entries[entry_id]
        e.update(status="failed", error=error, lease=(None, 0.0))

    async def unfinished(self):
        return [copy.deepcopy(e) for e in self.entries.values() if e["status"] not in ("done", "refused")]

    async def create_approval(
        self, *, action_id, request, summary, staff, customer_key, payment_id, amount, note
    ) -> str:
        aid = f"A{len(self.approvals) + 1}"
        self.approvals[aid] = {
            "id": aid,
            "action_id": action_id,
            "request": request,
            "summary": summary,
            "staff": {
                "id": staff.id,
                "name": staff.name,
                "role": staff.role.value,
                "store_id": staff.store_id,
            },
            "customer_key": customer_key,
            "status": "pending",
        }
        return aid

    async def get_approval(self, approval_id):
        return self.approvals.get(approval_id)


@dataclass
class Ledger:
    """Effects applied, one per (staff, op, target, key) — replays apply nothing."""

    applied: dict[tuple[str, str, str, str], Any] = field(default_factory=dict)
    order: list[tuple[str, str, str]] = field(default_factory=list)  # (op, target, key)


@dataclass
class Faults:
    """The next calls' behaviour: a list of 'ok' | 'down' | 'commit_then_down' | 'refuse'."""

    script: list[str] = field(default_factory=list)
    latency_s: float = 0.0

    def next(self) -> str:
        return self.script.pop(0) if self.script else "ok"


class FakeBackends:
    def __init__(self) -> None:
        self.ledger = Ledger()
        self.faults = Faults()
        self.refuse_kind = "already-dispatched"
        self.calls: list[tuple[str, str, str]] = []

    async def apply(self, staff: str, op: str, target: str, key: str, make: Any) -> Any:
        self.calls.append((op, target, key))
        if self.faults.latency_s:
            await asyncio.sleep(self.faults.latency_s)
        mode = self.faults.next()
        if mode == "down":
            raise SystemUnavailable(SystemKind(op.split(".")[0]), "timed out")
        if mode == "refuse":
            raise Refused(SystemKind(op.split(".")[0]), self.refuse_kind, f"{op} refused: {self.refuse_kind}")
        k = (staff, op, target, key)
        if k not in self.ledger.applied:
            self.ledger.applied[k] = make()
            self.ledger.order.append((op, target, key))
        if mode == "commit_then_down":
            raise SystemUnavailable(SystemKind(op.split(".")[0]), "timed out", maybe_applied=True)
        return self.ledger.applied[k]

    def count(self, op: str | None = None) -> int:
        return sum(1 for o, _, _ in self.ledger.order if op is None or o == op)


def _stub() -> CustomerStub:
    return CustomerStub(SystemRef(SystemKind.ORDERS, "OC-1"), "X")


def _order(number: str, status: OrderStatus) -> Order:
    return Order(
        SystemRef(SystemKind.ORDERS, number), Channel.WEB, status, NOW, Money.of("1", "EUR"), (), _stub()
    )


def _shipment(t: str, stage: DeliveryStage) -> Shipment:
    return Shipment(SystemRef(SystemKind.DELIVERY, t), "Parcelnet", stage, (), _stub())


class _Orders:
    def __init__(self, b: FakeBackends, staff: str) -> None:
        self.b, self.staff = b, staff

    async def order(self, n: str) -> Order:
        raise SystemUnavailable(SystemKind.ORDERS, "not in fake")

    async def stock(self, sku: str, store_id: str | None = None) -> list[Any]:
        return []

    async def cancel(self, n: str, line_ids: Sequence[str] | None, reason: str, *, key: str) -> Order:
        return await self.b.apply(
            self.staff, "orders.cancel", n, key, lambda: _order(n, OrderStatus.CANCELLED)
        )

    async def fulfil_in_store(self, n: str, store_id: str, line_ids: Sequence[str], *, key: str) -> Order:
        return await self.b.apply(
            self.staff, "orders.fulfil_in_store", n, key, lambda: _order(n, OrderStatus.FULFILLED_IN_STORE)
        )

    async def accept_return(
        self, n, lines, *, store_id, reason, resolution, exchange_sku=None, key
    ) -> ReturnReceipt:
        return await self.b.apply(
            self.staff,
            "orders.accept_return",
            n,
            key,
            lambda: ReturnReceipt(f"RT-{key[:6]}", n, tuple(lines), resolution, store_id, NOW),
        )


class _Payments:
    def __init__(self, b: FakeBackends, staff: str) -> None:
        self.b, self.staff = b, staff
        self.tokens: list[tuple[str, str]] = []

    async def payment(self, pid: str) -> Any:
        raise SystemUnavailable(SystemKind.PAYMENTS, "not in fake")

    async def refund(
        self, pid, amount, *, reason_code, allocation=None, to_store_credit=False, approval_token=None, key
    ) -> RefundResult:
        def make() -> RefundResult:
            return RefundResult(
                pid, (RefundRec(f"RF-{key[:6]}", amount, "T1", NOW, reason_code, self.staff),)
            )

        return await self.b.apply(self.staff, "payments.refund", pid, key, make)

    async def request_approval(self, pid: str, amount: Money, *, key: str) -> str:
        self.tokens.append((pid, key))
        return f"tok-{pid}-{amount.amount}"


class _Delivery:
    def __init__(self, b: FakeBackends, staff: str) -> None:
        self.b, self.staff = b, staff

    async def shipment(self, t: str) -> Shipment:
        raise SystemUnavailable(SystemKind.DELIVERY, "not in fake")

    async def reroute(self, t: str, address: Address, *, key: str) -> Shipment:
        return await self.b.apply(
            self.staff, "delivery.reroute", t, key, lambda: _shipment(t, DeliveryStage.IN_TRANSIT)
        )

    async def redirect_to_store(self, t: str, store_id: str, *, key: str) -> Shipment:
        return await self.b.apply(
            self.staff, "delivery.redirect_to_store", t, key, lambda: _shipment(t, DeliveryStage.IN_TRANSIT)
        )

    async def reschedule(self, t: str, new_date: date, *, key: str) -> Shipment:
        return await self.b.apply(
            self.staff, "delivery.reschedule", t, key, lambda: _shipment(t, DeliveryStage.IN_TRANSIT)
        )

    async def intercept(self, t: str, reason: str, *, key: str) -> Shipment:
        return await self.b.apply(
            self.staff, "delivery.intercept", t, key, lambda: _shipment(t, DeliveryStage.INTERCEPTED)
        )


class FakeConns:
    def __init__(self, b: FakeBackends, staff: str) -> None:
        self.orders = _Orders(b, staff)
        self.payments = _Payments(b, staff)
        self.delivery = _Delivery(b, staff)


class FakeConnectorsFor:
    def __init__(self, b: FakeBackends) -> None:
        self.b = b
        self.cache: dict[str, FakeConns] = {}

    def __call__(self, staff_id: str) -> FakeConns:
        if staff_id not in self.cache:
            self.cache[staff_id] = FakeConns(self.b, staff_id)
        return self.cache[staff_id]


def staff(sid: str) -> StaffMember:
    from console.domain.model import Role

    role = (
        Role.SUPERVISOR
        if sid.startswith("sup")
        else Role.STORE_STAFF
        if sid.startswith("store")
        else Role.AGENT
    )
    store = sid.split("-")[1] if role is Role.STORE_STAFF else None
    return StaffMember(sid, sid, role, store)
