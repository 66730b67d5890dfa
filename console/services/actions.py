"""Act exactly once: policy -> outbox (+ audit, one transaction) -> connector -> outcome (+ audit).

    service = ActionService(store, connectors_for, policy=load_default_policy())
    await service.resume()                     # at start-up: unfinished entries, original keys
    service.start()                            # background drainer (retries with backoff)
    handle = await service.request(req, staff, customer_key)   # pending/done/refused/...
    async for ev in service.progress(): ...    # ActionProgress events for the UI
    await service.aclose()

Every action becomes a plan of steps (see outbox_worker.py); every step is one outbox entry
with its own idempotency key, written together with its "requested" audit entry before any
network call. A business refusal is final; a system that is down, slow, rate limiting or
answering garbage leaves the step "failed" and the drainer sends it again later with the same
key (capped exponential backoff with jitter, Retry-After honoured). Leases
(`claim_for_send`) keep two consoles on one store from sending the same entry at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import functools
import hashlib
import json
import logging
import random
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from console.connectors.errors import (
    ConnectorError,
    MalformedPayload,
    RateLimited,
    Refused,
    SystemUnavailable,
)
from console.domain.model import Order, Payment, Shipment, StaffMember, StockLevel
from console.domain.policy import (
    ActionKind,
    ActionRequest,
    AllocationError,
    Decision,
    FulfilInStore,
    PolicyConfig,
    PolicyContext,
    RefundPayment,
    TakeReturn,
    allocate_refund,
    describe,
    evaluate,
    load_policy,
    may_approve,
    needs,
    within_refund_limit,
)
from console.services.events import ActionProgress
from console.services.outbox_worker import (
    PAYLOAD_VERSION,
    ActingConnectors,
    Json,
    OutboxPort,
    Step,
    StepResult,
    StoreOutbox,
    decode_request,
    decode_staff,
    encode_request,
    encode_staff,
    new_key,
    plan_steps,
    send_step,
)

log = logging.getLogger(__name__)


# ---- the policy file -------------------------------------------------------------------------


def load_default_policy(path: Path | None = None) -> PolicyConfig:
    """Read resources/policy.toml (or `path`) and build the policy."""
    if path is not None:
        return load_policy(path.read_text(encoding="utf-8"))
    try:
        text = resources.files("resources").joinpath("policy.toml").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        root = Path(__file__).resolve().parents[2]
        text = (root / "resources" / "policy.toml").read_text(encoding="utf-8")
    return load_policy(text)


# ---- public types ----------------------------------------------------------------------------


class ActionState(enum.StrEnum):
    PENDING = "pending"  # written to the outbox, being sent
    DONE = "done"  # every step applied by the backends
    REFUSED = "refused"  # a backend said no (final), or an earlier step's refusal stopped it
    FAILED_WILL_RETRY = "failed_will_retry"  # a system is down/slow: sent again later, same key
    AWAITING_APPROVAL = "awaiting_approval"  # above the limit: an approval request was created
    NOT_ALLOWED = "not_allowed"  # the policy said no; nothing was written or sent
    DENIED = "denied"  # a supervisor denied the approval request


FINAL_STATES = frozenset({ActionState.DONE, ActionState.REFUSED, ActionState.NOT_ALLOWED, ActionState.DENIED})


@dataclass(frozen=True, slots=True)
class StepStatus:
    outbox_id: str
    op: str
    target: str
    key: str
    state: ActionState
    message: str = ""
    backend_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActionHandle:
    """Where an action stands. `action_id` names it in ActionProgress events and `wait`."""

    action_id: str
    kind: ActionKind
    state: ActionState
    message: str = ""
    steps: tuple[StepStatus, ...] = ()
    approval_id: str | None = None

    @property
    def final(self) -> bool:
        return self.state in FINAL_STATES

    @property
    def backend_ids(self) -> tuple[str, ...]:
        return tuple(i for s in self.steps for i in s.backend_ids)


class ActionError(Exception):
    """A misuse of the service (unknown approval, approval by someone who may not)."""


class SimulatedCrash(BaseException):
    """Raised by a test's crash hook to stop the service dead at a chosen point."""


# Connectors acting as a staff member (their token). None: this console cannot act as them
# now (e.g. another desktop's entry on a shared store) — their entries are left alone.
ConnectorsFor = Callable[[str], ActingConnectors | None]
CrashHook = Callable[[str, str], None]  # (point, action id); points: after_enqueue, after_send


class StoreLike(Protocol):
    """What the service needs of `console.store.Store` (see console/store)."""

    @property
    def outbox(self) -> Any: ...
    @property
    def audit(self) -> Any: ...
    @property
    def approvals(self) -> Any: ...


# ---- internal bookkeeping --------------------------------------------------------------------


@dataclass
class _Tracked:
    action_id: str
    kind: ActionKind
    steps: list[StepStatus]
    final: asyncio.Event = field(default_factory=asyncio.Event)
    first_attempt: asyncio.Event = field(default_factory=asyncio.Event)
    attempts: int = 0
    next_at: float = 0.0
    approval_id: str | None = None

    def handle(self) -> ActionHandle:
        state, message = _overall(self.steps)
        return ActionHandle(self.action_id, self.kind, state, message, tuple(self.steps), self.approval_id)


