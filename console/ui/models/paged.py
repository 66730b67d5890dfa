"""A thin, paged table model over a Python list of domain objects.

Sorting and filtering happen in Python on the list (no QSortFilterProxyModel over Python
data()): a filter resets the model; a click on a column title sorts by that column (`sort`, by the
column's `key` — dates and amounts by value, not by their text — or its text), keeps the selected
row selected, and stays in force for new data; a third click goes back to the model's own order. Rows appear `PAGE` at a time through
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

from console.ui import release, theme

T = TypeVar("T")

ItemRole = Qt.ItemDataRole.UserRole + 1
PAGE = 200
CELL_CHARS = 120  # a cell's text is cut here (the tooltip and the accessible text keep it all)

Index = QModelIndex | QPersistentModelIndex

_DISPLAY = Qt.ItemDataRole.DisplayRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_ROLES = frozenset({_TOOLTIP, _ALIGN, _FOREGROUND, ItemRole})
_HORIZONTAL = Qt.Orientation.Horizontal
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str
    text: Callable[[T], str]
    tooltip: Callable[[T], str] | None = None
    align_right: bool = False
    foreground: Callable[[T], Any] | None = None
    fit: str = ""  # a sample of this column's widest usual text: the view sizes the column to it
    key: Callable[[T], Any] | None = None  # what sorting by this column compares (default: the text)


class PagedTableModel(QAbstractTableModel, Generic[T]):
    """Rows are items of `T`; columns are `Column`s that turn an item into text."""

    page_size = PAGE

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._items: list[T] = []  # in the order shown
        self._given: list[T] = []  # in the model's own order (as set_items had them)
        self._sort_column = -1  # -1: the model's own order
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._loaded = 0
        self._texts: dict[tuple[int, int], str] = {}  # (row, column) -> text shown
        self._colours: dict[tuple[int, int], Any] = {}  # (row, column) -> foreground (or None)
        self._colours_theme = ""

    # -- data in ------------------------------------------------------------------------------

    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self._texts, self._colours = {}, {}
        old, self._given = self._given, list(items)
        self._items = self._sorted(self._given)
        self._loaded = min(len(self._items), self.page_size)
        self.endResetModel()
        release.later(old)  # a big old list is let go of a slice at a time

    # -- sorting ------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by `column` (-1: the model's own order). Selected rows stay selected."""
        if not 0 <= column < len(self._columns):
            column = -1
        if (column, order) == (self._sort_column, self._sort_order) or (column == self._sort_column == -1):
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        held = [self._items[i.row()] if 0 <= i.row() < self._loaded else None for i in before]
        self._items = self._sorted(self._given)
        self._texts, self._colours = {}, {}
        rows: dict[int, int] = {}
        for row, item in enumerate(self._items[: self._loaded]):
            rows.setdefault(id(item), row)
        after = [
            self.index(rows[id(item)], i.column()) if item is not None and id(item) in rows else QModelIndex()
            for i, item in zip(before, held, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        return self._sort_column, self._sort_order

    def _sorted(self, items: list[T]) -> list[T]:
        if self._sort_column < 0:
            return items  # the same list: shown in the model's own order
        spec = self._columns[self._sort_column]
        key = spec.key or (lambda item: spec.text(item).casefold())
        keys = list(map(key, items))
        reverse = self._sort_order == Qt.SortOrder.DescendingOrder
        rows = [i for i, k in enumerate(keys) if k is not None]  # blanks go last, as they came
        try:
            rows.sort(key=keys.__getitem__, reverse=reverse)
        except TypeError:  # values that do not compare (a system's odd data): by their text
            rows.sort(key=lambda i: str(keys[i]), reverse=reverse)
        blanks = [item for item, k in zip(items, keys, strict=True) if k is None]
        return [items[i] for i in rows] + blanks

    def clear(self) -> None:
        self.set_items(())

    def column_fits(self) -> list[str]:
        """Per column, the sample text its width is made for ("" = the view's default width)."""
        return [c.fit for c in self._columns]

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
        self._texts = {k: v for k, v in self._texts.items() if not first <= k[0] <= end}
        self._colours = {k: v for k, v in self._colours.items() if not first <= k[0] <= end}
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
        if role != _DISPLAY:
            return None
        if orientation == _HORIZONTAL:
            return self._columns[section].title if 0 <= section < len(self._columns) else None
        return section + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every visible cell and role on every repaint: the texts are made once per
        # cell, and roles nobody sets (fonts, decorations, check states...) end at once.
        if role == _DISPLAY:
            row = index.row()
            column = index.column()
            key = (row, column)
            text = self._texts.get(key)
            if text is None:
                if not (0 <= row < self._loaded and 0 <= column < len(self._columns)):
                    return None
                text = self._columns[column].text(self._items[row])
                if len(text) > CELL_CHARS:  # no cell shows more; Qt would shape it all to elide it
                    text = text[: CELL_CHARS - 1] + "…"
                self._texts[key] = text
            return text
        if role == _ACCESSIBLE:  # the whole text for screen readers
            row = index.row()
            column = index.column()
            if not (0 <= row < self._loaded and 0 <= column < len(self._columns)):
                return None
            return self._columns[column].text(self._items[row])
        if role not in _ROLES:
            return None
        column = index.column()
        if role == _ALIGN:
            return _RIGHT if 0 <= column < len(self._columns) and self._columns[column].align_right else None
        row = index.row()
        if not (0 <= row < self._loaded and 0 <= column < len(self._columns)):
            return None
        spec = self._columns[column]
        if role == _FOREGROUND:
            if spec.foreground is None:
                return None
            if self._colours_theme != theme.active_name():  # colours come from the theme
                self._colours, self._colours_theme = {}, theme.active_name()
            key = (row, column)
            if key not in self._colours:
                self._colours[key] = spec.foreground(self._items[row])
            return self._colours[key]
        item = self._items[row]
        if role == _TOOLTIP:
            return spec.tooltip(item) if spec.tooltip else None
        return item  # ItemRole
