"""HubSpot directory connector against payloads modelled on HubSpot's documentation.

HubSpot publishes no openly licensed sample payloads (nothing under `../shared/vendor/`), so the
payloads here are built by hand from the response shape shown in HubSpot's CRM search docs
(https://developers.hubspot.com/docs/api/crm/search): `{"total", "results": [{"id",
"properties": {...strings or null...}, "createdAt", "updatedAt", "archived"}], "paging":
{"next": {"after", "link"}}}`. Property values beyond the docs' example (phones, the custom
tier/flags/id properties) are ours and marked where added.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from console.connectors.errors import MalformedPayload, NotFound, RateLimited, Refused
from console.connectors.http import RetryPolicy
from console.connectors.vendors import build_connector
from console.connectors.vendors.hubspot import MAX_PAGES, HubSpotDirectory, build
from console.domain.model import SystemKind, SystemRef
from console.domain.query import QueryKind, SearchQuery

ID_PROPS = "orders=shopify_customer_id,payments=stripe_customer_id,cases=zendesk_user_id"


def contact(id_: str = "512", **props: Any) -> dict[str, Any]:
    """One result as in HubSpot's search docs example; `props` adds/overrides properties."""
    base = {
        "createdate": "2019-10-30T03:30:17.883Z",
        "email": "Ana.Reyes@example.com",
        "firstname": "Ana",
        "hs_object_id": id_,
        "lastmodifieddate": "2019-12-07T16:50:06.678Z",
        "lastname": "Reyes",
    }
    base.update(props)
    return {
        "id": id_,
        "properties": base,
        "createdAt": "2019-10-30T03:30:17.883Z",
        "updatedAt": "2019-12-07T16:50:06.678Z",
        "archived": False,
    }


def results(*contacts: dict[str, Any], after: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"total": len(contacts), "results": list(contacts)}
    if after is not None:
        body["paging"] = {
            "next": {
                "after": after,
                "link": f"https://api.hubapi.com/crm/v3/objects/contacts/search?after={after}",
            }
        }
    return body


class Recorder:
    def __init__(self, handler: Any) -> None:
        self.handler = handler
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.handler(request)

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(r.content) for r in self.requests]


def connector(rec: Recorder, **config: str) -> HubSpotDirectory:
    secrets = {"directory": "pat-na1-test-token"}
    return build(
        SystemKind.DIRECTORY,
        {"id_properties": ID_PROPS, **config},
        secrets.get,
        transport=httpx.MockTransport(rec),
        sleep=rec.sleep,
        retry=RetryPolicy(max_attempts=3, base_delay_s=0.01),
    )


@pytest.mark.asyncio
async def test_email_search_posts_a_lowercased_eq_filter_with_bearer_token() -> None:
    rec = Recorder(lambda r: httpx.Response(200, json=results(contact())))
    hs = connector(rec)
    (found,) = await hs.search(SearchQuery(QueryKind.EMAIL, " Ana.Reyes@Example.COM "))
    await hs.aclose()
    assert found.ref == SystemRef(SystemKind.DIRECTORY, "512")
    (req,) = rec.requests
    assert (req.method, req.url.host, req.url.path) == (
        "POST",
        "api.hubapi.com",
        "/crm/v3/objects/contacts/search",
    )
    assert req.headers["authorization"] == "Bearer pat-na1-test-token"
    assert "idempotency-key" not in req.headers
    body = json.loads(req.content)
    assert body["filterGroups"] == [
        {"filters": [{"propertyName": "email", "operator": "EQ", "value": "ana.reyes@example.com"}]}
    ]
    assert body["limit"] == 100
    assert "after" not in body
    for prop in (
        "email",
        "firstname",
        "lastname",
        "phone",
        "mobilephone",
        "hs_additional_emails",
        "onepane_tier",
        "hs_language",
        "onepane_flags",
        "shopify_customer_id",
        "stripe_customer_id",
        "zendesk_user_id",
    ):
        assert prop in body["properties"]


@pytest.mark.asyncio
async def test_phone_search_ors_phone_and_mobilephone() -> None:
    rec = Recorder(lambda r: httpx.Response(200, json=results()))
    hs = connector(rec)
    assert await hs.search(SearchQuery(QueryKind.PHONE, "+34600111222")) == []
    await hs.aclose()
    assert rec.bodies()[0]["filterGroups"] == [
        {"filters": [{"propertyName": "phone", "operator": "EQ", "value": "+34600111222"}]},
        {"filters": [{"propertyName": "mobilephone", "operator": "EQ", "value": "+34600111222"}]},
    ]


@pytest.mark.asyncio
async def test_phone_variants_stay_within_five_filter_groups() -> None:
    rec = Recorder(lambda r: httpx.Response(200, json=results()))
    hs = connector(rec)
    await hs.search(SearchQuery(QueryKind.PHONE, "+34600111222", variants=("600111222", "600 11 12 22")))
    await hs.aclose()
    groups = rec.bodies()[0]["filterGroups"]
    assert len(groups) == 5
    assert groups[2]["filters"][0] == {"propertyName": "phone", "operator": "EQ", "value": "600111222"}


