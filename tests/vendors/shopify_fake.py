"""A Shopify Admin GraphQL endpoint for tests, built on Shopify's own schema.

Every document the connector sends is parsed and validated against the 2025-01 Admin schema in
`../shared/vendor/shopify/` (extended with the `@idempotent(key:)` directive of 2026-01, which
that schema predates and which `refundCreate` requires from 2026-04), its variables are coerced
against the declared input types, and the answer is produced by executing the document with
graphql-core over data taken from Shopify's REST sample order (#1001, Bob Norman) — so answers
have exactly the shape the schema gives and the query asked for, nothing hand-shaped.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from functools import cache
from typing import Any

import httpx
from graphql import (
    GraphQLSchema,
    build_client_schema,
    execute,
    extend_schema,
    get_operation_ast,
    parse,
    validate,
)
from graphql.execution.values import get_variable_values

from tests.vendors.vendor_data import load_json

IDEMPOTENT = "directive @idempotent(key: String!) on FIELD"
# `QueryRoot.job(id:)` is part of the real 2025-01 API (https://shopify.dev/docs/api/admin-graphql/
# 2025-01/queries/job) but was trimmed out of the subset we have; declared back here as documented.
JOB_FIELD = "extend type QueryRoot { job(id: ID!): Job }"


@cache
def schema() -> GraphQLSchema:
    introspection = load_json(
        "shopify", "admin-graphql", "admin_schema_2025-01.orders-subset.introspection.json"
    )
    return extend_schema(build_client_schema(introspection["data"]), parse(IDEMPOTENT + "\n" + JOB_FIELD))


def check_document(document: str, variables: dict[str, Any]) -> list[str]:
    """Validation errors of a document and its variables against the schema (empty = valid)."""
    ast = parse(document)
    problems = [e.message for e in validate(schema(), ast)]
    if problems:
        return problems
    op = get_operation_ast(ast)
    assert op is not None
    coerced = get_variable_values(schema(), op.variable_definitions or [], variables)
    if isinstance(coerced, list):
        problems += [e.message for e in coerced]
    return problems


def _money(amount: str, currency: str) -> dict[str, Any]:
    return {"shopMoney": {"amount": amount, "currencyCode": currency}}


def sample_order(**changes: Any) -> dict[str, Any]:
    """Shopify's REST sample order (#1001) in the Admin GraphQL shape."""
    rest = copy.deepcopy(load_json("shopify", "rest", "order.json")["order"])
    rest.update(changes)
    currency = rest["currency"]
    customer = rest.get("customer") or {}
    shipping = (
        sum(float(s["price"]) for s in rest.get("shipping_lines", [])) if rest.get("shipping_lines") else 0
    )
    lines = [
        {
            "id": f"gid://shopify/LineItem/{li['id']}",
            "sku": li.get("sku"),
            "name": li["name"],
            "quantity": li["quantity"],
            "currentQuantity": li["quantity"],
            "refundableQuantity": li["quantity"],
            "originalUnitPriceSet": _money(li["price"], currency),
        }
        for li in rest["line_items"]
    ]
    fulfillments = [
        {
            "status": (f.get("status") or "success").upper(),
            "displayStatus": "FAILURE" if f.get("status") == "failure" else "FULFILLED",
            "deliveredAt": None,
            "estimatedDeliveryAt": None,
            "trackingInfo": [
                {"number": n, "company": f.get("tracking_company"), "url": None}
                for n in f.get("tracking_numbers") or []
            ],
        }
        for f in rest.get("fulfillments", [])
    ]
    return {
        "__typename": "Order",
        "id": f"gid://shopify/Order/{rest['id']}",
        "name": rest["name"],
        "createdAt": rest["created_at"],
        "updatedAt": rest["updated_at"],
        "cancelledAt": rest.get("cancelled_at"),
        "closedAt": rest.get("closed_at"),
        "sourceName": rest.get("source_name"),
        "email": rest.get("email"),
        "phone": rest.get("phone"),
        "displayFinancialStatus": (rest.get("financial_status") or "pending").upper(),
        "displayFulfillmentStatus": (rest.get("fulfillment_status") or "unfulfilled").upper(),
        "totalPriceSet": _money(rest["total_price"], currency),
        "totalShippingPriceSet": _money(f"{shipping:.2f}", currency),
        "customer": {
            "id": f"gid://shopify/Customer/{customer['id']}",
            "legacyResourceId": str(customer["id"]),
            "displayName": f"{customer.get('first_name', '')} {customer.get('last_name', '')}".strip(),
            "email": customer.get("email"),
            "phone": customer.get("phone"),
        }
        if customer
        else None,
        "lineItems": lambda info, **args: {"nodes": lines[: args.get("first") or 50]},
        "fulfillments": lambda info, **args: fulfillments,
        "transactions": lambda info, **args: [],
        "_rest": rest,
    }


