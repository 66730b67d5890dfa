"""Shopify orders connector against a Shopify that speaks Shopify's own Admin GraphQL schema.

Every document and variable set the connector sends is validated against the 2025-01 schema in
`../shared/vendor/shopify/` (plus the `@idempotent` directive, see shopify_fake.py); answers are
executed over Shopify's REST sample order #1001 (Bob Norman, three iPod lines, parcel 1Z2345).
"""

from __future__ import annotations

import json
from decimal import Decimal

import httpx
import pytest

from console.connectors.errors import MalformedPayload, NotSupported, RateLimited
from console.connectors.http import RetryPolicy
from console.connectors.vendors import build_connector
from console.connectors.vendors.shopify import ShopifyOrders, build
from console.domain.model import Channel, OrderStatus, SystemKind
from console.domain.money import Money
from console.domain.query import QueryKind, SearchQuery
from tests.vendors.shopify_fake import ShopifyFake, check_document, sample_order


def connector(fake: ShopifyFake, **config: str) -> ShopifyOrders:
    return build(
        SystemKind.ORDERS,
        {"base_url": "https://onepane-demo.myshopify.com", **config},
        {"orders": "shpat_test_token"}.get,
        transport=httpx.MockTransport(fake),
        sleep=fake.sleep,
        retry=RetryPolicy(max_attempts=4, base_delay_s=0.01),
    )


@pytest.mark.asyncio
async def test_search_by_email_reads_the_sample_order_with_lines_and_tracking() -> None:
    fake = ShopifyFake()
    shop = connector(fake)
    (order,) = await shop.search(SearchQuery(QueryKind.EMAIL, "bob.norman@hostmail.com"))
    await shop.aclose()
    assert order.number == "#1001"
    assert order.total == Money(Decimal("409.94"), "USD")
    assert order.channel is Channel.WEB
    assert order.status is OrderStatus.OPEN  # authorized, not fulfilled
    assert [line.sku for line in order.lines] == ["IPOD2008GREEN", "IPOD2008RED", "IPOD2008BLACK"]
    assert order.lines[0].unit_price == Money(Decimal("199.00"), "USD")
    assert order.lines[0].id == "gid://shopify/LineItem/466157049"
    assert order.tracking_numbers == ("1Z2345",)
    assert (order.customer.ref.id, order.customer.name, order.customer.email) == (
        "207119551",
        "Bob Norman",
        "bob.norman@hostmail.com",
    )
    (req,) = fake.requests
    assert (req.method, req.url.path) == ("POST", "/admin/api/2026-10/graphql.json")
    assert req.headers["x-shopify-access-token"] == "shpat_test_token"
    assert "authorization" not in req.headers
    assert json.loads(req.content)["variables"]["query"] == 'email:"bob.norman@hostmail.com"'


@pytest.mark.asyncio
async def test_the_api_version_is_a_setting() -> None:
    fake = ShopifyFake()
    shop = connector(fake, api_version="2026-01")
    await shop.order("#1001")
    await shop.aclose()
    assert fake.requests[0].url.path == "/admin/api/2026-01/graphql.json"


@pytest.mark.asyncio
async def test_order_name_with_or_without_the_hash() -> None:
    fake = ShopifyFake()
    shop = connector(fake)
    assert [o.number for o in await shop.search(SearchQuery(QueryKind.ORDER, "1001"))] == ["#1001"]
    assert [o.number for o in await shop.search(SearchQuery(QueryKind.ORDER, "#1002"))] == []
    await shop.aclose()


@pytest.mark.asyncio
async def test_phone_goes_through_a_customer_search_first() -> None:
    order = sample_order()
    order["customer"]["phone"] = "+15556251199"  # the REST sample's customer has no phone
    fake = ShopifyFake([order])
    shop = connector(fake)
    (found,) = await shop.search(SearchQuery(QueryKind.PHONE, "+15556251199"))
    await shop.aclose()
    assert found.number == "#1001"
    first, second = (json.loads(r.content) for r in fake.requests)
    assert first["query"].lstrip().startswith("query Customers")
    assert first["variables"]["query"] == 'phone:"+15556251199"'
    assert second["variables"]["query"] == "customer_id:207119551"