@pytest.mark.asyncio
async def test_name_search_uses_full_text_query() -> None:
    rec = Recorder(lambda r: httpx.Response(200, json=results(contact())))
    hs = connector(rec)
    await hs.search(SearchQuery(QueryKind.NAME, "Tomás Reyes"))
    await hs.aclose()
    body = rec.bodies()[0]
    assert body["query"] == "Tomás Reyes"
    assert "filterGroups" not in body


@pytest.mark.asyncio
async def test_mapping_names_emails_phones_ids_flags_and_created_at() -> None:
    c = contact(
        # ours, beyond the docs' example:
        hs_additional_emails="ana@work.example;ana.reyes@example.com; ",
        phone="+34600111222",
        mobilephone="+34600999888",
        onepane_tier="gold",
        hs_language="es",
        onepane_flags="vip;fraud_watch",
        shopify_customer_id="7208532164791",
        stripe_customer_id="cus_QXg1o8vcGmoR32",
        zendesk_user_id=None,
        some_portal_property="ignored",  # unknown properties are tolerated
    )
    c["unknownTopLevel"] = {"x": 1}
    rec = Recorder(lambda r: httpx.Response(200, json=results(c)))
    hs = connector(rec)
    (p,) = await hs.search(SearchQuery(QueryKind.EMAIL, "ana.reyes@example.com"))
    await hs.aclose()
    assert p.name == "Ana Reyes"
    assert p.emails == ("Ana.Reyes@example.com", "ana@work.example")  # duplicates folded
    assert p.phones == ("+34600111222", "+34600999888")
    assert (p.tier, p.language, p.flags) == ("gold", "es", ("vip", "fraud_watch"))
    assert p.external_ids == (
        SystemRef(SystemKind.ORDERS, "7208532164791"),
        SystemRef(SystemKind.PAYMENTS, "cus_QXg1o8vcGmoR32"),
    )
    assert p.created_at == datetime(2019, 10, 30, 3, 30, 17, 883000, tzinfo=UTC)


@pytest.mark.asyncio
async def test_name_falls_back_to_email_and_nulls_are_empty() -> None:
    c = contact(firstname=None, lastname=None, phone=None)
    rec = Recorder(lambda r: httpx.Response(200, json=results(c)))
    hs = connector(rec)
    (p,) = await hs.search(SearchQuery(QueryKind.EMAIL, "ana.reyes@example.com"))
    await hs.aclose()
    assert p.name == "Ana.Reyes@example.com"
    assert (p.phones, p.tier, p.flags, p.external_ids) == ((), "", (), ())


@pytest.mark.asyncio
async def test_paging_follows_after_and_stops_at_the_cap() -> None:
    n = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal n
        n += 1
        return httpx.Response(200, json=results(contact(str(n)), after=str(n * 100)))

    rec = Recorder(handler)
    hs = connector(rec)
    found = await hs.search(SearchQuery(QueryKind.NAME, "Reyes"))
    await hs.aclose()
    assert len(rec.requests) == MAX_PAGES == 3
    assert [p.ref.id for p in found] == ["1", "2", "3"]
    assert [b.get("after") for b in rec.bodies()] == [None, "100", "200"]


@pytest.mark.asyncio
async def test_paging_stops_when_paging_is_missing() -> None:
    pages = [results(contact("1"), after="1"), results(contact("2"))]
    rec = Recorder(lambda r: httpx.Response(200, json=pages[len(rec.requests) - 1]))
    hs = connector(rec)
    found = await hs.search(SearchQuery(QueryKind.NAME, "Reyes"))
    await hs.aclose()
    assert [p.ref.id for p in found] == ["1", "2"]
    assert len(rec.requests) == 2


RATE_LIMIT_BODY = {
    "status": "error",
    "message": "You have reached your secondly limit.",
    "errorType": "RATE_LIMIT",
    "policyName": "SECONDLY",
}


@pytest.mark.asyncio
async def test_429_with_retry_after_then_200_is_retried_after_the_delay() -> None:
    answers = [
        httpx.Response(429, headers={"Retry-After": "2"}, json=RATE_LIMIT_BODY),
        httpx.Response(200, json=results(contact())),
    ]
    rec = Recorder(lambda r: answers[len(rec.requests) - 1])
    hs = connector(rec)
    (p,) = await hs.search(SearchQuery(QueryKind.EMAIL, "ana.reyes@example.com"))
    await hs.aclose()
    assert p.ref.id == "512"
    assert rec.sleeps == [2.0]
    assert rec.bodies()[0] == rec.bodies()[1]