class ShopifyFake:
    """Answers `POST /admin/api/<version>/graphql.json` by executing the document."""

    def __init__(self, orders: list[dict[str, Any]] | None = None, *, job_polls_needed: int = 2) -> None:
        self.shop_orders = orders if orders is not None else [sample_order()]
        self.requests: list[httpx.Request] = []
        self.documents: list[tuple[str, dict[str, Any]]] = []
        self.refunds_by_key: dict[str, dict[str, Any]] = {}
        self.refund_calls: list[dict[str, Any]] = []
        self.jobs: dict[str, int] = {}
        self.job_polls_needed = job_polls_needed
        self.available = 1000.0
        self.script: list[Callable[[httpx.Request], httpx.Response | None]] = []
        self.sleeps: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    # ---- the transport ---------------------------------------------------------------------

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.script:
            scripted = self.script.pop(0)(request)
            if scripted is not None:
                return scripted
        body = json.loads(request.content)
        document, variables = body["query"], body.get("variables") or {}
        problems = check_document(document, variables)
        assert not problems, f"document does not validate against Shopify's schema: {problems}"
        self.documents.append((document, variables))
        self._variables = variables
        result = execute(schema(), parse(document), root_value=self, variable_values=variables)
        assert not result.errors, f"execution failed: {result.errors}"
        cost = 12.0
        self.available -= cost
        return httpx.Response(
            200,
            json={
                "data": result.data,
                "extensions": {
                    "cost": {
                        "requestedQueryCost": cost,
                        "actualQueryCost": cost,
                        "throttleStatus": {
                            "maximumAvailable": 1000.0,
                            "currentlyAvailable": self.available,
                            "restoreRate": 50.0,
                        },
                    }
                },
            },
        )

    # ---- root fields (graphql-core calls these with the field's arguments) -----------------

    def _matches(self, order: dict[str, Any], query: str) -> bool:
        key, _, value = query.partition(":")
        value = value.strip().strip('"')
        if key == "email":
            return (order.get("email") or "").lower() == value.lower()
        if key == "name":
            return order["name"].lstrip("#").lower() == value.lstrip("#").lower()
        if key == "customer_id":
            return bool(order.get("customer")) and order["customer"]["legacyResourceId"] == value
        return False

    def orders_field(self, info: Any, **args: Any) -> dict[str, Any]:
        found = [o for o in self.shop_orders if self._matches(o, args.get("query") or "")]
        first = args.get("first") or 20
        start = int(args["after"]) if args.get("after") else 0
        page = found[start : start + first]
        more = start + first < len(found)
        return {
            "nodes": page,
            "pageInfo": {"hasNextPage": more, "endCursor": str(start + first) if more else None},
        }

    def customers_field(self, info: Any, **args: Any) -> dict[str, Any]:
        query = (args.get("query") or "").strip()
        people = {o["customer"]["id"]: o["customer"] for o in self.shop_orders if o.get("customer")}
        out = []
        for c in people.values():
            if query.startswith("phone:"):
                if (c.get("phone") or "") == query.split(":", 1)[1].strip('"'):
                    out.append(c)
            elif query.strip('"').lower() in (c.get("displayName") or "").lower():
                out.append(c)
        return {"nodes": out[: args.get("first") or 10]}

    def node_field(self, info: Any, **args: Any) -> dict[str, Any] | None:
        job_id = args["id"]
        if job_id not in self.jobs:
            return None
        self.jobs[job_id] += 1
        done = self.jobs[job_id] >= self.job_polls_needed
        if done:
            for order in self.shop_orders:
                if order["id"] == self._job_orders[job_id]:
                    order["cancelledAt"] = "2026-11-30T10:00:00Z"
        return {"id": job_id, "done": done}

    _job_orders: dict[str, str]

    def order_cancel(self, info: Any, **args: Any) -> dict[str, Any]:
        job_id = f"gid://shopify/Job/{len(self.jobs) + 1}"
        self.jobs[job_id] = 0
        self.__dict__.setdefault("_job_orders", {})[job_id] = args["orderId"]
        self.cancel_args = args
        return {"job": {"id": job_id, "done": False}, "orderCancelUserErrors": []}

    def refund_create(self, info: Any, **args: Any) -> dict[str, Any]:
        (directive,) = [d for d in info.field_nodes[0].directives if d.name.value == "idempotent"]
        (arg,) = directive.arguments
        key = self._variables[arg.value.name.value] if arg.value.kind == "variable" else arg.value.value
        self.refund_calls.append({"key": key, **args})
        if key not in self.refunds_by_key:  # Shopify replays the first result for a repeated key
            items = args["input"].get("refundLineItems") or []
            self.refunds_by_key[key] = {
                "id": f"gid://shopify/Refund/{900 + len(self.refunds_by_key)}",
                "createdAt": "2026-11-30T10:00:00Z",
                "refundLineItems": lambda info, **a: {
                    "nodes": [
                        {
                            "lineItem": {"id": i["lineItemId"]},
                            "quantity": i["quantity"],
                            "restockType": i.get("restockType"),
                        }
                        for i in items
                    ]
                },
            }
        return {"refund": self.refunds_by_key[key], "userErrors": []}

    def __getattr__(self, name: str) -> Any:
        # graphql-core's default resolver looks up the root field by its name.
        return {
            "orders": self.orders_field,
            "customers": self.customers_field,
            "job": self.node_field,
            "orderCancel": self.order_cancel,
            "refundCreate": self.refund_create,
        }.get(name) or object.__getattribute__(self, name)