@pytest.mark.asyncio
async def test_customer_orders_page_with_the_end_cursor() -> None:
    orders = [sample_order(id=450789469 + i, name=f"#{1001 + i}") for i in range(25)]
    fake = ShopifyFake(orders)
    shop = connector(fake)
    first = await shop.customer_orders("207119551")
    second = await shop.customer_orders("207119551", first.next_cursor)
    await shop.aclose()
    assert (len(first.items), first.next_cursor, len(second.items), second.next_cursor) == (20, "20", 5, None)
    assert json.loads(fake.requests[1].content)["variables"]["after"] == "20"


@pytest.mark.asyncio
async def test_cancel_follows_the_job_then_reads_the_order_back() -> None:
    fake = ShopifyFake(job_polls_needed=3)
    shop = connector(fake)
    order = await shop.cancel("#1001", None, "customer", key="act-9:0")
    again = await shop.cancel("#1001", None, "customer", key="act-9:0")  # a resumed action
    await shop.aclose()
    assert order.status is OrderStatus.CANCELLED
    assert again.status is OrderStatus.CANCELLED
    assert fake.cancel_args["orderId"] == "gid://shopify/Order/450789469"
    assert (fake.cancel_args["reason"], fake.cancel_args["restock"], fake.cancel_args["refund"]) == (
        "CUSTOMER",
        True,
        False,
    )
    assert len(fake.jobs) == 1  # the second call saw the order cancelled and sent nothing
    polls = [d for d, _ in fake.documents if d.lstrip().startswith("query Job")]
    assert len(polls) == 3


@pytest.mark.asyncio
async def test_partial_cancel_is_said_in_words() -> None:
    fake = ShopifyFake()
    shop = connector(fake)
    with pytest.raises(NotSupported, match="whole orders"):
        await shop.cancel("#1001", ["gid://shopify/LineItem/466157049"], "customer", key="k")
    await shop.aclose()
    assert fake.requests == []


@pytest.mark.asyncio
async def test_a_return_is_a_line_item_refund_with_restock_and_the_idempotent_directive() -> None:
    fake = ShopifyFake()
    shop = connector(fake)
    lines = [("gid://shopify/LineItem/466157049", 1)]
    receipt = await shop.accept_return(
        "#1001",
        lines,
        store_id="gid://shopify/Location/1",
        reason="too small",
        resolution="refund",
        key="ret-1",
    )
    replay = await shop.accept_return(
        "#1001",
        lines,
        store_id="gid://shopify/Location/1",
        reason="too small",
        resolution="refund",
        key="ret-1",
    )
    await shop.aclose()
    assert receipt.id == replay.id == "gid://shopify/Refund/900"
    assert receipt.lines == (("gid://shopify/LineItem/466157049", 1),)
    call = fake.refund_calls[0]
    assert call["key"] == "ret-1"
    (item,) = call["input"]["refundLineItems"]
    assert item == {
        "lineItemId": "gid://shopify/LineItem/466157049",
        "quantity": 1,
        "restockType": "RETURN",
        "locationId": "gid://shopify/Location/1",
    }
    assert "transactions" not in call["input"]  # money goes back through the payments system
    mutation = next(d for d, _ in fake.documents if "refundCreate" in d)
    assert "@idempotent(key: $idempotencyKey)" in mutation


def test_the_schema_check_catches_a_field_shopify_does_not_have() -> None:
    assert check_document("{ orders(first: 1) { nodes { id frobnicate } } }", {})
    # ...and refundCreate without our declared directive would not validate either way round:
    assert (
        check_document(
            'mutation { refundCreate(input: {orderId: "1"}) @idempotent(key: "k") { refund { id } } }', {}
        )
        == []
    )
    assert check_document(
        'mutation { refundCreate(input: {orderId: "1"}) @idempotent { refund { id } } }', {}
    )


