"""Small building blocks every part of the window uses the same way."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QStyle, QTableView, QWidget


def plain_label(text: str = "", object_name: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that never interprets its text as rich text (customer data is plain text)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if object_name:
        label.setObjectName(object_name)
    return label


def set_property(widget: QWidget, name: str, value: str) -> None:
    """Set a dynamic property the stylesheet selects on, and re-apply the style."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def table_view(
    model: QAbstractItemModel, accessible_name: str, parent: QWidget | None = None, *, column_width: int = 110
) -> QTableView:
    """A keyboard-friendly, fixed-row-height table (rows are never measured one by one)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(accessible_name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setShowGrid(False)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vertical = view.verticalHeader()
    vertical.setVisible(False)
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 8)
    horizontal = view.horizontalHeader()
    horizontal.setHighlightSections(False)
    horizontal.setStretchLastSection(True)
    horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    horizontal.setDefaultSectionSize(column_width)
    # a click on a title sorts (in the model, in Python), a second reverses, a third goes back to
    # the model's own order (newest first, mostly); nothing is sorted until then
    horizontal.setSortIndicatorClearable(True)
    horizontal.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    fit_columns(view)
    return view


def fit_columns(view: QTableView) -> None:
    """Columns whose model names a sample text (`column_fits`) are made as wide as it and their
    title: a date or a tracking number shows whole, a short one leaves room for the rest."""
    model = view.model()
    fits = getattr(model, "column_fits", None)
    if model is None or fits is None:
        return
    horizontal = view.horizontalHeader()
    cells, titles = view.fontMetrics(), horizontal.fontMetrics()
    padding = 2 * view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 14
    for column, sample in enumerate(fits()):
        if sample:
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(cells.horizontalAdvance(sample), titles.horizontalAdvance(title) + 10) + padding
            horizontal.resizeSection(column, width)


def select_first_row(view: QTableView) -> None:
    model = view.model()
    if model is not None and model.rowCount() > 0:
        view.selectRow(0)
