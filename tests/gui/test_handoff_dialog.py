"""The hand-off dialog offers only the kinds of target it knows someone for."""

from __future__ import annotations

from console.ui.team import HandoffDialog


def test_without_a_staff_directory_only_teams_and_supervisors_are_offered(qtbot) -> None:
    dialog = HandoffDialog("Bob Norman", [], [], ["service", "sales"], [], None)
    qtbot.addWidget(dialog)
    kinds = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    assert kinds == ["team", "supervisors"]
    full = HandoffDialog("Bob Norman", [], [("sup-sam", "Sam")], ["service"], [("012", "Store 012")], None)
    qtbot.addWidget(full)
    assert [full.kind.itemData(i) for i in range(full.kind.count())] == [
        "team",
        "staff",
        "store",
        "supervisors",
    ]
