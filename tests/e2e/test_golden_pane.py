"""S1–S5 as the agent sees them: typed into the real window, answered by the demo backends."""

from __future__ import annotations

import pytest

from console.ui.status_chips import ChipState
from tests.e2e.conftest import Console
from tests.gui.helpers import all_texts, search_and_wait

pytestmark = [pytest.mark.e2e, pytest.mark.gui]


def test_s1_dispatched_late_and_store_012_has_the_dress(qtbot, console: Console) -> None:
    search_and_wait(qtbot, console.window, "maya.okafor@example.com")
    pane = console.window.pane
    assert pane.header.name_label.text() == "Maya Okafor"
    deliveries = all_texts(pane.deliveries.model) + all_texts(pane.deliveries.events_model)
    assert "Parcelnet" in deliveries and "Sorting centre Utrecht" in deliveries
    assert pane.deliveries.late_label.text().lower() == "late by 1 day"
    assert "07:40" in pane.summary.text() and "09:15" in pane.summary.text()
    assert "W-100412" in all_texts(pane.orders.model)
    qtbot.waitUntil(
        lambda: "Store 012 Riverside: 3" in pane.orders.lines_model.stock_text("DRS-4471"), timeout=5000
    )


def test_s2_local_phone_finds_tomas_with_the_kiosk_sale(qtbot, console: Console) -> None:
    search_and_wait(qtbot, console.window, "0612 345 678")
    pane = console.window.pane
    assert pane.header.name_label.text() == "Tomás Reyes"
    orders = all_texts(pane.orders.model)
    assert "EX-7781-2291" in orders and "Express Central Station" in orders
    assert "5100" in all_texts(pane.payments.tenders_model)  # the kiosk's card payment, masked


def test_s2_receipt_scan_finds_the_same_person(qtbot, console: Console) -> None:
    search_and_wait(qtbot, console.window, "EX-7781-2291")
    assert console.window.pane.header.name_label.text() == "Tomás Reyes"


def test_s3_summary_names_the_exception_days_late_and_contacts(qtbot, console: Console) -> None:
    search_and_wait(qtbot, console.window, "W-100877")
    pane = console.window.pane
    summary = pane.summary.text()
    assert "address not found" in summary and "5 days late" in summary and "SwiftRoute" in summary
    assert "5 contacts" in summary
    assert pane.cases.model.rowCount() == 5
    assert "214.50 EUR" in all_texts(pane.payments.model)


def test_s4_jordans_order_and_notes(qtbot, console: Console) -> None:
    search_and_wait(qtbot, console.window, "jordan.lee@example.com")
    pane = console.window.pane
    assert "T-55012" in all_texts(pane.orders.model)
    notes = all_texts(pane.cases.model) + all_texts(pane.cases.notes_model)
    assert "streaming" in notes.lower()


def test_s5_split_tenders_masked(qtbot, console: Console) -> None:
    search_and_wait(qtbot, console.window, "priya.natarajan@example.com")
    pane = console.window.pane
    tenders = all_texts(pane.payments.tenders_model).lower()
    assert "gift card" in tenders and "0005" in tenders and "100.00" in tenders and "320.00" in tenders
    assert "4242" not in tenders


def test_a_system_down_is_marked_and_the_rest_still_loads(qtbot, console: Console, backends) -> None:
    backends.set_faults("cases", outage=True)
    try:
        search_and_wait(qtbot, console.window, "aisha.karimova@example.com", timeout=15000)
        pane = console.window.pane
        assert pane.chips.chips[_cases()].state is ChipState.DOWN
        assert "W-100877" in all_texts(pane.orders.model)
    finally:
        backends.clear_faults()


def _cases():
    from console.domain.model import SystemKind

    return SystemKind.CASES
