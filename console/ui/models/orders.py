"""Orders of every channel, and the lines of the order the agent selected (with store stock)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from console.domain.model import Order, OrderLine, StockLevel
from console.ui import formats
from console.ui.models.paged import Column, PagedTableModel


def _store(order: Order) -> str:
    return order.store.name if order.store else ""


def _items(order: Order) -> str:
    count = sum(line.quantity for line in order.lines)
    first = order.lines[0].description if order.lines else ""
    more = f" +{len(order.lines) - 1}" if len(order.lines) > 1 else ""
    return f"{count}× {first}{more}" if first else str(count)


class OrdersModel(PagedTableModel[Order]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("OrdersModel", "Order"), lambda o: o.number, fit="EX-7781-2291"
                ),
                Column(
                    QCoreApplication.translate("OrdersModel", "Status"), lambda o: formats.words(o.status)
                ),
                Column(
                    QCoreApplication.translate("OrdersModel", "Total"),
                    lambda o: formats.money(o.total),
                    key=lambda o: o.total.amount if o.total is not None else None,
                    align_right=True,
                ),
                Column(
                    QCoreApplication.translate("OrdersModel", "Placed"),
                    lambda o: formats.when(o.placed_at),
                    key=lambda o: o.placed_at,
                    fit=formats.when_fit(),
                ),
                Column(
                    QCoreApplication.translate("OrdersModel", "Channel"),
                    lambda o: formats.channel(o.channel),
                    fit=formats.channel_fit(),
                ),
                Column(QCoreApplication.translate("OrdersModel", "Store"), _store),
                Column(
                    QCoreApplication.translate("OrdersModel", "Items"),
                    _items,
                    tooltip=lambda o: "\n".join(ln.description for ln in o.lines),
                ),
            ],
            parent,
        )

    def set_orders(self, orders: Sequence[Order]) -> None:
        """Newest first, sorted in Python."""
        self.set_items(sorted(orders, key=lambda o: o.placed_at, reverse=True))

    def row_of(self, number: str) -> int:
        """The row of an order number, loading pages as needed; -1 if absent."""
        for row, order in enumerate(self.items()):
            if order.number == number:
                while row >= self.rowCount():
                    self.fetchMore(self.index(-1, -1))
                return row
        return -1


def _size(line: OrderLine) -> str:
    return ", ".join(f"{k} {v}" for k, v in line.attributes)


class OrderLinesModel(PagedTableModel[OrderLine]):
    """Lines of one order. The Stock column says where the line's SKU is in stock."""

    STOCK_COLUMN = 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(QCoreApplication.translate("OrdersModel", "SKU"), lambda ln: ln.sku),
                Column(QCoreApplication.translate("OrdersModel", "Description"), lambda ln: ln.description),
                Column(QCoreApplication.translate("OrdersModel", "Attributes"), _size),
                Column(
                    QCoreApplication.translate("OrdersModel", "Qty"),
                    lambda ln: str(ln.quantity),
                    key=lambda ln: ln.quantity,
                    align_right=True,
                    fit="99",
                ),
                Column(
                    QCoreApplication.translate("OrdersModel", "Unit price"),
                    lambda ln: formats.money(ln.unit_price),
                    key=lambda ln: ln.unit_price.amount if ln.unit_price is not None else None,
                    align_right=True,
                ),
                Column(
                    QCoreApplication.translate("OrdersModel", "Status"), lambda ln: formats.words(ln.status)
                ),
                Column(
                    QCoreApplication.translate("OrdersModel", "Stock"),
                    lambda ln: self._stock.get(ln.sku, ""),
                    tooltip=self._stock_tooltip,
                ),
            ],
            parent,
        )
        self._stock: dict[str, str] = {}
        self.order: Order | None = None

    def set_order(self, order: Order | None) -> None:
        self.order = order
        self._stock = {}
        self.set_items(order.lines if order else ())

    def _stock_tooltip(self, line: OrderLine) -> str:
        text = self._stock.get(line.sku, "")
        return (
            text.replace("; ", "\n")
            if text
            else QCoreApplication.translate("OrdersModel", "Press “Check stock” to ask the stores")
        )

    def set_stock_text(self, sku: str, text: str) -> None:
        self._stock[sku] = text
        for row, line in enumerate(self.items()):
            if line.sku == sku:
                self.refresh_rows(row, row)

    def stock_text(self, sku: str) -> str:
        return self._stock.get(sku, "")


def describe_stock(levels: Sequence[StockLevel]) -> str:
    """`Store 012 Riverside: 3 · Store 031 Harbour: 0` — stores with stock first."""
    if not levels:
        return QCoreApplication.translate("OrdersModel", "not stocked in any store")
    ordered = sorted(levels, key=lambda s: (s.quantity <= 0, s.store.name))
    return "; ".join(f"{s.store.name}: {s.quantity}" for s in ordered)
