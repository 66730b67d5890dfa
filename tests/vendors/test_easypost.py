"""EasyPost Trackers connector against EasyPost's own recorded responses (VCR cassettes, docs)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
import yaml

from console.connectors.base import DeliveryConnector
from console.connectors.errors import MalformedPayload, NotFound, NotSupported, Refused
from console.connectors.http import RetryPolicy
from console.connectors.vendors import build_connector
from console.connectors.vendors.easypost import (
    NAME,
    EasyPostDelivery,
    build,
    idempotency_key,
    parse_tracker,
)
from console.domain.model import Address, DeliveryStage, SystemKind, SystemRef
from console.domain.query import QueryKind, SearchQuery
from tests.vendors.vendor_data import load_json, path

API_KEY = "EZTK_test_key"


def cassette(name: str) -> list[tuple[str, str, int, str]]:
    """(method, uri, status, body) of each interaction of a recorded cassette."""
    data = yaml.safe_load(path("easypost", "cassettes", f"{name}.yaml").read_text(encoding="utf-8"))
    return [
        (
            i["request"]["method"],
            i["request"]["uri"],
            i["response"]["status"]["code"],
            i["response"]["body"]["string"],
        )
        for i in data["interactions"]
    ]


def body_of(name: str, index: int = 0) -> Any:
    return json.loads(cassette(name)[index][3])


def docs(name: str) -> Any:
    return load_json("easypost", "docs-responses", f"{name}.json")


Handler = Callable[[httpx.Request], httpx.Response]


def connector(handler: Handler, *, carrier: str = "", sleeps: list[float] | None = None) -> EasyPostDelivery:
    async def sleep(delay: float) -> None:
        if sleeps is not None:
            sleeps.append(delay)

    return build(
        SystemKind.DELIVERY,
        {"carrier": carrier} if carrier else {},
        lambda name: API_KEY if name == "delivery" else None,
        transport=httpx.MockTransport(handler),
        sleep=sleep,
        retry=RetryPolicy(max_attempts=3),
    )


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    text = body if isinstance(body, str) else json.dumps(body)
    return httpx.Response(status, text=text, headers={"content-type": "application/json", **(headers or {})})


# ---- mapping of recorded bodies ----------------------------------------------------------------


def test_cassette_create_body_maps_to_packed_shipment() -> None:
    s = parse_tracker(body_of("test_tracker_create"))
    assert s.ref == SystemRef(SystemKind.DELIVERY, "EZ1000000001")
    assert s.carrier == "USPS"
    assert s.stage is DeliveryStage.PACKED  # pre_transit: label created
    assert [e.description for e in s.events] == ["Shipping Label Created", "Pre-Shipment Info Sent to USPS"]
    assert s.events[0].at == datetime(2025, 2, 7, 8, 25, 26, tzinfo=UTC)
    assert s.events[0].location == "HOUSTON, TX 77063"
    assert s.events[1].location == ""
    assert s.estimated_date == date(2025, 3, 6)
    assert s.handed_over_at is None
    assert s.allowed_actions == ()
    assert s.customer.ref == SystemRef(SystemKind.DELIVERY, "")


def test_cassette_retrieve_and_list_bodies_map() -> None:
    s = parse_tracker(body_of("test_tracker_retrieve", 1))
    assert s.tracking_number == "EZ1000000001" and s.stage is DeliveryStage.PACKED
    listed = body_of("test_tracker_all")
    shipments = [parse_tracker(t) for t in listed["trackers"]]
    assert len(shipments) == 5
    assert all(len(x.events) == 2 and x.stage is DeliveryStage.PACKED for x in shipments)
    assert shipments[0].tracking_number == "9400100208303109500782"
    assert all(x.events[0].at >= x.events[1].at for x in shipments)


@pytest.mark.parametrize("name", ["trackers-create", "trackers-retrieve", "trackers-list"])
def test_docs_responses_map(name: str) -> None:
    body = docs(name)
    trackers = body.get("trackers", [body])
    for t in trackers:
        s = parse_tracker(t)
        assert s.tracking_number == "EZ1000000001"
        assert s.carrier == "USPS"
        assert s.stage is DeliveryStage.PACKED
        assert len(s.events) == 2
        assert s.estimated_date == date(2025, 5, 9)


def test_the_documented_webhook_tracker_delivered_with_six_events() -> None:
    """The tracker inside EasyPost's documented `tracker.updated` webhook (UPS, delivered)."""
    event = load_json("easypost", "webhooks", "tracking-webhook.json")
    assert (event["object"], event["description"]) == ("Event", "tracker.updated")
    s = parse_tracker(event["result"])
    assert s.tracking_number == "EZ4000000004"
    assert s.carrier == "UPS"
    assert s.stage is DeliveryStage.DELIVERED
    assert len(s.events) == 6
    # newest first: EasyPost lists details oldest first
    assert [e.description for e in s.events][:2] == ["DELIVERED", "OUT FOR DELIVERY"]
    assert s.events[0].stage is DeliveryStage.DELIVERED
    assert s.events[-1].stage is DeliveryStage.PACKED
    assert s.events[1].location == "SAN FRANCISCO, CA, US"
    assert s.handed_over_at == datetime(2014, 11, 21, 14, 48, tzinfo=UTC)  # first in_transit scan
    assert s.estimated_date == date(2014, 11, 27)


