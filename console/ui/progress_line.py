"""The delivery progress line: ordered -> packed -> handed to carrier -> in transit ->
out for delivery -> delivered, with an exception (or an interception) marked where it happened."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from console.domain.model import PROGRESS_LINE, DeliveryStage, Shipment
from console.ui import formats, theme

_OFF_LINE = {
    DeliveryStage.EXCEPTION,
    DeliveryStage.INTERCEPTED,
    DeliveryStage.RETURNED_TO_SENDER,
    DeliveryStage.READY_FOR_PICKUP,
}


def reached_index(shipment: Shipment) -> int:
    """Index in PROGRESS_LINE of the furthest stage the parcel reached (0 = ordered)."""
    stages = {e.stage for e in shipment.events}
    stages.add(shipment.stage)
    best = 0
    for i, stage in enumerate(PROGRESS_LINE):
        if stage in stages:
            best = i
    if shipment.handed_over_at is not None:
        best = max(best, PROGRESS_LINE.index(DeliveryStage.HANDED_TO_CARRIER))
    return best


def describe(shipment: Shipment | None) -> str:
    """The line in words, for screen readers and tooltips."""
    if shipment is None:
        return ""
    reached = PROGRESS_LINE[reached_index(shipment)]
    text = f"{shipment.carrier}: {formats.stage(reached)}"
    if shipment.stage in _OFF_LINE:
        reason = next((e.description for e in shipment.events if e.stage is shipment.stage), "")
        text += f"; {formats.stage(shipment.stage)}" + (f": {reason}" if reason else "")
    return text


HEIGHT = 74  # the line, and up to three lines of a stage's name under it


class DeliveryProgressLine(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shipment: Shipment | None = None
        self.setAccessibleName(self.tr("Delivery progress"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(HEIGHT)

    def sizeHint(self) -> QSize:
        return QSize(520, HEIGHT)

    def set_shipment(self, shipment: Shipment | None) -> None:
        self._shipment = shipment
        text = describe(shipment)
        self.setAccessibleDescription(text)
        self.setToolTip(text)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        shipment = self._shipment
        if shipment is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        reached = reached_index(shipment)
        off_line = shipment.stage if shipment.stage in _OFF_LINE else None
        n = len(PROGRESS_LINE)
        margin = 46.0
        width = max(1.0, self.width() - 2 * margin)
        y = 22.0
        xs = [margin + width * i / (n - 1) for i in range(n)]
        done = theme.color("ok")
        todo = theme.color("border")
        bad = theme.color("down")
        warn = theme.color("slow")
        text = theme.color("text")
        muted = theme.color("text_muted")

        for i in range(n - 1):
            painter.setPen(QPen(done if i < reached else todo, 4))
            painter.drawLine(QPointF(xs[i], y), QPointF(xs[i + 1], y))

        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        # each name gets the room between its neighbours (never wider): in a narrow pane the names
        # wrap onto more lines instead of running into each other
        room = min(2 * margin, width / (n - 1) - 4)
        longest = max(
            QFontMetricsF(small).horizontalAdvance(word)
            for stage in PROGRESS_LINE
            for word in formats.stage(stage).split()
        )
        if longest > room:  # a word wider than its room: a smaller type rather than overlap
            small.setPointSizeF(max(6.0, small.pointSizeF() * room / longest))
            painter.setFont(small)
        for i, stage in enumerate(PROGRESS_LINE):
            filled = i <= reached
            painter.setPen(QPen(done if filled else todo, 2))
            painter.setBrush(done if filled else theme.color("surface"))
            radius = 8.0 if i == reached else 6.0
            painter.drawEllipse(QPointF(xs[i], y), radius, radius)
            painter.setPen(text if filled else muted)
            label_rect = QRectF(xs[i] - room / 2, y + 12, room, HEIGHT - y - 12)
            painter.drawText(
                label_rect,
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                formats.stage(stage),
            )

        if off_line is not None and reached < n - 1:
            colour = bad if off_line is DeliveryStage.EXCEPTION else warn
            x = (xs[reached] + xs[reached + 1]) / 2
            painter.setPen(QPen(colour, 2))
            painter.setBrush(colour)
            painter.drawEllipse(QPointF(x, y), 9.0, 9.0)
            painter.setPen(theme.color("surface"))
            bold = QFont(small)
            bold.setBold(True)
            painter.setFont(bold)
            painter.drawText(QRectF(x - 9, y - 9, 18, 18), int(Qt.AlignmentFlag.AlignCenter), "!")
        painter.end()
