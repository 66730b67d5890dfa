from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from console.domain.lateness import days_late, is_late, lateness
from console.domain.model import (
    Case,
    Channel,
    CustomerStub,
    DeliveryStage,
    Note,
    OrderStatus,
    Refund,
    SystemKind,
    SystemRef,
    TrackingEvent,
    Visibility,
)
from console.domain.summary import situation_summary
from console.domain.timeline import (
    TimelineEntry,
    TimelineKind,
    build_timeline,
    channels_present,
    filter_timeline,
    kinds_present,
)

from .fakes import NOW, eur, golden_world

W = golden_world()
ORDERS = {o.number: o for o in W.orders.orders}
PAYS = {p.order_number: p for p in W.payments.payments}
SHIPS = {s.order_number: s for s in W.delivery.shipments}


def _summary(orders=(), payments=(), shipments=(), cases=(), now=NOW) -> str:
    return situation_summary("X", list(orders), list(payments), list(shipments), list(cases), now)


# ---- lateness -------------------------------------------------------------------------------


def test_s1_late_by_one_day_when_the_estimate_slips_past_the_promise() -> None:
    s = SHIPS["W-100123"]
    late = lateness(s, NOW)
    assert late.promised == NOW.date()
    assert late.expected == NOW.date() + timedelta(days=1)
    assert late.days_late == 1
    assert is_late(s, NOW)


def test_s3_not_delivered_counts_up_to_today() -> None:
    s = SHIPS["W-100877"]
    assert days_late(s, NOW) == 5
    assert days_late(s, NOW + timedelta(days=2)) == 7


def test_due_today_is_not_late_yet_and_early_delivery_is_never_negative() -> None:
    s = dataclasses.replace(SHIPS["W-100123"], estimated_date=None)
    assert days_late(s, NOW) == 0
    delivered = dataclasses.replace(
        s,
        stage=DeliveryStage.DELIVERED,
        events=(TrackingEvent(NOW - timedelta(days=1), DeliveryStage.DELIVERED, "delivered"), *s.events),
    )
    assert lateness(delivered, NOW).delivered
    assert days_late(delivered, NOW) == 0


def test_delivered_late_counts_to_the_delivery_day_and_stops() -> None:
    s = dataclasses.replace(
        SHIPS["W-100123"],
        promised_date=date(2026, 11, 10),
        stage=DeliveryStage.DELIVERED,
        events=(TrackingEvent(NOW.replace(day=13), DeliveryStage.DELIVERED, "delivered"),),
    )
    assert days_late(s, NOW) == 3
    assert days_late(s, NOW + timedelta(days=30)) == 3


def test_no_promise_is_never_late() -> None:
    s = dataclasses.replace(SHIPS["W-100877"], promised_date=None)
    assert not is_late(s, NOW)
    assert days_late(s, NOW, promised=NOW.date() - timedelta(days=2)) == 2


# ---- summary --------------------------------------------------------------------------------


def test_s1_summary() -> None:
    o = ORDERS["W-100123"]
    text = _summary([o], [PAYS["W-100123"]], [SHIPS["W-100123"]])
    assert text == (
        "Order W-100123 (89.00 EUR, paid by card yesterday) is late by 1 day: handed to Parcelnet "
        "at 07:40, last seen in transit at 09:15 (Hub Utrecht)."
    )


def test_s3_summary() -> None:
    cases = W.cases.cases
    text = _summary([ORDERS["W-100877"]], [PAYS["W-100877"]], [SHIPS["W-100877"]], cases)
    assert text == (
        "Order W-100877 (214.50 EUR, paid by card 8 days ago) is 5 days late: SwiftRoute reported "
        "'address not found' 4 days ago, nothing since. 5 contacts about it, the last yesterday by phone."
    )


def test_exception_followed_by_later_events_says_where_it_is_now() -> None:
    s = SHIPS["W-100877"]
    later = TrackingEvent(NOW - timedelta(hours=3), DeliveryStage.IN_TRANSIT, "back in transit")
    s = dataclasses.replace(s, stage=DeliveryStage.IN_TRANSIT, events=(later, *s.events))
    text = _summary([ORDERS["W-100877"]], [], [s])
    assert "reported 'address not found' 4 days ago, last seen in transit at 09:00" in text
    assert "nothing since" not in text
    assert "(214.50 EUR)" in text  # no payment known: no "paid by"


