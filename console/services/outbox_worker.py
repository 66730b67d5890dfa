"""The outbox's unit of work: one step of an action, as JSON, and how to send it.

An action (`console.domain.policy.ActionRequest`) becomes a *plan* of one or more steps (a
refund is one step; fulfilling in store is `orders.fulfil_in_store` then `delivery.intercept`
per parcel; a return is `orders.accept_return` then `payments.refund`). Each step is its own
outbox entry with its own idempotency key, so that each is resumed on its own; a step runs only
after the steps before it in its plan are done, and is refused (never sent) if one of them was
refused. The payload of every step carries the whole plan with all keys, so a crash between
writing two steps of a plan loses nothing: the missing ones are written again with the keys
already chosen.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

from console.connectors.base import CasesConnector, DeliveryConnector, OrdersConnector, PaymentsConnector
from console.domain.model import Address, Role, StaffMember, SystemKind, TenderKind, Visibility
from console.domain.money import Money
from console.domain.policy import (
    ActionKind,
    ActionRequest,
    CancelOrder,
    FulfilInStore,
    InterceptShipment,
    RedirectToStore,
    RefundPayment,
    RefundScope,
    RerouteShipment,
    RescheduleDelivery,
    ReturnResolution,
    TakeReturn,
    TenderShare,
    UpdateCase,
)

PAYLOAD_VERSION = 1

Json = dict[str, Any]


class ActingConnectors(Protocol):
    """What sending needs of `console.connectors.registry.Connectors` (acting as one staff member)."""

    @property
    def orders(self) -> OrdersConnector: ...
    @property
    def payments(self) -> PaymentsConnector: ...
    @property
    def delivery(self) -> DeliveryConnector: ...
    @property
    def cases(self) -> CasesConnector: ...


# ---- codec: requests and staff as JSON -------------------------------------------------------


def _money(m: Money) -> Json:
    return m.wire()


def _unmoney(d: Mapping[str, Any]) -> Money:
    return Money(Decimal(str(d["amount"])), str(d["currency"]))


def _address(a: Address) -> Json:
    return {
        "name": a.name,
        "line1": a.line1,
        "line2": a.line2,
        "postal_code": a.postal_code,
        "city": a.city,
        "country": a.country,
    }


def _unaddress(d: Mapping[str, Any]) -> Address:
    return Address(
        name=str(d["name"]),
        line1=str(d["line1"]),
        postal_code=str(d["postal_code"]),
        city=str(d["city"]),
        country=str(d["country"]),
        line2=str(d.get("line2", "")),
    )


def _shares(shares: Sequence[TenderShare] | None) -> list[Json] | None:
    if shares is None:
        return None
    return [
        {"tender_id": s.tender_id, "kind": s.kind.value, "amount": _money(s.amount), "label": s.label}
        for s in shares
    ]


def _unshares(raw: Sequence[Mapping[str, Any]] | None) -> tuple[TenderShare, ...] | None:
    if raw is None:
        return None
    return tuple(
        TenderShare(
            str(s["tender_id"]), TenderKind(s["kind"]), _unmoney(s["amount"]), str(s.get("label", ""))
        )
        for s in raw
    )


def _refund(r: RefundPayment) -> Json:
    return {
        "payment_id": r.payment_id,
        "amount": _money(r.amount),
        "reason_code": r.reason_code,
        "scope": r.scope.value,
        "allocation": _shares(r.allocation),
        "to_store_credit": r.to_store_credit,
        "order_number": r.order_number,
        "lines": [[line_id, qty] for line_id, qty in r.lines],
        "note": r.note,
    }


def _unrefund(d: Mapping[str, Any]) -> RefundPayment:
    return RefundPayment(
        payment_id=str(d["payment_id"]),
        amount=_unmoney(d["amount"]),
        reason_code=str(d["reason_code"]),
        scope=RefundScope(d.get("scope", "partial")),
        allocation=_unshares(d.get("allocation")),
        to_store_credit=bool(d.get("to_store_credit", False)),
        order_number=d.get("order_number"),
        lines=tuple((str(a), int(b)) for a, b in d.get("lines", [])),
        note=str(d.get("note", "")),
    )


def encode_request(request: ActionRequest) -> Json:
    """The request as JSON (for approvals, audit details and the outbox payload)."""
    r = request
    if isinstance(r, UpdateCase):
        body: Json = {"case_id": r.case_id, "note": r.note, "team": r.team, "assignee": r.assignee}
    elif isinstance(r, CancelOrder):
        body = {
            "order_number": r.order_number,
            "line_ids": list(r.line_ids) if r.line_ids is not None else None,
            "reason": r.reason,
        }
    elif isinstance(r, RefundPayment):
        body = _refund(r)
    elif isinstance(r, RerouteShipment):
        body = {"tracking_number": r.tracking_number, "address": _address(r.address)}
    elif isinstance(r, RedirectToStore):
        body = {"tracking_number": r.tracking_number, "store_id": r.store_id}
    elif isinstance(r, RescheduleDelivery):
        body = {"tracking_number": r.tracking_number, "new_date": r.new_date.isoformat()}
    elif isinstance(r, InterceptShipment):
        body = {"tracking_number": r.tracking_number, "reason": r.reason}
    elif isinstance(r, FulfilInStore):
        body = {
            "order_number": r.order_number,
            "store_id": r.store_id,
            "line_ids": list(r.line_ids),
            "tracking_numbers": list(r.tracking_numbers),
        }
    else:
        body = {
            "order_number": r.order_number,
            "lines": [[line_id, qty] for line_id, qty in r.lines],
            "store_id": r.store_id,
            "reason": r.reason,
            "resolution": r.resolution.value,
            "exchange_sku": r.exchange_sku,
            "refund": _refund(r.refund) if r.refund is not None else None,
        }
    return {"kind": r.kind.value, **body}


def decode_request(d: Mapping[str, Any]) -> ActionRequest:
    kind = ActionKind(d["kind"])
    if kind is ActionKind.UPDATE_CASE:
        return UpdateCase(str(d["case_id"]), str(d["note"]), str(d["team"]), d.get("assignee"))
    if kind is ActionKind.CANCEL:
        ids = d.get("line_ids")
        return CancelOrder(str(d["order_number"]), tuple(ids) if ids is not None else None, str(d["reason"]))
    if kind is ActionKind.REFUND:
        return _unrefund(d)
    if kind is ActionKind.REROUTE:
        return RerouteShipment(str(d["tracking_number"]), _unaddress(d["address"]))
    if kind is ActionKind.REDIRECT_TO_STORE:
        return RedirectToStore(str(d["tracking_number"]), str(d["store_id"]))
    if kind is ActionKind.RESCHEDULE:
        return RescheduleDelivery(str(d["tracking_number"]), date.fromisoformat(d["new_date"]))
    if kind is ActionKind.INTERCEPT:
        return InterceptShipment(str(d["tracking_number"]), str(d["reason"]))
    if kind is ActionKind.FULFIL_IN_STORE:
        return FulfilInStore(
            str(d["order_number"]),
            str(d["store_id"]),
            tuple(d["line_ids"]),
            tuple(d.get("tracking_numbers", ())),
        )
    refund = d.get("refund")
    return TakeReturn(
        order_number=str(d["order_number"]),
        lines=tuple((str(a), int(b)) for a, b in d["lines"]),
        store_id=d.get("store_id"),
        reason=str(d["reason"]),
        resolution=ReturnResolution(d.get("resolution", "refund")),
        exchange_sku=d.get("exchange_sku"),
        refund=_unrefund(refund) if refund is not None else None,
    )


def encode_staff(s: StaffMember) -> Json:
    return {"id": s.id, "name": s.name, "role": s.role.value, "store_id": s.store_id, "team": s.team}


def decode_staff(d: Mapping[str, Any]) -> StaffMember:
    return StaffMember(
        str(d["id"]), str(d.get("name", "")), Role(d["role"]), d.get("store_id"), str(d.get("team", ""))
    )


# ---- plans -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Step:
    op: str  # "payments.refund", "orders.cancel", "delivery.intercept" ...
    target: str  # order number, payment id or tracking number
    params: Json

    @property
    def system(self) -> SystemKind:
        return SystemKind(self.op.split(".", 1)[0])

    def json(self) -> Json:
        return {"op": self.op, "target": self.target, "params": self.params}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Step:
        return cls(str(d["op"]), str(d["target"]), dict(d["params"]))


def _refund_step(r: RefundPayment, approval_token: str | None) -> Step:
    params: Json = {
        "amount": _money(r.amount),
        "reason_code": r.reason_code,
        "allocation": None
        if r.to_store_credit or r.allocation is None
        else [[s.tender_id, _money(s.amount)] for s in r.allocation],
        "to_store_credit": r.to_store_credit,
        "tenders": _shares(r.allocation),
        "approval_token": approval_token,
    }
    return Step("payments.refund", r.payment_id, params)


def plan_steps(request: ActionRequest, *, approval_token: str | None = None) -> tuple[Step, ...]:
    r = request
    if isinstance(r, UpdateCase):
        return (
            Step("cases.add_note", r.case_id, {"body": r.note, "visibility": "internal"}),
            Step("cases.reassign", r.case_id, {"team": r.team, "assignee": r.assignee}),
        )
    if isinstance(r, CancelOrder):
        return (
            Step(
                "orders.cancel",
                r.order_number,
                {"line_ids": list(r.line_ids) if r.line_ids is not None else None, "reason": r.reason},
            ),
        )
    if isinstance(r, RefundPayment):
        return (_refund_step(r, approval_token),)
    if isinstance(r, RerouteShipment):
        return (Step("delivery.reroute", r.tracking_number, {"address": _address(r.address)}),)
    if isinstance(r, RedirectToStore):
        return (Step("delivery.redirect_to_store", r.tracking_number, {"store_id": r.store_id}),)
    if isinstance(r, RescheduleDelivery):
        return (Step("delivery.reschedule", r.tracking_number, {"date": r.new_date.isoformat()}),)
    if isinstance(r, InterceptShipment):
        return (Step("delivery.intercept", r.tracking_number, {"reason": r.reason}),)
    if isinstance(r, FulfilInStore):
        first = Step(
            "orders.fulfil_in_store", r.order_number, {"store_id": r.store_id, "line_ids": list(r.line_ids)}
        )
        rest = tuple(
            Step(
                "delivery.intercept",
                t,
                {"reason": f"fulfilled in store {r.store_id} (order {r.order_number})"},
            )
            for t in r.tracking_numbers
        )
        return (first, *rest)
    ret = Step(
        "orders.accept_return",
        r.order_number,
        {
            "lines": [[line_id, qty] for line_id, qty in r.lines],
            "store_id": r.store_id,
            "reason": r.reason,
            "resolution": r.resolution.value,
            "exchange_sku": r.exchange_sku,
        },
    )
    if r.resolution is ReturnResolution.REFUND and r.refund is not None:
        return (ret, _refund_step(r.refund, approval_token))
    return (ret,)


def new_key() -> str:
    return str(uuid.uuid4())


# ---- sending ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StepResult:
    backend_ids: tuple[str, ...]
    summary: Json


async def send_step(conns: ActingConnectors, step: Step, key: str) -> StepResult:
    """One call to one system with the step's idempotency key. Raises ConnectorError."""
    p = step.params
    op = step.op
    if op == "orders.cancel":
        ids = p.get("line_ids")
        order = await conns.orders.cancel(step.target, ids, str(p["reason"]), key=key)
        return StepResult((order.number,), {"order": order.number, "status": order.status.value})
    if op == "orders.fulfil_in_store":
        order = await conns.orders.fulfil_in_store(
            step.target, str(p["store_id"]), list(p["line_ids"]), key=key
        )
        return StepResult((order.number,), {"order": order.number, "status": order.status.value})
    if op == "orders.accept_return":
        receipt = await conns.orders.accept_return(
            step.target,
            [(str(a), int(b)) for a, b in p["lines"]],
            store_id=p.get("store_id"),
            reason=str(p["reason"]),
            resolution=str(p["resolution"]),
            exchange_sku=p.get("exchange_sku"),
            key=key,
        )
        ids = (receipt.id, receipt.exchange_order) if receipt.exchange_order else (receipt.id,)
        return StepResult(ids, {"return": receipt.id, "exchange_order": receipt.exchange_order})
    if op == "payments.refund":
        alloc = p.get("allocation")
        result = await conns.payments.refund(
            step.target,
            _unmoney(p["amount"]),
            reason_code=str(p["reason_code"]),
            allocation=[(str(t), _unmoney(m)) for t, m in alloc] if alloc is not None else None,
            to_store_credit=bool(p.get("to_store_credit", False)),
            approval_token=p.get("approval_token"),
            key=key,
        )
        refunds = [
            {"refund_id": rf.id, "tender_id": rf.tender_id, **_money(rf.amount)} for rf in result.refunds
        ]
        return StepResult(
            tuple(rf.id for rf in result.refunds), {"payment": result.payment_id, "refunds": refunds}
        )
    if op == "cases.add_note":
        note = await conns.cases.add_note(step.target, str(p["body"]), Visibility(p["visibility"]), key=key)
        return StepResult((note.id,), {"case": step.target, "note": note.id})
    if op == "cases.reassign":
        case = await conns.cases.reassign(
            step.target, team=str(p["team"]), assignee=p.get("assignee"), key=key
        )
        return StepResult((case.ref.id,), {"case": case.ref.id, "team": str(p["team"])})
    if op.startswith("delivery."):
        d = conns.delivery
        if op == "delivery.reroute":
            s = await d.reroute(step.target, _unaddress(p["address"]), key=key)
        elif op == "delivery.redirect_to_store":
            s = await d.redirect_to_store(step.target, str(p["store_id"]), key=key)
        elif op == "delivery.reschedule":
            s = await d.reschedule(step.target, date.fromisoformat(p["date"]), key=key)
        elif op == "delivery.intercept":
            s = await d.intercept(step.target, str(p["reason"]), key=key)
        else:
            raise ValueError(f"unknown step {op!r}")
        return StepResult((s.tracking_number,), {"tracking": s.tracking_number, "stage": s.stage.value})
    raise ValueError(f"unknown step {op!r}")


