"""How late a shipment is against its promise, in whole days (0 = not late)."""

from __future__ import annotations

from datetime import datetime

from console.domain import lateness
from console.domain.model import Shipment


def days_late(shipment: Shipment, now: datetime) -> int:
    return lateness.days_late(shipment, now)
