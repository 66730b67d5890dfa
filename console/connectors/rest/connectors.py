"""The five REST-contract connectors (resources/contract/openapi.yaml) over `HttpSystem`."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar
from urllib.parse import quote

from console.connectors.errors import ConnectorError
from console.connectors.http import HttpSystem
from console.connectors.rest import parse
from console.domain.model import (
    Address,
    Case,
    CustomerProfile,
    DeliveryAction,
    Note,
    Order,
    Page,
    Payment,
    RefundResult,
    ReturnReceipt,
    Shipment,
    StockLevel,
    SystemHealth,
    SystemKind,
    Visibility,
)
from console.domain.money import Money
from console.domain.query import QueryKind, SearchQuery

T = TypeVar("T")

# Which query kinds each system answers, and under which query parameter.
SEARCH_PARAMS: dict[SystemKind, dict[QueryKind, str]] = {
    SystemKind.DIRECTORY: {
        QueryKind.EMAIL: "email",
        QueryKind.PHONE: "phone",
        QueryKind.NAME: "name",
        QueryKind.CUSTOMER_ID: "id",
    },
    SystemKind.ORDERS: {
        QueryKind.EMAIL: "email",
        QueryKind.PHONE: "phone",
        QueryKind.NAME: "name",
        QueryKind.ORDER: "order",
        QueryKind.RECEIPT: "receipt",
        QueryKind.CUSTOMER_ID: "customer_id",
    },
    SystemKind.PAYMENTS: {
        QueryKind.EMAIL: "email",
        QueryKind.NAME: "name",
        QueryKind.ORDER: "order",
        QueryKind.PAYMENT_REF: "card_last4",
        QueryKind.CUSTOMER_ID: "customer_id",
    },
    SystemKind.DELIVERY: {
        QueryKind.TRACKING: "tracking",
        QueryKind.EMAIL: "email",
        QueryKind.PHONE: "phone",
        QueryKind.ORDER: "order",
        QueryKind.CUSTOMER_ID: "customer_id",
    },
    SystemKind.CASES: {
        QueryKind.EMAIL: "email",
        QueryKind.PHONE: "phone",
        QueryKind.NAME: "name",
        QueryKind.ORDER: "order",
        QueryKind.CUSTOMER_ID: "customer_id",
    },
}
PREFIX = {
    SystemKind.DIRECTORY: "/crm",
    SystemKind.ORDERS: "/orders",
    SystemKind.PAYMENTS: "/payments",
    SystemKind.DELIVERY: "/delivery",
    SystemKind.CASES: "/cases",
}


def _seg(value: str) -> str:
    return quote(value, safe="")


PARSE_STEP = 40  # records parsed between two pauses (40 parcels: about 400 carrier events)


class _RestConnector:
    system: SystemKind

    def __init__(self, http: HttpSystem, prefix: str = "") -> None:
        self.http = http
        self.prefix = prefix

    def supports(self, kind: QueryKind) -> bool:
        return kind in SEARCH_PARAMS[self.system]

    async def health(self) -> SystemHealth:
        started = time.perf_counter()
        try:
            body = await self.http.get_json(f"{self.prefix}/health")
        except ConnectorError as exc:
            return SystemHealth(self.system, False, exc.message, (time.perf_counter() - started) * 1000)
        ok = isinstance(body, dict) and body.get("status") == "ok"
        return SystemHealth(
            self.system, ok, "" if ok else "unexpected health answer", (time.perf_counter() - started) * 1000
        )

    async def aclose(self) -> None:
        await self.http.aclose()

    def _search_params(self, query: SearchQuery) -> dict[str, str]:
        param = SEARCH_PARAMS[self.system].get(query.kind)
        if param is None:
            return {}
        if query.kind is QueryKind.PAYMENT_REF and query.value.upper().startswith("PAY-"):
            return {"payment_id": query.value}
        params = {param: query.value}
        if query.kind is QueryKind.PAYMENT_REF and query.amount:
            params["amount"] = query.amount
        return params

    async def _search(self, query: SearchQuery, parser: Callable[[parse.Obj], T]) -> list[T]:
        params = self._search_params(query)
        if not params:
            return []
        params["limit"] = "200"
        found, _ = await self._items(await self.http.get_json(f"{self.prefix}/search", params), parser)
        return found

    async def _page(self, path: str, cursor: str | None, parser: Callable[[parse.Obj], T]) -> Page[T]:
        params = {"limit": "200"}
        if cursor:
            params["cursor"] = cursor
        found, nxt = await self._items(await self.http.get_json(f"{self.prefix}{path}", params), parser)
        return Page(tuple(found), nxt)

    async def _items(self, body: Any, parser: Callable[[parse.Obj], T]) -> tuple[list[T], str | None]:
        """A page's `items` parsed (and its `next_cursor`), pausing every PARSE_STEP records: 200
        parcels with their carrier events are tens of ms of work, which the window must not wait
        through in one go."""
        page = parse.Obj(self.system, body)
        found: list[T] = []
        for i, item in enumerate(page.objects("items")):
            found.append(parser(item))
            if i % PARSE_STEP == PARSE_STEP - 1:
                await asyncio.sleep(0)
        return found, page.opt_str("next_cursor")

    async def _one(self, path: str, parser: Callable[[parse.Obj], T]) -> T:
        return parser(parse.Obj(self.system, await self.http.get_json(f"{self.prefix}{path}")))

    async def _post(self, path: str, body: Any, key: str, parser: Callable[[parse.Obj], T]) -> T:
        return parser(
            parse.Obj(self.system, await self.http.post_json(f"{self.prefix}{path}", body, key=key))
        )


class RestDirectory(_RestConnector):
    system = SystemKind.DIRECTORY

    async def search(self, query: SearchQuery) -> list[CustomerProfile]:
        return await self._search(query, parse.profile)

    async def customer(self, customer_id: str) -> CustomerProfile:
        return await self._one(f"/customers/{_seg(customer_id)}", parse.profile)


class RestOrders(_RestConnector):
    system = SystemKind.ORDERS

    async def search(self, query: SearchQuery) -> list[Order]:
        return await self._search(query, parse.order)

    async def customer_orders(self, customer_id: str, cursor: str | None = None) -> Page[Order]:
        return await self._page(f"/customers/{_seg(customer_id)}/orders", cursor, parse.order)

    async def order(self, order_number: str) -> Order:
        return await self._one(f"/orders/{_seg(order_number)}", parse.order)

    async def stock(self, sku: str, store_id: str | None = None) -> list[StockLevel]:
        params = {"sku": sku}
        if store_id:
            params["store_id"] = store_id
        found, _ = await self._items(
            await self.http.get_json(f"{self.prefix}/stock", params), parse.stock_level
        )
        return found

    async def cancel(
        self, order_number: str, line_ids: Sequence[str] | None, reason: str, *, key: str
    ) -> Order:
        body = {"line_ids": list(line_ids) if line_ids is not None else None, "reason": reason}
        return await self._post(f"/orders/{_seg(order_number)}/cancel", body, key, parse.order)

    async def fulfil_in_store(
        self, order_number: str, store_id: str, line_ids: Sequence[str], *, key: str
    ) -> Order:
        body = {"store_id": store_id, "line_ids": list(line_ids)}
        return await self._post(f"/orders/{_seg(order_number)}/fulfil-in-store", body, key, parse.order)

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
        body = {
            "lines": [{"line_id": lid, "quantity": q} for lid, q in lines],
            "store_id": store_id,
            "reason": reason,
            "resolution": resolution,
            "exchange_sku": exchange_sku,
        }
        return await self._post(f"/orders/{_seg(order_number)}/returns", body, key, parse.return_receipt)


class RestPayments(_RestConnector):
    system = SystemKind.PAYMENTS

    async def search(self, query: SearchQuery) -> list[Payment]:
        return await self._search(query, parse.payment)

    async def customer_payments(self, customer_id: str, cursor: str | None = None) -> Page[Payment]:
        return await self._page(f"/customers/{_seg(customer_id)}/payments", cursor, parse.payment)

    async def payment(self, payment_id: str) -> Payment:
        return await self._one(f"/payments/{_seg(payment_id)}", parse.payment)

    async def refund(
        self,
        payment_id: str,
        amount: Money,
        *,
        reason_code: str,
        allocation: Sequence[tuple[str, Money]] | None = None,
        to_store_credit: bool = False,
        approval_token: str | None = None,
        key: str,
    ) -> RefundResult:
        body = {
            "amount": amount.wire(),
            "reason_code": reason_code,
            "allocation": [{"tender_id": t, "amount": m.wire()} for t, m in allocation]
            if allocation
            else None,
            "to_store_credit": to_store_credit,
            "approval_token": approval_token,
        }
        return await self._post(f"/payments/{_seg(payment_id)}/refunds", body, key, parse.refund_result)

    async def request_approval(self, payment_id: str, amount: Money, *, key: str) -> str:
        body = {"payment_id": payment_id, "amount": amount.wire()}
        return await self._post("/approvals", body, key, lambda o: o.string("token"))


class RestDelivery(_RestConnector):
    system = SystemKind.DELIVERY

    def capabilities(self) -> frozenset[DeliveryAction]:
        return frozenset(DeliveryAction)

    async def search(self, query: SearchQuery) -> list[Shipment]:
        if query.kind is QueryKind.TRACKING:
            query = SearchQuery(query.kind, query.value.upper())
        return await self._search(query, parse.shipment)

    async def customer_shipments(self, customer_id: str, cursor: str | None = None) -> Page[Shipment]:
        return await self._page(f"/customers/{_seg(customer_id)}/shipments", cursor, parse.shipment)

    async def shipment(self, tracking_number: str) -> Shipment:
        return await self._one(f"/shipments/{_seg(tracking_number)}", parse.shipment)

    async def reroute(self, tracking_number: str, address: Address, *, key: str) -> Shipment:
        body = {
            "address": {
                "name": address.name,
                "line1": address.line1,
                "line2": address.line2,
                "postal_code": address.postal_code,
                "city": address.city,
                "country": address.country,
            }
        }
        return await self._post(f"/shipments/{_seg(tracking_number)}/reroute", body, key, parse.shipment)

    async def redirect_to_store(self, tracking_number: str, store_id: str, *, key: str) -> Shipment:
        return await self._post(
            f"/shipments/{_seg(tracking_number)}/redirect", {"store_id": store_id}, key, parse.shipment
        )

    async def reschedule(self, tracking_number: str, new_date: date, *, key: str) -> Shipment:
        body = {"date": new_date.isoformat()}
        return await self._post(f"/shipments/{_seg(tracking_number)}/reschedule", body, key, parse.shipment)

    async def intercept(self, tracking_number: str, reason: str, *, key: str) -> Shipment:
        return await self._post(
            f"/shipments/{_seg(tracking_number)}/intercept", {"reason": reason}, key, parse.shipment
        )


class RestCases(_RestConnector):
    system = SystemKind.CASES

    async def search(self, query: SearchQuery) -> list[Case]:
        return await self._search(query, parse.case)

    async def customer_cases(self, customer_id: str, cursor: str | None = None) -> Page[Case]:
        return await self._page(f"/customers/{_seg(customer_id)}/cases", cursor, parse.case)

    async def case(self, case_id: str) -> Case:
        return await self._one(f"/cases/{_seg(case_id)}", parse.case)

    async def add_note(self, case_id: str, body: str, visibility: Visibility, *, key: str) -> Note:
        payload = {"body": body, "visibility": visibility.value}
        return await self._post(f"/cases/{_seg(case_id)}/notes", payload, key, parse.note)

    async def reassign(self, case_id: str, *, team: str, assignee: str | None, key: str) -> Case:
        payload = {"team": team, "assignee": assignee}
        return await self._post(f"/cases/{_seg(case_id)}/assign", payload, key, parse.case)

    async def create_case(
        self, customer: dict[str, str | None], subject: str, channel: str, *, key: str
    ) -> Case:
        payload = {"customer": customer, "subject": subject, "channel": channel}
        return await self._post("/cases", payload, key, parse.case)
