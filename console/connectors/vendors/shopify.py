"""Orders on Shopify, through the Admin GraphQL API (https://shopify.dev/docs/api/admin-graphql).

- One endpoint: `POST /admin/api/<version>/graphql.json`, the access token of a custom app in
  `X-Shopify-Access-Token` (keyring entry `orders`). The API version is a setting.
- OnePane's order number is Shopify's order `name` ("#1001"); line ids are Shopify's global ids,
  so a return can name them back. The customer id is Shopify's numeric customer id.
- Finding orders: by e-mail and order name through `orders(query:)`; by phone or name through a
  customer search first (`customers(query:)`), then that customer's orders.
- Cancel: `orderCancel` runs as a job; the connector follows the job until it is done, then
  reads the order back. An order that is already cancelled is returned as it is, so a resumed
  cancel never fails on its own first attempt. Shopify cancels whole orders only.
- Returns: `refundCreate` with the line items and `restockType: RETURN` (stock goes back to the
  location), carrying the action's key in Shopify's `@idempotent(key:)` directive; money is
  refunded by the payments system, so no transactions are sent here.
- Rate limit: every answer reports `extensions.cost.throttleStatus` (a leaky bucket of cost
  points). Before a query the connector waits until the bucket holds what the last query of its
  kind cost; a THROTTLED answer is retried after the time the bucket needs to refill.
Not covered: stock levels and store fulfilment (Shopify POS / inventory APIs), exchanges, draft
orders, order edits, partial cancels.
"""

from __future__ import annotations

import asyncio
import math
import re
import time
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import httpx

from console.connectors.errors import (
    ConnectorError,
    MalformedPayload,
    NotAuthorized,
    NotFound,
    NotSupported,
    RateLimited,
    Refused,
    SystemUnavailable,
)
from console.connectors.http import Classification, HttpSystem, Sleep, Verdict
from console.connectors.vendors._common import Obj, Secret, VendorConnector, iso_dt, option, secret_token
from console.domain.model import (
    Channel,
    CustomerStub,
    LineStatus,
    Order,
    OrderLine,
    OrderStatus,
    Page,
    ReturnReceipt,
    StockLevel,
    SystemHealth,
    SystemKind,
    SystemRef,
)
from console.domain.money import Money, MoneyError
from console.domain.query import QueryKind, SearchQuery

NAME = "Shopify"
DEFAULT_API_VERSION = "2026-10"
PAGE_SIZE = 20
MAX_CUSTOMERS = 5
JOB_POLLS = 20
JOB_POLL_S = 0.5
_SYSTEM = SystemKind.ORDERS

MONEY = "shopMoney { amount currencyCode }"
ORDER_FIELDS = f"""
fragment OrderFields on Order {{
  id name createdAt updatedAt cancelledAt closedAt sourceName email phone
  displayFinancialStatus displayFulfillmentStatus
  totalPriceSet {{ {MONEY} }}
  totalShippingPriceSet {{ {MONEY} }}
  customer {{ id legacyResourceId displayName email phone }}
  lineItems(first: 50) {{
    nodes {{
      id sku name quantity currentQuantity refundableQuantity
      originalUnitPriceSet {{ {MONEY} }}
    }}
  }}
  fulfillments(first: 10) {{
    status displayStatus deliveredAt estimatedDeliveryAt
    trackingInfo(first: 5) {{ number company url }}
  }}
  transactions(first: 10) {{ id kind status gateway paymentId }}
}}
"""
ORDERS_QUERY = (
    """
query Orders($query: String!, $first: Int!, $after: String) {
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT, reverse: true) {
    nodes { ...OrderFields }
    pageInfo { hasNextPage endCursor }
  }
}
"""
    + ORDER_FIELDS
)
CUSTOMERS_QUERY = """
query Customers($query: String!, $first: Int!) {
  customers(first: $first, query: $query) {
    nodes { id legacyResourceId displayName email phone }
  }
}
"""
ORDER_CANCEL = """
mutation Cancel($orderId: ID!, $reason: OrderCancelReason!, $staffNote: String) {
  orderCancel(orderId: $orderId, reason: $reason, refund: false, restock: true,
              notifyCustomer: false, staffNote: $staffNote) {
    job { id done }
    orderCancelUserErrors { field message code }
  }
}
"""
JOB_QUERY = """
query Job($id: ID!) {
  job(id: $id) { id done }
}
"""
REFUND_CREATE = """
mutation Return($input: RefundInput!, $idempotencyKey: String!) {
  refundCreate(input: $input) @idempotent(key: $idempotencyKey) {
    refund { id createdAt refundLineItems(first: 50) { nodes { lineItem { id } quantity restockType } } }
    userErrors { field message }
  }
}
"""