# ---- the store, as the service needs it ------------------------------------------------------
# Entries are mappings: {"id": str, "key": str, "status": "pending"|"sending"|"failed"|"done"|
# "refused", "payload": Json, "error": str|None, "backend_ids": [str]}.


@runtime_checkable
class OutboxPort(Protocol):
    async def enqueue(
        self,
        *,
        key: str,
        payload: Json,
        staff: StaffMember,
        approver: StaffMember | None,
        customer_key: str,
        audit_action: str,
        audit_details: Json,
    ) -> str:
        """Write the outbox entry and its audit entry in ONE transaction; return the entry id."""
        ...

    async def claim(self, entry_id: str, worker_id: str, lease_s: float) -> Json | None:
        """Take the entry for sending (a lease); None if finished or leased by another worker."""
        ...

    async def get(self, entry_id: str) -> Json | None: ...

    async def find_by_key(self, key: str) -> Json | None: ...

    async def complete(
        self,
        entry_id: str,
        *,
        status: str,
        result: Json | None,
        error: str | None,
        staff: StaffMember,
        approver: StaffMember | None,
        customer_key: str,
        audit_action: str,
        audit_details: Json,
        backend_ids: tuple[str, ...],
    ) -> None:
        """Final outcome (done/refused) and its audit entry in ONE transaction."""
        ...

    async def fail(self, entry_id: str, error: str) -> None:
        """A failed attempt: stays unfinished, the lease is released."""
        ...

    async def unfinished(self) -> Sequence[Json]: ...

    async def create_approval(
        self,
        *,
        action_id: str,
        request: Json,
        summary: list[str],
        staff: StaffMember,
        customer_key: str,
        payment_id: str,
        amount: Money,
        note: str,
    ) -> str: ...

    async def get_approval(self, approval_id: str) -> Json | None:
        """{"staff": Json, "request": Json, "customer_key", "action_id", "status"} or None."""
        ...


