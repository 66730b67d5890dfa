"""Timeline section: one list of everything, newest first, filterable by kind and channel."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from console.domain.model import Channel
from console.domain.timeline import TimelineEntry, TimelineKind, channels_present, kinds_present
from console.ui import formats
from console.ui.models.timeline import TimelineModel, kind_text
from console.ui.sections.base import Section
from console.ui.widgets import plain_label, table_view


class TimelineSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("6 · Timeline"), parent)
        self.setAccessibleName(self.tr("Timeline"))
        self.model = TimelineModel(self)
        self.kind_filter = QComboBox(self)
        self.kind_filter.setAccessibleName(self.tr("Timeline filter: kind"))
        self.kind_filter.setToolTip(self.tr("Show only one kind of entry (Ctrl+Shift+F)"))
        self.channel_filter = QComboBox(self)
        self.channel_filter.setAccessibleName(self.tr("Timeline filter: channel"))
        self.count_label = plain_label("", "Muted", self)
        row = QHBoxLayout()
        row.addWidget(plain_label(self.tr("Show"), "Muted", self))
        row.addWidget(self.kind_filter)
        row.addWidget(plain_label(self.tr("from"), "Muted", self))
        row.addWidget(self.channel_filter)
        row.addStretch(1)
        row.addWidget(self.count_label)
        self.view = table_view(self.model, self.tr("Timeline entries"), self)
        self.body.addLayout(row)
        self.body.addWidget(self.view, 1)
        self._fill_filters((), ())
        self.kind_filter.currentIndexChanged.connect(self._filter_changed)
        self.channel_filter.currentIndexChanged.connect(self._filter_changed)

    def focus_target(self) -> QWidget:
        return self.view

    def set_entries(self, entries: Sequence[TimelineEntry]) -> None:
        kind, channel = self.current_filter()
        self._fill_filters(kinds_present(entries), channels_present(entries), kind, channel)
        self.model.set_entries(entries)
        self._filter_changed()

    def clear(self) -> None:
        self.model.set_filter(None, None)
        self._fill_filters((), ())
        self.model.set_entries(())
        self._update_count()

    def set_filter(self, kind: TimelineKind | None, channel: Channel | None = None) -> None:
        for combo, value in ((self.kind_filter, kind), (self.channel_filter, channel)):
            index = combo.findData(value.value if value is not None else None)
            combo.setCurrentIndex(max(0, index))
        self._filter_changed()

    def _fill_filters(
        self,
        kinds: Sequence[TimelineKind],
        channels: Sequence[Channel],
        keep_kind: TimelineKind | None = None,
        keep_channel: Channel | None = None,
    ) -> None:
        for combo, values, keep, label, everything in (
            (self.kind_filter, kinds, keep_kind, kind_text, self.tr("everything")),
            (self.channel_filter, channels, keep_channel, formats.channel, self.tr("every channel")),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for value in values:
                combo.addItem(label(value), value.value)  # type: ignore[arg-type]
            index = combo.findData(keep.value) if keep is not None else 0
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)

    def current_filter(self) -> tuple[TimelineKind | None, Channel | None]:
        # Qt hands StrEnum item data back as plain str.
        kind = self.kind_filter.currentData()
        channel = self.channel_filter.currentData()
        return (TimelineKind(kind) if kind else None, Channel(channel) if channel else None)

    def _filter_changed(self) -> None:
        kind, channel = self.current_filter()
        if kind != self.model.kind or channel != self.model.channel:
            self.model.set_filter(kind, channel)
        self._update_count()

    def _update_count(self) -> None:
        shown = self.model.total()
        total = len(self.model.all_entries())
        text = self.tr("1 entry") if total == 1 else self.tr("%1 entries").replace("%1", str(total))
        if shown != total:
            text = self.tr("%1 of %2 entries").replace("%1", str(shown)).replace("%2", str(total))
        self.count_label.setText(text)
