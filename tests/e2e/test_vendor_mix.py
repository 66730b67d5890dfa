"""A mixed configuration end to end: HubSpot + Shopify + Stripe + EasyPost + Zendesk connectors
(over mock transports serving the vendors' published payloads) behind the real lookup service
and the real window. One search for Bob's e-mail links him across the five and the pane fills."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest

from console.domain.model import Role, StaffMember, SystemKind
from console.services.actions import load_default_policy
from console.services.lookup import LookupService
from console.ui.actions.controller import ActionController
from console.ui.main_window import MainWindow
from console.ui.status_chips import ChipState
from tests.gui.helpers import all_texts, search_and_wait
from tests.vendors.mixed_world import EMAIL, TRACKING, vendor_world

pytestmark = [pytest.mark.e2e, pytest.mark.gui]


@pytest.fixture
def window(qtbot: Any, qasync_loop: Any):
    connectors, recorders = vendor_world()
    lookup = LookupService(connectors, None, timeout_s=3.0)
    win = MainWindow(lookup, staff_name="Ana", theme="light")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.recorders = recorders
    win.connectors = connectors
    yield win
    win.close()
    task = asyncio.ensure_future(connectors.aclose())
    qtbot.waitUntil(task.done, timeout=3000)


def test_one_search_links_bob_across_five_vendors_and_the_pane_fills(qtbot, window: MainWindow) -> None:
    search_and_wait(qtbot, window, EMAIL, timeout=10000)
    pane = window.pane
    assert pane.header.name_label.text() == "Bob Norman"
    orders = all_texts(pane.orders.model)
    assert "#1001" in orders and "409.94" in orders  # Shopify
    payments = all_texts(pane.payments.model) + all_texts(pane.payments.tenders_model)
    assert "409.94" in payments and "4242" in payments  # Stripe, card masked to the last four
    assert "4242424242424242" not in payments
    deliveries = all_texts(pane.deliveries.model) + all_texts(pane.deliveries.events_model)
    assert TRACKING in deliveries and "| UPS |" in all_texts(pane.deliveries.model)  # EasyPost
    assert "Shipping Label Created" in deliveries
    assert "Where is my iPod order #1001?" in all_texts(pane.cases.model)  # Zendesk
    for kind in SystemKind:
        assert window.recorders[kind].requests, f"{kind} was never asked"
        assert pane.chips.chips[kind].state is ChipState.OK, kind


def test_easypost_says_in_words_that_it_cannot_reroute(qtbot, window: MainWindow) -> None:
    service = SimpleNamespace(policy=load_default_policy(), subscribe=lambda callback: lambda: None)
    controller = ActionController(
        window,
        service,
        StaffMember("agent-ana", "Ana", Role.AGENT),
        delivery_capabilities=window.connectors.delivery.capabilities(),
        delivery_vendor=window.connectors.delivery.vendor_name,
    )
    search_and_wait(qtbot, window, EMAIL, timeout=10000)
    view = window.pane.deliveries.view
    view.setCurrentIndex(window.pane.deliveries.model.index(0, 0))
    controller.update_enabled()
    assert not controller.delivery_button.isEnabled()
    assert "EasyPost cannot do this" in controller.why["delivery"].text()
    assert "ask the carrier" in controller.delivery_button.toolTip()
