"""Payments on Stripe: customers, charges and refunds (https://docs.stripe.com/api).

One OnePane `Payment` is one Stripe charge (its id `ch_…` is the payment id); its one tender is
the charge's payment method (card brand and last four only — Stripe never returns more, and
nothing more is kept). Amounts arrive in the currency's minor unit and become `Decimal` by the
currency's exponent (JPY has none, KWD three).

Reads use the list endpoints (`/v1/charges?customer=`, `/v1/customers?email=`), which see a
write at once; the search endpoints (`/v1/charges/search`, `/v1/customers/search`), which lag by
up to a minute, are used only for what no list endpoint can filter on: card last four, the
order number kept in charge metadata, and names.

Refunds: `POST /v1/refunds` with the action's `Idempotency-Key`. Retries follow Stripe's rules:
`Stripe-Should-Retry` decides when present; a 409 (an idempotency conflict or a concurrent
change) is never retried; 429, 5xx and lost connections are retried with the same key.
Stripe has no store credit and no approval of its own: the supervisor's approval is OnePane's
(audited in the store) and travels in the refund's metadata.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

import httpx

from console.connectors.errors import NotSupported, Refused, SystemUnavailable
from console.connectors.http import Classification, HttpSystem, RetryPolicy, Verdict, problem_slug
from console.connectors.vendors._common import Obj, Secret, VendorConnector, option, secret_token, unix_dt
from console.domain.model import (
    CustomerStub,
    Page,
    Payment,
    PaymentStatus,
    Refund,
    RefundResult,
    SystemKind,
    SystemRef,
    Tender,
    TenderKind,
)
from console.domain.money import Money, MoneyError
from console.domain.query import QueryKind, SearchQuery

NAME = "Stripe"
DEFAULT_BASE_URL = "https://api.stripe.com"
DEFAULT_API_VERSION = "2024-06-20"
PAGE_SIZE = 50
MAX_CUSTOMERS = 5
_REASONS = {"duplicate": "duplicate", "fraud": "fraudulent", "fraudulent": "fraudulent"}
_SYSTEM = SystemKind.PAYMENTS


def _quote(value: str) -> str:
    """A value inside Stripe's search query language: single quotes, backslash escapes."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def classify(response: httpx.Response, is_post: bool) -> Classification | None:
    """Stripe's own retry rules on top of the defaults (see the module docstring)."""
    status = response.status_code
    if status < 300:
        return None
    should = response.headers.get("stripe-should-retry")
    message, code = _error(response)
    if status == 409:
        return Classification(Verdict.FINAL, Refused(_SYSTEM, code or "conflict", message or "conflict"))
    if should == "false":
        if status >= 500 or status == 429:
            return Classification(
                Verdict.FINAL,
                SystemUnavailable(_SYSTEM, message or f"Stripe error {status}", maybe_applied=False),
            )
        return None
    if should == "true" and status < 500 and status != 429:
        return Classification(
            Verdict.RETRY,
            SystemUnavailable(_SYSTEM, message or f"Stripe error {status}", maybe_applied=is_post),
        )
    if status in (400, 402):
        return Classification(
            Verdict.FINAL, Refused(_SYSTEM, code or "invalid-request", message or "refused")
        )
    return None


def _error(response: httpx.Response) -> tuple[str, str]:
    """(message, code) of Stripe's `{"error": {...}}` envelope."""
    try:
        body = response.json()
    except ValueError:
        return problem_slug(response)[1], ""
    err = body.get("error") if isinstance(body, dict) else None
    if not isinstance(err, dict):
        return "", ""
    code = str(err.get("code") or err.get("type") or "").replace("_", "-")
    return str(err.get("message") or ""), code


def _money(o: Obj, key: str, currency: str) -> Money:
    minor = o.integer(key)
    try:
        return Money.from_minor(minor, currency)
    except MoneyError as exc:
        raise o.bad(key, str(exc)) from exc


def _currency(o: Obj) -> str:
    value = o.string("currency")
    if len(value) != 3 or not value.isalpha():
        raise o.bad("currency", f"not a currency code: {value!r}")
    return value.upper()


def parse_refund(o: Obj, currency: str) -> Refund:
    metadata = o.opt_obj("metadata")
    return Refund(
        id=o.string("id"),
        amount=_money(o, "amount", _currency(o) if "currency" in o.data else currency),
        tender_id=o.text("charge"),
        created_at=unix_dt(o, "created"),
        reason=o.text("reason"),
        staff_id=metadata.text("onepane_staff") if metadata else "",
        approved_by=metadata.text("onepane_approved_by") if metadata else "",
    )