class StoreOutbox:
    """OutboxPort over console.store's repositories (store.outbox, .audit, .approvals).

    The store is reached duck-typed (services must not import console.store's SQLAlchemy
    machinery at module level); each method is one store transaction.
    """

    def __init__(self, store: Any) -> None:
        self._store = store

    @staticmethod
    def _record(
        staff: StaffMember,
        approver: StaffMember | None,
        customer_key: str,
        action: str,
        details: Json,
        backend_ids: Sequence[str] = (),
        outbox_id: str | None = None,
    ) -> Any:
        from console.store.audit import AuditRecord

        return AuditRecord(
            staff_id=staff.id,
            role=staff.role.value,
            action=action,
            customer_key=customer_key,
            details=dict(details),
            approver=approver.id if approver is not None else None,
            backend_ids=list(backend_ids),
            outbox_id=outbox_id,
        )

    @staticmethod
    def _json(entry: Any) -> Json | None:
        if entry is None:
            return None
        stored = entry.result or {}
        return {
            "id": entry.id,
            "key": entry.idempotency_key,
            "status": entry.status,
            "payload": entry.payload,
            "error": entry.last_error,
            "result": stored.get("result"),
            "backend_ids": list(stored.get("backend_ids") or ()),
            "attempts": entry.attempts,
        }

    async def enqueue(
        self,
        *,
        key: str,
        payload: Json,
        staff: StaffMember,
        approver: StaffMember | None,
        customer_key: str,
        audit_action: str,
        audit_details: Json,
    ) -> str:
        step = payload.get("step") or {}
        op = str(step.get("op", payload.get("kind", "")))
        entry = await self._store.outbox.enqueue(
            kind=str(payload.get("kind", op)),
            system=op.split(".", 1)[0],
            target=str(step.get("target", "")),
            payload=dict(payload),
            customer_key=customer_key,
            staff_id=staff.id,
            role=staff.role.value,
            audit=self._record(staff, approver, customer_key, audit_action, audit_details),
            idempotency_key=key,
            approval_id=payload.get("approval_id"),
        )
        return str(entry.id)

    async def claim(self, entry_id: str, worker_id: str, lease_s: float) -> Json | None:
        return self._json(await self._store.outbox.claim_for_send(entry_id, worker_id, lease_s))

    async def get(self, entry_id: str) -> Json | None:
        return self._json(await self._store.outbox.get(entry_id))

    async def find_by_key(self, key: str) -> Json | None:
        return self._json(await self._store.outbox.find_by_key(key))

    async def complete(
        self,
        entry_id: str,
        *,
        status: str,
        result: Json | None,
        error: str | None,
        staff: StaffMember,
        approver: StaffMember | None,
        customer_key: str,
        audit_action: str,
        audit_details: Json,
        backend_ids: tuple[str, ...],
    ) -> None:
        record = self._record(
            staff, approver, customer_key, audit_action, audit_details, backend_ids, outbox_id=entry_id
        )
        await self._store.outbox.complete(
            entry_id,
            status,
            result={"result": result, "backend_ids": list(backend_ids)},
            error=error,
            audit=record,
        )

    async def fail(self, entry_id: str, error: str) -> None:
        await self._store.outbox.fail(entry_id, error)

    async def unfinished(self) -> Sequence[Json]:
        return [j for j in map(self._json, await self._store.outbox.unfinished()) if j is not None]

    async def create_approval(
        self,
        *,
        action_id: str,
        request: Json,
        summary: list[str],
        staff: StaffMember,
        customer_key: str,
        payment_id: str,
        amount: Money,
        note: str,
    ) -> str:
        details: Json = {
            "action_id": action_id,
            "payment_id": payment_id,
            "amount": str(amount.amount),
            "currency": amount.currency,
            "summary": summary,
        }
        approval = await self._store.approvals.create(
            action_id=action_id,
            request=dict(request),
            summary=list(summary),
            requester=encode_staff(staff),
            customer_key=customer_key,
            payment_id=payment_id,
            amount=str(amount.amount),
            currency=amount.currency,
            note=note,
            audit=self._record(staff, None, customer_key, "approval.requested", details),
        )
        return str(approval.id)

    async def decide_approval(
        self, approval_id: str, approver: StaffMember, approve: bool, comment: str
    ) -> bool:
        """The first decision counts (True); a later one changes nothing (False)."""
        a = await self._store.approvals.get(approval_id)
        if a is None:
            return False
        action = "approval.approved" if approve else "approval.denied"
        details: Json = {
            "approval_id": approval_id,
            "action_id": a.action_id,
            "requester": a.requester.get("id"),
            "amount": a.amount,
            "currency": a.currency,
            "comment": comment,
        }
        record = self._record(approver, approver, a.customer_key, action, details)
        return bool(await self._store.approvals.decide(approval_id, approver.id, approve, comment, record))

    async def get_approval(self, approval_id: str) -> Json | None:
        a = await self._store.approvals.get(approval_id)
        if a is None:
            return None
        return {
            "id": a.id,
            "action_id": a.action_id,
            "request": a.request,
            "summary": a.summary,
            "staff": a.requester,
            "customer_key": a.customer_key,
            "status": a.status,
            "decided_by": a.decided_by,
            "comment": a.comment,
        }
