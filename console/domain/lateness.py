"""Is a parcel late against what we promised the customer, and by how many days?"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from console.domain.model import DeliveryStage, Shipment

# Stages after which a parcel is no longer on its way to the customer's door.
ENDED = frozenset(
    {
        DeliveryStage.DELIVERED,
        DeliveryStage.RETURNED_TO_SENDER,
        DeliveryStage.INTERCEPTED,
        DeliveryStage.READY_FOR_PICKUP,
    }
)


@dataclass(frozen=True, slots=True)
class Lateness:
    promised: date | None
    expected: date | None  # delivery day (if delivered), else the later of the estimate and today
    days_late: int
    delivered: bool

    @property
    def is_late(self) -> bool:
        return self.days_late > 0


def local_date(at: datetime, now: datetime) -> date:
    """`at`'s calendar day in `now`'s time zone (both aware, or both naive)."""
    if at.tzinfo is not None and now.tzinfo is not None:
        return at.astimezone(now.tzinfo).date()
    return at.date()


def delivered_on(shipment: Shipment, now: datetime) -> date | None:
    for event in shipment.events:
        if event.stage is DeliveryStage.DELIVERED:
            return local_date(event.at, now)
    return None


def lateness(shipment: Shipment, now: datetime, promised: date | None = None) -> Lateness:
    """Days late against `promised` (default: the shipment's promised date).

    Delivered: the delivery day against the promise. Not delivered: the later of the carrier's
    estimate and today against the promise, so a parcel due today is not late yet, one whose
    estimate slipped past the promise is late already, and one stuck with an old estimate
    keeps getting later every day.
    """
    promise = promised or shipment.promised_date
    delivered_day = delivered_on(shipment, now)
    delivered = delivered_day is not None or shipment.stage is DeliveryStage.DELIVERED
    if delivered:
        expected = delivered_day or shipment.estimated_date
    else:
        today = now.date()
        est = shipment.estimated_date
        expected = max(today, est) if est is not None else today
    if promise is None or expected is None:
        return Lateness(promise, expected, 0, delivered)
    return Lateness(promise, expected, max(0, (expected - promise).days), delivered)


def days_late(shipment: Shipment, now: datetime, promised: date | None = None) -> int:
    return lateness(shipment, now, promised).days_late


def is_late(shipment: Shipment, now: datetime, promised: date | None = None) -> bool:
    return lateness(shipment, now, promised).is_late


__all__ = ["ENDED", "Lateness", "days_late", "delivered_on", "is_late", "lateness", "local_date"]