def parse_charge(o: Obj, order_key: str = "order_number") -> Payment:
    charge_id = o.string("id")
    currency = _currency(o)
    amount = _money(o, "amount", currency)
    refunded = _money(o, "amount_refunded", currency) if o.data.get("amount_refunded") is not None else None
    billing = o.opt_obj("billing_details")
    details = o.opt_obj("payment_method_details")
    card = details.opt_obj("card") if details else None
    if card is None and details is not None:
        card = details.opt_obj("card_present")
    kind = TenderKind.CARD
    brand = ""
    last4 = ""
    if card is not None:
        brand = card.text("brand")
        last4 = card.text("last4")[-4:]
    elif details is not None:
        brand = details.text("type").replace("_", " ")
    refunds: list[Refund] = []
    refund_list = o.opt_obj("refunds")
    if refund_list is not None:
        refunds = [parse_refund(r, currency) for r in refund_list.objects("data", default_empty=True)]
    listed = sum((r.amount.amount for r in refunds), start=Money.zero(currency).amount)
    if refunded is not None and refunded.amount > listed:
        # The list was not expanded (or is paged): what Stripe says was refunded still counts.
        refunds.append(
            Refund(
                id=f"{charge_id}:refunded",
                amount=Money(refunded.amount - listed, currency),
                tender_id=charge_id,
                created_at=unix_dt(o, "created"),
                reason="refunded in Stripe",
            )
        )
    refunded_total = Money(max(listed, refunded.amount if refunded else listed), currency)
    status = o.text("status")
    if status == "failed":
        pstatus = PaymentStatus.FAILED
    elif o.data.get("captured") is False:
        pstatus = PaymentStatus.AUTHORIZED
    elif o.data.get("refunded") is True or (not refunded_total.is_zero() and refunded_total >= amount):
        pstatus = PaymentStatus.REFUNDED
    elif not refunded_total.is_zero():
        pstatus = PaymentStatus.PARTIALLY_REFUNDED
    else:
        pstatus = PaymentStatus.CAPTURED
    metadata = o.opt_obj("metadata")
    order_number = metadata.opt_str(order_key) if metadata else None
    customer_id = o.data.get("customer")
    if isinstance(customer_id, dict):  # expanded
        customer_id = customer_id.get("id")
    email = (billing.opt_str("email") if billing else None) or o.opt_str("receipt_email")
    stub = CustomerStub(
        SystemRef(_SYSTEM, customer_id if isinstance(customer_id, str) else ""),
        name=billing.text("name") if billing else "",
        email=email,
        phone=billing.opt_str("phone") if billing else None,
    )
    return Payment(
        ref=SystemRef(_SYSTEM, charge_id),
        order_number=order_number,
        status=pstatus,
        created_at=unix_dt(o, "created"),
        amount=amount,
        tenders=(Tender(charge_id, kind, amount, refunded_total, brand=brand, last4=last4),),
        refunds=tuple(refunds),
        customer=stub,
    )