@pytest.mark.asyncio
async def test_repeated_429_raises_rate_limited_after_bounded_tries() -> None:
    # No Retry-After: capped exponential backoff with jitter between the bounded attempts.
    rec = Recorder(lambda r: httpx.Response(429, json=RATE_LIMIT_BODY))
    hs = connector(rec)
    with pytest.raises(RateLimited):
        await hs.search(SearchQuery(QueryKind.EMAIL, "ana.reyes@example.com"))
    await hs.aclose()
    attempts = hs.http.retry.max_attempts
    assert len(rec.requests) == attempts
    assert len(rec.sleeps) == attempts - 1
    assert all(0 <= s <= hs.http.retry.max_delay_s for s in rec.sleeps)


@pytest.mark.asyncio
async def test_result_without_id_is_malformed_naming_the_field() -> None:
    broken = contact()
    del broken["id"]
    rec = Recorder(lambda r: httpx.Response(200, json=results(broken)))
    hs = connector(rec)
    with pytest.raises(MalformedPayload) as info:
        await hs.search(SearchQuery(QueryKind.EMAIL, "ana.reyes@example.com"))
    await hs.aclose()
    assert info.value.field == "results[0].id"


@pytest.mark.asyncio
async def test_result_without_properties_is_malformed() -> None:
    broken = contact()
    del broken["properties"]
    rec = Recorder(lambda r: httpx.Response(200, json=results(broken)))
    hs = connector(rec)
    with pytest.raises(MalformedPayload) as info:
        await hs.search(SearchQuery(QueryKind.NAME, "Ana"))
    await hs.aclose()
    assert info.value.field == "results[0].properties"


@pytest.mark.asyncio
async def test_customer_gets_the_object_with_its_properties() -> None:
    rec = Recorder(lambda r: httpx.Response(200, json=contact("512", onepane_tier="silver")))
    hs = connector(rec)
    p = await hs.customer("512")
    await hs.aclose()
    assert (p.ref.id, p.tier) == ("512", "silver")
    (req,) = rec.requests
    assert (req.method, req.url.path) == ("GET", "/crm/v3/objects/contacts/512")
    props = parse_qs(req.url.query.decode())["properties"][0].split(",")
    assert {"email", "firstname", "lastname", "onepane_tier", "stripe_customer_id"} <= set(props)


NOT_FOUND_BODY = {
    "status": "error",
    "message": "Object not found.  objectId are usually numeric.",
    "correlationId": "9a8b7c6d-0000-0000-0000-000000000000",
    "category": "OBJECT_NOT_FOUND",
}


@pytest.mark.asyncio
async def test_customer_404_is_not_found_and_customer_id_search_is_empty() -> None:
    rec = Recorder(lambda r: httpx.Response(404, json=NOT_FOUND_BODY))
    hs = connector(rec)
    with pytest.raises(NotFound):
        await hs.customer("999")
    assert await hs.search(SearchQuery(QueryKind.CUSTOMER_ID, "999")) == []
    await hs.aclose()
    assert len(rec.requests) == 2  # a 404 is final, never retried


@pytest.mark.asyncio
async def test_validation_error_is_refused_with_hubspot_category() -> None:
    body = {"status": "error", "message": "Invalid input JSON", "category": "VALIDATION_ERROR"}
    rec = Recorder(lambda r: httpx.Response(400, json=body))
    hs = connector(rec)
    with pytest.raises(Refused) as info:
        await hs.search(SearchQuery(QueryKind.NAME, "Ana"))
    await hs.aclose()
    assert (info.value.kind, info.value.message) == ("validation-error", "Invalid input JSON")
    assert len(rec.requests) == 1


@pytest.mark.asyncio
async def test_health_lists_one_contact() -> None:
    rec = Recorder(lambda r: httpx.Response(200, json={"results": [contact()]}))
    hs = connector(rec)
    health = await hs.health()
    await hs.aclose()
    assert health.ok
    (req,) = rec.requests
    assert (req.method, req.url.path, parse_qs(req.url.query.decode())) == (
        "GET",
        "/crm/v3/objects/contacts",
        {"limit": ["1"]},
    )


@pytest.mark.asyncio
async def test_supported_kinds() -> None:
    hs = build(SystemKind.DIRECTORY, {}, {}.get)
    assert all(
        hs.supports(k) for k in (QueryKind.EMAIL, QueryKind.PHONE, QueryKind.NAME, QueryKind.CUSTOMER_ID)
    )
    assert not hs.supports(QueryKind.ORDER)
    await hs.aclose()


def test_bad_id_properties_are_rejected_at_build() -> None:
    with pytest.raises(ValueError, match="id_properties"):
        build(SystemKind.DIRECTORY, {"id_properties": "crm=foo"}, {}.get)


@pytest.mark.asyncio
async def test_build_connector_selects_hubspot() -> None:
    hs = build_connector("hubspot", SystemKind.DIRECTORY, {}, {}.get)
    assert isinstance(hs, HubSpotDirectory)
    assert str(hs.http.client.base_url).rstrip("/") == "https://api.hubapi.com"
    await hs.aclose()
