"""EasyPost Trackers as the delivery system (https://docs.easypost.com/docs/trackers).

EasyPost follows parcels of any carrier by tracking code; it knows nothing about customers and
cannot change a delivery. So this connector:
- answers TRACKING searches only: `GET /trackers?tracking_code=...`; when EasyPost does not
  follow the code yet, it starts to (`POST /trackers`) with an `Idempotency-Key` derived from the
  code, so a retried create never makes two trackers;
- returns an empty page for a customer's shipments, and no actions: reroute, redirect,
  reschedule and intercept raise `NotSupported` with words an agent can act on.

Auth is HTTP Basic with the API key (keyring entry "delivery") as the user name and no password.
EasyPost's error envelope `{"error": {"code", "message", "errors"}}` becomes `Refused(kind=code)`.
`parse_webhook` maps a `tracker.updated` Event body to a `Shipment`.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from datetime import date
from typing import Any

import httpx

from console.connectors.errors import (
    NotAuthorized,
    NotFound,
    NotSupported,
    Refused,
)
from console.connectors.http import Classification, HttpSystem, Verdict
from console.connectors.vendors._common import (
    Obj,
    Secret,
    VendorConnector,
    iso_date,
    iso_dt,
    option,
    secret_token,
)
from console.domain.model import (
    Address,
    CustomerStub,
    DeliveryAction,
    DeliveryStage,
    Page,
    Shipment,
    SystemKind,
    SystemRef,
    TrackingEvent,
)
from console.domain.query import QueryKind, SearchQuery

NAME = "EasyPost"
DEFAULT_BASE_URL = "https://api.easypost.com/v2"
SYSTEM = SystemKind.DELIVERY

_STATUS: dict[str, DeliveryStage] = {
    "unknown": DeliveryStage.PACKED,
    "pre_transit": DeliveryStage.PACKED,  # a label exists; the carrier does not have it yet
    "in_transit": DeliveryStage.IN_TRANSIT,
    "out_for_delivery": DeliveryStage.OUT_FOR_DELIVERY,
    "delivered": DeliveryStage.DELIVERED,
    "available_for_pickup": DeliveryStage.READY_FOR_PICKUP,
    "return_to_sender": DeliveryStage.RETURNED_TO_SENDER,
    "failure": DeliveryStage.EXCEPTION,
    "error": DeliveryStage.EXCEPTION,
    "cancelled": DeliveryStage.EXCEPTION,
}

# status_detail values that say more than the status (only applied to non-final statuses).
_DETAIL_EXCEPTION = frozenset(
    {
        "address_not_found",
        "damaged",
        "delivery_exception",
        "failed_delivery",
        "location_inaccessible",
        "lost",
        "refused",
        "transit_exception",
        "held_by_customs",
    }
)
_DETAIL_HANDED_OVER = frozenset(
    {"arrived_at_facility", "received_at_origin_facility", "departed_origin_facility", "departed_facility"}
)
_FINAL = frozenset({DeliveryStage.DELIVERED, DeliveryStage.RETURNED_TO_SENDER})


def stage_of(status: str, detail: str = "") -> DeliveryStage:
    """EasyPost `status` (+ `status_detail`) as a stage; an unrecognised status reads as `unknown`."""
    stage = _STATUS.get(status, DeliveryStage.PACKED)
    if stage in _FINAL or not detail:
        return stage
    if detail in _DETAIL_EXCEPTION:
        return DeliveryStage.EXCEPTION
    if detail in ("return", "return_to_sender"):
        return DeliveryStage.RETURNED_TO_SENDER
    if detail == "arrived_at_pickup_location":
        return DeliveryStage.READY_FOR_PICKUP
    if stage is DeliveryStage.PACKED and detail in _DETAIL_HANDED_OVER:
        return DeliveryStage.HANDED_TO_CARRIER
    return stage


def _location(o: Obj) -> str:
    loc = o.opt_obj("tracking_location")
    if loc is None:
        return ""
    city, state, zip_, country = (loc.text(k).strip() for k in ("city", "state", "zip", "country"))
    middle = " ".join(p for p in (state, zip_) if p)
    return ", ".join(p for p in (city, middle, country) if p)


def _event(o: Obj) -> TrackingEvent:
    message = o.text("message").strip()
    extra = o.text("description").strip()
    description = f"{message} — {extra}" if message and extra else (message or extra)
    return TrackingEvent(
        at=iso_dt(o, "datetime"),
        stage=stage_of(o.text("status"), o.text("status_detail")),
        description=description,
        location=_location(o),
    )


def parse_tracker(data: Any, path: str = "") -> Shipment:
    """One EasyPost Tracker object as a Shipment (events newest first)."""
    o = Obj(SYSTEM, data, path)
    code = o.string("tracking_code")
    if not code:
        raise o.bad("tracking_code", "empty")
    status = o.string("status")
    # EasyPost lists tracking_details oldest first; the console shows newest first.
    chronological = [_event(d) for d in o.objects("tracking_details", default_empty=True)]
    handed_over = next((e.at for e in chronological if e.stage is DeliveryStage.IN_TRANSIT), None)
    return Shipment(
        ref=SystemRef(SYSTEM, code),
        carrier=o.text("carrier"),
        stage=stage_of(status, o.text("status_detail")),
        events=tuple(reversed(chronological)),
        customer=CustomerStub(SystemRef(SYSTEM, "")),
        estimated_date=iso_date(o, "est_delivery_date"),
        handed_over_at=handed_over,
        allowed_actions=(),
    )


def idempotency_key(tracking_code: str, carrier: str = "") -> str:
    """The same key for the same code (and carrier), so a retried create never makes two trackers."""
    digest = hashlib.sha256(f"{carrier.upper()}|{tracking_code}".encode()).hexdigest()
    return f"console-tracker-{digest[:40]}"


def basic_auth(api_key: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{api_key}:".encode()).decode("ascii")}


def classify(response: httpx.Response, is_post: bool) -> Classification | None:
    """EasyPost's error envelope, for 4xx other than 429; None keeps the default rules."""
    status = response.status_code
    if status < 400 or status >= 500 or status == 429:
        return None
    try:
        body = response.json()
    except ValueError:
        return None
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return None
    code = str(error.get("code") or f"http-{status}").lower()
    message = str(error.get("message") or f"refused ({status})")
    if status in (401, 403):
        return Classification(Verdict.FINAL, NotAuthorized(SYSTEM, message))
    if status == 404:
        return Classification(Verdict.FINAL, NotFound(SYSTEM, message))
    return Classification(Verdict.FINAL, Refused(SYSTEM, code, message))