_CHANNELS = {
    "web": Channel.WEB,
    "pos": Channel.STORE,
    "iphone": Channel.APP,
    "android": Channel.APP,
    "shopify_draft_order": Channel.PHONE,
}
_CANCEL_REASONS = {"customer": "CUSTOMER", "fraud": "FRAUD", "inventory": "INVENTORY", "declined": "DECLINED"}


def _search_value(value: str) -> str:
    """A value in Shopify's search syntax: double-quoted, quotes and backslashes escaped."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _gid_number(gid: str) -> str:
    return gid.rsplit("/", 1)[-1]


def _money(o: Obj, key: str) -> Money:
    bag = o.obj(key).obj("shopMoney")
    amount = bag.raw("amount")
    if not isinstance(amount, str):  # Shopify's Decimal scalar is a string
        raise bag.bad("amount", "money must be a decimal string")
    try:
        return Money(Decimal(amount), bag.string("currencyCode"))
    except (InvalidOperation, MoneyError) as exc:
        raise bag.bad("amount", str(exc) or "not a decimal amount") from exc


def _nodes(o: Obj, key: str) -> list[Obj]:
    """A connection's `nodes`, or a plain list (Shopify returns both shapes)."""
    value = o.data.get(key)
    if value is None:
        return []
    if isinstance(value, list):
        return o.objects(key)
    return o.obj(key).objects("nodes", default_empty=True)


def parse_order(o: Obj) -> Order:
    name = o.string("name")
    total = _money(o, "totalPriceSet")
    shipping = _money(o, "totalShippingPriceSet") if o.data.get("totalShippingPriceSet") else None
    cancelled = o.data.get("cancelledAt") is not None
    fulfillments = _nodes(o, "fulfillments")
    tracking: list[str] = []
    delivered = bool(fulfillments)
    for f in fulfillments:
        for info in _nodes(f, "trackingInfo"):
            number = info.opt_str("number")
            if number and number not in tracking:
                tracking.append(number)
        if f.text("displayStatus") != "DELIVERED" and f.data.get("deliveredAt") is None:
            delivered = False
    fulfilment = o.text("displayFulfillmentStatus")
    financial = o.text("displayFinancialStatus")
    lines = []
    for li in _nodes(o, "lineItems"):
        quantity = li.integer("quantity")
        current = li.integer("currentQuantity", default=quantity)
        if cancelled or current == 0:
            line_status = LineStatus.CANCELLED
        elif delivered:
            line_status = LineStatus.DELIVERED
        elif fulfilment in ("FULFILLED", "PARTIALLY_FULFILLED"):
            line_status = LineStatus.SHIPPED
        else:
            line_status = LineStatus.OPEN
        lines.append(
            OrderLine(
                id=li.string("id"),
                sku=li.text("sku"),
                description=li.text("name"),
                quantity=quantity,
                unit_price=_money(li, "originalUnitPriceSet"),
                status=line_status,
                returned_quantity=0,
            )
        )
    if cancelled:
        status = OrderStatus.CANCELLED
    elif financial == "REFUNDED" and fulfilment in ("FULFILLED", "PARTIALLY_FULFILLED"):
        status = OrderStatus.RETURNED
    elif financial == "PARTIALLY_REFUNDED" and fulfilment in ("FULFILLED", "PARTIALLY_FULFILLED"):
        status = OrderStatus.PARTIALLY_RETURNED
    elif delivered:
        status = OrderStatus.DELIVERED
    elif fulfilment in ("FULFILLED", "PARTIALLY_FULFILLED", "IN_PROGRESS"):
        status = OrderStatus.DISPATCHED
    else:
        status = OrderStatus.OPEN
    customer = o.opt_obj("customer")
    stub = CustomerStub(
        SystemRef(_SYSTEM, _customer_number(customer) if customer else ""),
        name=customer.text("displayName") if customer else "",
        email=o.opt_str("email") or (customer.opt_str("email") if customer else None),
        phone=o.opt_str("phone") or (customer.opt_str("phone") if customer else None),
    )
    payments = tuple(t.text("paymentId") for t in _nodes(o, "transactions") if t.text("paymentId"))
    return Order(
        ref=SystemRef(_SYSTEM, name),
        channel=_CHANNELS.get(o.text("sourceName"), Channel.WEB),
        status=status,
        placed_at=iso_dt(o, "createdAt"),
        total=total,
        lines=tuple(lines),
        customer=stub,
        shipping=shipping,
        payment_refs=payments,
        tracking_numbers=tuple(tracking),
        updated_at=iso_dt(o, "updatedAt") if o.data.get("updatedAt") else None,
    )