def test_nothing_notable() -> None:
    assert _summary() == "No open orders, parcels or cases."
    delivered = dataclasses.replace(ORDERS["W-100500"], placed_at=NOW - timedelta(days=400))
    assert _summary([delivered]) == "No open orders, parcels or cases."


def test_nothing_notable_is_not_claimed_for_systems_that_did_not_answer() -> None:
    nothing = situation_summary("X", [], [], [], [], NOW, complete=False)
    assert nothing == "Nothing needs attention in the systems that answered."
    late = situation_summary("X", [ORDERS["W-100877"]], [], [SHIPS["W-100877"]], [], NOW, complete=False)
    assert "5 days late" in late  # what the answers hold is said as ever


def test_open_order_awaiting_dispatch() -> None:
    o = dataclasses.replace(
        ORDERS["W-100123"],
        status=OrderStatus.OPEN,
        placed_at=NOW - timedelta(days=2),
        promised_delivery=NOW.date() - timedelta(days=1),
    )
    assert _summary([o]) == (
        "Order W-100123 (89.00 EUR) placed 2 days ago is awaiting dispatch, 1 day past the promised date."
    )
    o2 = dataclasses.replace(o, promised_delivery=NOW.date() + timedelta(days=1))
    assert "promised for tomorrow" in _summary([o2])


def test_parcel_on_its_way_on_time() -> None:
    s = dataclasses.replace(SHIPS["W-100123"], estimated_date=NOW.date())
    assert (
        _summary([ORDERS["W-100123"]], [], [s]) == "Order W-100123 is on its way with Parcelnet, due today."
    )


def test_recent_refund_is_mentioned_old_one_is_not() -> None:
    p = PAYS["W-100877"]
    recent = dataclasses.replace(p, refunds=(Refund("RF-1", eur("20.00"), "T1", NOW - timedelta(days=3)),))
    assert _summary([], [recent]) == "Refunded 20.00 EUR to Mastercard 424242…5454 3 days ago (W-100877)."
    old = dataclasses.replace(p, refunds=(Refund("RF-1", eur("20.00"), "T1", NOW - timedelta(days=40)),))
    assert _summary([], [old]) == "No open orders, parcels or cases."


def test_open_cases_are_counted() -> None:
    stub = CustomerStub(SystemRef(SystemKind.CASES, "ZC-9"), "Priya")
    worn = Case(
        SystemRef(SystemKind.CASES, "CS-9"),
        "Worn shoes",
        "open",
        Channel.SELF_SERVICE,
        NOW - timedelta(hours=2),
        stub,
    )
    assert _summary(cases=[worn]) == "1 open case: 'Worn shoes', opened today through the self-service form."
    other = dataclasses.replace(
        worn, ref=SystemRef(SystemKind.CASES, "CS-8"), subject="Invoice", opened_at=NOW - timedelta(days=3)
    )
    assert _summary(cases=[worn, other]) == "2 open cases, the latest 'Worn shoes' opened today."
    closed = dataclasses.replace(worn, status="solved")
    assert _summary(cases=[closed]) == "No open orders, parcels or cases."


def test_return_window_closing_soon_and_closed_with_an_open_case() -> None:
    sale = dataclasses.replace(ORDERS["EX-7781-2291"], placed_at=NOW - timedelta(days=85))
    assert _summary([sale]) == "Return window for EX-7781-2291 closes in 5 days (25 Nov)."
    old = dataclasses.replace(ORDERS["EX-7781-2291"], placed_at=NOW - timedelta(days=100))
    assert _summary([old]) == "No open orders, parcels or cases."
    stub = CustomerStub(SystemRef(SystemKind.CASES, "ZC-2"), "Tomás")
    case = Case(
        SystemRef(SystemKind.CASES, "CS-2"),
        "Phone faulty",
        "open",
        Channel.STORE,
        NOW,
        stub,
        order_number="EX-7781-2291",
    )
    text = _summary([old], cases=[case])
    assert "Return window for EX-7781-2291 closed 10 days ago (10 Nov)." in text
    assert "1 open case: 'Phone faulty', opened today in store." in text