@pytest.mark.asyncio
async def test_throttled_answers_are_retried_after_the_bucket_refills() -> None:
    fake = ShopifyFake()
    throttled = {
        "errors": [
            {
                "message": "Throttled",
                "extensions": {
                    "code": "THROTTLED",
                    "documentation": "https://shopify.dev/api/usage/rate-limits",
                },
            }
        ],
        "extensions": {
            "cost": {
                "requestedQueryCost": 202,
                "actualQueryCost": None,
                "throttleStatus": {"maximumAvailable": 1000.0, "currentlyAvailable": 2, "restoreRate": 50.0},
            }
        },
    }
    fake.script = [lambda r: httpx.Response(200, json=throttled)]
    shop = connector(fake)
    await shop.order("#1001")
    await shop.aclose()
    assert len(fake.requests) == 2
    assert fake.sleeps == [pytest.approx(4.0)]  # (202 - 2) / 50 points per second


@pytest.mark.asyncio
async def test_it_slows_down_before_being_throttled() -> None:
    fake = ShopifyFake()
    fake.available = 20.0  # the first answer will report 8 points left, the query costs 12
    shop = connector(fake)
    await shop.order("#1001")
    assert fake.sleeps == []
    await shop.order("#1001")
    await shop.aclose()
    assert len(fake.sleeps) == 1 and 0.0 < fake.sleeps[0] <= 0.08 + 1e-6  # (12 - 8) / 50


@pytest.mark.asyncio
async def test_still_throttled_after_the_retries_is_rate_limited_not_a_crash() -> None:
    fake = ShopifyFake()
    throttled = {"errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED"}}]}
    fake.script = [lambda r: httpx.Response(200, json=throttled)] * 10
    shop = connector(fake)
    with pytest.raises(RateLimited):
        await shop.order("#1001")
    await shop.aclose()
    assert len(fake.requests) == 4


@pytest.mark.asyncio
async def test_missing_required_fields_are_named_and_unknown_ones_tolerated() -> None:
    fake = ShopifyFake()
    body = {
        "data": {
            "orders": {
                "nodes": [
                    {"id": "gid://shopify/Order/1", "createdAt": "2026-11-01T10:00:00Z", "brandNew": 1}
                ],
                "pageInfo": {"hasNextPage": False, "endCursor": None},
            }
        }
    }
    fake.script = [lambda r: httpx.Response(200, json=body)]
    shop = connector(fake)
    with pytest.raises(MalformedPayload) as err:
        await shop.search(SearchQuery(QueryKind.EMAIL, "bob.norman@hostmail.com"))
    await shop.aclose()
    assert err.value.field == "data.orders.nodes[0].name"


def test_the_settings_kind_selects_this_connector() -> None:
    built = build_connector(
        "shopify",
        SystemKind.ORDERS,
        {"base_url": "https://x.myshopify.com", "api_version": "2026-07"},
        {}.get,
    )
    assert isinstance(built, ShopifyOrders)
    assert built.path == "/admin/api/2026-07/graphql.json"


@pytest.mark.asyncio
async def test_health_is_a_cheap_valid_query_and_a_denied_token_is_said_in_words() -> None:
    fake = ShopifyFake()
    shop = connector(fake)
    healthy = await shop.health()
    fake.script = [
        lambda r: httpx.Response(
            200,
            json={
                "errors": [
                    {"message": "Access denied for orders field.", "extensions": {"code": "ACCESS_DENIED"}}
                ]
            },
        )
    ]
    denied = await shop.health()
    await shop.aclose()
    assert healthy.ok and healthy.system is SystemKind.ORDERS
    assert not denied.ok and "Access denied" in denied.detail
