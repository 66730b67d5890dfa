"""Suggested (weak) links of a person, each with Confirm / Split buttons.

The decision goes out as `linkDecision(ref_a, ref_b, decision)` with refs as `system:id` and
decision "confirm" or "split"; the window hands it to whoever stores decisions and reports back
with `settle`: the row says "saving…" until then, and "not saved" (buttons usable again) if the
decision could not be stored.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from console.domain.model import SystemKind
from console.services.person import Link, Person
from console.ui import formats
from console.ui.status_chips import system_title
from console.ui.widgets import plain_label

MAX_ROWS = 5


def anchor_ref(person: Person) -> str:
    """The record a suggested link is judged against: the CRM profile, else the first strong link."""
    if person.profile is not None:
        return str(person.profile.ref)
    strong = person.strong_links
    directory = [ln for ln in strong if ln.ref.system is SystemKind.DIRECTORY]
    candidates = directory or list(strong)
    return str(candidates[0].ref) if candidates else f"person:{person.id}"


class LinkReview(QWidget):
    linkDecision = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(2)
        self.buttons: list[QPushButton] = []
        self._rows: dict[str, tuple[QLabel, str, tuple[QPushButton, ...]]] = {}  # ref -> row
        self.hide()

    def set_person(self, person: Person | None) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons = []
        self._rows = {}
        groups = list(person.suggested_people())[:MAX_ROWS] if person else []
        decided = list(person.decisions)[: MAX_ROWS - len(groups)] if person else []
        if person is None or not (groups or decided):
            self.hide()
            return
        anchor = anchor_ref(person)
        for row, links in enumerate(groups):
            self._add_row(row, anchor, links)
        for row, (own, other, kind) in enumerate(decided, start=len(groups)):
            self._add_decided(row, own, other, kind)
        self.show()

    def _add_decided(self, row: int, own: str, other: str, kind: str) -> None:
        """An agent's earlier decision about this person's records, with an Undo (a mis-click
        must not keep two people apart, or together, for good)."""
        system, _, rid = other.partition(":")
        try:
            who = f"{system_title(SystemKind(system))} {rid}"
        except ValueError:
            who = other
        words = (
            self.tr("Kept apart by an agent: %1") if kind == "split" else self.tr("Linked by an agent: %1")
        )
        text = words.replace("%1", who)
        label = plain_label(text, "", self)
        label.setWordWrap(True)
        undo = QPushButton(self.tr("Undo"), self)
        undo.setAccessibleName(self.tr("Undo the decision about %1").replace("%1", who))
        undo.clicked.connect(lambda _checked=False: self._decide(own, other, "undo"))
        self.buttons.append(undo)
        self._rows[other] = (label, text, (undo,))
        self._grid.addWidget(label, row, 0)
        self._grid.addWidget(undo, row, 2)
        self._grid.setColumnStretch(0, 1)

    def _add_row(self, row: int, anchor: str, links: tuple[Link, ...]) -> None:
        """One suggested person (the records of theirs the search found); the decision is taken
        on the first record, and the lookup applies it to everything linked to it."""
        link = links[0]
        records = ", ".join(f"{system_title(ln.ref.system)} {ln.ref.id}" for ln in links)
        text = (
            self.tr("Suggested: %1 (%2) — matched on %3, %4% confidence")
            .replace("%1", link.name or records)
            .replace("%2", records)
            .replace("%3", formats.matched(link.matched_on))
            .replace("%4", str(round(max(ln.confidence for ln in links) * 100)))
        )
        who = link.name or str(link.ref)
        label = plain_label(text, "", self)
        label.setWordWrap(True)
        confirm = QPushButton(self.tr("Confirm link"), self)
        confirm.setAccessibleName(self.tr("Confirm link to %1").replace("%1", who))
        split = QPushButton(self.tr("Not the same person"), self)
        split.setAccessibleName(self.tr("Split: %1 is not this person").replace("%1", who))
        for button, decision in ((confirm, "confirm"), (split, "split")):
            button.clicked.connect(
                lambda _checked=False, ref=str(link.ref), d=decision: self._decide(anchor, ref, d)
            )
            self.buttons.append(button)
        self._rows[str(link.ref)] = (label, text, (confirm, split))
        self._grid.addWidget(label, row, 0)
        self._grid.addWidget(confirm, row, 1)
        self._grid.addWidget(split, row, 2)
        self._grid.setColumnStretch(0, 1)

    def _decide(self, anchor: str, ref: str, decision: str) -> None:
        label, text, buttons = self._rows[ref]
        for button in buttons:
            button.setEnabled(False)
        saving = self.tr("saving…")
        label.setText(f"{text} — {saving}")
        self.linkDecision.emit(anchor, ref, decision)

    def settle(self, ref: str, decision: str, error: str | None = None) -> None:
        """The decision about `ref` was stored (error None) or not: the row says which."""
        row = self._rows.get(ref)
        if row is None:
            return  # this list shows someone else by now
        label, text, buttons = row
        if error is None:
            done = {"confirm": self.tr("linked"), "split": self.tr("kept apart")}.get(
                decision, self.tr("undone")
            )
            label.setText(f"{text} — {done}")
            return
        problem = self.tr("not saved: %1").replace("%1", error)
        label.setText(f"{text} — {problem}")
        for button in buttons:
            button.setEnabled(True)