def _customer_number(c: Obj) -> str:
    legacy = c.data.get("legacyResourceId")
    if isinstance(legacy, str | int) and not isinstance(legacy, bool) and str(legacy):
        return str(legacy)
    return _gid_number(c.string("id"))


class ThrottleBucket:
    """Shopify's cost bucket as last reported, and how long a query of `cost` must wait."""

    def __init__(self) -> None:
        self.available: float | None = None
        self.restore_rate = 50.0
        self.seen_at = 0.0
        self.last_cost: dict[str, float] = {}

    def update(self, extensions: Any, operation: str | None) -> None:
        if not isinstance(extensions, dict):
            return
        cost = extensions.get("cost")
        if not isinstance(cost, dict):
            return
        status = cost.get("throttleStatus")
        if isinstance(status, dict):
            available = status.get("currentlyAvailable")
            rate = status.get("restoreRate")
            if isinstance(available, int | float) and not isinstance(available, bool):
                self.available = float(available)
                self.seen_at = time.monotonic()
            if isinstance(rate, int | float) and not isinstance(rate, bool) and rate > 0:
                self.restore_rate = float(rate)
        requested = cost.get("requestedQueryCost")
        # (a throttled answer, operation None, did not cost what the query costs)
        if operation is not None and isinstance(requested, int | float) and not isinstance(requested, bool):
            self.last_cost[operation] = float(requested)

    def wait_for(self, operation: str) -> float:
        """Seconds to wait so the bucket holds this operation's expected cost (0 if unknown)."""
        if self.available is None:
            return 0.0
        need = self.last_cost.get(operation, 0.0)
        refilled = self.available + (time.monotonic() - self.seen_at) * self.restore_rate
        return max(0.0, (need - refilled) / self.restore_rate)

    def refill_time(self, requested: float) -> float:
        available = self.available if self.available is not None else 0.0
        return max(1.0, math.ceil((requested - available) / self.restore_rate * 10) / 10)


def _throttled(body: Any) -> bool:
    if not isinstance(body, dict):
        return False
    errors = body.get("errors")
    return isinstance(errors, list) and any(
        isinstance(e, dict) and (e.get("extensions") or {}).get("code") == "THROTTLED" for e in errors
    )


