"""How values read on screen: money, times, dates, enum values. Plain text only."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale

from console.domain.model import Channel, DeliveryStage
from console.domain.money import Money


def _tr(text: str) -> str:
    return QCoreApplication.translate("formats", text)


# The language money and dates are written in ("en" unless the settings say otherwise).
_LANGUAGE = "en"


def use_locale(language: str) -> None:
    global _LANGUAGE
    _LANGUAGE = language


def money(value: Money | None) -> str:
    """Exact amount with its currency: `1 234.50 EUR`; in German `1.234,50 EUR`. From the
    Decimal, never through a float."""
    if value is None:
        return ""
    text = f"{value.quantized().amount:,}"
    if _LANGUAGE == "de":
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".") + f" {value.currency}"
    return f"{text} {value.currency}".replace(",", "\u202f")


def when(value: datetime | None) -> str:
    """A timestamp in the agent's local time: `2026-11-20 19:30`."""
    if value is None:
        return ""
    local = value.astimezone() if value.tzinfo else value
    return local.strftime("%d.%m.%Y %H:%M" if _LANGUAGE == "de" else "%Y-%m-%d %H:%M")


def hhmm(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone() if value.tzinfo else value
    return local.strftime("%H:%M")


def day(value: date | None) -> str:
    if value is None:
        return ""
    if _LANGUAGE == "de":  # Qt's locale data: "Fr. 09.05.2025"
        german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
        return german.toString(QDate(value.year, value.month, value.day), "ddd dd.MM.yyyy")
    return value.strftime("%a %Y-%m-%d")


def words(value: enum.Enum | str | None) -> str:
    """`handed_to_carrier` -> `handed to carrier`, in the console's language when it is one of
    the domain's known values (statuses, tender kinds, roles, system names)."""
    if value is None:
        return ""
    raw = value.value if isinstance(value, enum.Enum) else value
    text = str(raw).replace("_", " ")
    return _tr(text) if text in _KNOWN_WORDS else text


# The domain's values as agents read them; listed so that the translation tools find them.
_KNOWN_WORDS: frozenset[str] = frozenset(
    cast(
        "list[str]",
        [
            QT_TRANSLATE_NOOP("formats", "open"),
            QT_TRANSLATE_NOOP("formats", "dispatched"),
            QT_TRANSLATE_NOOP("formats", "delivered"),
            QT_TRANSLATE_NOOP("formats", "cancelled"),
            QT_TRANSLATE_NOOP("formats", "partially cancelled"),
            QT_TRANSLATE_NOOP("formats", "fulfilled in store"),
            QT_TRANSLATE_NOOP("formats", "completed"),
            QT_TRANSLATE_NOOP("formats", "returned"),
            QT_TRANSLATE_NOOP("formats", "partially returned"),
            QT_TRANSLATE_NOOP("formats", "shipped"),
            QT_TRANSLATE_NOOP("formats", "handed over"),
            QT_TRANSLATE_NOOP("formats", "authorized"),
            QT_TRANSLATE_NOOP("formats", "captured"),
            QT_TRANSLATE_NOOP("formats", "partially refunded"),
            QT_TRANSLATE_NOOP("formats", "refunded"),
            QT_TRANSLATE_NOOP("formats", "failed"),
            QT_TRANSLATE_NOOP("formats", "card"),
            QT_TRANSLATE_NOOP("formats", "gift card"),
            QT_TRANSLATE_NOOP("formats", "cash"),
            QT_TRANSLATE_NOOP("formats", "store credit"),
            QT_TRANSLATE_NOOP("formats", "internal"),
            QT_TRANSLATE_NOOP("formats", "public"),
            QT_TRANSLATE_NOOP("formats", "reroute"),
            QT_TRANSLATE_NOOP("formats", "redirect to store"),
            QT_TRANSLATE_NOOP("formats", "reschedule"),
            QT_TRANSLATE_NOOP("formats", "intercept"),
            QT_TRANSLATE_NOOP("formats", "agent"),
            QT_TRANSLATE_NOOP("formats", "store staff"),
            QT_TRANSLATE_NOOP("formats", "supervisor"),
            QT_TRANSLATE_NOOP("formats", "pending"),
            QT_TRANSLATE_NOOP("formats", "solved"),
            QT_TRANSLATE_NOOP("formats", "closed"),
            QT_TRANSLATE_NOOP("formats", "directory"),
            QT_TRANSLATE_NOOP("formats", "orders"),
            QT_TRANSLATE_NOOP("formats", "payments"),
            QT_TRANSLATE_NOOP("formats", "delivery"),
            QT_TRANSLATE_NOOP("formats", "cases"),
            QT_TRANSLATE_NOOP("formats", "email"),
            QT_TRANSLATE_NOOP("formats", "phone"),
            QT_TRANSLATE_NOOP("formats", "name"),
        ],
    )
)


_CHANNELS: dict[Channel, str] = cast(
    "dict[Channel, str]",
    {
        Channel.WEB: QT_TRANSLATE_NOOP("formats", "web shop"),
        Channel.APP: QT_TRANSLATE_NOOP("formats", "app"),
        Channel.STORE: QT_TRANSLATE_NOOP("formats", "store"),
        Channel.KIOSK: QT_TRANSLATE_NOOP("formats", "express kiosk"),
        Channel.PHONE: QT_TRANSLATE_NOOP("formats", "phone"),
        Channel.EMAIL: QT_TRANSLATE_NOOP("formats", "e-mail"),
        Channel.CHAT: QT_TRANSLATE_NOOP("formats", "chat"),
        Channel.SOCIAL: QT_TRANSLATE_NOOP("formats", "social"),
        Channel.SELF_SERVICE: QT_TRANSLATE_NOOP("formats", "self-service"),
    },
)


def channel(value: Channel | str | None) -> str:
    if value is None:
        return ""
    try:
        return _tr(_CHANNELS[Channel(value)])
    except ValueError:
        return words(value)


_STAGES: dict[DeliveryStage, str] = cast(
    "dict[DeliveryStage, str]",
    {
        DeliveryStage.ORDERED: QT_TRANSLATE_NOOP("formats", "ordered"),
        DeliveryStage.PACKED: QT_TRANSLATE_NOOP("formats", "packed"),
        DeliveryStage.HANDED_TO_CARRIER: QT_TRANSLATE_NOOP("formats", "handed to carrier"),
        DeliveryStage.IN_TRANSIT: QT_TRANSLATE_NOOP("formats", "in transit"),
        DeliveryStage.OUT_FOR_DELIVERY: QT_TRANSLATE_NOOP("formats", "out for delivery"),
        DeliveryStage.DELIVERED: QT_TRANSLATE_NOOP("formats", "delivered"),
        DeliveryStage.EXCEPTION: QT_TRANSLATE_NOOP("formats", "exception"),
        DeliveryStage.INTERCEPTED: QT_TRANSLATE_NOOP("formats", "intercepted"),
        DeliveryStage.RETURNED_TO_SENDER: QT_TRANSLATE_NOOP("formats", "returned to sender"),
        DeliveryStage.READY_FOR_PICKUP: QT_TRANSLATE_NOOP("formats", "ready for pick-up"),
    },
)


def stage(value: DeliveryStage | None) -> str:
    if value is None:
        return ""
    return _tr(_STAGES.get(value, words(value)))
