"""Every item model passes pytest-qt's qtmodeltester, pages with fetchMore, sorts in Python."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt

from console.domain.model import Channel, SystemKind, SystemRef, TrackingEvent
from console.domain.timeline import TimelineKind, build_timeline
from console.services.lookup import LookupService
from console.ui.models.candidates import CandidatesModel, matched_in, suggested
from console.ui.models.cases import CasesModel, NotesModel, notes_of
from console.ui.models.deliveries import ShipmentsModel, TrackingEventsModel
from console.ui.models.orders import OrderLinesModel, OrdersModel, describe_stock
from console.ui.models.paged import PAGE, ItemRole
from console.ui.models.payments import PaymentsModel, TendersModel
from console.ui.models.timeline import TimelineModel
from tests.gui.helpers import column_texts
from tests.services.fakes import NOW, golden_world

pytestmark = pytest.mark.gui


@pytest.fixture
def world():
    return golden_world(NOW)


def _many(item, count, make_ref):
    return [dataclasses.replace(item, ref=make_ref(i)) for i in range(count)]


def test_orders_model(qtmodeltester, world):
    model = OrdersModel()
    model.set_orders(world.orders.orders)
    qtmodeltester.check(model)
    placed = [model.item(r).placed_at for r in range(model.rowCount())]
    assert placed == sorted(placed, reverse=True)  # newest first
    kiosk = model.row_of("EX-7781-2291")
    cells = {model.headerData(c, Qt.Orientation.Horizontal): model.index(kiosk, c).data() for c in range(7)}
    assert cells["Store"] == "Express Central Station" and cells["Channel"] == "express kiosk"
    assert cells["Status"] == "completed" and cells["Total"] == "349.00 EUR"


def test_order_lines_model_shows_stock(qtmodeltester, world):
    model = OrderLinesModel()
    order = next(o for o in world.orders.orders if o.number == "W-100123")
    model.set_order(order)
    qtmodeltester.check(model)
    assert model.index(0, 2).data() == "size 38"
    model.set_stock_text("DRS-4471", describe_stock(world.orders.stock_levels))
    assert model.index(0, OrderLinesModel.STOCK_COLUMN).data().startswith("Store 012 Riverside: 3")


def test_payments_and_tenders_are_masked(qtmodeltester, world):
    payments = PaymentsModel()
    payments.set_payments(world.payments.payments)
    qtmodeltester.check(payments)
    tenders = TendersModel()
    tenders.set_payment(world.payments.payments[0])
    qtmodeltester.check(tenders)
    label = tenders.index(0, 0).data()
    assert label.endswith("4242") and "Visa" in label
    assert "4242424242424242" not in label


def test_shipments_and_events(qtmodeltester, world):
    shipments = ShipmentsModel(lambda: NOW)
    shipments.set_shipments(world.delivery.shipments)
    qtmodeltester.check(shipments)
    late = dict(zip(column_texts(shipments, 0), column_texts(shipments, 6), strict=True))
    assert late["PN123456789NL"] == "late by 1 day"
    assert late["SR-4411-0877-NL"] == "late by 5 days"
    events = TrackingEventsModel()
    events.set_shipment(world.delivery.shipments[1])
    qtmodeltester.check(events)
    assert events.index(0, 2).data() == "address not found"


def test_cases_and_notes(qtmodeltester, world):
    cases = CasesModel()
    cases.set_cases(world.cases.cases)
    qtmodeltester.check(cases)
    notes = NotesModel()
    notes.set_notes(notes_of(world.cases.cases))
    qtmodeltester.check(notes)
    assert notes.rowCount() == 5
    assert set(column_texts(notes, 2)) == {"public"}
    assert {"e-mail", "chat", "phone", "social"} <= set(column_texts(notes, 1))


def test_timeline_model_filters_in_python(qtmodeltester, world):
    entries = build_timeline(
        world.orders.orders, world.payments.payments, world.delivery.shipments, world.cases.cases
    )
    model = TimelineModel()
    model.set_entries(entries)
    qtmodeltester.check(model)
    assert model.total() == len(entries)
    model.set_filter(TimelineKind.NOTE, None)  # the tester stays connected: resets are checked
    assert model.total() == 5 and set(column_texts(model, 2)) == {"note"}
    model.set_filter(None, Channel.KIOSK)
    assert all(t == "express kiosk" for t in column_texts(model, 3))
    model.set_filter(None, None)
    assert model.total() == len(entries)


async def _people(text):
    service = LookupService(golden_world(NOW), clock=lambda: NOW)
    async for event in service.search(text):
        if getattr(event, "final", False):
            return event.persons
    raise AssertionError("no final CandidatesChanged")


def test_candidates_model(qtmodeltester, qasync_loop, qtbot):
    people = []
    task = qasync_loop.create_task(_people("Reyes"))
    qtbot.waitUntil(task.done, timeout=3000)
    people = task.result()
    model = CandidatesModel()
    model.set_people(people)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    tomas = next(p for p in people if p.name == "Tomás Reyes")
    assert "orders: name" in matched_in(tomas)
    assert "%" in suggested(tomas)


def test_long_lists_page_with_fetch_more(qtmodeltester, world):
    shipment = world.delivery.shipments[0]
    events = tuple(
        TrackingEvent(NOW - timedelta(minutes=i), shipment.stage, f"event {i}") for i in range(2 * PAGE + 50)
    )
    long_shipment = dataclasses.replace(shipment, events=events)
    checked = TrackingEventsModel()
    checked.set_shipment(long_shipment)
    qtmodeltester.check(checked)  # (the tester itself fetches every page)
    model = TrackingEventsModel()
    model.set_shipment(long_shipment)
    assert model.rowCount() == PAGE
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE + 50
    assert not model.canFetchMore(QModelIndex())

    orders = OrdersModel()
    order = world.orders.orders[0]
    many = [
        dataclasses.replace(
            order, ref=SystemRef(SystemKind.ORDERS, f"S-{i:05d}"), placed_at=NOW - timedelta(hours=i)
        )
        for i in range(5000)
    ]
    orders.set_orders(list(reversed(many)))
    assert orders.rowCount() == PAGE and orders.total() == 5000
    assert orders.index(0, 0).data() == "S-00000"  # sorted newest first before paging
    assert orders.row_of("S-04999") == 4999 and orders.rowCount() == 5000
    assert orders.index(4999, 0).data(ItemRole).number == "S-04999"


def test_user_text_is_never_rich_text(qtmodeltester, world):
    order = world.orders.orders[0]
    evil = dataclasses.replace(order, lines=(dataclasses.replace(order.lines[0], description="<b>bold</b>"),))
    model = OrdersModel()
    model.set_orders([evil])
    assert model.index(0, 6).data(Qt.ItemDataRole.DisplayRole) == "1× <b>bold</b>"


def _column(model, title: str) -> int:
    return next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == title
    )


def test_sorting_by_a_column_compares_values_and_returns_to_the_models_own_order(qtmodeltester, world):
    model = OrdersModel()
    model.set_orders(world.orders.orders)
    own = [o.number for o in model.items()]  # newest first
    qtmodeltester.check(model)
    total = _column(model, "Total")
    model.sort(total, Qt.SortOrder.DescendingOrder)
    amounts = [o.total.amount for o in model.items()]
    assert amounts == sorted(amounts, reverse=True) and [o.number for o in model.items()] != own
    assert model.index(0, total).data() == f"{max(amounts):.2f} EUR"
    # new data keeps the chosen order
    model.set_orders(list(reversed(world.orders.orders)))
    assert [o.total.amount for o in model.items()] == amounts
    model.sort(_column(model, "Placed"), Qt.SortOrder.AscendingOrder)  # by the time, not its text
    placed = [o.placed_at for o in model.items()]
    assert placed == sorted(placed)
    model.sort(-1)
    assert [o.number for o in model.items()] == own
    qtmodeltester.check(model)


def test_a_sort_keeps_the_selected_row_selected_and_blanks_last(qtbot, world):
    from console.ui.widgets import table_view

    model = PaymentsModel()
    view = table_view(model, "Payments")
    qtbot.addWidget(view)
    from console.domain.model import Refund
    from tests.services.fakes import eur

    oldest = min(world.payments.payments, key=lambda p: p.created_at)
    refund = Refund("RF-1", eur("20.00"), oldest.tenders[0].id, NOW)
    refunded = dataclasses.replace(oldest, refunds=(refund,))
    model.set_payments([refunded if p is oldest else p for p in world.payments.payments])
    view.selectRow(model.rowCount() - 1)  # the oldest: the one refunded
    chosen = model.item(model.rowCount() - 1)
    header = view.horizontalHeader()
    column = _column(model, "Refunded")
    at = QPoint(header.sectionViewportPosition(column) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)  # the title, clicked
    assert model.sort_column() == (column, Qt.SortOrder.AscendingOrder)
    rows = view.selectionModel().selectedRows()
    assert len(rows) == 1 and model.item(rows[0].row()) is chosen
    blanks = [not p.refunds for p in model.items()]
    assert blanks == sorted(blanks) and any(blanks) and not all(blanks)  # no refund: last
    assert chosen is refunded and rows[0].row() == 0  # the selection moved with its payment