class ShopifyOrders(VendorConnector):
    vendor_name = NAME
    system = _SYSTEM
    kinds = frozenset(
        {QueryKind.EMAIL, QueryKind.PHONE, QueryKind.NAME, QueryKind.ORDER, QueryKind.CUSTOMER_ID}
    )

    def __init__(self, http: HttpSystem, api_version: str, *, sleep: Sleep | None = None) -> None:
        super().__init__(http)
        self.path = f"/admin/api/{api_version}/graphql.json"
        self.health_path = self.path
        self.bucket = ThrottleBucket()
        self._sleep: Sleep = sleep or asyncio.sleep
        http.classifier = self._classify  # throttling hides in a 200 body

    def _classify(self, response: httpx.Response, is_post: bool) -> Classification | None:
        if response.status_code != 200:
            return None
        try:
            body = response.json()
        except ValueError:
            return None
        if not _throttled(body):
            return None
        cost = (body.get("extensions") or {}).get("cost") or {}
        self.bucket.update(body.get("extensions"), None)
        requested = cost.get("requestedQueryCost")
        wait = self.bucket.refill_time(float(requested) if isinstance(requested, int | float) else 0.0)
        return Classification(Verdict.RETRY, RateLimited(_SYSTEM, wait), wait)

    async def health(self) -> SystemHealth:
        start = time.perf_counter()
        try:
            await self.graphql("{ orders(first: 1) { nodes { id } } }", {}, operation="health")
        except ConnectorError as exc:
            return SystemHealth(_SYSTEM, False, exc.message, (time.perf_counter() - start) * 1000)
        return SystemHealth(_SYSTEM, True, "", (time.perf_counter() - start) * 1000)

    async def graphql(
        self, document: str, variables: Mapping[str, Any], *, operation: str, mutation: bool = False
    ) -> Obj:
        """Send one document; return `data` as an Obj. GraphQL errors become ConnectorErrors."""
        wait = self.bucket.wait_for(operation)
        if wait > 0:
            await self._sleep(wait)  # slow down before Shopify has to throttle us
        response = await self.http.request(
            "POST", self.path, json={"query": document, "variables": dict(variables)}, read=not mutation
        )
        body = self.http.decode(response)
        if not isinstance(body, dict):
            raise MalformedPayload(_SYSTEM, "(body)", "expected an object")
        self.bucket.update(body.get("extensions"), operation)
        errors = body.get("errors")
        if errors:
            messages = "; ".join(
                str(e.get("message", e)) if isinstance(e, dict) else str(e)
                for e in (errors if isinstance(errors, list) else [errors])
            )
            codes = {
                (e.get("extensions") or {}).get("code")
                for e in (errors if isinstance(errors, list) else [])
                if isinstance(e, dict)
            }
            if "ACCESS_DENIED" in codes:
                raise NotAuthorized(_SYSTEM, messages)
            if body.get("data") is None:
                raise Refused(_SYSTEM, "graphql-error", messages[:300])
        return Obj(_SYSTEM, body.get("data"), "data")

    # ---- reads -----------------------------------------------------------------------------

    async def _orders(self, query: str, after: str | None = None, first: int = PAGE_SIZE) -> Page[Order]:
        data = await self.graphql(
            ORDERS_QUERY, {"query": query, "first": first, "after": after}, operation="orders"
        )
        conn = data.obj("orders")
        orders = [parse_order(o) for o in conn.objects("nodes")]
        info = conn.obj("pageInfo")
        more = info.data.get("hasNextPage") is True
        return Page(tuple(orders), info.opt_str("endCursor") if more else None)

    async def _customer_ids(self, query: str) -> list[str]:
        data = await self.graphql(
            CUSTOMERS_QUERY, {"query": query, "first": MAX_CUSTOMERS}, operation="customers"
        )
        return [_customer_number(c) for c in data.obj("customers").objects("nodes")]

    async def _orders_of(self, customer_ids: Sequence[str]) -> list[Order]:
        pages = await asyncio.gather(*(self.customer_orders(c) for c in customer_ids))
        return [o for page in pages for o in page.items]

    async def search(self, query: SearchQuery) -> list[Order]:
        match query.kind:
            case QueryKind.EMAIL:
                return list((await self._orders(f"email:{_search_value(query.value)}")).items)
            case QueryKind.ORDER:
                return await self._by_name(query.value)
            case QueryKind.CUSTOMER_ID:
                return list((await self.customer_orders(query.value)).items)
            case QueryKind.PHONE:
                return await self._orders_of(await self._customer_ids(f"phone:{_search_value(query.value)}"))
            case QueryKind.NAME:
                return await self._orders_of(await self._customer_ids(_search_value(query.value)))
            case _:
                return []

    async def _named(self, number: str) -> list[tuple[str, Order]]:
        """(global id, order) of the orders whose name is `number` ("#1001" or "1001")."""
        data = await self.graphql(
            ORDERS_QUERY,
            {"query": f"name:{_search_value(number)}", "first": 5, "after": None},
            operation="orders",
        )
        norm = number.lstrip("#").upper()
        named = [(node.string("id"), parse_order(node)) for node in data.obj("orders").objects("nodes")]
        return [(gid, o) for gid, o in named if o.number.lstrip("#").upper() == norm]

    async def _by_name(self, number: str) -> list[Order]:
        return [order for _gid, order in await self._named(number)]

    async def customer_orders(self, customer_id: str, cursor: str | None = None) -> Page[Order]:
        if not re.fullmatch(r"\d{1,20}", customer_id):
            return Page(())
        return await self._orders(f"customer_id:{customer_id}", cursor)

    async def order(self, order_number: str) -> Order:
        return (await self._order_gid(order_number))[1]

    async def _order_gid(self, order_number: str) -> tuple[str, Order]:
        found = await self._named(order_number)
        if not found:
            raise NotFound(_SYSTEM, f"no Shopify order {order_number}")
        return found[0]

    async def stock(self, sku: str, store_id: str | None = None) -> list[StockLevel]:
        raise NotSupported(_SYSTEM, "Shopify stock by store is not read by OnePane; check Shopify admin")

    # ---- actions ---------------------------------------------------------------------------

    async def cancel(
        self, order_number: str, line_ids: Sequence[str] | None, reason: str, *, key: str
    ) -> Order:
        if line_ids:
            raise NotSupported(
                _SYSTEM, "Shopify cancels whole orders only; cancel every line or refund lines"
            )
        gid, order = await self._order_gid(order_number)
        if order.status is OrderStatus.CANCELLED:
            return order  # already done (perhaps by this very action before a crash)
        data = await self.graphql(
            ORDER_CANCEL,
            {
                "orderId": gid,
                "reason": _CANCEL_REASONS.get(reason.lower(), "OTHER"),
                "staffNote": f"{reason} (OnePane {key})"[:255],
            },
            operation="orderCancel",
            mutation=True,
        )
        payload = data.obj("orderCancel")
        errors = payload.objects("orderCancelUserErrors", default_empty=True)
        if errors:
            first = errors[0]
            raise Refused(
                _SYSTEM,
                first.text("code").lower().replace("_", "-") or "cancel-refused",
                first.text("message"),
            )
        job = payload.opt_obj("job")
        if job is not None and job.data.get("done") is not True:
            await self._follow_job(job.string("id"))
        _, after = await self._order_gid(order_number)
        return after

    async def _follow_job(self, job_id: str) -> None:
        for _ in range(JOB_POLLS):
            await self._sleep(JOB_POLL_S)
            data = await self.graphql(JOB_QUERY, {"id": job_id}, operation="job")
            node = data.opt_obj("job")
            if node is not None and node.data.get("done") is True:
                return
        raise SystemUnavailable(
            _SYSTEM, "Shopify has not finished cancelling yet; OnePane will check again", maybe_applied=True
        )

    async def fulfil_in_store(
        self, order_number: str, store_id: str, line_ids: Sequence[str], *, key: str
    ) -> Order:
        raise NotSupported(_SYSTEM, "fulfilling from a store is done in Shopify POS, not through OnePane")

    async def accept_return(
        self,
        order_number: str,
        lines: Sequence[tuple[str, int]],
        *,
        store_id: str | None,
        reason: str,
        resolution: str,
        exchange_sku: str | None = None,
        key: str,
    ) -> ReturnReceipt:
        if resolution != "refund":
            raise NotSupported(
                _SYSTEM, "exchanges are made in Shopify admin; OnePane records returns for refund"
            )
        gid, _order = await self._order_gid(order_number)
        items: list[dict[str, Any]] = []
        for line_id, quantity in lines:
            item: dict[str, Any] = {"lineItemId": line_id, "quantity": quantity, "restockType": "RETURN"}
            if store_id and store_id.startswith("gid://shopify/Location/"):
                item["locationId"] = store_id
            items.append(item)
        data = await self.graphql(
            REFUND_CREATE,
            {
                "input": {"orderId": gid, "note": reason[:255], "notify": False, "refundLineItems": items},
                "idempotencyKey": key,
            },
            operation="refundCreate",
            mutation=True,
        )
        payload = data.obj("refundCreate")
        errors = payload.objects("userErrors", default_empty=True)
        if errors:
            raise Refused(_SYSTEM, "return-refused", "; ".join(e.text("message") for e in errors))
        refund = payload.obj("refund")
        returned = tuple(
            (n.obj("lineItem").string("id"), n.integer("quantity")) for n in _nodes(refund, "refundLineItems")
        )
        return ReturnReceipt(
            id=refund.string("id"),
            order_number=order_number,
            lines=returned or tuple(lines),
            resolution=resolution,
            store_id=store_id,
            created_at=iso_dt(refund, "createdAt"),
        )


def build(
    system: SystemKind, config: Mapping[str, Any], secret: Secret, **http_options: Any
) -> ShopifyOrders:
    """`config`: base_url (https://<shop>.myshopify.com), api_version. The custom app's Admin API
    access token is the keyring entry `orders`."""
    base_url = option(config, "base_url")
    if not base_url:
        raise ValueError("Shopify needs base_url = https://<shop>.myshopify.com")
    token = secret_token(secret, "orders")
    sleep = http_options.get("sleep")
    http = HttpSystem(
        system,
        base_url,
        token,
        auth_headers=lambda t: {"X-Shopify-Access-Token": t},
        headers={"Content-Type": "application/json"},
        **http_options,
    )
    return ShopifyOrders(http, option(config, "api_version", DEFAULT_API_VERSION), sleep=sleep)


__all__ = ["NAME", "ShopifyOrders", "build", "parse_order"]