def test_a_tracker_without_its_code_is_malformed_naming_the_field() -> None:
    event = load_json("easypost", "webhooks", "tracking-webhook.json")
    with pytest.raises(MalformedPayload) as exc:
        parse_tracker({**event["result"], "tracking_code": None})
    assert exc.value.field == "tracking_code"


@pytest.mark.parametrize(
    ("status", "detail", "stage"),
    [
        ("unknown", "", DeliveryStage.PACKED),
        ("pre_transit", "label_created", DeliveryStage.PACKED),
        ("pre_transit", "arrived_at_facility", DeliveryStage.HANDED_TO_CARRIER),
        ("in_transit", "arrived_at_facility", DeliveryStage.IN_TRANSIT),
        ("in_transit", "address_not_found", DeliveryStage.EXCEPTION),
        ("out_for_delivery", "", DeliveryStage.OUT_FOR_DELIVERY),
        ("delivered", "arrived_at_destination", DeliveryStage.DELIVERED),
        ("available_for_pickup", "", DeliveryStage.READY_FOR_PICKUP),
        ("return_to_sender", "", DeliveryStage.RETURNED_TO_SENDER),
        ("failure", "", DeliveryStage.EXCEPTION),
        ("error", "", DeliveryStage.EXCEPTION),
        ("cancelled", "", DeliveryStage.EXCEPTION),
    ],
)
def test_status_mapping(status: str, detail: str, stage: DeliveryStage) -> None:
    body = {**body_of("test_tracker_create"), "status": status, "status_detail": detail}
    assert parse_tracker(body).stage is stage


def test_malformed_and_unknown_fields() -> None:
    good = body_of("test_tracker_create")
    missing = {k: v for k, v in good.items() if k != "tracking_code"}
    with pytest.raises(MalformedPayload) as exc:
        parse_tracker(missing)
    assert exc.value.field == "tracking_code"
    with pytest.raises(MalformedPayload) as exc:
        parse_tracker({k: v for k, v in good.items() if k != "status"})
    assert exc.value.field == "status"
    details = [
        dict(good["tracking_details"][0]),
        {k: v for k, v in good["tracking_details"][1].items() if k != "datetime"},
    ]
    with pytest.raises(MalformedPayload) as exc:
        parse_tracker({**good, "tracking_details": details})
    assert exc.value.field == "tracking_details[1].datetime"
    extra = {
        **good,
        "brand_new_field": {"x": 1},
        "tracking_details": [{**d, "zzz": 1} for d in good["tracking_details"]],
    }
    assert parse_tracker(extra) == parse_tracker(good)


# ---- requests ----------------------------------------------------------------------------------


def basic(key: str) -> str:
    return "Basic " + base64.b64encode(f"{key}:".encode()).decode()


@pytest.mark.asyncio
async def test_search_lists_by_tracking_code_with_basic_auth() -> None:
    seen: list[httpx.Request] = []
    listed = body_of("test_tracker_all")

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return json_response(200, {"trackers": listed["trackers"][:1], "has_more": False})

    c = connector(handler)
    assert isinstance(c, DeliveryConnector)
    result = await c.search(SearchQuery(QueryKind.TRACKING, "9400100208303109500782"))
    assert [s.tracking_number for s in result] == ["9400100208303109500782"]
    (req,) = seen
    assert req.method == "GET"
    assert req.url.path == "/v2/trackers"
    assert dict(req.url.params) == {"tracking_code": "9400100208303109500782"}
    assert req.headers["authorization"] == basic(API_KEY)
    assert await c.search(SearchQuery(QueryKind.EMAIL, "a@b.c")) == []
    assert c.supports(QueryKind.TRACKING) and not c.supports(QueryKind.EMAIL)
    await c.aclose()


