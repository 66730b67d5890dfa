"""The main window over the fake connectors: search, candidates, the pane, cancellation."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from console.connectors.errors import SystemUnavailable
from console.domain.model import SystemKind
from console.services.events import SectionFailed, SectionLoaded
from console.ui.status_chips import ChipState
from tests.gui.helpers import all_texts, make_window, search, search_and_wait
from tests.services.fakes import NOW, FakeCache, golden_world

pytestmark = pytest.mark.gui


def test_search_box_has_focus_at_start_and_on_ctrl_k_and_f3(qtbot, qasync_loop):
    window, _ = make_window(qtbot)
    assert QApplication.focusWidget() is window.search.box
    for keys in ("Ctrl+K", "F3"):
        window.pane.orders.view.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not window.search.box)
        modifiers = (
            Qt.KeyboardModifier.ControlModifier if keys == "Ctrl+K" else Qt.KeyboardModifier.NoModifier
        )
        key = Qt.Key.Key_K if keys == "Ctrl+K" else Qt.Key.Key_F3
        qtbot.keyClick(QApplication.focusWidget(), key, modifiers)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search.box)


def test_one_clear_person_opens_directly_with_every_section(qtbot, qasync_loop):
    window, _ = make_window(qtbot)
    search_and_wait(qtbot, window, "maya.okafor@example.com")
    pane = window.pane
    assert window.stack.currentWidget() is pane
    assert pane.header.name_label.text() == "Maya Okafor"
    assert "maya.okafor@example.com" in pane.header.contacts_label.text()
    assert "Tier: gold" in pane.header.facts_label.text()
    assert "late by 1 day" in pane.summary.text()
    assert pane.orders.model.index(0, 0).data() == "W-100123"
    assert pane.deliveries.late_label.text().lower() == "late by 1 day"
    assert "Visa" in all_texts(pane.payments.tenders_model)
    assert {chip.state for chip in pane.chips.chips.values()} == {ChipState.OK}
    assert pane.timeline.model.total() > 0
    # Store stock is visible from the order line, asked automatically for open lines.
    qtbot.waitUntil(
        lambda: "Store 012 Riverside: 3" in pane.orders.lines_model.stock_text("DRS-4471"), timeout=3000
    )


def test_invalid_query_shows_an_inline_message_and_changes_nothing_else(qtbot, qasync_loop):
    window, world = make_window(qtbot)
    search_and_wait(qtbot, window, "maya.okafor@example.com")
    calls = world.total_calls()
    search(qtbot, window, "?")
    qtbot.waitUntil(lambda: window.search.problem_text() != "")
    assert window.stack.currentWidget() is window.pane
    assert window.pane.header.name_label.text() == "Maya Okafor"
    assert world.total_calls() == calls
    qtbot.keyClicks(window.search.box, "x")  # typing again clears the message
    assert window.search.problem_text() == ""


def test_several_people_show_a_candidate_list_and_enter_opens_one(qtbot, qasync_loop):
    window, _ = make_window(qtbot)
    with qtbot.waitSignal(window.candidatesShown, timeout=3000) as shown:
        search(qtbot, window, "Reyes")
    assert shown.args == [2]
    assert window.stack.currentWidget() is window.candidates
    text = all_texts(window.candidates.model)
    assert "Tomás Reyes" in text and "Tom Reyes" in text
    assert "orders: name" in text and "%" in text  # what matched where; weak links with confidence
    view = window.candidates.view
    row = next(r for r in range(2) if window.candidates.model.item(r).name == "Tomás Reyes")
    view.selectRow(row)
    assert window.candidates.links.isVisibleTo(window.candidates)  # confirm / split
    with qtbot.waitSignal(window.viewComplete, timeout=3000):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.pane.header.name_label.text() == "Tomás Reyes"
    assert "Express Central Station" in all_texts(window.pane.orders.model)


def test_double_click_opens_a_candidate(qtbot, qasync_loop):
    window, _ = make_window(qtbot)
    with qtbot.waitSignal(window.candidatesShown, timeout=3000):
        search(qtbot, window, "Reyes")
    view = window.candidates.view
    rect = view.visualRect(window.candidates.model.index(1, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(window.viewComplete, timeout=3000):
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.pane.person is not None


def test_link_confirm_and_split_are_saved_before_they_say_so_and_the_search_runs_again(qtbot, qasync_loop):
    window, _ = make_window(qtbot)
    saved: list[tuple[str, str, str]] = []

    async def recorder(a: str, b: str, decision: str) -> None:
        await asyncio.sleep(0.05)
        saved.append((a, b, decision))

    window.link_recorder = recorder
    with qtbot.waitSignal(window.candidatesShown, timeout=3000):
        search(qtbot, window, "Reyes")
    links = window.candidates.links
    ref_b, (label, _, (confirm, _split)) = next(iter(links._rows.items()))  # the first suggestion
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    assert label.text().endswith("— saving…") and not confirm.isEnabled()  # not yet told "done"
    assert saved == []
    with qtbot.waitSignal(window.linkSaved, timeout=3000) as stored:
        pass
    ref_a, _, decision = stored.args
    assert decision == "confirm" and ref_a.startswith("directory:")
    assert saved == [(ref_a, ref_b, "confirm")]
    with qtbot.waitSignal(window.candidatesShown, timeout=3000):  # saved: the search runs again
        pass
    assert "saved" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.busy(), timeout=3000)
    buttons = window.candidates.links.buttons
    with qtbot.waitSignal(window.linkSaved, timeout=3000) as stored:
        buttons[1].setFocus()
        qtbot.keyClick(buttons[1], Qt.Key.Key_Space)  # keyboard operable
    assert stored.args[2] == "split" and saved[-1][2] == "split"


def test_a_link_decision_that_cannot_be_saved_says_so_and_can_be_made_again(qtbot, qasync_loop):
    window, _ = make_window(qtbot)

    async def broken(a: str, b: str, decision: str) -> None:
        raise OSError("disk full")

    window.link_recorder = broken
    with qtbot.waitSignal(window.candidatesShown, timeout=3000):
        search(qtbot, window, "Reyes")
    links = window.candidates.links
    searches: list[str] = []
    window.searchStarted.connect(searches.append)
    qtbot.mouseClick(links.buttons[1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not saved" in window.statusBar().currentMessage(), timeout=3000)
    assert "disk full" in window.statusBar().currentMessage()
    label, _, buttons = next(iter(links._rows.values()))
    assert label.text().endswith("— not saved: disk full")
    assert all(b.isEnabled() for b in buttons)
    assert searches == []  # nothing changed: the list stands as it was
    window.link_recorder = None
    qtbot.mouseClick(links.buttons[1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "no local store" in window.statusBar().currentMessage(), timeout=3000)


def test_a_new_search_cancels_the_one_in_flight(qtbot, qasync_loop):
    window, world = make_window(qtbot)
    world.cases.hang = True  # Maya's cases never answer
    search(qtbot, window, "maya.okafor@example.com")
    qtbot.waitUntil(lambda: world.cases.in_flight > 0, timeout=3000)
    world.cases.hang = False
    search_and_wait(qtbot, window, "aisha.karimova@example.com")
    assert world.cases.cancelled >= 1
    assert world.cases.in_flight == 0
    assert window.pane.header.name_label.text() == "Aisha Karimova"
    assert "W-100123" not in all_texts(window.pane.orders.model)


def test_a_late_answer_for_another_person_is_never_painted(qtbot, qasync_loop):
    window, world = make_window(qtbot)
    search_and_wait(qtbot, window, "aisha.karimova@example.com")
    before = all_texts(window.pane.orders.model)
    maya_orders = tuple(o for o in world.orders.orders if o.number == "W-100123")
    stale_event = SectionLoaded("someone-else", SystemKind.ORDERS, maya_orders)
    assert window.pane.apply(stale_event) is False
    assert all_texts(window.pane.orders.model) == before


def test_a_down_system_shows_its_stale_copy_marked_and_retry_brings_it_back(qtbot, qasync_loop):
    cache = FakeCache(clock=lambda: NOW)
    window, world = make_window(qtbot, cache=cache)
    search_and_wait(qtbot, window, "maya.okafor@example.com")
    world.orders.fail = SystemUnavailable(SystemKind.ORDERS, "connection refused")
    search_and_wait(qtbot, window, "maya.okafor@example.com")
    pane = window.pane
    chip = pane.chips.chip(SystemKind.ORDERS)
    assert chip.state is ChipState.STALE
    assert "stale since" in chip.label.text()
    assert "connection refused" in chip.toolTip()
    assert "Stale since" in pane.orders.state_text()
    assert f"From the last good copy: Orders as of {chip.label.text()[-5:]}." in pane.summary.text()
    assert "W-100123" in all_texts(pane.orders.model)  # the last good copy is still shown
    assert chip.retry.isVisibleTo(pane)
    world.orders.fail = None
    with qtbot.waitSignal(pane.sectionPainted, timeout=3000, check_params_cb=lambda s: s == "orders"):
        qtbot.mouseClick(chip.retry, Qt.MouseButton.LeftButton)
    assert chip.state is ChipState.OK
    assert pane.orders.state_text() == ""


def test_a_down_system_without_a_copy_says_so_and_the_rest_works(qtbot, qasync_loop):
    window, world = make_window(qtbot)
    world.payments.fail = SystemUnavailable(SystemKind.PAYMENTS, "503 from the payment system")
    search_and_wait(qtbot, window, "maya.okafor@example.com")
    pane = window.pane
    assert pane.chips.chip(SystemKind.PAYMENTS).state is ChipState.DOWN
    assert "503 from the payment system" in pane.payments.state_text()
    assert pane.payments.model.rowCount() == 0
    assert pane.orders.model.rowCount() == 1
    assert pane.chips.chip(SystemKind.DELIVERY).state is ChipState.OK
    assert pane.summary.text().endswith(" Not available: Payments.")


def test_a_slow_system_is_marked_slow_while_the_others_answer(qtbot, qasync_loop):
    world = golden_world(NOW)
    window, _ = make_window(qtbot, world, slow_after_s=0.05)
    world.cases.latency_s = 0.4
    search(qtbot, window, "aisha.karimova@example.com")
    qtbot.waitUntil(lambda: "Cases: slow" in window.search.progress.text(), timeout=3000)
    assert "CRM: 1 found" in window.search.progress.text()
    qtbot.waitUntil(lambda: window.pane.is_complete() and not window.busy(), timeout=5000)
    # In the pane: a system still silent is marked slow until it answers.
    pane = window.pane
    pane.begin(pane.person)
    pane.mark_slow(SystemKind.CASES, pane.person.id)
    assert pane.chips.chip(SystemKind.CASES).state is ChipState.SLOW
    assert "slow" in pane.chips.chip(SystemKind.CASES).label.text()
    pane.mark_slow(SystemKind.ORDERS, "someone-else")
    assert pane.chips.chip(SystemKind.ORDERS).state is ChipState.WAITING


def test_user_text_is_shown_as_plain_text(qtbot, qasync_loop):
    world = golden_world(NOW)
    maya = world.directory.profiles[0]
    world.directory.profiles[0] = dataclasses.replace(maya, name="<b>Maya</b> <img src=x>")
    window, _ = make_window(qtbot, world)
    search_and_wait(qtbot, window, "maya.okafor@example.com")
    label = window.pane.header.name_label
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == "<b>Maya</b> <img src=x>"


def test_a_clear_person_shows_while_a_slow_system_still_answers(qtbot, qasync_loop):
    """The agent sees the customer and the sections already answered without waiting for the
    slowest system; when it answers, the same pane continues (nothing is cleared)."""
    world = golden_world(NOW)
    window, _ = make_window(qtbot, world, slow_after_s=0.2)
    world.cases.latency_s = 0.8
    painted: list[object] = []
    window.sectionPainted.connect(painted.append)
    search(qtbot, window, "aisha.karimova@example.com")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pane and bool(painted), timeout=2000)
    assert window.pane.header.name_label.text() == "Aisha Karimova"
    assert world.cases.in_flight >= 1  # the slow system has not answered yet
    assert window.busy()
    # the lagging system shows as slow, and the summary does not speak for it yet
    qtbot.waitUntil(lambda: window.pane.chips.chip(SystemKind.CASES).state is ChipState.SLOW, timeout=2000)
    qtbot.waitUntil(lambda: "Still asking: Cases." in window.pane.summary.text(), timeout=2000)
    shown = window.pane.person
    qtbot.waitUntil(lambda: window.pane.is_complete() and not window.busy(), timeout=5000)
    assert window.pane.person is not None and window.pane.person.name == shown.name
    assert window.pane.cases.model.rowCount() > 0
    assert window.pane.chips.chip(SystemKind.CASES).state is ChipState.OK
    assert "Still asking" not in window.pane.summary.text()


def test_while_a_clear_person_shows_a_system_the_search_could_not_reach_is_down_not_waiting(
    qtbot, qasync_loop
):
    world = golden_world(NOW)
    window, _ = make_window(qtbot, world, slow_after_s=0.2)
    world.payments.fail = SystemUnavailable(SystemKind.PAYMENTS, "connection refused")
    world.cases.latency_s = 0.8
    search(qtbot, window, "aisha.karimova@example.com")
    qtbot.waitUntil(
        lambda: window.stack.currentWidget() is window.pane and window.pane.derived is not None, timeout=2000
    )
    assert world.cases.in_flight >= 1 and window.busy()  # the preview, while Cases is silent
    pane = window.pane
    chip = pane.chips.chip(SystemKind.PAYMENTS)
    assert chip.state is ChipState.DOWN and "connection refused" in chip.toolTip()
    assert "Not available: Payments." in pane.summary.text()
    assert "Still asking: Cases." in pane.summary.text()
    world.payments.fail = None  # the open asks it again
    qtbot.waitUntil(lambda: pane.is_complete() and not window.busy(), timeout=5000)
    assert chip.state is ChipState.OK and pane.payments.model.rowCount() > 0
    assert "Not available" not in pane.summary.text() and "Still asking" not in pane.summary.text()


def test_a_preview_gives_way_to_the_candidate_list_when_a_second_person_appears(qtbot, qasync_loop):
    """Scripted: the first answers show one clear person; the last answer brings a second one.
    The pane shown meanwhile gives way to the candidate list."""

    from console.services.events import CandidatesChanged

    window, _ = make_window(qtbot)

    async def final_persons(text: str) -> list:
        async for event in window.lookup.search(text):
            if isinstance(event, CandidatesChanged) and event.final:
                return list(event.persons)
        return []

    task = asyncio.ensure_future(
        asyncio.gather(final_persons("tomas.reyes@example.com"), final_persons("Reyes"))
    )
    qtbot.waitUntil(task.done, timeout=3000)
    (tomas,), by_name = task.result()
    other = next(p for p in by_name if p.name != "Tomás Reyes")
    assert window.lookup.ready_sections(tomas), "the scripted preview must have something to show"

    async def scripted(text: str):
        yield CandidatesChanged((tomas,), final=False)
        await asyncio.sleep(0.2)
        yield CandidatesChanged((tomas, dataclasses.replace(other, clear=False)), final=True)

    window.lookup.search = scripted  # type: ignore[method-assign]
    search(qtbot, window, "Reyes")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pane, timeout=2000)
    assert window.pane.header.name_label.text() == "Tomás Reyes"
    with qtbot.waitSignal(window.candidatesShown, timeout=3000) as shown:
        pass
    assert shown.args == [2]
    assert window.stack.currentWidget() is window.candidates


def test_pages_arriving_together_are_rendered_one_section_per_turn(qtbot, qasync_loop):
    """Later pages of several systems are coalesced, then rendered one section at a time (each
    repaint covers one section); `finish` renders whatever is still waiting at once."""
    window, _ = make_window(qtbot)
    search_and_wait(qtbot, window, "maya.okafor@example.com")
    pane = window.pane
    person = pane.person
    assert person is not None
    pane._finished = False  # as while pages still stream in
    rendered: list[str] = []
    pane.sectionPainted.connect(lambda s: rendered.append(s) if s != "summary" else None)
    for system in (SystemKind.ORDERS, SystemKind.PAYMENTS, SystemKind.CASES):
        assert pane.apply(SectionLoaded(person.id, system, pane.data[system], 1.0))
    assert rendered == []  # coalesced: nothing yet
    qtbot.waitUntil(lambda: len(rendered) >= 1, timeout=2000)
    assert rendered == ["orders"]  # one section in this turn
    qtbot.waitUntil(lambda: len(rendered) == 3, timeout=2000)
    assert rendered == ["orders", "payments", "cases"]
    assert pane.apply(SectionLoaded(person.id, SystemKind.DELIVERY, pane.data[SystemKind.DELIVERY], 1.0))
    pane.finish()
    assert rendered[-1] == "delivery"  # the last one at once when the view completes


def test_opening_another_customer_paints_the_header_first_then_the_sections(qtbot, qasync_loop):
    window, _ = make_window(qtbot)
    search_and_wait(qtbot, window, "maya.okafor@example.com")
    pane = window.pane
    assert pane.person is not None
    qtbot.waitUntil(pane.columns.updatesEnabled, timeout=1000)
    pane.begin(dataclasses.replace(pane.person, id="someone-else"))
    assert not pane.columns.updatesEnabled()  # this turn paints header, summary and chips
    qtbot.waitUntil(pane.columns.updatesEnabled, timeout=1000)  # the sections in the next
    pane.begin(pane.person)  # the same customer again: nothing held back
    assert pane.columns.updatesEnabled()


def test_the_summary_changing_does_not_move_the_sections(qtbot, qasync_loop):
    """Its text changes several times while systems answer; up to three lines it keeps its
    height, so the sections below are not laid out and repainted for each sentence."""
    window, _ = make_window(qtbot)
    search_and_wait(qtbot, window, "maya.okafor@example.com")
    pane = window.pane
    qtbot.wait(100)  # everything laid out
    before = pane.columns.geometry()
    for text in ("Short.", "A longer summary. " * 12):
        pane.summary.setText(text)
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        assert pane.columns.geometry() == before, text


def test_the_search_bar_says_searching_while_every_system_is_still_silent(qtbot, qasync_loop):
    world = golden_world(NOW)
    window, _ = make_window(qtbot, world)
    for system in (world.directory, world.orders, world.payments, world.delivery, world.cases):
        system.latency_s = 0.3
    window.search.show_problem("A problem shown before")
    search(qtbot, window, "aisha.karimova@example.com")
    qtbot.waitUntil(
        lambda: "Searching for “aisha.karimova@example.com”" in window.search.progress.text(), timeout=1000
    )
    assert window.busy()
    assert window.search.problem_text() == ""  # the earlier problem is gone
    qtbot.waitUntil(lambda: window.pane.is_complete() and not window.busy(), timeout=5000)
    assert "Showing Aisha Karimova" in window.search.progress.text()


def test_the_summary_claims_nothing_for_a_system_that_did_not_answer(qtbot, qasync_loop):
    window, _ = make_window(qtbot)
    search_and_wait(qtbot, window, "maya.okafor@example.com")
    pane, person = window.pane, window.pane.person
    pane.begin(person)
    quiet = [SectionLoaded(person.id, s, (), 1.0) for s in SystemKind if s is not SystemKind.ORDERS]
    pane.apply_all(
        [*quiet, SectionFailed(person.id, SystemKind.ORDERS, SystemUnavailable(SystemKind.ORDERS, "x"))]
    )
    pane.finish()
    qtbot.waitUntil(pane.is_complete, timeout=2000)
    assert (
        pane.summary.text() == "Nothing needs attention in the systems that answered. Not available: Orders."
    )
    pane.begin(person)
    pane.apply_all([*quiet, SectionLoaded(person.id, SystemKind.ORDERS, (), 1.0)], last=True)
    qtbot.waitUntil(pane.is_complete, timeout=2000)
    assert pane.summary.text() == "No open orders, parcels or cases."


def test_tab_walks_the_candidate_list_in_reading_order(qtbot, qasync_loop):
    window, _ = make_window(qtbot)
    with qtbot.waitSignal(window.candidatesShown, timeout=3000):
        search(qtbot, window, "Reyes")
    walked = []
    for _ in range(4):
        widget = QApplication.focusWidget()
        walked.append(widget.accessibleName())
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert walked[0] == "People found" and walked[3] == "Open the selected person"
    assert walked[1].startswith("Confirm link to ") and walked[2].startswith("Split: ")


def test_a_table_sorts_from_the_keyboard_by_its_current_column(qtbot, qasync_loop):
    window, _ = make_window(qtbot)
    search_and_wait(qtbot, window, "aisha.karimova@example.com")
    view, model = window.pane.timeline.view, window.pane.timeline.model
    own = list(model.items())
    assert len(own) >= 5
    kind = next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Kind"
    )
    kinds = lambda: [model.index(r, kind).data() for r in range(model.rowCount())]  # noqa: E731
    view.setFocus()
    view.setCurrentIndex(model.index(0, kind))
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view, Qt.Key.Key_O, keys)
    assert model.sort_column() == (kind, Qt.SortOrder.AscendingOrder)
    assert kinds() == sorted(kinds()) and list(model.items()) != own
    assert window.statusBar().currentMessage() == "Sorted by Kind, ascending"
    qtbot.keyClick(view, Qt.Key.Key_O, keys)
    assert kinds() == sorted(kinds(), reverse=True)
    qtbot.keyClick(view, Qt.Key.Key_O, keys)
    assert model.sort_column()[0] == -1 and list(model.items()) == own
    assert view.horizontalHeader().sortIndicatorSection() == -1


def test_a_section_still_receiving_pages_or_cut_at_the_limit_says_so(qtbot, qasync_loop):
    window, _ = make_window(qtbot)
    search_and_wait(qtbot, window, "maya.okafor@example.com")
    pane, person = window.pane, window.pane.person
    orders = pane.data[SystemKind.ORDERS]
    pane.begin(person)
    others = [
        SectionLoaded(person.id, s, pane.data.get(s, ()), 1.0)
        for s in SystemKind
        if s is not SystemKind.ORDERS
    ]
    pane.apply_all([*others, SectionLoaded(person.id, SystemKind.ORDERS, orders, 1.0, more=True)])
    chip = pane.chips.chip(SystemKind.ORDERS)
    assert chip.state is ChipState.MORE and chip.label.text() == "Orders loading…"
    assert pane.orders.state_text() == f"Loading more… {len(orders)} so far"
    qtbot.waitUntil(lambda: "Still loading: Orders." in pane.summary.text(), timeout=2000)
    pane.apply(SectionLoaded(person.id, SystemKind.ORDERS, orders, 1.0, capped=True))
    pane.finish()
    qtbot.waitUntil(pane.is_complete, timeout=2000)
    assert chip.state is ChipState.OK
    assert pane.orders.state_text() == f"Showing the first {len(orders)} — the system holds more"
    assert pane.summary.text().endswith(" Only part shown (too many records): Orders.")
    assert "Still loading" not in pane.summary.text()


def test_who_is_signed_in_shows_again_after_a_passing_message(qtbot, qasync_loop):
    window, _ = make_window(qtbot)
    assert window.signed_in.text() == "Signed in as Ana" and window.signed_in.isVisible()
    window.statusBar().showMessage("Sorted by Kind, ascending", 100)
    assert not window.signed_in.isVisible()
    qtbot.waitUntil(window.signed_in.isVisible, timeout=2000)
    assert window.statusBar().currentMessage() == ""


def test_while_pages_still_come_in_the_window_says_so_and_a_cut_list_says_it_is_cut(
    qtbot, qasync_loop, monkeypatch
):
    from console.services import sections
    from tests.services.fakes import many_orders

    monkeypatch.setattr(sections, "PARTIAL_EVERY_S", 0.0)  # every page shown as it comes
    world = golden_world(NOW)
    many_orders(world, "OC-001", 34)
    world.orders.page_size = 10
    window, _ = make_window(qtbot, world, page_hint=10)
    world.orders.latency_s = 0.15  # each page takes a while
    search(qtbot, window, "maya.okafor@example.com")
    chip = window.pane.chips.chip(SystemKind.ORDERS)
    qtbot.waitUntil(lambda: chip.state is ChipState.MORE, timeout=5000)
    assert chip.label.text() == "Orders loading…"
    assert window.pane.orders.state_text().startswith("Loading more… ")
    qtbot.waitUntil(lambda: window.pane.is_complete() and not window.busy(), timeout=10000)
    assert chip.state is ChipState.OK and window.pane.orders.state_text() == ""
    assert window.pane.orders.model.total() == 35

    world.orders.latency_s = 0.0
    cut, _ = make_window(qtbot, world, page_hint=10, max_pages=2)
    search_and_wait(qtbot, cut, "maya.okafor@example.com")
    assert cut.pane.orders.state_text() == "Showing the first 20 — the system holds more"
    assert cut.pane.summary.text().endswith(" Only part shown (too many records): Orders.")
