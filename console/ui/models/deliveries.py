"""Shipments (carrier, stage, promised vs estimated, late flag) and one shipment's carrier events."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush

from console.domain.model import DeliveryStage, Shipment, TrackingEvent
from console.ui import formats, theme
from console.ui.late import days_late
from console.ui.models.paged import Column, PagedTableModel


def late_text(days: int) -> str:
    if days <= 0:
        return ""
    if days == 1:
        return QCoreApplication.translate("DeliveriesModel", "late by 1 day")
    return QCoreApplication.translate("DeliveriesModel", "late by %n days").replace("%n", str(days))


class ShipmentsModel(PagedTableModel[Shipment]):
    def __init__(self, now: Callable[[], datetime], parent: Any = None) -> None:
        self._now = now
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("DeliveriesModel", "Tracking"),
                    lambda s: s.tracking_number,
                    fit="1Z999AA10123456784",
                ),
                Column(QCoreApplication.translate("DeliveriesModel", "Carrier"), lambda s: s.carrier),
                Column(
                    QCoreApplication.translate("DeliveriesModel", "Order"),
                    lambda s: s.order_number or "",
                    fit="EX-7781-2291",
                ),
                Column(
                    QCoreApplication.translate("DeliveriesModel", "Stage"),
                    self._stage_text,
                    foreground=self._stage_brush,
                ),
                Column(
                    QCoreApplication.translate("DeliveriesModel", "Promised"),
                    lambda s: formats.day(s.promised_date),
                    key=lambda s: s.promised_date,
                    fit=formats.day_fit(),
                ),
                Column(
                    QCoreApplication.translate("DeliveriesModel", "Estimated"),
                    lambda s: formats.day(s.estimated_date),
                    key=lambda s: s.estimated_date,
                    fit=formats.day_fit(),
                ),
                Column(
                    QCoreApplication.translate("DeliveriesModel", "Late"),
                    self._late,
                    foreground=lambda _s: QBrush(theme.color("late")),
                ),
                Column(
                    QCoreApplication.translate("DeliveriesModel", "Last event"),
                    self._last_event,
                    tooltip=self._last_event,
                ),
            ],
            parent,
        )

    def _stage_text(self, shipment: Shipment) -> str:
        return formats.stage(shipment.stage)

    def _stage_brush(self, shipment: Shipment) -> QBrush | None:
        if shipment.stage is DeliveryStage.EXCEPTION:
            return QBrush(theme.color("down"))
        return None

    def _late(self, shipment: Shipment) -> str:
        return late_text(days_late(shipment, self._now()))

    @staticmethod
    def _last_event(shipment: Shipment) -> str:
        if not shipment.events:
            return ""
        event = shipment.events[0]
        where = f" — {event.location}" if event.location else ""
        return f"{formats.when(event.at)} {event.description}{where}"

    def set_shipments(self, shipments: Sequence[Shipment]) -> None:
        """Most recent activity first: the parcel the customer is calling about is on top."""

        def recency(s: Shipment) -> Any:
            if s.events:
                return s.events[0].at
            return s.handed_over_at or None

        with_time = [s for s in shipments if recency(s) is not None]
        without = [s for s in shipments if recency(s) is None]
        with_time.sort(key=recency, reverse=True)
        self.set_items(with_time + without)


class TrackingEventsModel(PagedTableModel[TrackingEvent]):
    """Every carrier event of one shipment, newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("DeliveriesModel", "When"),
                    lambda e: formats.when(e.at),
                    key=lambda e: e.at,
                    fit=formats.when_fit(),
                ),
                Column(
                    QCoreApplication.translate("DeliveriesModel", "Stage"),
                    lambda e: formats.stage(e.stage),
                    foreground=lambda e: (
                        QBrush(theme.color("down")) if e.stage is DeliveryStage.EXCEPTION else None
                    ),
                ),
                Column(
                    QCoreApplication.translate("DeliveriesModel", "Event"),
                    lambda e: e.description,
                    tooltip=lambda e: e.description,
                ),
                Column(QCoreApplication.translate("DeliveriesModel", "Location"), lambda e: e.location),
            ],
            parent,
        )

    def set_shipment(self, shipment: Shipment | None) -> None:
        self.set_items(shipment.events if shipment else ())