@pytest.mark.asyncio
async def test_unknown_code_creates_tracker_with_stable_key_across_503() -> None:
    seen: list[httpx.Request] = []
    posts = 0
    created = cassette("test_tracker_create")[0][3]

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal posts
        seen.append(request)
        if request.method == "GET":
            return json_response(200, {"trackers": [], "has_more": False})
        posts += 1
        if posts == 1:
            return json_response(503, {"error": {"code": "SERVICE.UNAVAILABLE", "message": "try later"}})
        return json_response(200, created)

    c = connector(handler, carrier="USPS")
    s = await c.shipment("EZ1000000001")
    assert s.tracking_number == "EZ1000000001" and s.stage is DeliveryStage.PACKED
    post_reqs = [r for r in seen if r.method == "POST"]
    assert len(post_reqs) == 2
    for r in post_reqs:
        assert r.url.path == "/v2/trackers"
        assert json.loads(r.content) == {"tracker": {"tracking_code": "EZ1000000001", "carrier": "USPS"}}
        assert r.headers["authorization"] == basic(API_KEY)
    keys = {r.headers["idempotency-key"] for r in post_reqs}
    assert keys == {idempotency_key("EZ1000000001", "USPS")}
    await c.aclose()


@pytest.mark.asyncio
async def test_rate_limit_honours_retry_after() -> None:
    sleeps: list[float] = []
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            return json_response(
                429, {"error": {"code": "RATE_LIMITED", "message": "slow"}}, {"Retry-After": "7"}
            )
        return json_response(200, {"trackers": [body_of("test_tracker_create")], "has_more": False})

    c = connector(handler, sleeps=sleeps)
    (s,) = await c.search(SearchQuery(QueryKind.TRACKING, "EZ1000000001"))
    assert sleeps == [7.0]
    assert s.carrier == "USPS"
    await c.aclose()


@pytest.mark.asyncio
async def test_error_envelope_is_refused_with_easypost_message() -> None:
    method, _, status, body = cassette("test_error")[0]
    assert (method, status) == ("POST", 422)

    def handler(request: httpx.Request) -> httpx.Response:
        return json_response(status, body)

    c = connector(handler)
    with pytest.raises(Refused) as exc:
        await c.http.post_json("/shipments", {"shipment": {}}, key="k")
    assert exc.value.kind == "parameter.required"
    assert exc.value.message == "Missing required parameter."
    await c.aclose()


@pytest.mark.asyncio
async def test_refused_creation_means_not_found() -> None:
    _, _, status, body = cassette("test_error")[0]

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return json_response(200, {"trackers": [], "has_more": False})
        return json_response(status, body)

    c = connector(handler)
    with pytest.raises(NotFound) as exc:
        await c.shipment("NOPE")
    assert "Missing required parameter." in exc.value.message
    assert await c.search(SearchQuery(QueryKind.TRACKING, "NOPE")) == []
    await c.aclose()


@pytest.mark.asyncio
async def test_health_reads_one_tracker() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return json_response(200, json.loads(cassette("test_tracker_all")[0][3]))

    c = connector(handler)
    h = await c.health()
    assert h.ok
    assert seen[0].url.path == "/v2/trackers" and dict(seen[0].url.params) == {"page_size": "1"}
    await c.aclose()


@pytest.mark.asyncio
async def test_no_actions_and_no_customers() -> None:
    c = connector(lambda r: json_response(500, {}), carrier="UPS")
    assert c.capabilities() == frozenset()
    assert (await c.customer_shipments("anyone")).items == ()
    address = Address("A", "1 Main St", "94107", "San Francisco", "US")
    with pytest.raises(NotSupported) as exc:
        await c.reroute("EZ4000000004", address, key="k")
    assert NAME in exc.value.message and "UPS" in exc.value.message
    with pytest.raises(NotSupported):
        await c.redirect_to_store("EZ4000000004", "012", key="k")
    with pytest.raises(NotSupported):
        await c.reschedule("EZ4000000004", date(2025, 1, 1), key="k")
    with pytest.raises(NotSupported):
        await c.intercept("EZ4000000004", "fraud", key="k")
    await c.aclose()


@pytest.mark.asyncio
async def test_registered_as_vendor() -> None:
    c = build_connector("easypost", SystemKind.DELIVERY, {}, lambda _n: None)
    assert isinstance(c, EasyPostDelivery)
    assert str(c.http.client.base_url).rstrip("/") == "https://api.easypost.com/v2"
    await c.aclose()
