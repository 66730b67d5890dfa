"""Five vendor systems behind mock transports, all telling parts of one customer's story:
Bob Norman (Shopify's sample customer) with order #1001, paid through Stripe, parcel 1Z2345
tracked by EasyPost, a Zendesk ticket, a HubSpot contact that knows his ids in the others.

Payloads are the vendors' published samples (see each connector's tests), with only the fields
that tie them to Bob set: e-mail, ids, the order number in the Stripe charge's metadata, the
tracking code. HubSpot's contact follows HubSpot's documented search example (no licensed
samples exist).
"""

from __future__ import annotations

import copy
from typing import Any

import httpx

from console.connectors.registry import Connectors
from console.connectors.vendors import easypost, hubspot, shopify, stripe, zendesk
from console.domain.model import SystemKind
from tests.vendors.shopify_fake import ShopifyFake, sample_order
from tests.vendors.vendor_data import load_json

EMAIL = "bob.norman@hostmail.com"
SHOPIFY_CUSTOMER = "207119551"
STRIPE_CUSTOMER = "cus_QXg1o8vcGmoR32"
ZENDESK_USER = 20014182
TRACKING = "1Z2345"


def _stripe_resources() -> dict[str, Any]:
    return copy.deepcopy(load_json("stripe", "fixtures3.payments-subset.json")["resources"])


def stripe_handler(request: httpx.Request) -> httpx.Response:
    res = _stripe_resources()
    customer = res["customer"]
    customer["email"] = EMAIL
    customer["name"] = "Bob Norman"
    charge = res["charge"]
    charge.update(
        customer=STRIPE_CUSTOMER,
        amount=40994,
        amount_captured=40994,
        captured=True,
        metadata={"order_number": "#1001"},
        billing_details={**charge["billing_details"], "email": EMAIL, "name": "Bob Norman"},
    )
    path, params = request.url.path, request.url.params
    if path == "/v1/customers":
        found = [customer] if params.get("email") == EMAIL else []
        return httpx.Response(200, json={"object": "list", "data": found, "has_more": False, "url": path})
    if path == "/v1/charges" and params.get("customer") == STRIPE_CUSTOMER:
        return httpx.Response(200, json={"object": "list", "data": [charge], "has_more": False, "url": path})
    if path == "/v1/charges/search" and "#1001" in params.get("query", ""):
        return httpx.Response(
            200, json={"object": "search_result", "data": [charge], "has_more": False, "url": path}
        )
    if path.startswith("/v1/"):
        return httpx.Response(200, json={"object": "list", "data": [], "has_more": False, "url": path})
    return httpx.Response(404, json={"error": {"type": "invalid_request_error", "message": "no such path"}})


def _zendesk(name: str) -> Any:
    return copy.deepcopy(
        load_json("zendesk", "cassettes", f"{name}.json")["http_interactions"][0]["response"]["body"]
    )


def zendesk_handler(request: httpx.Request) -> httpx.Response:
    user = _zendesk("users_search_by_email")["users"][0]
    user.update(email=EMAIL, name="Bob Norman", role="end-user")
    ticket = _zendesk("tickets_show")["ticket"]
    ticket.update(
        requester_id=ZENDESK_USER, subject="Where is my iPod order #1001?", via={"channel": "email"}
    )
    path = request.url.path
    if path == "/api/v2/users/search.json":
        found = [user] if request.url.params.get("query") == EMAIL else []
        return httpx.Response(
            200, json={"users": found, "next_page": None, "previous_page": None, "count": len(found)}
        )
    if path == f"/api/v2/users/{ZENDESK_USER}/tickets/requested.json":
        return httpx.Response(200, json={"tickets": [ticket], "users": [user], "next_page": None, "count": 1})
    if path == f"/api/v2/tickets/{ticket['id']}.json":
        return httpx.Response(200, json={"ticket": ticket, "users": [user]})
    if path.endswith("/comments.json"):
        return httpx.Response(200, json={"comments": [], "next_page": None, "count": 0})
    if path == "/api/v2/search.json":
        return httpx.Response(200, json={"results": [], "next_page": None, "count": 0})
    return httpx.Response(404, json={"error": "RecordNotFound", "description": "Not found"})


