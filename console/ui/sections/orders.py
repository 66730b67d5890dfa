"""Orders section: every order of every channel; the selected order's lines with store stock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from PySide6.QtCore import QItemSelection, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from console.connectors.errors import ConnectorError
from console.domain.model import LineStatus, Order, StockLevel
from console.ui.models.orders import OrderLinesModel, OrdersModel, describe_stock
from console.ui.sections.base import Section
from console.ui.tasks import TaskGroup
from console.ui.widgets import plain_label, select_first_row, table_view

# (sku, store id or None) -> stock levels per store. Usually LookupService.stock.
StockLookup = Callable[[str, str | None], Awaitable[Sequence[StockLevel]]]

_NEEDS_STOCK = {LineStatus.OPEN, LineStatus.SHIPPED}


class OrdersSection(Section):
    stockShown = Signal(str)  # sku, once its stock text is on screen

    def __init__(self, stock_lookup: StockLookup | None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("2 · Orders"), parent)
        self._stock_lookup = stock_lookup
        self.model = OrdersModel(self)
        self.lines_model = OrderLinesModel(self)
        self.view = table_view(self.model, self.tr("Orders"), self)
        self.lines_caption = plain_label("", "Muted", self)
        self.lines_view = table_view(self.lines_model, self.tr("Order lines"), self)
        self.stock_button = QPushButton(self.tr("Check stock in stores"), self)
        self.stock_button.setAccessibleName(self.tr("Check stock in stores for the selected order line"))
        self.stock_button.setToolTip(self.tr("Which stores have this item (Ctrl+Shift+S)"))
        self.stock_button.setEnabled(stock_lookup is not None)
        self.stock_button.clicked.connect(self.check_stock)
        row = QHBoxLayout()
        row.addWidget(self.lines_caption, 1)
        row.addWidget(self.stock_button)
        self.body.addWidget(self.view, 3)
        self.body.addLayout(row)
        self.body.addWidget(self.lines_view, 2)
        self._auto_stock = QTimer(self)
        self._auto_stock.setSingleShot(True)
        self._auto_stock.setInterval(250)
        self._auto_stock.timeout.connect(self._check_open_lines)
        self.view.selectionModel().selectionChanged.connect(self._order_selected)
        self._tasks = TaskGroup()

    def focus_target(self) -> QWidget:
        return self.view

    def set_orders(self, orders: Sequence[Order]) -> None:
        self.model.set_orders(orders)
        self.lines_model.set_order(None)
        self.lines_caption.setText("")
        select_first_row(self.view)

    def clear(self) -> None:
        self._tasks.cancel_all()
        self.set_orders(())

    def select_order(self, number: str) -> bool:
        row = self.model.row_of(number)
        if row < 0:
            return False
        self.view.selectRow(row)
        return True

    def selected_order(self) -> Order | None:
        index = self.view.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _order_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        order = self.model.item(rows[0].row()) if rows else None
        self.lines_model.set_order(order)
        if order is None:
            self.lines_caption.setText("")
            return
        store = f" · {order.store.name}" if order.store else ""
        self.lines_caption.setText(self.tr("Lines of %1").replace("%1", order.number) + store)
        select_first_row(self.lines_view)
        if self._stock_lookup is not None:
            self._auto_stock.start()

    def _check_open_lines(self) -> None:
        order = self.lines_model.order
        if order is None or self._stock_lookup is None:
            return
        skus = list(dict.fromkeys(ln.sku for ln in order.lines if ln.status in _NEEDS_STOCK))
        for sku in skus:
            self._start_stock(order, sku)

    def check_stock(self) -> None:
        """Stock for the selected line (or every line of the selected order)."""
        order = self.lines_model.order
        if order is None or self._stock_lookup is None:
            return
        index = self.lines_view.currentIndex()
        line = self.lines_model.item(index.row()) if index.isValid() else None
        for sku in [line.sku] if line else list(dict.fromkeys(ln.sku for ln in order.lines)):
            self._start_stock(order, sku)

    def _start_stock(self, order: Order, sku: str) -> None:
        self._tasks.spawn(self._fetch_stock(order, sku))

    async def _fetch_stock(self, order: Order, sku: str) -> None:
        assert self._stock_lookup is not None
        self.lines_model.set_stock_text(sku, self.tr("asking the stores…"))
        try:
            levels = await self._stock_lookup(sku, None)
            text = describe_stock(levels)
        except ConnectorError as exc:
            text = self.tr("stock unknown: %1").replace("%1", exc.message)
        if self.lines_model.order is order:  # the agent may have moved on
            self.lines_model.set_stock_text(sku, text)
            self.stockShown.emit(sku)
