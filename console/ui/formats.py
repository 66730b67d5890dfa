"""How values read on screen: money, times, dates, enum values. Plain text only."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale

from console.domain import text
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
    digits = f"{value.quantized().amount:,}"
    separators = _GERMAN if _LANGUAGE == "de" else _ENGLISH
    return f"{digits.translate(separators)} {value.currency}"


def number(value: int) -> str:
    """A count as the agent's language writes it: `1 234`, in German `1.234`."""
    return f"{value:,}".translate(_GERMAN if _LANGUAGE == "de" else _ENGLISH)


_GERMAN = str.maketrans(",.", ".,")  # 1.234,50
_ENGLISH = str.maketrans(",", "\u202f")  # 1 234.50 (a narrow no-break space groups)


def when(value: datetime | None) -> str:
    """A timestamp in the agent's local time: `2026-11-20 19:30`."""
    if value is None:
        return ""
    local = value.astimezone() if value.tzinfo else value
    return local.strftime("%d.%m.%Y %H:%M" if _LANGUAGE == "de" else "%Y-%m-%d %H:%M")


def when_fit() -> str:
    """The widest `when` text, for sizing columns."""
    return when(datetime(2026, 12, 28, 20, 58, tzinfo=UTC))


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


def day_fit() -> str:
    """A wide `day` text (a Wednesday in December), for sizing columns."""
    return day(date(2026, 12, 30))


def words(value: enum.Enum | str | None) -> str:
    """`handed_to_carrier` -> `handed to carrier`, in the console's language (the domain's known
    values are listed for translation in console/domain/text.py)."""
    if value is None:
        return ""
    return text.word(value)


_MATCHED_BY_ID = frozenset({"order", "receipt", "parcel", "payment"})


def matched(label: str) -> str:
    """What linked a record, from the lookup's words ("email", "external id", "order W-100877"),
    in the console's language."""
    kind, _, rest = label.partition(" ")
    if kind in _MATCHED_BY_ID and rest:
        return f"{text.word(kind)} {rest}"
    return text.word(label)


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


def channel_fit() -> str:
    """The longest channel name, for sizing columns."""
    return max((_tr(name) for name in _CHANNELS.values()), key=len)


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