class StripePayments(VendorConnector):
    vendor_name = NAME
    system = _SYSTEM
    kinds = frozenset(
        {QueryKind.EMAIL, QueryKind.NAME, QueryKind.ORDER, QueryKind.PAYMENT_REF, QueryKind.CUSTOMER_ID}
    )
    health_path = "/v1/customers"
    health_params = {"limit": "1"}

    def __init__(self, http: HttpSystem, *, order_key: str = "order_number") -> None:
        super().__init__(http)
        self.order_key = order_key

    # ---- reads -----------------------------------------------------------------------------

    async def _list(self, path: str, params: Mapping[str, str]) -> Obj:
        return Obj(_SYSTEM, await self.http.get_json(path, params))

    def _charges(self, body: Obj) -> list[Payment]:
        return [parse_charge(c, self.order_key) for c in body.objects("data")]

    async def _customer_charges(self, customer_id: str, cursor: str | None = None) -> Page[Payment]:
        params = {"customer": customer_id, "limit": str(PAGE_SIZE), "expand[]": "data.refunds"}
        if cursor:
            params["starting_after"] = cursor
        body = await self._list("/v1/charges", params)
        items = self._charges(body)
        more = body.data.get("has_more") is True and items
        return Page(tuple(items), items[-1].ref.id if more else None)

    async def _customers(self, path: str, params: Mapping[str, str]) -> list[str]:
        body = await self._list(path, params)
        return [c.string("id") for c in body.objects("data")][:MAX_CUSTOMERS]

    async def _charges_of(self, customer_ids: Sequence[str]) -> list[Payment]:
        pages = await asyncio.gather(*(self._customer_charges(c) for c in customer_ids))
        return [p for page in pages for p in page.items]

    async def search(self, query: SearchQuery) -> list[Payment]:
        match query.kind:
            case QueryKind.EMAIL:
                ids = await self._customers("/v1/customers", {"email": query.value, "limit": "10"})
                return await self._charges_of(ids)
            case QueryKind.NAME:
                ids = await self._customers(
                    "/v1/customers/search", {"query": f"name~{_quote(query.value)}", "limit": "10"}
                )
                return await self._charges_of(ids)
            case QueryKind.CUSTOMER_ID:
                return list((await self._customer_charges(query.value)).items)
            case QueryKind.ORDER:
                q = f"metadata[{_quote(self.order_key)}]:{_quote(query.value)}"
                return self._charges(await self._list("/v1/charges/search", {"query": q, "limit": "20"}))
            case QueryKind.PAYMENT_REF:
                if query.value.startswith(("ch_", "py_")):
                    return [await self.payment(query.value)]
                if query.value.startswith("pi_"):
                    body = await self._list("/v1/charges", {"payment_intent": query.value, "limit": "10"})
                    return self._charges(body)
                q = f"payment_method_details.card.last4:{_quote(query.value)}"
                if query.amount:
                    found = self._charges(await self._list("/v1/charges/search", {"query": q, "limit": "50"}))
                    wanted = _decimal(query.amount)
                    return [p for p in found if p.amount.amount == wanted]
                return self._charges(await self._list("/v1/charges/search", {"query": q, "limit": "20"}))
            case _:
                return []

    async def customer_payments(self, customer_id: str, cursor: str | None = None) -> Page[Payment]:
        return await self._customer_charges(customer_id, cursor)

    async def payment(self, payment_id: str) -> Payment:
        body = await self.http.get_json(f"/v1/charges/{_seg(payment_id)}", {"expand[]": "refunds"})
        return parse_charge(Obj(_SYSTEM, body), self.order_key)

    # ---- refunds ---------------------------------------------------------------------------

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
        if to_store_credit:
            raise NotSupported(_SYSTEM, "Stripe has no store credit; refund to the card instead")
        if allocation and any(tender != payment_id for tender, _ in allocation):
            raise Refused(_SYSTEM, "unknown-tender", "a Stripe charge has exactly one tender: the charge")
        form = {
            "charge": payment_id,
            "amount": str(amount.to_minor()),
            "reason": _REASONS.get(reason_code, "requested_by_customer"),
            "metadata[onepane_reason]": reason_code[:500],
            "metadata[onepane_key]": key[:500],
        }
        if approval_token:
            form["metadata[onepane_approval]"] = approval_token[:500]
        response = await self.http.request("POST", "/v1/refunds", data=form, idempotency_key=key)
        refund = parse_refund(Obj(_SYSTEM, self.http.decode(response)), amount.currency)
        if refund.amount.currency != amount.currency:
            raise self.malformed("currency", f"refund in {refund.amount.currency}, asked {amount.currency}")
        return RefundResult(payment_id, (refund,))

    async def request_approval(self, payment_id: str, amount: Money, *, key: str) -> str:
        """Stripe has no approvals: the token records OnePane's approval in the refund metadata."""
        return f"onepane:{key}"


def _seg(value: str) -> str:
    return quote(value, safe="")


def _decimal(amount: str) -> Decimal | None:
    try:
        return Decimal(amount)
    except InvalidOperation:
        return None


def build(
    system: SystemKind, config: Mapping[str, Any], secret: Secret, **http_options: Any
) -> StripePayments:
    """`config`: base_url (default Stripe's), api_version, order_metadata_key; the restricted
    API key is the keyring entry `payments`."""
    base_url = option(config, "base_url") or DEFAULT_BASE_URL
    http = HttpSystem(
        system,
        base_url,
        secret_token(secret, "payments"),
        headers={"Stripe-Version": option(config, "api_version", DEFAULT_API_VERSION)},
        classifier=classify,
        retry=http_options.pop("retry", RetryPolicy()),
        **http_options,
    )
    return StripePayments(http, order_key=option(config, "order_metadata_key", "order_number"))
