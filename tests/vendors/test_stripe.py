"""Stripe connector over Stripe's own API fixtures, every request checked against Stripe's spec.

Payloads: `../shared/vendor/stripe/fixtures3.payments-subset.json` (the sample objects Stripe's
docs and stripe-mock serve). Where a scenario needs a value the sample leaves null (a customer,
an order number in metadata), the test sets that one field on a copy and says so.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from console.connectors.errors import (
    MalformedPayload,
    NotSupported,
    Refused,
    SystemUnavailable,
)
from console.connectors.http import RetryPolicy
from console.connectors.vendors import build_connector
from console.connectors.vendors.stripe import StripePayments, build
from console.domain.model import PaymentStatus, SystemKind, TenderKind
from console.domain.money import Money
from console.domain.query import QueryKind, SearchQuery
from tests.vendors.stripe_spec import validate
from tests.vendors.vendor_data import load_json


def fixture(name: str) -> dict[str, Any]:
    return copy.deepcopy(load_json("stripe", "fixtures3.payments-subset.json")["resources"][name])


def listing(*objects: dict[str, Any], has_more: bool = False, url: str = "/v1/charges") -> dict[str, Any]:
    return {"object": "list", "data": list(objects), "has_more": has_more, "url": url}


def charge(**changes: Any) -> dict[str, Any]:
    c = fixture("charge")
    c.update(changes)
    return c


class Recorder:
    """A scripted Stripe: each request is checked against the spec, then answered by `handler`."""

    def __init__(self, handler: Any) -> None:
        self.handler = handler
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        validate(request)
        self.requests.append(request)
        return self.handler(request)

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)


def connector(recorder: Recorder, **config: str) -> StripePayments:
    secrets = {"payments": "rk_test_restricted"}
    return build(
        SystemKind.PAYMENTS,
        {"base_url": "https://api.stripe.com", **config},
        secrets.get,
        transport=httpx.MockTransport(recorder),
        sleep=recorder.sleep,
        retry=RetryPolicy(max_attempts=4, base_delay_s=0.01),
    )


@pytest.mark.asyncio
async def test_the_fixture_charge_becomes_a_payment_with_only_brand_and_last_four() -> None:
    rec = Recorder(lambda r: httpx.Response(200, json=charge()))
    stripe = connector(rec)
    payment = await stripe.payment("ch_1PgafuB7WZ01zgkWXYmPNZs8")
    await stripe.aclose()
    assert payment.ref.id == "ch_1PgafuB7WZ01zgkWXYmPNZs8"
    assert payment.amount == Money(Decimal("1.00"), "USD")  # 100 minor units of usd
    assert payment.status is PaymentStatus.AUTHORIZED  # the sample is not captured
    (tender,) = payment.tenders
    assert (tender.kind, tender.brand, tender.last4, tender.bin) == (TenderKind.CARD, "visa", "4242", "")
    assert payment.customer.name == "Jenny Rosen"
    # The request: GET the charge with its refunds expanded, the restricted key as bearer,
    # the pinned API version.
    (req,) = rec.requests
    assert (req.method, req.url.path) == ("GET", "/v1/charges/ch_1PgafuB7WZ01zgkWXYmPNZs8")
    assert parse_qs(req.url.query.decode()) == {"expand[]": ["refunds"]}
    assert req.headers["authorization"] == "Bearer rk_test_restricted"
    assert req.headers["stripe-version"] == "2024-06-20"


@pytest.mark.parametrize(
    ("currency", "minor", "expected"),
    [("jpy", 1500, Decimal("1500")), ("eur", 21450, Decimal("214.50")), ("kwd", 12345, Decimal("12.345"))],
)
@pytest.mark.asyncio
async def test_minor_units_become_decimal_by_the_currency_exponent(
    currency: str, minor: int, expected: Decimal
) -> None:
    captured = charge(currency=currency, amount=minor, amount_captured=minor, captured=True)
    rec = Recorder(lambda r: httpx.Response(200, json=captured))
    stripe = connector(rec)
    payment = await stripe.payment("ch_1")
    await stripe.aclose()
    assert payment.amount.amount == expected
    assert isinstance(payment.amount.amount, Decimal)
    assert payment.amount.currency == currency.upper()
    assert payment.status is PaymentStatus.CAPTURED


@pytest.mark.asyncio
async def test_refunded_amounts_and_the_refund_list() -> None:
    refund = fixture("refund")  # 100 usd against the fixture charge
    c = charge(captured=True, amount=300, amount_refunded=100, refunds=listing(refund, url="/v1/refunds"))
    rec = Recorder(lambda r: httpx.Response(200, json=c))
    stripe = connector(rec)
    payment = await stripe.payment("ch_1PgafuB7WZ01zgkWXYmPNZs8")
    await stripe.aclose()
    assert payment.status is PaymentStatus.PARTIALLY_REFUNDED
    assert [r.id for r in payment.refunds] == ["re_1Pgc72B7WZ01zgkWqPvrRrPE"]
    assert payment.refundable == Money(Decimal("2.00"), "USD")
    assert payment.tenders[0].refunded == Money(Decimal("1.00"), "USD")


@pytest.mark.asyncio
async def test_search_by_email_lists_customers_then_their_charges() -> None:
    customer = fixture("customer")
    customer["email"] = "jenny.rosen@example.com"  # the sample's e-mail is null
    owned = charge(customer=customer["id"], captured=True)

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/customers":
            return httpx.Response(200, json=listing(customer, url="/v1/customers"))
        return httpx.Response(200, json=listing(owned))

    rec = Recorder(handler)
    stripe = connector(rec)
    found = await stripe.search(SearchQuery(QueryKind.EMAIL, "jenny.rosen@example.com"))
    await stripe.aclose()
    assert [p.customer.ref.id for p in found] == ["cus_QXg1o8vcGmoR32"]
    first, second = rec.requests
    assert (first.url.path, parse_qs(first.url.query.decode())["email"]) == (
        "/v1/customers",
        ["jenny.rosen@example.com"],
    )
    assert parse_qs(second.url.query.decode())["customer"] == ["cus_QXg1o8vcGmoR32"]


@pytest.mark.asyncio
async def test_card_last_four_and_amount_use_the_search_api_and_filter_exactly() -> None:
    a = charge(id="ch_a", amount=21450, currency="eur", captured=True)
    b = charge(id="ch_b", amount=9900, currency="eur", captured=True)
    rec = Recorder(lambda r: httpx.Response(200, json={**listing(a, b), "object": "search_result"}))
    stripe = connector(rec)
    found = await stripe.search(SearchQuery(QueryKind.PAYMENT_REF, "4242", amount="214.50"))
    await stripe.aclose()
    assert [p.ref.id for p in found] == ["ch_a"]
    (req,) = rec.requests
    assert req.url.path == "/v1/charges/search"
    assert parse_qs(req.url.query.decode())["query"] == ["payment_method_details.card.last4:'4242'"]


@pytest.mark.asyncio
async def test_order_numbers_are_found_through_charge_metadata() -> None:
    c = charge(captured=True, metadata={"order_number": "W-100877"})
    rec = Recorder(lambda r: httpx.Response(200, json={**listing(c), "object": "search_result"}))
    stripe = connector(rec)
    (payment,) = await stripe.search(SearchQuery(QueryKind.ORDER, "W-100877"))
    await stripe.aclose()
    assert payment.order_number == "W-100877"
    assert parse_qs(rec.requests[0].url.query.decode())["query"] == ["metadata['order_number']:'W-100877'"]


@pytest.mark.asyncio
async def test_customer_payments_page_with_starting_after() -> None:
    pages = [
        listing(charge(id="ch_1", captured=True), charge(id="ch_2", captured=True), has_more=True),
        listing(charge(id="ch_3", captured=True)),
    ]
    rec = Recorder(lambda r: httpx.Response(200, json=pages[len(rec.requests) - 1]))
    stripe = connector(rec)
    first = await stripe.customer_payments("cus_QXg1o8vcGmoR32")
    second = await stripe.customer_payments("cus_QXg1o8vcGmoR32", first.next_cursor)
    await stripe.aclose()
    assert (first.next_cursor, second.next_cursor) == ("ch_2", None)
    assert [p.ref.id for p in second.items] == ["ch_3"]
    assert parse_qs(rec.requests[1].url.query.decode())["starting_after"] == ["ch_2"]


# ---- refunds: the request's shape and Stripe's retry rules -----------------------------------


def _refund_ok(request: httpx.Request) -> httpx.Response:
    r = fixture("refund")
    form = parse_qs(request.content.decode())
    r["amount"] = int(form["amount"][0])
    r["charge"] = form["charge"][0]
    return httpx.Response(200, json=r)


@pytest.mark.asyncio
async def test_refund_posts_the_documented_form_with_the_idempotency_key() -> None:
    rec = Recorder(_refund_ok)
    stripe = connector(rec)
    result = await stripe.refund(
        "ch_1PgafuB7WZ01zgkWXYmPNZs8",
        Money.of("12.50", "USD"),
        reason_code="late_delivery",
        approval_token="onepane:approval-7",
        key="act-123:0",
    )
    await stripe.aclose()
    (req,) = rec.requests
    assert (req.method, req.url.path) == ("POST", "/v1/refunds")
    assert req.headers["idempotency-key"] == "act-123:0"
    assert req.headers["content-type"] == "application/x-www-form-urlencoded"
    form = parse_qs(req.content.decode())
    assert form["charge"] == ["ch_1PgafuB7WZ01zgkWXYmPNZs8"]
    assert form["amount"] == ["1250"]
    assert form["reason"] == ["requested_by_customer"]
    assert form["metadata[onepane_approval]"] == ["onepane:approval-7"]
    assert result.refunds[0].id == "re_1Pgc72B7WZ01zgkWqPvrRrPE"


@pytest.mark.asyncio
async def test_5xx_and_lost_connections_are_retried_with_the_same_key() -> None:
    script = ["drop", 503, 500, "ok"]

    def handler(request: httpx.Request) -> httpx.Response:
        step = script.pop(0)
        if step == "drop":
            raise httpx.ReadError("connection reset", request=request)
        if step == "ok":
            return _refund_ok(request)
        return httpx.Response(int(step), json={"error": {"type": "api_error", "message": "boom"}})

    rec = Recorder(handler)
    stripe = connector(rec)
    await stripe.refund("ch_1", Money.of("1.00", "USD"), reason_code="goodwill", key="k-1")
    await stripe.aclose()
    assert len(rec.requests) == 4
    assert {r.headers["idempotency-key"] for r in rec.requests} == {"k-1"}
    assert len({r.content for r in rec.requests}) == 1  # the very same body every time


@pytest.mark.asyncio
async def test_stripe_should_retry_false_is_honoured() -> None:
    rec = Recorder(
        lambda r: httpx.Response(
            500,
            headers={"Stripe-Should-Retry": "false"},
            json={"error": {"type": "api_error", "message": "no"}},
        )
    )
    stripe = connector(rec)
    with pytest.raises(SystemUnavailable):
        await stripe.refund("ch_1", Money.of("1.00", "USD"), reason_code="goodwill", key="k-2")
    await stripe.aclose()
    assert len(rec.requests) == 1


@pytest.mark.asyncio
async def test_a_409_is_never_retried() -> None:
    body = {
        "error": {
            "type": "idempotency_error",
            "message": "Keys for idempotent requests can only be used with the same parameters they were first used with.",
        }
    }
    rec = Recorder(lambda r: httpx.Response(409, json=body))
    stripe = connector(rec)
    with pytest.raises(Refused) as err:
        await stripe.refund("ch_1", Money.of("1.00", "USD"), reason_code="goodwill", key="k-3")
    await stripe.aclose()
    assert len(rec.requests) == 1
    assert err.value.kind == "idempotency-error"
    assert "same parameters" in err.value.message


@pytest.mark.asyncio
async def test_429_waits_as_told_and_retries_with_the_same_key() -> None:
    script = [429, "ok"]

    def handler(request: httpx.Request) -> httpx.Response:
        step = script.pop(0)
        if step == "ok":
            return _refund_ok(request)
        return httpx.Response(429, headers={"Retry-After": "2"}, json={"error": {"type": "rate_limit_error"}})

    rec = Recorder(handler)
    stripe = connector(rec)
    await stripe.refund("ch_1", Money.of("1.00", "USD"), reason_code="goodwill", key="k-4")
    await stripe.aclose()
    assert rec.sleeps == [2.0]
    assert [r.headers["idempotency-key"] for r in rec.requests] == ["k-4", "k-4"]


@pytest.mark.asyncio
async def test_a_card_decline_is_a_final_refusal_with_stripes_words() -> None:
    body = {
        "error": {
            "type": "invalid_request_error",
            "code": "charge_already_refunded",
            "message": "Charge ch_1 has already been refunded.",
        }
    }
    rec = Recorder(lambda r: httpx.Response(400, json=body))
    stripe = connector(rec)
    with pytest.raises(Refused) as err:
        await stripe.refund("ch_1", Money.of("1.00", "USD"), reason_code="goodwill", key="k-5")
    await stripe.aclose()
    assert (err.value.kind, len(rec.requests)) == ("charge-already-refunded", 1)
    assert "already been refunded" in err.value.message


@pytest.mark.asyncio
async def test_store_credit_is_not_something_stripe_has() -> None:
    rec = Recorder(_refund_ok)
    stripe = connector(rec)
    with pytest.raises(NotSupported, match="store credit"):
        await stripe.refund("ch_1", Money.of("1.00", "USD"), reason_code="x", to_store_credit=True, key="k")
    await stripe.aclose()
    assert rec.requests == []


# ---- tolerance ---------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_unknown_fields_are_tolerated_and_missing_required_ones_named() -> None:
    extra = charge(captured=True, brand_new_field={"nested": [1, 2]}, another="x")
    broken = charge()
    del broken["amount"]
    bodies = [listing(extra), listing(extra, broken)]
    rec = Recorder(lambda r: httpx.Response(200, json=bodies.pop(0)))
    stripe = connector(rec)
    page = await stripe.customer_payments("cus_1")
    assert len(page.items) == 1
    with pytest.raises(MalformedPayload) as err:
        await stripe.customer_payments("cus_1")
    await stripe.aclose()
    assert err.value.field == "data[1].amount"
    assert "data[1].amount" in str(err.value)


@pytest.mark.asyncio
async def test_a_float_amount_is_refused_not_rounded() -> None:
    rec = Recorder(lambda r: httpx.Response(200, json=charge(amount=10.5)))
    stripe = connector(rec)
    with pytest.raises(MalformedPayload) as err:
        await stripe.payment("ch_1")
    await stripe.aclose()
    assert err.value.field == "amount"


def test_the_settings_kind_selects_this_connector() -> None:
    built = build_connector("stripe", SystemKind.PAYMENTS, {"base_url": "https://api.stripe.com"}, {}.get)
    assert isinstance(built, StripePayments)
    assert built.supports(QueryKind.PAYMENT_REF) and not built.supports(QueryKind.TRACKING)


def test_the_request_validator_itself_rejects_what_stripe_does_not_declare() -> None:
    bad = httpx.Request("POST", "https://api.stripe.com/v1/refunds", data={"charge": "ch_1", "amount": "1.5"})
    with pytest.raises(AssertionError, match="amount"):
        validate(bad)
    unknown = httpx.Request("GET", "https://api.stripe.com/v1/charges", params={"email": "x@example.com"})
    with pytest.raises(AssertionError, match="email"):
        validate(unknown)