def _overall(steps: Sequence[StepStatus]) -> tuple[ActionState, str]:
    for s in steps:
        if s.state is ActionState.REFUSED:
            return ActionState.REFUSED, s.message
    if steps and all(s.state is ActionState.DONE for s in steps):
        return ActionState.DONE, steps[-1].message
    for s in steps:
        if s.state is ActionState.FAILED_WILL_RETRY:
            return ActionState.FAILED_WILL_RETRY, s.message
    return ActionState.PENDING, ""


_DONE_WORDS = {
    "orders.cancel": "Order cancelled",
    "cases.add_note": "Internal note added",
    "cases.reassign": "Case reassigned",
    "orders.fulfil_in_store": "Order fulfilled in store",
    "orders.accept_return": "Return accepted",
    "payments.refund": "Refund made",
    "delivery.reroute": "Parcel rerouted",
    "delivery.redirect_to_store": "Parcel redirected to the store",
    "delivery.reschedule": "Delivery rescheduled",
    "delivery.intercept": "Parcel intercepted",
}


def _fingerprint(staff: StaffMember, customer_key: str, request: ActionRequest) -> str:
    body = json.dumps(
        {"staff": staff.id, "customer": customer_key, "request": encode_request(request)},
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _tenders_detail(step: Step) -> list[Json]:
    tenders = step.params.get("tenders")
    if not isinstance(tenders, list):
        return []
    return [
        {"tender_id": t["tender_id"], "kind": t["kind"], "label": t.get("label", ""), **t["amount"]}
        for t in tenders
    ]


def _step_details(step: Step, key: str, action_id: str, index: int, count: int) -> Json:
    details: Json = {
        "action_id": action_id,
        "op": step.op,
        "target": step.target,
        "idempotency_key": key,
        "step": index + 1,
        "of": count,
    }
    if step.op == "payments.refund":
        details["amount"] = step.params["amount"]["amount"]
        details["currency"] = step.params["amount"]["currency"]
        details["reason_code"] = step.params["reason_code"]
        details["to_store_credit"] = bool(step.params.get("to_store_credit"))
        details["tenders"] = _tenders_detail(step)
    else:
        details["params"] = {k: v for k, v in step.params.items() if k != "approval_token"}
    return details


# ---- the service -----------------------------------------------------------------------------


class ActionService:
    def __init__(
        self,
        store: StoreLike,
        connectors_for: ConnectorsFor,
        *,
        policy: PolicyConfig | None = None,
        clock: Callable[[], datetime] | None = None,
        worker_id: str | None = None,
        lease_s: float = 30.0,
        backoff_base_s: float = 0.5,
        backoff_cap_s: float = 30.0,
        poll_s: float = 1.0,
        concurrency: int = 16,
        dedupe_window_s: float = 10.0,
        context_timeout_s: float = 5.0,
        crash: CrashHook | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._store = store
        self._port: OutboxPort = store if isinstance(store, OutboxPort) else StoreOutbox(store)
        self._connectors_for = connectors_for
        self.policy = policy if policy is not None else load_default_policy()
        self._clock = clock or (lambda: datetime.now(UTC))
        self.worker_id = worker_id or f"console-{uuid.uuid4().hex[:12]}"
        self._lease_s = lease_s
        self._backoff_base_s = backoff_base_s
        self._backoff_cap_s = backoff_cap_s
        self._poll_s = poll_s
        self._sem = asyncio.Semaphore(concurrency)
        self._dedupe_window_s = dedupe_window_s
        self._context_timeout_s = context_timeout_s
        self._crash = crash
        self._rng = rng or random.Random()
        self._tracked: dict[str, _Tracked] = {}
        self._running: dict[str, asyncio.Task[None]] = {}
        self._enqueuing: set[str] = set()
        self._recent: dict[str, tuple[float, str, asyncio.Future[ActionHandle]]] = {}
        self._listeners: list[Callable[[ActionProgress], None]] = []
        self._queues: list[asyncio.Queue[ActionProgress]] = []
        self._wake = asyncio.Event()
        self._drainer: asyncio.Task[None] | None = None
        self._closed = False
        self._crashed = False

    # ---- progress --------------------------------------------------------------------------

    def subscribe(self, callback: Callable[[ActionProgress], None]) -> Callable[[], None]:
        """Call `callback` with every ActionProgress; returns a function that unsubscribes."""
        self._listeners.append(callback)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._listeners.remove(callback)

        return unsubscribe

    async def progress(self) -> AsyncIterator[ActionProgress]:
        """Every ActionProgress from now on, until the service is closed."""
        queue: asyncio.Queue[ActionProgress] = asyncio.Queue()
        self._queues.append(queue)
        try:
            while True:
                ev = await queue.get()
                if ev.state == "_closed":
                    return
                yield ev
        finally:
            with contextlib.suppress(ValueError):
                self._queues.remove(queue)

    def _emit(self, action_id: str, state: ActionState | str, message: str = "", **details: str) -> None:
        ev = ActionProgress(action_id, str(state), message, dict(details))
        for cb in list(self._listeners):
            try:
                cb(ev)
            except Exception:
                log.exception("action progress listener failed")
        for q in self._queues:
            q.put_nowait(ev)

    # ---- queries ---------------------------------------------------------------------------

    def handle(self, action_id: str) -> ActionHandle | None:
        t = self._tracked.get(action_id)
        return t.handle() if t is not None else None

    async def wait(self, action_id: str, timeout_s: float | None = None) -> ActionHandle:
        """Until the action is final (done/refused), or `timeout_s` seconds: its handle then."""
        t = self._tracked.get(action_id)
        if t is None:
            raise ActionError(f"unknown action {action_id}")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(t.final.wait(), timeout_s)
        return t.handle()

    def check(self, request: ActionRequest, staff: StaffMember, context: PolicyContext) -> Decision:
        """The policy's answer for enabling a control (no I/O): allowed, or the reason why not."""
        return evaluate(request, staff, context, self.policy, self._clock())

    # ---- request ---------------------------------------------------------------------------

    async def request(
        self,
        request: ActionRequest,
        staff: StaffMember,
        customer_key: str,
        *,
        context: PolicyContext | None = None,
        wait: bool = True,
    ) -> ActionHandle:
        """Check policy, then write and send the action (see the module doc).

        `context`: the records the pane shows (order, payment, shipments, stock); missing ones
        are fetched, and if a system cannot be reached the check is left to the backend so
        that the action can still be queued. `wait`: return after the first attempt (done,
        refused or failed_will_retry) instead of right after the outbox write (pending).
        A second identical request by the same staff member for the same customer within the
        dedupe window returns the first one's handle instead of acting again."""
        if self._closed:
            raise ActionError("the action service is closed")
        fp = _fingerprint(staff, customer_key, request)
        now_m = time.monotonic()
        self._recent = {k: v for k, v in self._recent.items() if now_m - v[0] < self._dedupe_window_s}
        prior = self._recent.get(fp)
        if prior is not None:
            _, prior_id, prior_fut = prior
            if not prior_fut.done():
                return await asyncio.shield(prior_fut)
            h = self.handle(prior_id)
            return h if h is not None else prior_fut.result()
        fut: asyncio.Future[ActionHandle] = asyncio.get_running_loop().create_future()
        self._recent[fp] = (now_m, "", fut)
        try:
            handle = await self._request(request, staff, customer_key, context, wait, fp)
        except BaseException as exc:
            self._recent.pop(fp, None)
            if not fut.done():
                fut.set_exception(exc)
                fut.exception()  # retrieved: nobody else may be waiting
            raise
        if handle.state is ActionState.NOT_ALLOWED:
            self._recent.pop(fp, None)
        else:
            self._recent[fp] = (now_m, handle.action_id, fut)
        fut.set_result(handle)
        return handle

    async def _request(
        self,
        request: ActionRequest,
        staff: StaffMember,
        customer_key: str,
        context: PolicyContext | None,
        wait: bool,
        fingerprint: str,
    ) -> ActionHandle:
        conns = self._connectors_for(staff.id)
        if conns is None:
            raise ActionError(f"no connectors to act as {staff.id}")
        ctx = await self._complete_context(request, conns, context)
        decision = evaluate(request, staff, ctx, self.policy, self._clock())
        action_id = str(uuid.uuid4())
        if not decision.allowed:
            self._emit(action_id, ActionState.NOT_ALLOWED, decision.reason)
            return ActionHandle(action_id, request.kind, ActionState.NOT_ALLOWED, decision.reason)
        try:
            request = self._fill_in(request, ctx)
        except AllocationError as exc:
            self._emit(action_id, ActionState.NOT_ALLOWED, str(exc))
            return ActionHandle(action_id, request.kind, ActionState.NOT_ALLOWED, str(exc))
        refund = _refund_of(request)
        if refund is not None:
            limit = within_refund_limit(self.policy, staff, refund.amount)
            if not limit.allowed:
                return await self._ask_approval(action_id, request, staff, customer_key, limit.reason)
        return await self._enqueue_and_send(
            action_id,
            request,
            staff,
            staff,
            customer_key,
            plan_steps(request),
            approver=None,
            fingerprint=fingerprint,
            wait=wait,
        )

    async def _complete_context(
        self, request: ActionRequest, conns: ActingConnectors, given: PolicyContext | None
    ) -> PolicyContext:
        want = needs(request)
        have = given or PolicyContext()
        orders: dict[str, Order] = dict(have.orders)
        payments: dict[str, Payment] = dict(have.payments)
        shipments: dict[str, Shipment] = dict(have.shipments)
        stock: list[StockLevel] = list(have.stock)

        async def fetch(coro: Awaitable[Any]) -> Any:
            try:
                return await asyncio.wait_for(coro, self._context_timeout_s)
            except (ConnectorError, TimeoutError) as exc:
                log.info("policy context not fetched: %s", exc)
                return None

        jobs: list[tuple[str, str, Awaitable[Any]]] = []
        jobs += [("o", n, conns.orders.order(n)) for n in want.order_numbers if n not in orders]
        jobs += [("p", p, conns.payments.payment(p)) for p in want.payment_ids if p not in payments]
        jobs += [("s", t, conns.delivery.shipment(t)) for t in want.tracking_numbers if t not in shipments]
        if jobs:
            results = await asyncio.gather(*(fetch(c) for _, _, c in jobs))
            for (kind, key, _), value in zip(jobs, results, strict=True):
                if value is None:
                    continue
                if kind == "o":
                    orders[key] = value
                elif kind == "p":
                    payments[key] = value
                else:
                    shipments[key] = value
        if want.stock_for_order and want.stock_store and not stock:
            order = orders.get(want.stock_for_order)
            if order is not None:
                skus = sorted({line.sku for line in order.lines})
                levels = await asyncio.gather(
                    *(fetch(conns.orders.stock(sku, want.stock_store)) for sku in skus)
                )
                for lv in levels:
                    if lv:
                        stock.extend(lv)
                if isinstance(request, FulfilInStore) and not request.tracking_numbers:
                    missing = [t for t in order.tracking_numbers if t not in shipments]
                    got = await asyncio.gather(*(fetch(conns.delivery.shipment(t)) for t in missing))
                    for t, s in zip(missing, got, strict=True):
                        if s is not None:
                            shipments[t] = s
        return PolicyContext(orders, payments, shipments, tuple(stock))

    def _fill_in(self, request: ActionRequest, ctx: PolicyContext) -> ActionRequest:
        """Complete what the request left to the service: the tender split of a refund, the
        parcels to intercept when fulfilling in store."""
        if isinstance(request, RefundPayment):
            return self._fill_refund(request, ctx)
        if isinstance(request, TakeReturn) and request.refund is not None:
            return replace(request, refund=self._fill_refund(request.refund, ctx))
        if isinstance(request, FulfilInStore) and not request.tracking_numbers:
            order = ctx.orders.get(request.order_number)
            if order is not None:
                live = tuple(
                    t
                    for t in order.tracking_numbers
                    if t not in ctx.shipments
                    or ctx.shipments[t].stage.value not in ("delivered", "intercepted")
                )
                return replace(request, tracking_numbers=live)
        return request

    def _fill_refund(self, r: RefundPayment, ctx: PolicyContext) -> RefundPayment:
        if r.allocation is not None:
            return r
        payment = ctx.payments.get(r.payment_id)
        if payment is None:
            return r  # the payments system splits it in policy order
        return replace(
            r,
            allocation=allocate_refund(
                payment, r.amount, self.policy.tender_order, to_store_credit=r.to_store_credit
            ),
        )

    # ---- approvals -------------------------------------------------------------------------

    async def _ask_approval(
        self,
        action_id: str,
        request: ActionRequest,
        staff: StaffMember,
        customer_key: str,
        reason: str,
    ) -> ActionHandle:
        refund = _refund_of(request)
        assert refund is not None
        approval_id = await self._store_create_approval(action_id, request, staff, customer_key, refund)
        message = f"{reason}; approval request sent"
        t = _Tracked(action_id, request.kind, [], approval_id=approval_id)
        self._tracked[action_id] = t
        self._emit(action_id, ActionState.AWAITING_APPROVAL, message, approval_id=approval_id)
        return ActionHandle(action_id, request.kind, ActionState.AWAITING_APPROVAL, message, (), approval_id)

    async def approve(self, approval_id: str, approver: StaffMember, comment: str = "") -> ActionHandle:
        """A supervisor approves: the decision is stored (and audited) once, then the request
        runs exactly as it was asked, through the same outbox path."""
        approval = await self._store_get_approval(approval_id)
        d = may_approve(self.policy, approver, decode_staff(approval["staff"]).id)
        if not d.allowed:
            raise ActionError(d.reason)
        decide = getattr(self._port, "decide_approval", None)
        if approval.get("status") == "pending" and decide is not None:
            await decide(approval_id, approver, True, comment)
            approval = await self._store_get_approval(approval_id)
        if approval.get("status") == "denied":
            by = approval.get("decided_by") or "a supervisor"
            raise ActionError(
                f"This request was already denied by {by}: {approval.get('comment') or ''}".strip()
            )
        handle = await self.execute_approved(approval_id, approver)
        if not handle.final and handle.state is ActionState.PENDING:
            handle = await self._settled(handle.action_id, timeout_s=self._lease_s * 2 + 5)
        return handle

    async def _settled(self, action_id: str, timeout_s: float) -> ActionHandle:
        """Another console holds the steps (it is sending them): follow their outcome in the
        store instead of sending anything ourselves."""
        t = self._tracked[action_id]
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for i, st in enumerate(list(t.steps)):
                if st.state in (ActionState.DONE, ActionState.REFUSED):
                    continue
                entry = await self._store_get_entry(st.outbox_id)
                if entry is not None and entry["status"] in ("done", "refused", "failed"):
                    t.steps[i] = _status_from_entry(entry, st)
            handle = t.handle()
            if handle.final or handle.state is ActionState.FAILED_WILL_RETRY:
                if handle.final:
                    t.final.set()
                return handle
            await asyncio.sleep(min(0.1, self._poll_s))
        return t.handle()

    async def deny(self, approval_id: str, approver: StaffMember, comment: str) -> bool:
        """A supervisor denies with a reason; nothing is sent. False if it was already decided."""
        approval = await self._store_get_approval(approval_id)
        d = may_approve(self.policy, approver, decode_staff(approval["staff"]).id)
        if not d.allowed:
            raise ActionError(d.reason)
        if not comment.strip():
            raise ActionError("Say why the request is denied")
        decide = getattr(self._port, "decide_approval", None)
        if decide is None:
            raise ActionError("this store cannot record decisions")
        decided = bool(await decide(approval_id, approver, False, comment))
        if decided:
            action_id = str(approval.get("action_id") or "")
            self._emit(action_id, ActionState.DENIED, comment, approval_id=approval_id)
        return decided

    async def execute_approved(
        self, approval_id: str, approver: StaffMember, *, wait: bool = True
    ) -> ActionHandle:
        """Run an approved request exactly as it was asked (no re-typing): the approval token is
        obtained from the payments system as `approver`, then the same outbox path runs, sent
        as the approver with that token. Audit entries name requester and approver."""
        approval = await self._store_get_approval(approval_id)
        requester = decode_staff(approval["staff"])
        request = decode_request(approval["request"])
        customer_key = str(approval["customer_key"])
        action_id = str(approval.get("action_id") or uuid.uuid4())
        d = may_approve(self.policy, approver, requester.id)
        if not d.allowed:
            raise ActionError(d.reason)
        existing = self._tracked.get(action_id)
        if existing is not None and existing.steps:
            return existing.handle()
        refund = _refund_of(request)
        assert refund is not None
        conns = self._connectors_for(approver.id)
        if conns is None:
            raise ActionError(f"no connectors to act as {approver.id}")
        token = await conns.payments.request_approval(
            refund.payment_id, refund.amount, key=f"approval-{approval_id}"
        )
        return await self._enqueue_and_send(
            action_id,
            request,
            requester,
            approver,
            customer_key,
            plan_steps(request, approval_token=token),
            approver=approver,
            fingerprint=None,
            wait=wait,
            approval_id=approval_id,
            keys=_approved_keys(approval_id, len(plan_steps(request))),
        )

    # ---- outbox ----------------------------------------------------------------------------

    async def _enqueue_and_send(
        self,
        action_id: str,
        request: ActionRequest,
        requester: StaffMember,
        actor: StaffMember,
        customer_key: str,
        steps: Sequence[Step],
        *,
        approver: StaffMember | None,
        fingerprint: str | None,
        wait: bool,
        approval_id: str | None = None,
        keys: Sequence[str] | None = None,
    ) -> ActionHandle:
        keys = list(keys) if keys is not None else [new_key() for _ in steps]
        plan = [{**s.json(), "key": k} for s, k in zip(steps, keys, strict=True)]
        base: Json = {
            "v": PAYLOAD_VERSION,
            "action_id": action_id,
            "kind": request.kind.value,
            "request": encode_request(request),
            "summary": list(describe(request).lines),
            "staff": encode_staff(requester),
            "actor": encode_staff(actor),
            "approver": encode_staff(approver) if approver is not None else None,
            "approval_id": approval_id,
            "customer_key": customer_key,
            "fingerprint": fingerprint,
            "plan": plan,
        }
        t = _Tracked(action_id, request.kind, [], approval_id=approval_id)
        self._tracked[action_id] = t
        self._enqueuing.add(action_id)  # the drainer must not start it before we do
        try:
            for i, (step, key) in enumerate(zip(steps, keys, strict=True)):
                entry_id = await self._enqueue_once(base, i, step, key, requester, approver)
                t.steps.append(StepStatus(entry_id, step.op, step.target, key, ActionState.PENDING))
        finally:
            self._enqueuing.discard(action_id)
        self._emit(action_id, ActionState.PENDING, describe(request).title)
        self._hook("after_enqueue", action_id)
        self._spawn(action_id)
        if wait:
            await t.first_attempt.wait()
            if self._crashed:
                raise SimulatedCrash(action_id)
        return t.handle()

    def _task_done(self, action_id: str, task: asyncio.Task[None]) -> None:
        if self._running.get(action_id) is task:
            del self._running[action_id]
        if task.cancelled():
            return
        exc = task.exception()
        if isinstance(exc, SimulatedCrash):
            return
        if exc is not None:
            log.error("action %s: unexpected error", action_id, exc_info=exc)
        self._wake.set()

    def _hook(self, point: str, action_id: str) -> None:
        if self._crash is not None:
            try:
                self._crash(point, action_id)
            except SimulatedCrash:
                self._crashed = True
                self._closed = True
                for t in self._tracked.values():
                    t.first_attempt.set()
                raise

    async def _run_action(self, action_id: str) -> None:
        """Send the action's steps in order: done ones are skipped, a refusal stops the rest,
        a failure leaves it for the drainer."""
        t = self._tracked[action_id]
        try:
            async with self._sem:
                await self._run_steps(t)
        finally:
            t.first_attempt.set()

    async def _run_steps(self, t: _Tracked) -> None:
        for i, st in enumerate(list(t.steps)):
            if st.state is ActionState.DONE:
                continue
            if st.state is ActionState.REFUSED:
                await self._refuse_rest(t, i + 1, st)
                break
            entry = await self._store_claim(st.outbox_id)
            if entry is None:  # another console holds it (or it is already finished)
                fresh = await self._store_get_entry(st.outbox_id)
                if fresh is not None and fresh["status"] in ("done", "refused"):
                    t.steps[i] = _status_from_entry(fresh, st)
                    if t.steps[i].state is ActionState.REFUSED:
                        await self._refuse_rest(t, i + 1, t.steps[i])
                        break
                    continue
                t.next_at = time.monotonic() + self._lease_s / 2
                return
            payload = entry["payload"]
            actor = decode_staff(payload.get("actor") or payload["staff"])
            conns = self._connectors_for(actor.id)
            if conns is None:
                t.next_at = time.monotonic() + self._poll_s * 5
                return
            step = Step(st.op, st.target, dict(payload["step"]["params"]))
            try:
                result = await send_step(conns, step, st.key)
            except Refused as exc:
                self._hook("after_send", t.action_id)
                await self._finish(t, i, entry, ActionState.REFUSED, exc.message, error=exc)
                await self._refuse_rest(t, i + 1, t.steps[i])
                break
            except (SystemUnavailable, MalformedPayload) as exc:
                self._hook("after_send", t.action_id)
                await self._failed(t, i, entry, exc)
                return
            except ConnectorError as exc:  # NotFound, NotAuthorized, NotSupported: final
                self._hook("after_send", t.action_id)
                await self._finish(t, i, entry, ActionState.REFUSED, exc.message, error=exc)
                await self._refuse_rest(t, i + 1, t.steps[i])
                break
            self._hook("after_send", t.action_id)
            await self._finish(t, i, entry, ActionState.DONE, _DONE_WORDS.get(step.op, "Done"), result=result)
        if all(s.state in (ActionState.DONE, ActionState.REFUSED) for s in t.steps):
            t.final.set()
            state, message = _overall(t.steps)
            self._emit(t.action_id, state, message, backend_ids=",".join(t.handle().backend_ids))

    async def _finish(
        self,
        t: _Tracked,
        i: int,
        entry: Mapping[str, Any],
        state: ActionState,
        message: str,
        *,
        result: StepResult | None = None,
        error: ConnectorError | None = None,
    ) -> None:
        st = t.steps[i]
        payload = entry["payload"]
        details: Json = {
            "action_id": t.action_id,
            "op": st.op,
            "target": st.target,
            "idempotency_key": st.key,
        }
        if result is not None:
            details["result"] = result.summary
        if error is not None:
            details["reason"] = message
            if isinstance(error, Refused):
                details["refusal"] = error.kind
        phase = "done" if state is ActionState.DONE else "refused"
        await self._store_complete(
            st.outbox_id,
            phase,
            result.summary if result is not None else None,
            message if error is not None else None,
            payload,
            phase,
            details,
            result.backend_ids if result is not None else (),
        )
        t.steps[i] = replace(
            st, state=state, message=message, backend_ids=result.backend_ids if result is not None else ()
        )
        t.attempts = 0
        self._system_answered(st.op.split(".", 1)[0])

    def _system_answered(self, system: str) -> None:
        """A system answered: whatever waits to retry on it goes now instead of at its backoff
        time (after an outage, the queue drains as soon as one probe gets through)."""
        now = time.monotonic()
        woke = False
        for other in self._tracked.values():
            if other.final.is_set() or other.next_at <= now:
                continue
            if any(
                s.state is ActionState.FAILED_WILL_RETRY and s.op.startswith(system + ".")
                for s in other.steps
            ):
                other.next_at = now
                woke = True
        if woke:
            self._wake.set()

    async def _refuse_rest(self, t: _Tracked, start: int, cause: StepStatus) -> None:
        for j in range(start, len(t.steps)):
            st = t.steps[j]
            if st.state in (ActionState.DONE, ActionState.REFUSED):
                continue
            entry = await self._store_claim(st.outbox_id)
            if entry is None:
                continue
            msg = f"Not sent: {cause.op} was refused ({cause.message})"
            await self._store_complete(
                st.outbox_id,
                "refused",
                None,
                msg,
                entry["payload"],
                "refused",
                {"action_id": t.action_id, "op": st.op, "target": st.target, "reason": msg, "not_sent": True},
                (),
            )
            t.steps[j] = replace(st, state=ActionState.REFUSED, message=msg)

    async def _failed(self, t: _Tracked, i: int, entry: Mapping[str, Any], exc: ConnectorError) -> None:
        st = t.steps[i]
        await self._store_fail(st.outbox_id, exc.message)
        t.steps[i] = replace(st, state=ActionState.FAILED_WILL_RETRY, message=exc.message)
        t.attempts += 1
        delay = min(self._backoff_cap_s, self._backoff_base_s * (2 ** min(t.attempts - 1, 16)))
        delay = delay / 2 + self._rng.uniform(0, delay / 2)
        if isinstance(exc, RateLimited):
            delay = max(delay, exc.retry_after_s)
        t.next_at = time.monotonic() + delay
        t.first_attempt.set()
        self._emit(
            t.action_id,
            ActionState.FAILED_WILL_RETRY,
            f"{exc.message} — will retry",
            retry_in_s=f"{delay:.1f}",
        )

    # ---- resume and drain ------------------------------------------------------------------

    async def resume(self) -> int:
        """At start-up: pick up every unfinished outbox entry this console may act for and
        send it again with its original key (plans whose later steps were never written are
        completed first). Returns how many actions were resumed. Does not wait for them."""
        count = 0
        for action_id in await self._load_unfinished():
            if not self._busy(action_id):
                self._spawn(action_id)
                count += 1
        return count

    async def drain(self, timeout_s: float | None = None) -> bool:
        """Send everything unfinished until nothing is left to send or `timeout_s`; True when
        the outbox is empty of work this console can do."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while True:
            await self._tick()
            running = [t for t in self._running.values() if not t.done()]
            if not running and not await self._store_unfinished_for_me():
                return True
            if deadline is not None and time.monotonic() >= deadline:
                return False
            if running:
                await asyncio.wait(running, timeout=self._poll_s)
            else:
                await asyncio.sleep(min(self._poll_s, self._next_due_in()))

    def start(self) -> None:
        """Start the background drainer (idempotent)."""
        if self._drainer is None or self._drainer.done():
            self._drainer = asyncio.create_task(self._drain_loop(), name="outbox-drainer")

    async def _drain_loop(self) -> None:
        while not self._closed:
            try:
                await self._tick()
            except Exception:
                log.exception("outbox drainer tick failed")
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), min(self._poll_s, self._next_due_in()))

    def _next_due_in(self) -> float:
        now = time.monotonic()
        dues = [
            t.next_at - now for a, t in self._tracked.items() if not t.final.is_set() and not self._busy(a)
        ]
        return max(0.01, min(dues)) if dues else self._poll_s

    async def _tick(self) -> None:
        await self._load_unfinished()
        now = time.monotonic()
        for action_id, t in list(self._tracked.items()):
            if t.final.is_set() or self._busy(action_id) or not t.steps:
                continue
            if t.next_at <= now:
                self._spawn(action_id)

    def _busy(self, action_id: str) -> bool:
        return action_id in self._running or action_id in self._enqueuing

    def _spawn(self, action_id: str) -> None:
        if self._closed:
            t = self._tracked.get(action_id)
            if t is not None:
                t.first_attempt.set()
            return
        task = asyncio.create_task(self._run_action(action_id))
        self._running[action_id] = task
        task.add_done_callback(functools.partial(self._task_done, action_id))

    async def _load_unfinished(self) -> list[str]:
        """Track every unfinished entry we may act for; write missing steps of plans."""
        entries = await self._store_unfinished()
        seen: list[str] = []
        by_action: dict[str, list[Mapping[str, Any]]] = {}
        for e in entries:
            p = e["payload"]
            if not isinstance(p, Mapping) or p.get("v") != PAYLOAD_VERSION:
                continue
            actor = decode_staff(p.get("actor") or p["staff"])
            if self._connectors_for(actor.id) is None:
                continue
            by_action.setdefault(str(p["action_id"]), []).append(e)
        for action_id, group in by_action.items():
            if self._busy(action_id):
                continue
            t = self._tracked.get(action_id)
            if t is None or t.final.is_set() or not t.steps:
                t = await self._rebuild(action_id, group)
                if t is None:
                    continue
            seen.append(action_id)
        return seen

    async def _rebuild(self, action_id: str, group: Sequence[Mapping[str, Any]]) -> _Tracked | None:
        p = group[0]["payload"]
        plan = [dict(s) for s in p["plan"]]
        known: dict[int, Mapping[str, Any]] = {int(e["payload"]["index"]): e for e in group}
        steps: list[StepStatus] = []
        for i, s in enumerate(plan):
            e = known.get(i)
            if e is None:
                e = await self._store_find_by_key(str(s["key"]))
            if e is None:
                # the plan was cut short by a crash: write the missing step with its planned key
                requester = decode_staff(p["staff"])
                approver = decode_staff(p["approver"]) if p.get("approver") else None
                entry_id = await self._store_enqueue(
                    {k: v for k, v in p.items() if k not in ("index", "step")},
                    i,
                    Step.from_json(s),
                    str(s["key"]),
                    requester,
                    approver,
                )
                steps.append(
                    StepStatus(entry_id, str(s["op"]), str(s["target"]), str(s["key"]), ActionState.PENDING)
                )
            else:
                steps.append(
                    _status_from_entry(
                        e,
                        StepStatus(
                            str(e["id"]), str(s["op"]), str(s["target"]), str(s["key"]), ActionState.PENDING
                        ),
                    )
                )
        t = _Tracked(action_id, ActionKind(p["kind"]), steps, approval_id=p.get("approval_id"))
        self._tracked[action_id] = t
        return t

    async def aclose(self) -> None:
        """Stop the drainer and wait for sends in flight (unfinished work stays in the outbox)."""
        self._closed = True
        if self._drainer is not None:
            self._drainer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._drainer
        running = [t for t in self._running.values() if not t.done()]
        for task in running:
            task.cancel()
        for task in running:
            with contextlib.suppress(asyncio.CancelledError, SimulatedCrash, Exception):
                await task
        for q in self._queues:
            q.put_nowait(ActionProgress("", "_closed"))

    # ---- the store, through its port (outbox_worker.OutboxPort) ----------------------------

    async def _enqueue_once(
        self,
        base: Json,
        index: int,
        step: Step,
        key: str,
        requester: StaffMember,
        approver: StaffMember | None,
    ) -> str:
        """Write the step unless an entry with its key exists (an approved request executed by
        two consoles at once: the key is derived from the approval, the store keeps it unique)."""
        existing = await self._store_find_by_key(key)
        if existing is not None:
            return str(existing["id"])
        try:
            return await self._store_enqueue(base, index, step, key, requester, approver)
        except Exception:
            existing = await self._store_find_by_key(key)
            if existing is None:
                raise
            return str(existing["id"])

    async def _store_enqueue(
        self,
        base: Json,
        index: int,
        step: Step,
        key: str,
        requester: StaffMember,
        approver: StaffMember | None,
    ) -> str:
        payload = {**base, "index": index, "step": step.json(), "key": key}
        details = _step_details(step, key, str(base["action_id"]), index, len(base["plan"]))
        if base.get("approval_id"):
            details["approval_id"] = base["approval_id"]
        return await self._port.enqueue(
            key=key,
            payload=payload,
            staff=requester,
            approver=approver,
            customer_key=str(base["customer_key"]),
            audit_action=f"{base['kind']}.requested",
            audit_details=details,
        )

    async def _store_claim(self, outbox_id: str) -> Mapping[str, Any] | None:
        return await self._port.claim(outbox_id, self.worker_id, self._lease_s)

    async def _store_get_entry(self, outbox_id: str) -> Mapping[str, Any] | None:
        return await self._port.get(outbox_id)

    async def _store_find_by_key(self, key: str) -> Mapping[str, Any] | None:
        return await self._port.find_by_key(key)

    async def _store_complete(
        self,
        outbox_id: str,
        status: str,
        result: Json | None,
        error: str | None,
        payload: Mapping[str, Any],
        phase: str,
        details: Json,
        backend_ids: Iterable[str],
    ) -> None:
        approver = payload.get("approver")
        if payload.get("approval_id"):
            details = {**details, "approval_id": payload["approval_id"]}
        await self._port.complete(
            outbox_id,
            status=status,
            result=result,
            error=error,
            staff=decode_staff(payload["staff"]),
            approver=decode_staff(approver) if approver else None,
            customer_key=str(payload["customer_key"]),
            audit_action=f"{payload['kind']}.{phase}",
            audit_details=details,
            backend_ids=tuple(backend_ids),
        )

    async def _store_fail(self, outbox_id: str, error: str) -> None:
        await self._port.fail(outbox_id, error)

    async def _store_unfinished(self) -> list[Mapping[str, Any]]:
        return list(await self._port.unfinished())

    async def _store_unfinished_for_me(self) -> bool:
        for e in await self._port.unfinished():
            p = e["payload"]
            if isinstance(p, Mapping) and p.get("v") == PAYLOAD_VERSION:
                actor = decode_staff(p.get("actor") or p["staff"])
                if self._connectors_for(actor.id) is not None:
                    return True
        return False

    async def _store_create_approval(
        self,
        action_id: str,
        request: ActionRequest,
        staff: StaffMember,
        customer_key: str,
        refund: RefundPayment,
    ) -> str:
        return await self._port.create_approval(
            action_id=action_id,
            request=encode_request(request),
            summary=list(describe(request).lines),
            staff=staff,
            customer_key=customer_key,
            payment_id=refund.payment_id,
            amount=refund.amount,
            note=refund.note,
        )

    async def _store_get_approval(self, approval_id: str) -> Mapping[str, Any]:
        found = await self._port.get_approval(approval_id)
        if found is None:
            raise ActionError(f"no approval request {approval_id}")
        return found


def _refund_of(request: ActionRequest) -> RefundPayment | None:
    if isinstance(request, RefundPayment):
        return request
    if isinstance(request, TakeReturn):
        return request.refund
    return None


def _approved_keys(approval_id: str, n: int) -> list[str]:
    """Deterministic keys for an approved request: executing it twice can never apply twice."""
    return [str(uuid.uuid5(uuid.NAMESPACE_URL, f"onepane:approval:{approval_id}:{i}")) for i in range(n)]


def _status_from_entry(entry: Mapping[str, Any], st: StepStatus) -> StepStatus:
    status = str(entry["status"])
    if status == "done":
        ids = tuple(entry.get("backend_ids") or ())
        return replace(st, state=ActionState.DONE, message=_DONE_WORDS.get(st.op, "Done"), backend_ids=ids)
    if status == "refused":
        return replace(st, state=ActionState.REFUSED, message=str(entry.get("error") or "refused"))
    if status == "failed":
        return replace(st, state=ActionState.FAILED_WILL_RETRY, message=str(entry.get("error") or ""))
    return st
