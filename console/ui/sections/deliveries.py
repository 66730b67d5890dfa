"""Deliveries section: parcels, the selected parcel's progress line, promise and every event."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QItemSelection
from PySide6.QtWidgets import QHBoxLayout, QWidget

from console.domain.model import DeliveryStage, Shipment
from console.ui import formats
from console.ui.late import days_late
from console.ui.models.deliveries import ShipmentsModel, TrackingEventsModel, late_text
from console.ui.progress_line import DeliveryProgressLine
from console.ui.sections.base import Section
from console.ui.widgets import plain_label, select_first_row, table_view


class DeliveriesSection(Section):
    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("4 · Deliveries"), parent)
        self._now = now
        self.model = ShipmentsModel(now, self)
        self.events_model = TrackingEventsModel(self)
        self.view = table_view(self.model, self.tr("Parcels"), self)
        self.progress = DeliveryProgressLine(self)
        self.promise_label = plain_label("", "", self)
        self.promise_label.setWordWrap(True)
        self.late_label = plain_label("", "LateFlag", self)
        self.events_view = table_view(
            self.events_model, self.tr("Carrier events of the selected parcel"), self
        )
        row = QHBoxLayout()
        row.addWidget(self.promise_label, 1)
        row.addWidget(self.late_label)
        self.body.addWidget(self.view, 2)
        self.body.addWidget(self.progress)
        self.body.addLayout(row)
        self.body.addWidget(self.events_view, 3)
        self.view.selectionModel().selectionChanged.connect(self._shipment_selected)

    def focus_target(self) -> QWidget:
        return self.view

    def set_shipments(self, shipments: Sequence[Shipment]) -> None:
        self.model.set_shipments(shipments)
        self._show(None)
        select_first_row(self.view)

    def clear(self) -> None:
        self.set_shipments(())

    def selected_shipment(self) -> Shipment | None:
        index = self.view.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _shipment_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        self._show(self.model.item(rows[0].row()) if rows else None)

    def _show(self, shipment: Shipment | None) -> None:
        self.progress.set_shipment(shipment)
        self.events_model.set_shipment(shipment)
        if shipment is None:
            self.promise_label.setText("")
            self.late_label.setText("")
            return
        parts = [f"{shipment.carrier} {shipment.tracking_number}"]
        if shipment.order_number:
            parts.append(self.tr("order %1").replace("%1", shipment.order_number))
        if shipment.handed_over_at:
            parts.append(self.tr("handed over %1").replace("%1", formats.when(shipment.handed_over_at)))
        parts.append(self.tr("promised %1").replace("%1", formats.day(shipment.promised_date) or "—"))
        parts.append(self.tr("estimated %1").replace("%1", formats.day(shipment.estimated_date) or "—"))
        if shipment.stage is DeliveryStage.EXCEPTION:
            reason = next((e for e in shipment.events if e.stage is DeliveryStage.EXCEPTION), None)
            if reason is not None:
                parts.append(
                    self.tr("exception: “%1” at %2")
                    .replace("%1", reason.description)
                    .replace("%2", formats.when(reason.at))
                )
        elif shipment.events:
            last = shipment.events[0]
            where = f", {last.location}" if last.location else ""
            parts.append(
                self.tr("last seen: %1").replace("%1", f"{last.description}{where} {formats.when(last.at)}")
            )
        self.promise_label.setText(" · ".join(parts))
        self.late_label.setText(late_text(days_late(shipment, self._now())).upper())
        select_first_row(self.events_view)
