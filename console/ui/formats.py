"""How values read on screen: money, times, dates, enum values. Plain text only."""

from __future__ import annotations

import enum
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from console.domain.model import Channel, DeliveryStage
from console.domain.money import Money


def _tr(text: str) -> str:
    return QCoreApplication.translate("formats", text)


def money(value: Money | None) -> str:
    if value is None:
        return ""
    return f"{value.quantized().amount:,} {value.currency}".replace(",", "\u202f")


def when(value: datetime | None) -> str:
    """A timestamp in the agent's local time: `2026-11-20 19:30`."""
    if value is None:
        return ""
    local = value.astimezone() if value.tzinfo else value
    return local.strftime("%Y-%m-%d %H:%M")


def hhmm(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone() if value.tzinfo else value
    return local.strftime("%H:%M")


def day(value: date | None) -> str:
    if value is None:
        return ""
    return value.strftime("%a %Y-%m-%d")


def words(value: enum.Enum | str | None) -> str:
    """`handed_to_carrier` -> `handed to carrier`."""
    if value is None:
        return ""
    raw = value.value if isinstance(value, enum.Enum) else value
    return str(raw).replace("_", " ")


_CHANNELS = {
    Channel.WEB: "web shop",
    Channel.APP: "app",
    Channel.STORE: "store",
    Channel.KIOSK: "express kiosk",
    Channel.PHONE: "phone",
    Channel.EMAIL: "e-mail",
    Channel.CHAT: "chat",
    Channel.SOCIAL: "social",
    Channel.SELF_SERVICE: "self-service",
}


def channel(value: Channel | str | None) -> str:
    if value is None:
        return ""
    try:
        return _tr(_CHANNELS[Channel(value)])
    except ValueError:
        return words(value)


_STAGES = {
    DeliveryStage.ORDERED: "ordered",
    DeliveryStage.PACKED: "packed",
    DeliveryStage.HANDED_TO_CARRIER: "handed to carrier",
    DeliveryStage.IN_TRANSIT: "in transit",
    DeliveryStage.OUT_FOR_DELIVERY: "out for delivery",
    DeliveryStage.DELIVERED: "delivered",
    DeliveryStage.EXCEPTION: "exception",
    DeliveryStage.INTERCEPTED: "intercepted",
    DeliveryStage.RETURNED_TO_SENDER: "returned to sender",
    DeliveryStage.READY_FOR_PICKUP: "ready for pick-up",
}


def stage(value: DeliveryStage | None) -> str:
    if value is None:
        return ""
    return _tr(_STAGES.get(value, words(value)))
