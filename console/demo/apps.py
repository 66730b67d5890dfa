"""The five demo systems as Starlette apps implementing resources/contract/openapi.yaml.

They enforce the contract's rules on their own (cannot cancel after dispatch, cannot refund
more than refundable, refunds above the caller's limit need a supervisor's approval token,
idempotent replays) and keep a ledger of every effect applied, for exactly-once proofs.
"""

from __future__ import annotations

import asyncio
import hashlib
import heapq
import json
import random
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route

from console.demo.faults import FaultMiddleware, Faults, problem_bytes
from console.demo.population import (
    MAX_HITS,
    REFUND_LIMITS,
    ROLE_ACTIONS,
    STAFF,
    STORES,
    Population,
    Record,
    iso,
    money,
    name_tokens,
    phone_keys,
)

SYSTEMS = ("crm", "orders", "payments", "delivery", "cases")
STAFF_BY_ID = {s["id"]: s for s in STAFF}

# (system, POST handler) -> the kind of action it is, for the role check
_ACTION_OF: dict[tuple[str, str], str] = {
    ("orders", "cancel"): "cancel",
    ("orders", "fulfil_in_store"): "fulfil_in_store",
    ("orders", "returns"): "take_return",
    ("payments", "refunds"): "refund",
    ("delivery", "reroute"): "reroute",
    ("delivery", "redirect"): "redirect_to_store",
    ("delivery", "reschedule"): "reschedule",
    ("delivery", "intercept"): "intercept",
    ("cases", "notes"): "update_case",
    ("cases", "assign"): "update_case",
}


class Problem(Exception):
    def __init__(self, status: int, slug: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.slug, self.detail = status, slug, detail


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(data, separators=(",", ":")), status, headers, media_type="application/json")


def _problem(p: Problem) -> Response:
    return Response(
        problem_bytes(p.status, p.slug, p.slug.replace("-", " ").capitalize(), p.detail),
        p.status,
        media_type="application/problem+json",
    )


def _dec(value: Any, where: str) -> Decimal:
    if not isinstance(value, str):
        raise Problem(422, "validation", f"{where} must be a decimal string")
    try:
        d = Decimal(value)
    except InvalidOperation as exc:
        raise Problem(422, "validation", f"{where} is not a decimal amount") from exc
    if not d.is_finite() or d <= 0:
        raise Problem(422, "validation", f"{where} must be a positive amount")
    return d


@dataclass
class SystemState:
    name: str
    faults: Faults = field(default_factory=Faults)
    ledger: list[Record] = field(default_factory=list)
    idem: dict[tuple[str, str, str], tuple[str, int, bytes]] = field(default_factory=dict)