def easypost_handler(request: httpx.Request) -> httpx.Response:
    tracker = copy.deepcopy(load_json("easypost", "docs-responses", "trackers-retrieve.json"))
    tracker.update(tracking_code=TRACKING, carrier="UPS")
    if request.url.path.endswith("/trackers") and request.method == "GET":
        code = request.url.params.get("tracking_code")
        found = [tracker] if code == TRACKING else []
        return httpx.Response(200, json={"trackers": found, "has_more": False})
    return httpx.Response(404, json={"error": {"code": "NOT_FOUND", "message": "not found", "errors": []}})


def hubspot_handler(request: httpx.Request) -> httpx.Response:
    contact = {
        "id": "512",
        "properties": {
            "createdate": "2019-10-30T03:30:17.883Z",
            "email": EMAIL,
            "firstname": "Bob",
            "lastname": "Norman",
            "hs_object_id": "512",
            "lastmodifieddate": "2019-12-07T16:50:06.678Z",
            "shopify_customer_id": SHOPIFY_CUSTOMER,
            "stripe_customer_id": STRIPE_CUSTOMER,
            "zendesk_user_id": str(ZENDESK_USER),
        },
        "createdAt": "2019-10-30T03:30:17.883Z",
        "updatedAt": "2019-12-07T16:50:06.678Z",
        "archived": False,
    }
    if request.url.path == "/crm/v3/objects/contacts/search":
        body = request.read().decode()
        found = [contact] if EMAIL in body else []
        return httpx.Response(200, json={"total": len(found), "results": found})
    if request.url.path == "/crm/v3/objects/contacts/512":
        return httpx.Response(200, json=contact)
    return httpx.Response(
        404, json={"status": "error", "message": "resource not found", "category": "OBJECT_NOT_FOUND"}
    )


class Recorded:
    """Wraps a handler and counts requests per system, so tests can see each one was asked."""

    def __init__(self, handler: Any) -> None:
        self.handler = handler
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.handler(request)


def vendor_world() -> tuple[Connectors, dict[SystemKind, Any]]:
    """The five vendor connectors over mock transports, and each transport's recorder."""
    shop = ShopifyFake([sample_order()])
    rec = {
        SystemKind.DIRECTORY: Recorded(hubspot_handler),
        SystemKind.ORDERS: shop,
        SystemKind.PAYMENTS: Recorded(stripe_handler),
        SystemKind.DELIVERY: Recorded(easypost_handler),
        SystemKind.CASES: Recorded(zendesk_handler),
    }
    secrets = {
        "directory": "pat-na1-test",
        "orders": "shpat_test",
        "payments": "rk_test",
        "delivery": "EZTK_test",
        "cases": "oauth-test",
    }.get

    def t(kind: SystemKind) -> httpx.MockTransport:
        return httpx.MockTransport(rec[kind])

    connectors = Connectors(
        directory=hubspot.build(
            SystemKind.DIRECTORY,
            {
                "id_properties": "orders=shopify_customer_id,payments=stripe_customer_id,cases=zendesk_user_id",
            },
            secrets,
            transport=t(SystemKind.DIRECTORY),
        ),
        orders=shopify.build(
            SystemKind.ORDERS,
            {"base_url": "https://bob-shop.myshopify.com"},
            secrets,
            transport=t(SystemKind.ORDERS),
        ),
        payments=stripe.build(SystemKind.PAYMENTS, {}, secrets, transport=t(SystemKind.PAYMENTS)),
        delivery=easypost.build(SystemKind.DELIVERY, {}, secrets, transport=t(SystemKind.DELIVERY)),
        cases=zendesk.build(
            SystemKind.CASES, {"base_url": "https://acme.zendesk.com"}, secrets, transport=t(SystemKind.CASES)
        ),
    )
    return connectors, rec
