"""One timeline of everything, newest first; filtered in Python, then the model is reset."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QBrush

from console.domain.model import Channel
from console.domain.timeline import TimelineEntry, TimelineKind, filter_timeline
from console.ui import formats, release, theme
from console.ui.models.paged import Column, PagedTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("TimelineModel", text)


_KINDS: dict[TimelineKind, str] = cast(
    "dict[TimelineKind, str]",
    {
        TimelineKind.ORDER: QT_TRANSLATE_NOOP("TimelineModel", "order"),
        TimelineKind.PAYMENT: QT_TRANSLATE_NOOP("TimelineModel", "payment"),
        TimelineKind.REFUND: QT_TRANSLATE_NOOP("TimelineModel", "refund"),
        TimelineKind.SHIPMENT_EVENT: QT_TRANSLATE_NOOP("TimelineModel", "parcel"),
        TimelineKind.CASE: QT_TRANSLATE_NOOP("TimelineModel", "case"),
        TimelineKind.NOTE: QT_TRANSLATE_NOOP("TimelineModel", "note"),
        TimelineKind.HANDOFF: QT_TRANSLATE_NOOP("TimelineModel", "handoff"),
        TimelineKind.ACTION: QT_TRANSLATE_NOOP("TimelineModel", "action"),
    },
)


def kind_text(kind: TimelineKind) -> str:
    return _tr(_KINDS.get(kind, formats.words(kind)))


def _kind_cell(entry: TimelineEntry) -> str:
    text = kind_text(entry.kind)
    return f"{text} ({_internal()})" if entry.internal else text


def _internal() -> str:
    return QCoreApplication.translate("TimelineModel", "internal")


def _flat(text: str) -> str:
    return " ".join(text.split())


class TimelineModel(PagedTableModel[TimelineEntry]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("TimelineModel", "When"),
                    lambda e: formats.when(e.at),
                    key=lambda e: e.at,
                    fit=formats.when_fit(),
                ),
                Column(
                    QCoreApplication.translate("TimelineModel", "What"),
                    lambda e: e.title,
                    fit="Paid 1,214.50 EUR for W-100877",
                    tooltip=lambda e: e.title,
                    foreground=lambda e: QBrush(theme.color("down")) if "exception" in e.title else None,
                ),
                Column(
                    QCoreApplication.translate("TimelineModel", "Kind"),
                    _kind_cell,
                    fit=f"{kind_text(TimelineKind.NOTE)} ({_internal()})",
                ),
                Column(
                    QCoreApplication.translate("TimelineModel", "Channel"),
                    lambda e: formats.channel(e.channel),
                    fit=formats.channel_fit(),
                ),
                Column(
                    QCoreApplication.translate("TimelineModel", "Detail"),
                    lambda e: _flat(e.detail),
                    tooltip=lambda e: e.detail,
                ),
            ],
            parent,
        )
        self._all: list[TimelineEntry] = []
        self.kind: TimelineKind | None = None
        self.channel: Channel | None = None

    def set_entries(self, entries: Sequence[TimelineEntry]) -> None:
        """`entries` newest first, as build_timeline returns them."""
        old, self._all = self._all, list(entries)
        self._apply()
        release.later(old)

    def set_filter(self, kind: TimelineKind | None, channel: Channel | None) -> None:
        self.kind = kind
        self.channel = channel
        self._apply()

    def all_entries(self) -> list[TimelineEntry]:
        return self._all

    def _apply(self) -> None:
        if self.kind is None and self.channel is None:
            self.set_items(self._all)
            return
        self.set_items(
            filter_timeline(
                self._all,
                kinds=None if self.kind is None else (self.kind,),
                channels=None if self.channel is None else (self.channel,),
            )
        )