class EasyPostDelivery(VendorConnector):
    """Tracking through EasyPost Trackers. EasyPost has no customers: `customer_shipments` is
    always an empty page, and it cannot change a delivery: `capabilities()` is empty."""

    vendor_name = NAME
    system = SYSTEM
    kinds = frozenset({QueryKind.TRACKING})
    health_path = "/trackers"
    health_params = {"page_size": "1"}

    def __init__(self, http: HttpSystem, *, carrier: str = "") -> None:
        super().__init__(http)
        self.carrier = carrier

    def capabilities(self) -> frozenset[DeliveryAction]:
        return frozenset()

    async def _list(self, code: str) -> list[Shipment]:
        body = Obj(SYSTEM, await self.http.get_json("/trackers", {"tracking_code": code}))
        return [parse_tracker(t.data, t.path) for t in body.objects("trackers", default_empty=True)]

    async def _create(self, code: str) -> Shipment:
        tracker: dict[str, str] = {"tracking_code": code}
        if self.carrier:
            tracker["carrier"] = self.carrier
        body = await self.http.post_json(
            "/trackers", {"tracker": tracker}, key=idempotency_key(code, self.carrier)
        )
        return parse_tracker(body)

    async def _find(self, code: str) -> list[Shipment]:
        """Trackers for `code`; starts one when EasyPost does not follow it yet."""
        try:
            found = await self._list(code)
        except NotFound:
            found = []
        return found or [await self._create(code)]

    async def search(self, query: SearchQuery) -> list[Shipment]:
        code = query.value.strip()
        if query.kind is not QueryKind.TRACKING or not code:
            return []
        try:
            return await self._find(code)
        except (NotFound, Refused):  # EasyPost will not track this code: nothing found
            return []

    async def shipment(self, tracking_number: str) -> Shipment:
        code = tracking_number.strip()
        try:
            return (await self._find(code))[0]
        except Refused as exc:
            raise NotFound(SYSTEM, f"EasyPost does not know {code}: {exc.message}") from exc

    async def customer_shipments(self, customer_id: str, cursor: str | None = None) -> Page[Shipment]:
        """EasyPost stores no customers, so it has no shipments by customer."""
        return Page(())

    def _cannot(self, tracking_number: str) -> NotSupported:
        carrier = self.carrier or "the carrier"
        return NotSupported(
            SYSTEM,
            f"EasyPost tracks parcels but cannot reroute them; ask the carrier ({carrier}) directly",
        )

    async def reroute(self, tracking_number: str, address: Address, *, key: str) -> Shipment:
        raise self._cannot(tracking_number)

    async def redirect_to_store(self, tracking_number: str, store_id: str, *, key: str) -> Shipment:
        raise self._cannot(tracking_number)

    async def reschedule(self, tracking_number: str, new_date: date, *, key: str) -> Shipment:
        raise self._cannot(tracking_number)

    async def intercept(self, tracking_number: str, reason: str, *, key: str) -> Shipment:
        raise self._cannot(tracking_number)


def build(
    system: SystemKind, config: Mapping[str, Any], secret: Secret, **http_options: Any
) -> EasyPostDelivery:
    """`config`: base_url (default the v2 API), carrier (optional default for new trackers).
    `http_options` go to `HttpSystem` (tests pass `transport=` and `sleep=`)."""
    http = HttpSystem(
        system,
        option(config, "base_url", DEFAULT_BASE_URL) or DEFAULT_BASE_URL,
        secret_token(secret, "delivery"),
        auth_headers=basic_auth,
        classifier=classify,
        **http_options,
    )
    return EasyPostDelivery(http, carrier=option(config, "carrier"))


__all__ = ["NAME", "EasyPostDelivery", "build", "parse_tracker", "stage_of"]
