"""A thin, paged table model over a Python list of domain objects.

Sorting and filtering happen in Python on the list, then the model is reset (no
QSortFilterProxyModel over Python data()). Rows appear `PAGE` at a time through
canFetchMore/fetchMore so that a view over 50,000 rows asks for 200 of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

T = TypeVar("T")

ItemRole = Qt.ItemDataRole.UserRole + 1
PAGE = 200

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str
    text: Callable[[T], str]
    tooltip: Callable[[T], str] | None = None
    align_right: bool = False
    foreground: Callable[[T], Any] | None = None


class PagedTableModel(QAbstractTableModel, Generic[T]):
    """Rows are items of `T`; columns are `Column`s that turn an item into text."""

    page_size = PAGE

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._items: list[T] = []
        self._loaded = 0

    # -- data in ------------------------------------------------------------------------------

    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._loaded = min(len(self._items), self.page_size)
        self.endResetModel()

    def clear(self) -> None:
        self.set_items(())

    def items(self) -> list[T]:
        return self._items

    def item(self, row: int) -> T | None:
        if 0 <= row < self._loaded:
            return self._items[row]
        return None

    def total(self) -> int:
        return len(self._items)

    def refresh_rows(self, first: int = 0, last: int | None = None) -> None:
        """Repaint rows whose text changed (e.g. a stock answer arrived)."""
        if self._loaded == 0:
            return
        end = self._loaded - 1 if last is None else min(last, self._loaded - 1)
        self.dataChanged.emit(self.index(first, 0), self.index(end, len(self._columns) - 1))

    # -- Qt model API ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._loaded < len(self._items)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        more = min(self.page_size, len(self._items) - self._loaded)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + more - 1)
        self._loaded += more
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._columns[section].title
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._loaded or index.column() >= len(self._columns):
            return None
        item = self._items[index.row()]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(item) if column.tooltip else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground:
            return column.foreground(item)
        if role == ItemRole:
            return item
        return None