class Backends:
    """All five systems over one population; `app` serves them under /crm, /orders, ..."""

    def __init__(self, population: Population, *, latency_ms: float = 0.0, jitter_ms: float = 0.0) -> None:
        self.pop = population
        self.lock = threading.RLock()
        self.systems = {
            n: SystemState(n, Faults(latency_ms=latency_ms, jitter_ms=jitter_ms)) for n in SYSTEMS
        }
        self._rng = random.Random(population.seed)
        mounts = [
            Mount(
                f"/{n}",
                app=FaultMiddleware(
                    self._system_app(n), self.systems[n].faults, random.Random(population.seed + i)
                ),
            )
            for i, n in enumerate(SYSTEMS)
        ]
        self.app = Starlette(routes=[Route("/openapi.yaml", self._openapi), *mounts])

    # ---- plumbing ---------------------------------------------------------------------------

    async def _openapi(self, request: Request) -> Response:
        path = Path(__file__).resolve().parents[2] / "resources" / "contract" / "openapi.yaml"
        try:
            return Response(path.read_bytes(), media_type="application/yaml")
        except OSError:
            return _problem(Problem(404, "not-found", "openapi.yaml is not shipped with this build"))

    def _staff(self, request: Request) -> Record:
        auth = request.headers.get("authorization", "")
        if not auth.startswith("Bearer demo."):
            raise Problem(401, "unauthorized", "A bearer token is required")
        staff = STAFF_BY_ID.get(auth.removeprefix("Bearer demo."))
        if staff is None:
            raise Problem(401, "unauthorized", "Unknown staff token")
        return staff

    def _system_app(self, name: str) -> Starlette:
        st = self.systems[name]

        def get(fn: Callable[[Request, Record], Any]) -> Callable[[Request], Awaitable[Response]]:
            async def endpoint(request: Request) -> Response:
                try:
                    staff = self._staff(request)
                    with self.lock:
                        data = fn(request, staff)
                except Problem as p:
                    return _problem(p)
                if request.scope.get("state", {}).get("fault") == "malformed":
                    return _json(_malform(data))
                return _json(data)

            return endpoint

        def post(
            fn: Callable[[Request, Record, Record], tuple[Any, int, str]],
        ) -> Callable[[Request], Awaitable[Response]]:
            async def endpoint(request: Request) -> Response:
                try:
                    staff = self._staff(request)
                    key = request.headers.get("idempotency-key", "")
                    if not key or len(key) > 255 or not key.isprintable() or not key.isascii():
                        raise Problem(
                            400, "idempotency-key-missing", "Every POST needs an Idempotency-Key header"
                        )
                    raw = await request.body()
                    try:
                        body = json.loads(raw or b"{}")
                    except ValueError as exc:
                        raise Problem(422, "validation", "The body is not JSON") from exc
                    if not isinstance(body, dict):
                        raise Problem(422, "validation", "The body must be a JSON object")
                    digest = hashlib.sha256(raw).hexdigest()
                    ikey = (staff["id"], request.url.path, key)
                    with self.lock:
                        seen = st.idem.get(ikey)
                        if seen is not None:
                            if seen[0] != digest:
                                raise Problem(
                                    422, "idempotency-key-reused", "This key was used for a different request"
                                )
                            resp = Response(
                                seen[2],
                                seen[1],
                                {"Idempotency-Replayed": "true"},
                                media_type="application/json"
                                if seen[1] < 400
                                else "application/problem+json",
                            )
                            return resp
                        try:
                            action = _ACTION_OF.get((name, fn.__name__.lstrip("_")))
                            if action is not None and action not in ROLE_ACTIONS.get(staff["role"], ()):
                                raise Problem(
                                    403,
                                    "forbidden",
                                    f"{staff['role'].replace('_', ' ')} may not {action.replace('_', ' ')}",
                                )
                            result, status, target = fn(request, staff, body)
                            payload = json.dumps(result, separators=(",", ":")).encode()
                            st.ledger.append(
                                {
                                    "seq": len(st.ledger) + 1,
                                    "key": key,
                                    "op": fn.__name__.lstrip("_"),
                                    "target": target,
                                    "staff_id": staff["id"],
                                    "at": iso(self.pop.now),
                                    "body": body,
                                }
                            )
                        except Problem as p:
                            status, payload = p.status, bytes(_problem(p).body)
                            if p.status >= 500 or p.status in (401, 429):
                                raise
                        st.idem[ikey] = (digest, status, bytes(payload))
                except Problem as p:
                    return _problem(p)
                if request.scope.get("state", {}).get("fault") == "commit_then_timeout":
                    await asyncio.sleep(3600)
                return Response(
                    payload,
                    status,
                    media_type="application/json" if status < 400 else "application/problem+json",
                )

            endpoint.__name__ = fn.__name__
            return endpoint

        async def health(request: Request) -> Response:
            return _json({"status": "ok", "system": name})

        async def ledger(request: Request) -> Response:
            with self.lock:
                return _json({"items": list(st.ledger)})

        async def faults(request: Request) -> Response:
            if request.method == "PUT":
                try:
                    data = json.loads(await request.body() or b"{}")
                    fresh = Faults(latency_ms=st.faults.latency_ms, jitter_ms=st.faults.jitter_ms)
                    fresh.update(data)
                except (ValueError, TypeError) as exc:
                    return _problem(Problem(422, "validation", str(exc)))
                for k, v in fresh.as_dict().items():
                    setattr(st.faults, k, v)
            return _json(st.faults.as_dict())

        routes = [
            Route("/health", health),
            Route("/_debug/ledger", ledger),
            Route("/_debug/faults", faults, methods=["GET", "PUT"]),
            Route("/search", get(lambda r, s: self._search(name, r, s))),
        ]
        routes += getattr(self, f"_routes_{name}")(get, post)
        return Starlette(routes=routes)

    # ---- search -----------------------------------------------------------------------------

    SEARCH_KEYS = {
        "crm": ("email", "phone", "name", "id", "external_id"),
        "orders": ("email", "phone", "name", "order", "receipt", "customer_id"),
        "payments": ("email", "name", "order", "payment_id", "card_last4", "customer_id"),
        "delivery": ("tracking", "email", "phone", "order", "customer_id"),
        "cases": ("email", "phone", "name", "order", "case_id", "customer_id"),
    }

    def _search(self, system: str, request: Request, staff: Record) -> Record:
        params = {k: v for k, v in request.query_params.items() if k not in ("limit", "cursor", "amount")}
        if len(params) != 1:
            raise Problem(422, "validation", f"Give exactly one of: {', '.join(self.SEARCH_KEYS[system])}")
        ((kind, value),) = params.items()
        if kind not in self.SEARCH_KEYS[system]:
            raise Problem(422, "validation", f"{system} cannot be searched by {kind}")
        value = value.strip()
        if not value or len(value) > 200:
            raise Problem(422, "validation", "The search value is empty or too long")
        pop = self.pop
        if kind in ("id", "payment_id", "case_id", "tracking"):
            key = value.upper() if kind == "tracking" else value
            pop.ensure_owner(key)
            rec = pop.table(system).get(key)
            records = [rec] if rec else []
        else:
            records = pop.resolve(self._hits(system, kind, value), system)
            if kind == "card_last4" and request.query_params.get("amount"):
                amount = request.query_params["amount"]
                records = [r for r in records if r["amount"]["amount"] == amount]
        records.sort(
            key=lambda r: r.get("placed_at") or r.get("created_at") or r.get("opened_at") or "", reverse=True
        )
        return self._page(request, [self._view(system, r, staff) for r in records])

    def _hits(self, system: str, kind: str, value: str) -> set[str]:
        """Index hits; `?i` hits (customers not built yet) are built, then looked up again."""
        for _ in range(2):
            if kind == "email":
                ids = set(self.pop.lookup(system, "email", value.lower()))
            elif kind == "phone":
                ids = set()
                for k in phone_keys(value):
                    ids |= self.pop.lookup(system, "phone", k)
            elif kind == "name":
                toks = name_tokens(value)
                if not toks:
                    raise Problem(422, "validation", "A name needs letters")
                ids = set.intersection(*[self._name_hits(system, t) for t in toks])
            else:
                ids = set(self.pop.lookup(system, kind, value))
            pending = {i for i in ids if i.startswith("?")}
            if not pending:
                return ids
            for i in heapq.nsmallest(MAX_HITS, pending):
                self.pop.ensure(int(i[1:]))
        return {i for i in ids if not i.startswith("?")}

    def _name_hits(self, system: str, token: str) -> set[str]:
        hits = set(self.pop.lookup(system, "name", token))
        if len(token) == 1:  # an initial: "T. Reyes"
            idx = self.pop.idx.get(f"{system}:name", {})
            for t, ids in idx.items():
                if t.startswith(token):
                    hits |= ids
        return hits

    def _page(self, request: Request, items: list[Record]) -> Record:
        try:
            limit = max(1, min(200, int(request.query_params.get("limit", "50"))))
            start = int(request.query_params.get("cursor", "0") or 0)
        except ValueError as exc:
            raise Problem(422, "validation", "limit and cursor must be integers") from exc
        if start < 0:
            raise Problem(422, "validation", "cursor out of range")
        chunk = items[start : start + limit]
        nxt = str(start + limit) if start + limit < len(items) else None
        return {"items": chunk, "next_cursor": nxt}

    def _view(self, system: str, rec: Record, staff: Record) -> Record:
        """Store staff do not see other customers' internal notes: they see public ones only."""
        if system == "cases" and staff["role"] == "store_staff":
            return {**rec, "notes": [n for n in rec["notes"] if n["visibility"] == "public"]}
        return rec

    def _customer_records(self, system: str, request: Request, staff: Record) -> Record:
        cid = request.path_params["cid"]
        self.pop.ensure_owner(cid)
        # every record of the customer, paged below (the search's cap is for broad searches)
        records = self.pop.resolve(self._hits(system, "customer_id", cid), system, cap=None)
        records.sort(
            key=lambda r: r.get("placed_at") or r.get("created_at") or r.get("opened_at") or "", reverse=True
        )
        return self._page(request, [self._view(system, r, staff) for r in records])

    def _one(self, system: str, key: str, staff: Record) -> Record:
        self.pop.ensure_owner(key)
        rec = self.pop.table(system).get(key)
        if rec is None:
            raise Problem(404, "not-found", f"No {system} record {key}")
        return self._view(system, rec, staff)

    # ---- crm --------------------------------------------------------------------------------

    def _routes_crm(self, get: Any, post: Any) -> list[Route]:
        async def staff_list(request: Request) -> Response:
            return _json({"items": STAFF})

        return [
            Route("/staff", staff_list),
            Route("/customers/{cid}", get(lambda r, s: self._one("crm", r.path_params["cid"], s))),
        ]

    # ---- orders -----------------------------------------------------------------------------

    def _routes_orders(self, get: Any, post: Any) -> list[Route]:
        def stock(request: Request, staff: Record) -> Record:
            sku = request.query_params.get("sku", "")
            store_id = request.query_params.get("store_id")
            if not sku:
                raise Problem(422, "validation", "sku is required")
            items = [
                {"sku": sku, "store": STORES[sid], "quantity": q}
                for (sid, s), q in sorted(self.pop.stock.items())
                if s == sku and (not store_id or sid == store_id)
            ]
            return {"items": items, "next_cursor": None}

        def cancel(request: Request, staff: Record, body: Record) -> tuple[Any, int, str]:
            order = self._one("orders", request.path_params["num"], staff)
            line_ids = body.get("line_ids")
            if order["status"] in ("cancelled",):
                raise Problem(409, "already-cancelled", f"Order {order['number']} is already cancelled")
            if order["status"] in ("dispatched", "delivered"):
                raise Problem(409, "already-dispatched", f"Order {order['number']} has been dispatched")
            if order["status"] not in ("open", "partially_cancelled"):
                raise Problem(409, "not-cancellable", f"Order {order['number']} is {order['status']}")
            lines = (
                order["lines"]
                if line_ids is None
                else [ln for ln in order["lines"] if ln["id"] in set(line_ids)]
            )
            if line_ids is not None and (not isinstance(line_ids, list) or len(lines) != len(set(line_ids))):
                raise Problem(422, "validation", "Unknown line ids")
            for ln in lines:
                if ln["status"] != "open":
                    raise Problem(409, "already-dispatched", f"Line {ln['id']} is {ln['status']}")
            for ln in lines:
                ln["status"] = "cancelled"
            order["status"] = (
                "cancelled"
                if all(ln["status"] == "cancelled" for ln in order["lines"])
                else "partially_cancelled"
            )
            order["updated_at"] = iso(self.pop.now)
            return order, 200, order["number"]

        def fulfil_in_store(request: Request, staff: Record, body: Record) -> tuple[Any, int, str]:
            order = self._one("orders", request.path_params["num"], staff)
            store_id, line_ids = body.get("store_id"), body.get("line_ids")
            if store_id not in STORES or not isinstance(line_ids, list) or not line_ids:
                raise Problem(422, "validation", "store_id and line_ids are required")
            if staff["role"] == "store_staff" and staff["store_id"] != store_id:
                raise Problem(403, "forbidden", "Store staff fulfil from their own store only")
            if order["status"] not in ("open", "dispatched"):
                raise Problem(409, "not-cancellable", f"Order {order['number']} is {order['status']}")
            lines = [ln for ln in order["lines"] if ln["id"] in set(line_ids)]
            if len(lines) != len(set(line_ids)):
                raise Problem(422, "validation", "Unknown line ids")
            for ln in lines:
                if self.pop.stock.get((store_id, ln["sku"]), 0) < ln["quantity"]:
                    raise Problem(
                        409, "out-of-stock", f"{ln['sku']} is not in stock at {STORES[store_id]['name']}"
                    )
            for ln in lines:
                self.pop.stock[(store_id, ln["sku"])] -= ln["quantity"]
                ln["status"] = "fulfilled_in_store"
            if all(ln["status"] in ("fulfilled_in_store", "cancelled") for ln in order["lines"]):
                order["status"] = "fulfilled_in_store"
            order["store"] = STORES[store_id]
            order["updated_at"] = iso(self.pop.now)
            return order, 200, order["number"]

        def returns(request: Request, staff: Record, body: Record) -> tuple[Any, int, str]:
            order = self._one("orders", request.path_params["num"], staff)
            lines = body.get("lines")
            resolution = body.get("resolution")
            if resolution not in ("refund", "exchange") or not isinstance(lines, list) or not lines:
                raise Problem(422, "validation", "lines and resolution (refund|exchange) are required")
            placed = datetime.fromisoformat(order["placed_at"])
            if self.pop.now - placed > timedelta(days=order["return_window_days"]):
                raise Problem(
                    409,
                    "outside-return-window",
                    f"Bought {(self.pop.now - placed).days} days ago; the return window is {order['return_window_days']} days",
                )
            by_id = {ln["id"]: ln for ln in order["lines"]}
            taken: list[tuple[Record, int]] = []
            for item in lines:
                ln = by_id.get(item.get("line_id")) if isinstance(item, dict) else None
                qty = item.get("quantity") if isinstance(item, dict) else None
                if (
                    ln is None
                    or not isinstance(qty, int)
                    or qty < 1
                    or qty > ln["quantity"] - ln["returned_quantity"]
                ):
                    raise Problem(422, "validation", "A line or quantity cannot be returned")
                if ln["status"] not in ("delivered", "handed_over", "fulfilled_in_store", "returned"):
                    raise Problem(409, "not-cancellable", f"Line {ln['id']} was not handed over yet")
                taken.append((ln, qty))
            for ln, qty in taken:
                ln["returned_quantity"] += qty
                if ln["returned_quantity"] >= ln["quantity"]:
                    ln["status"] = "returned"
            order["status"] = (
                "returned"
                if all(ln["status"] == "returned" for ln in order["lines"])
                else "partially_returned"
            )
            exchange = None
            if resolution == "exchange":
                exchange = self.pop.next_id("X")
            receipt = {
                "id": self.pop.next_id("RET"),
                "order_number": order["number"],
                "lines": [{"line_id": ln["id"], "quantity": q} for ln, q in taken],
                "resolution": resolution,
                "store_id": body.get("store_id"),
                "created_at": iso(self.pop.now),
                "exchange_order": exchange,
            }
            return receipt, 201, order["number"]

        return [
            Route("/stock", get(stock)),
            Route("/orders/{num}", get(lambda r, s: self._one("orders", r.path_params["num"], s))),
            Route("/customers/{cid}/orders", get(lambda r, s: self._customer_records("orders", r, s))),
            Route("/orders/{num}/cancel", post(cancel), methods=["POST"]),
            Route("/orders/{num}/fulfil-in-store", post(fulfil_in_store), methods=["POST"]),
            Route("/orders/{num}/returns", post(returns), methods=["POST"]),
        ]

    # ---- payments ---------------------------------------------------------------------------

    def _routes_payments(self, get: Any, post: Any) -> list[Route]:
        def refunds(request: Request, staff: Record, body: Record) -> tuple[Any, int, str]:
            pay = self._one("payments", request.path_params["pid"], staff)
            amt = body.get("amount")
            if not isinstance(amt, dict) or amt.get("currency") != pay["amount"]["currency"]:
                raise Problem(422, "validation", "amount must be Money in the payment's currency")
            amount = _dec(amt.get("amount"), "amount.amount")
            if not body.get("reason_code"):
                raise Problem(422, "validation", "reason_code is required")
            refundable = sum(
                (Decimal(t["amount"]["amount"]) - Decimal(t["refunded"]["amount"]) for t in pay["tenders"]),
                Decimal(0),
            )
            if amount > refundable:
                raise Problem(
                    409,
                    "exceeds-refundable",
                    f"At most {refundable} {pay['amount']['currency']} can be refunded",
                )
            limit = REFUND_LIMITS[staff["role"]]
            approver = ""
            if limit is not None and amount > limit:
                token = body.get("approval_token")
                appr = self.pop.approvals.get(token) if isinstance(token, str) else None
                if (
                    appr is None
                    or appr["payment_id"] != pay["id"]
                    or Decimal(appr["amount"]["amount"]) < amount
                    or appr["used"]
                ):
                    raise Problem(
                        403, "needs-approval", f"Refunds above {limit} need a supervisor's approval"
                    )
                appr["used"] = True
                approver = appr["approved_by"]
            order = {"card": 0, "gift_card": 1, "cash": 2, "store_credit": 3}
            alloc = body.get("allocation")
            plan: list[tuple[Record, Decimal]] = []
            if body.get("to_store_credit"):
                plan = [({"id": "SC", "kind": "store_credit"}, amount)]
            elif alloc:
                total = Decimal(0)
                for a in alloc:
                    t = next((t for t in pay["tenders"] if t["id"] == a.get("tender_id")), None)
                    v = _dec((a.get("amount") or {}).get("amount"), "allocation.amount")
                    if t is None or v > Decimal(t["amount"]["amount"]) - Decimal(t["refunded"]["amount"]):
                        raise Problem(
                            409, "exceeds-refundable", "An allocation exceeds what its tender has left"
                        )
                    plan.append((t, v))
                    total += v
                if total != amount:
                    raise Problem(422, "validation", "The allocation does not add up to the amount")
            else:
                left = amount
                for t in sorted(pay["tenders"], key=lambda t: order.get(t["kind"], 9)):
                    room = Decimal(t["amount"]["amount"]) - Decimal(t["refunded"]["amount"])
                    take = min(room, left)
                    if take > 0:
                        plan.append((t, take))
                        left -= take
            cur = pay["amount"]["currency"]
            made = []
            for t, v in plan:
                if t["id"] != "SC":
                    t["refunded"] = money(Decimal(t["refunded"]["amount"]) + v, cur)
                ref = {
                    "id": self.pop.next_id("RF"),
                    "amount": money(v, cur),
                    "tender_id": t["id"],
                    "created_at": iso(self.pop.now),
                    "reason": str(body["reason_code"]),
                    "staff_id": staff["id"],
                    "approved_by": approver,
                }
                pay["refunds"].append(ref)
                made.append(ref)
            left_total = sum(
                (Decimal(t["amount"]["amount"]) - Decimal(t["refunded"]["amount"]) for t in pay["tenders"]),
                Decimal(0),
            )
            pay["status"] = "refunded" if left_total == 0 else "partially_refunded"
            return {"payment_id": pay["id"], "refunds": made}, 201, pay["id"]

        def approvals(request: Request, staff: Record, body: Record) -> tuple[Any, int, str]:
            if staff["role"] != "supervisor":
                raise Problem(403, "forbidden", "Only supervisors approve refunds")
            pay = self._one("payments", str(body.get("payment_id", "")), staff)
            amt = body.get("amount") or {}
            _dec(amt.get("amount"), "amount.amount")
            token = f"APR-{hashlib.sha256((pay['id'] + request.headers['idempotency-key']).encode()).hexdigest()[:20]}"
            self.pop.approvals[token] = {
                "payment_id": pay["id"],
                "amount": amt,
                "approved_by": staff["id"],
                "used": False,
            }
            return (
                {"token": token, "payment_id": pay["id"], "amount": amt, "approved_by": staff["id"]},
                201,
                pay["id"],
            )

        return [
            Route("/payments/{pid}", get(lambda r, s: self._one("payments", r.path_params["pid"], s))),
            Route("/customers/{cid}/payments", get(lambda r, s: self._customer_records("payments", r, s))),
            Route("/payments/{pid}/refunds", post(refunds), methods=["POST"]),
            Route("/approvals", post(approvals), methods=["POST"]),
        ]

    # ---- delivery ---------------------------------------------------------------------------

    def _routes_delivery(self, get: Any, post: Any) -> list[Route]:
        def _ship(request: Request, staff: Record, action: str) -> Record:
            ship = self._one("delivery", request.path_params["t"], staff)
            if ship["stage"] == "delivered":
                raise Problem(409, "already-delivered", f"Parcel {ship['tracking_number']} was delivered")
            if action not in ship["allowed_actions"]:
                raise Problem(
                    409, "carrier-disallows", f"{ship['carrier']} no longer allows {action.replace('_', ' ')}"
                )
            return ship

        def _event(ship: Record, stage: str, text: str) -> None:
            ship["events"].insert(
                0, {"at": iso(self.pop.now), "stage": stage, "description": text, "location": ""}
            )

        def reroute(request: Request, staff: Record, body: Record) -> tuple[Any, int, str]:
            ship = _ship(request, staff, "reroute")
            addr = body.get("address")
            need = ("name", "line1", "postal_code", "city", "country")
            if not isinstance(addr, dict) or any(not str(addr.get(k, "")).strip() for k in need):
                raise Problem(
                    422, "invalid-address", "The address needs name, street, postal code, city and country"
                )
            ship["address"] = {k: str(addr.get(k, "")) for k in (*need, "line2")}
            ship["stage"] = "in_transit"
            _event(ship, "in_transit", f"Rerouted to {addr['line1']}, {addr['city']}")
            return ship, 200, ship["tracking_number"]

        def redirect(request: Request, staff: Record, body: Record) -> tuple[Any, int, str]:
            ship = _ship(request, staff, "redirect_to_store")
            store = STORES.get(str(body.get("store_id")))
            if store is None:
                raise Problem(422, "validation", "Unknown store")
            ship["stage"] = "in_transit"
            _event(ship, "in_transit", f"Redirected to pick-up at {store['name']}")
            ship["allowed_actions"] = ["intercept"]
            return ship, 200, ship["tracking_number"]

        def reschedule(request: Request, staff: Record, body: Record) -> tuple[Any, int, str]:
            ship = _ship(request, staff, "reschedule")
            try:
                new = date.fromisoformat(str(body.get("date")))
            except ValueError as exc:
                raise Problem(422, "invalid-date", "date must be YYYY-MM-DD") from exc
            if new <= self.pop.now.date() or new > self.pop.now.date() + timedelta(days=14):
                raise Problem(422, "invalid-date", "The new date must be within the next 14 days")
            ship["estimated_date"] = new.isoformat()
            _event(ship, ship["stage"], f"Delivery rescheduled to {new.isoformat()}")
            return ship, 200, ship["tracking_number"]

        def intercept(request: Request, staff: Record, body: Record) -> tuple[Any, int, str]:
            ship = self._one("delivery", request.path_params["t"], staff)
            if ship["stage"] == "delivered":
                raise Problem(409, "already-delivered", f"Parcel {ship['tracking_number']} was delivered")
            if ship["stage"] == "intercepted":
                raise Problem(409, "carrier-disallows", "The parcel is already intercepted")
            ship["stage"] = "intercepted"
            ship["allowed_actions"] = []
            _event(ship, "intercepted", f"Intercepted: returning to warehouse ({body.get('reason', '')})")
            return ship, 200, ship["tracking_number"]

        return [
            Route("/shipments/{t}", get(lambda r, s: self._one("delivery", r.path_params["t"], s))),
            Route("/customers/{cid}/shipments", get(lambda r, s: self._customer_records("delivery", r, s))),
            Route("/shipments/{t}/reroute", post(reroute), methods=["POST"]),
            Route("/shipments/{t}/redirect", post(redirect), methods=["POST"]),
            Route("/shipments/{t}/reschedule", post(reschedule), methods=["POST"]),
            Route("/shipments/{t}/intercept", post(intercept), methods=["POST"]),
        ]

    # ---- cases ------------------------------------------------------------------------------

    def _routes_cases(self, get: Any, post: Any) -> list[Route]:
        def notes(request: Request, staff: Record, body: Record) -> tuple[Any, int, str]:
            case = self._one("cases", request.path_params["cid"], staff)
            text, vis = body.get("body"), body.get("visibility")
            if (
                not isinstance(text, str)
                or not text.strip()
                or len(text) > 20_000
                or vis not in ("internal", "public")
            ):
                raise Problem(
                    422, "validation", "A note needs a body (up to 20,000 characters) and a visibility"
                )
            note = {
                "id": self.pop.next_id("N"),
                "at": iso(self.pop.now),
                "author": staff["name"],
                "body": text,
                "visibility": vis,
                "channel": None,
            }
            case["notes"].insert(0, note)
            case["updated_at"] = note["at"]
            return note, 201, case["id"]

        def assign(request: Request, staff: Record, body: Record) -> tuple[Any, int, str]:
            case = self._one("cases", request.path_params["cid"], staff)
            team = body.get("team")
            if not isinstance(team, str) or not team.strip():
                raise Problem(422, "validation", "team is required")
            case["team"], case["assignee"] = team, body.get("assignee") or ""
            case["updated_at"] = iso(self.pop.now)
            return case, 200, case["id"]

        def create(request: Request, staff: Record, body: Record) -> tuple[Any, int, str]:
            cust, subject = body.get("customer"), body.get("subject")
            if not isinstance(cust, dict) or not isinstance(subject, str) or not subject.strip():
                raise Problem(422, "validation", "customer and subject are required")
            case = {
                "id": self.pop.next_id("CS"),
                "subject": subject,
                "status": "open",
                "channel": str(body.get("channel") or "phone"),
                "opened_at": iso(self.pop.now),
                "updated_at": iso(self.pop.now),
                "customer": {
                    "id": str(cust.get("id") or self.pop.next_id("ZC")),
                    "name": str(cust.get("name", "")),
                    "email": cust.get("email"),
                    "phone": cust.get("phone"),
                },
                "team": staff["team"],
                "assignee": staff["id"],
                "order_number": body.get("order_number"),
                "notes": [],
            }
            self.pop.cases[case["id"]] = case
            self.pop.index_record("cases", case)
            return case, 201, case["id"]

        return [
            Route("/cases", post(create), methods=["POST"]),
            Route("/cases/{cid}", get(lambda r, s: self._one("cases", r.path_params["cid"], s))),
            Route("/customers/{cid}/cases", get(lambda r, s: self._customer_records("cases", r, s))),
            Route("/cases/{cid}/notes", post(notes), methods=["POST"]),
            Route("/cases/{cid}/assign", post(assign), methods=["POST"]),
        ]


def _malform(data: Any) -> Any:
    """Break the contract the way real systems do: a float for money, a field gone missing."""
    if isinstance(data, dict) and "items" in data:
        return {"items": [{"unexpected": True, "amount": 12.5}], "next_cursor": None}
    if isinstance(data, dict):
        broken = dict(data)
        broken.pop(next(iter(broken)), None)
        return broken
    return {"garbage": True}
