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


class PagedTableModel(QAbstractTableModel, Generic[T]):
    """Rows are items of `T`; columns are `Column`s that turn an item into text."""

    page_size = PAGE

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._items: list[T] = []
        self._loaded = 0
        self._texts: dict[tuple[int, int], str] = {}  # (row, column) -> text shown
        self._colours: dict[tuple[int, int], Any] = {}  # (row, column) -> foreground (or None)
        self._colours_theme = ""

    # -- data in ------------------------------------------------------------------------------

    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self._texts, self._colours = {}, {}
        old, self._items = self._items, list(items)
        self._loaded = min(len(self._items), self.page_size)
        self.endResetModel()
        release.later(old)  # a big old list is let go of a slice at a time

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