def test_single_case_counts_its_channel_tagged_notes_as_contacts() -> None:
    base = W.cases.cases[0]
    notes = tuple(
        Note(f"N{i}", NOW - timedelta(days=3 - i), "customer", "where?", Visibility.PUBLIC, ch)
        for i, ch in enumerate([Channel.EMAIL, Channel.CHAT, Channel.SOCIAL])
    )
    case = dataclasses.replace(base, notes=notes)
    text = _summary([ORDERS["W-100877"]], [], [SHIPS["W-100877"]], [case])
    assert text.endswith("3 contacts about it, the last yesterday on social media.")


# ---- timeline -------------------------------------------------------------------------------


def _aisha_timeline() -> list[TimelineEntry]:
    pay = dataclasses.replace(
        PAYS["W-100877"],
        refunds=(
            Refund("RF-1", eur("10.00"), "T1", NOW - timedelta(hours=1), "goodwill", approved_by="sup1"),
        ),
    )
    extra = [TimelineEntry(NOW, TimelineKind.HANDOFF, Channel.PHONE, "Handed to sales")]
    return build_timeline([ORDERS["W-100877"]], [pay], [SHIPS["W-100877"]], W.cases.cases, extra)


def test_timeline_has_everything_newest_first() -> None:
    entries = _aisha_timeline()
    ats = [e.at for e in entries]
    assert ats == sorted(ats, reverse=True)
    assert entries[0].kind is TimelineKind.HANDOFF
    assert entries[1].kind is TimelineKind.REFUND
    assert entries[1].title == "Refunded 10.00 EUR to Mastercard 424242…5454"
    assert entries[1].detail == "goodwill, approved by sup1"
    counts = {k: sum(1 for e in entries if e.kind is k) for k in TimelineKind}
    assert counts[TimelineKind.ORDER] == 1
    assert counts[TimelineKind.PAYMENT] == 1
    assert counts[TimelineKind.SHIPMENT_EVENT] == 3
    assert counts[TimelineKind.CASE] == 5
    assert counts[TimelineKind.NOTE] == 5
    exc = next(e for e in entries if e.kind is TimelineKind.SHIPMENT_EVENT)
    assert exc.title == "SwiftRoute: exception"
    assert exc.detail == "address not found"
    assert exc.channel is Channel.WEB  # the order's channel
    assert entries[-1].title == "Order W-100877 placed"


def test_timeline_filters_by_kind_and_channel() -> None:
    entries = _aisha_timeline()
    phone = filter_timeline(entries, channels=[Channel.PHONE])
    assert phone
    assert all(e.channel is Channel.PHONE for e in phone)
    cases_and_notes = filter_timeline(entries, kinds=[TimelineKind.CASE, TimelineKind.NOTE])
    assert len(cases_and_notes) == 10
    both = filter_timeline(entries, kinds=[TimelineKind.CASE], channels=[Channel.SOCIAL])
    assert [e.channel for e in both] == [Channel.SOCIAL]
    assert filter_timeline(entries) == entries
    assert TimelineKind.HANDOFF in kinds_present(entries)
    assert TimelineKind.ACTION not in kinds_present(entries)
    assert channels_present(entries)[0] is Channel.WEB


def test_internal_notes_are_marked() -> None:
    case = dataclasses.replace(
        W.cases.cases[0], notes=(Note("N1", NOW, "agent", "VIP, be nice", Visibility.INTERNAL),)
    )
    (note,) = [e for e in build_timeline(cases=[case]) if e.kind is TimelineKind.NOTE]
    assert note.internal
    assert note.channel is None


def test_large_timeline_builds() -> None:
    s = SHIPS["W-100877"]
    events = tuple(
        TrackingEvent(NOW - timedelta(minutes=i), DeliveryStage.IN_TRANSIT, f"scan {i}") for i in range(20000)
    )
    entries = build_timeline(shipments=[dataclasses.replace(s, events=events)])
    assert len(entries) == 20000
    assert entries[0].detail == "scan 0"
