"""Policy rules, one by one, with the words the agent reads."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from console.domain.model import (
    Channel,
    DeliveryAction,
    DeliveryStage,
    LineStatus,
    Note,
    OrderStatus,
    PaymentStatus,
    Role,
    StaffMember,
    Store,
    TenderKind,
    Visibility,
)
from console.domain.money import Money
from console.domain.policy import (
    ActionKind,
    AllocationError,
    CancelOrder,
    FulfilInStore,
    PolicyContext,
    PolicyError,
    RefundPayment,
    RefundScope,
    RescheduleDelivery,
    TakeReturn,
    allocate_refund,
    can_cancel,
    can_fulfil_in_store,
    can_intercept,
    can_redirect_to_store,
    can_refund,
    can_reroute,
    can_reschedule,
    can_take_return,
    can_view_note,
    can_view_order,
    describe,
    evaluate,
    load_policy,
    may,
    may_approve,
    plan_refund,
    refund_limit,
    within_refund_limit,
)
from tests.actions.builders import (
    NOW,
    POLICY_TEXT,
    address,
    eur,
    line,
    order,
    payment,
    policy,
    shipment,
    stock,
    tender,
)

ANA = StaffMember("agent-ana", "Ana", Role.AGENT)
SARA = StaffMember("store-012-sara", "Sara", Role.STORE_STAFF, store_id="012")
LENA = StaffMember("sup-lena", "Lena", Role.SUPERVISOR)
CFG = policy()


# ---- config ----------------------------------------------------------------------------------


def test_policy_file_loads_with_the_matrix() -> None:
    assert refund_limit(CFG, ANA, "EUR") == eur("100.00")
    assert refund_limit(CFG, SARA, "EUR") == eur("250.00")
    assert refund_limit(CFG, LENA, "EUR") is None
    assert CFG.tender_order[:2] == (TenderKind.CARD, TenderKind.GIFT_CARD)
    assert "faulty" in CFG.refund_reasons


def test_policy_loader_takes_a_parsed_mapping_and_rejects_gaps() -> None:
    import tomllib

    data = tomllib.loads(POLICY_TEXT)
    assert load_policy(data).reschedule_max_days == CFG.reschedule_max_days
    del data["roles"]["supervisor"]
    with pytest.raises(PolicyError, match="supervisor"):
        load_policy(data)
    with pytest.raises(PolicyError, match="TOML"):
        load_policy("roles = [")


def test_limit_change_in_config_changes_the_decision() -> None:
    text = POLICY_TEXT.replace('refund_limit = { EUR = "100.00" }', 'refund_limit = { EUR = "50.00" }')
    cfg = load_policy(text)
    assert not within_refund_limit(cfg, ANA, eur("60.00")).allowed
    assert within_refund_limit(CFG, ANA, eur("60.00")).allowed


# ---- permissions -----------------------------------------------------------------------------


def test_refund_limits_per_role() -> None:
    assert within_refund_limit(CFG, ANA, eur("100.00")).allowed
    d = within_refund_limit(CFG, ANA, eur("210.00"))
    assert not d.allowed
    assert d.reason == "210.00 EUR is above your refund limit of 100.00 EUR — a supervisor must approve"
    assert within_refund_limit(CFG, SARA, eur("250.00")).allowed
    assert not within_refund_limit(CFG, SARA, eur("250.01")).allowed
    assert within_refund_limit(CFG, LENA, eur("100000.00")).allowed
    usd = within_refund_limit(CFG, ANA, Money.of("1.00", "USD"))
    assert usd.reason == "Service agents have no refund limit in USD — a supervisor must approve"


def test_action_matrix() -> None:
    assert may(CFG, ANA, ActionKind.REFUND).allowed
    d = may(CFG, ANA, ActionKind.FULFIL_IN_STORE)
    assert not d.allowed
    assert d.reason == "Service agents cannot fulfil orders in store"
    assert may(CFG, SARA, ActionKind.FULFIL_IN_STORE).allowed
    assert may(CFG, SARA, ActionKind.REROUTE).reason == "Store staff cannot reroute parcels"
    homeless = StaffMember("x", "X", Role.STORE_STAFF)
    assert "not signed in to a store" in may(CFG, homeless, ActionKind.FULFIL_IN_STORE).reason
    for kind in ActionKind:
        assert may(CFG, LENA, kind).allowed


def test_approvals_only_by_supervisors_and_not_their_own() -> None:
    assert may_approve(CFG, LENA, "agent-ana").allowed
    assert may_approve(CFG, ANA, "agent-ben").reason == "Service agents cannot approve refunds"
    assert "your own" in may_approve(CFG, LENA, "sup-lena").reason


def test_store_staff_visibility() -> None:
    own = order(
        channel=Channel.STORE, store=Store("012", "Store 012 Riverside"), status=OrderStatus.COMPLETED
    )
    other = order(
        channel=Channel.STORE, store=Store("031", "Store 031 Harbour"), status=OrderStatus.COMPLETED
    )
    assert can_view_order(CFG, SARA, own, of_served_customer=False).allowed
    assert not can_view_order(CFG, SARA, other, of_served_customer=False).allowed
    assert can_view_order(CFG, SARA, other, of_served_customer=True).allowed
    assert can_view_order(CFG, ANA, other, of_served_customer=False).allowed
    internal = Note("N1", NOW, "ana", "fraud check", Visibility.INTERNAL)
    public = Note("N2", NOW, "ana", "thanks", Visibility.PUBLIC)
    assert not can_view_note(CFG, SARA, internal, of_served_customer=False).allowed
    assert can_view_note(CFG, SARA, internal, of_served_customer=True).allowed
    assert can_view_note(CFG, SARA, public, of_served_customer=False).allowed
    assert can_view_note(CFG, ANA, internal, of_served_customer=False).allowed


# ---- cancel ----------------------------------------------------------------------------------


def test_cancel_open_order() -> None:
    assert can_cancel(order()).allowed


def test_cancel_after_hand_over_names_carrier_and_time() -> None:
    o = order(status=OrderStatus.DISPATCHED, lines=(line(status=LineStatus.SHIPPED),))
    d = can_cancel(o, shipments=[shipment()])
    assert not d.allowed
    assert d.reason == "Handed to Parcelnet at 07:40 — reroute or intercept instead"
    assert can_cancel(o).reason == "Already dispatched — reroute or intercept instead"


def test_cancel_only_unshipped_lines() -> None:
    o = order(lines=(line("L1", status=LineStatus.SHIPPED), line("L2", sku="BAG-1", status=LineStatus.OPEN)))
    d = can_cancel(o)
    assert d.reason == "DRS-4471 already shipped — cancel only the lines not shipped yet"
    assert can_cancel(o, ["L2"]).allowed
    assert not can_cancel(o, ["L1"]).allowed
    assert can_cancel(o, ["L9"]).reason == "Order W-100412 has no line L9"
    assert can_cancel(o, []).reason == "Choose at least one line to cancel"


def test_cancel_refusals_in_words() -> None:
    assert can_cancel(order(status=OrderStatus.CANCELLED)).reason == "Order W-100412 is already cancelled"
    kiosk = order("EX-7781-2291", status=OrderStatus.COMPLETED, channel=Channel.KIOSK)
    assert "counter cannot be cancelled" in can_cancel(kiosk).reason
    delivered = order(status=OrderStatus.DELIVERED)
    assert can_cancel(delivered, shipments=[shipment(DeliveryStage.DELIVERED)]).reason == (
        "Delivered by Parcelnet on 2026-11-21 — take a return instead"
    )


# ---- refunds ---------------------------------------------------------------------------------


def test_allocation_card_before_gift_card() -> None:
    p = payment(tender("GC", TenderKind.GIFT_CARD, "100.00"), tender("CARD", TenderKind.CARD, "320.00"))
    shares = allocate_refund(p, eur("210.00"), CFG.tender_order)
    assert [(s.tender_id, s.amount) for s in shares] == [("CARD", eur("210.00"))]
    shares = allocate_refund(p, eur("400.00"), CFG.tender_order)
    assert [(s.tender_id, s.amount) for s in shares] == [("CARD", eur("320.00")), ("GC", eur("80.00"))]
    assert shares[0].label == "Visa …4242"
    with pytest.raises(AllocationError, match=r"420\.00 EUR is left"):
        allocate_refund(p, eur("420.01"), CFG.tender_order)
    credit = allocate_refund(p, eur("50.00"), CFG.tender_order, to_store_credit=True)
    assert [(s.kind, s.amount) for s in credit] == [(TenderKind.STORE_CREDIT, eur("50.00"))]


def test_allocation_skips_what_was_refunded_and_follows_configured_order() -> None:
    p = payment(
        tender("GC", TenderKind.GIFT_CARD, "100.00"), tender("CARD", TenderKind.CARD, "320.00", "300.00")
    )
    shares = allocate_refund(p, eur("50.00"), CFG.tender_order)
    assert [(s.tender_id, s.amount) for s in shares] == [("CARD", eur("20.00")), ("GC", eur("30.00"))]
    gift_first = load_policy(POLICY_TEXT.replace('["card", "gift_card"', '["gift_card", "card"'))
    shares = allocate_refund(p, eur("50.00"), gift_first.tender_order)
    assert [(s.tender_id, s.amount) for s in shares] == [("GC", eur("50.00"))]


def test_plan_refund_scopes() -> None:
    p = payment(tender("CARD", TenderKind.CARD, "93.95"))
    o = order(lines=(line(status=LineStatus.DELIVERED),), status=OrderStatus.DELIVERED)
    assert plan_refund(p, CFG, reason_code="faulty", scope=RefundScope.FULL).amount == eur("93.95")
    assert plan_refund(
        p, CFG, reason_code="late_delivery", scope=RefundScope.SHIPPING, order=o
    ).amount == eur("4.95")
    r = plan_refund(p, CFG, reason_code="faulty", scope=RefundScope.LINES, order=o, lines=[("L1", 1)])
    assert r.amount == eur("89.00") and r.allocation is not None and r.allocation[0].tender_id == "CARD"
    with pytest.raises(AllocationError):
        plan_refund(p, CFG, reason_code="faulty", scope=RefundScope.PARTIAL)


def test_refund_rules() -> None:
    p = payment(tender("CARD", TenderKind.CARD, "120.00", "20.00"))
    assert can_refund(p, eur("100.00"), "faulty", CFG).allowed
    assert (
        can_refund(p, eur("100.01"), "faulty", CFG).reason
        == "Only 100.00 EUR is left to refund on this payment"
    )
    assert can_refund(p, eur("10.00"), "", CFG).reason == "Choose a reason code for the refund"
    assert can_refund(p, eur("10.00"), "because", CFG).reason == "Unknown reason code 'because'"
    assert can_refund(p, eur("0.00"), "faulty", CFG).reason == "Enter an amount above zero"
    auth = payment(tender("CARD", TenderKind.CARD, "10.00"), status=PaymentStatus.AUTHORIZED)
    assert "cancel the order instead" in can_refund(auth, eur("1.00"), "faulty", CFG).reason
    done = payment(tender("CARD", TenderKind.CARD, "10.00", "10.00"))
    assert can_refund(done, eur("1.00"), "faulty", CFG).reason == "Payment PAY-1 is already refunded in full"


def test_evaluate_refund_checks_split_and_reason() -> None:
    p = payment(tender("CARD", TenderKind.CARD, "50.00"))
    ctx = PolicyContext(payments={"PAY-1": p})
    ok = plan_refund(p, CFG, reason_code="goodwill", amount=eur("20.00"))
    assert evaluate(ok, ANA, ctx, CFG, NOW).allowed
    bad = RefundPayment("PAY-1", eur("20.00"), "goodwill", allocation=(ok.allocation or ())[:0])
    assert (
        evaluate(bad, ANA, ctx, CFG, NOW).reason
        == "The split over the tenders adds up to 0.00 EUR, not 20.00 EUR"
    )
    unknown = RefundPayment("PAY-1", eur("20.00"), "nope")
    assert evaluate(unknown, ANA, PolicyContext(), CFG, NOW).reason == "Unknown reason code 'nope'"


# ---- delivery --------------------------------------------------------------------------------


def test_reroute_needs_carrier_permission_and_complete_address() -> None:
    s = shipment()
    assert can_reroute(s, address(), CFG).allowed
    assert (
        can_reroute(s, address(postal_code="", city=" "), CFG).reason
        == "The address needs a postal code and a city"
    )
    assert (
        can_reroute(s, address(postal_code="1011"), CFG).reason == "'1011' is not a valid postal code in DE"
    )
    assert can_reroute(s, address(line1="Hauptstraße"), CFG).reason == "The street line needs a house number"
    assert can_reroute(s, address(country="NL", postal_code="1011 AB"), CFG).allowed
    out = shipment(DeliveryStage.OUT_FOR_DELIVERY, allowed=())
    assert can_reroute(out, address(), CFG).reason == (
        "Out for delivery with Parcelnet — the carrier no longer accepts a new address"
    )
    delivered = shipment(DeliveryStage.DELIVERED, allowed=())
    assert (
        can_reroute(delivered, None, CFG).reason
        == "Delivered by Parcelnet on 2026-11-21 — nothing left to change"
    )
    sr = shipment(DeliveryStage.EXCEPTION, allowed=(DeliveryAction.RESCHEDULE,), carrier="SwiftRoute")
    assert (
        can_reroute(sr, address(), CFG).reason
        == "SwiftRoute does not allow a new address for this parcel now"
    )


def test_redirect_reschedule_intercept() -> None:
    s = shipment(allowed=(DeliveryAction.REDIRECT_TO_STORE, DeliveryAction.RESCHEDULE))
    assert can_redirect_to_store(s, "012").allowed
    assert not can_intercept(s).allowed
    today = NOW.date()
    assert can_reschedule(s, today + timedelta(days=3), today, CFG).allowed
    assert can_reschedule(s, today, today, CFG).reason == "The new delivery date must be after today"
    far = can_reschedule(s, today + timedelta(days=CFG.reschedule_max_days + 1), today, CFG)
    assert far.reason == "Parcelnet takes new dates up to 14 days ahead (until 2026-12-04)"
    packed = shipment(DeliveryStage.PACKED, allowed=(), handed=None)
    assert "Not handed to the carrier yet" in can_reschedule(packed, date(2026, 11, 25), today, CFG).reason
    gone = shipment(DeliveryStage.INTERCEPTED, allowed=())
    assert can_intercept(gone).reason.startswith("Already intercepted")


# ---- fulfil in store (S1) --------------------------------------------------------------------


def test_fulfil_in_store_s1() -> None:
    o = order(status=OrderStatus.DISPATCHED, lines=(line(status=LineStatus.SHIPPED),))
    s = shipment()
    assert can_fulfil_in_store(o, "012", ["L1"], [stock()], shipments=[s]).allowed
    assert can_fulfil_in_store(o, "012", ["L1"], [stock(qty=0)], shipments=[s]).reason == (
        "Store 012 Riverside has no DRS-4471 in stock"
    )
    assert (
        can_fulfil_in_store(o, "031", ["L1"], [stock()], shipments=[s]).reason
        == "Store 031 has no DRS-4471 in stock"
    )
    stuck = shipment(DeliveryStage.OUT_FOR_DELIVERY, allowed=())
    assert (
        "can no longer intercept PN123456789NL"
        in can_fulfil_in_store(o, "012", ["L1"], [stock()], shipments=[stuck]).reason
    )
    delivered = can_fulfil_in_store(
        o, "012", ["L1"], [stock()], shipments=[shipment(DeliveryStage.DELIVERED)]
    )
    assert delivered.reason == "Delivered by Parcelnet on 2026-11-21 — nothing to hand over"
    kiosk = order(channel=Channel.KIOSK, status=OrderStatus.COMPLETED)
    assert (
        can_fulfil_in_store(kiosk, "012", ["L1"], [stock()]).reason
        == "Only web and app orders can be fulfilled in store"
    )
    twice = order(status=OrderStatus.FULFILLED_IN_STORE)
    assert "already handed over in store" in can_fulfil_in_store(twice, "012", ["L1"], [stock()]).reason


def test_store_staff_fulfil_only_in_their_store() -> None:
    o = order()
    req = FulfilInStore("W-100412", "031", ("L1",))
    d = evaluate(req, SARA, PolicyContext(orders={"W-100412": o}), CFG, NOW)
    assert d.reason == "You work in Store 012, not Store 031"
    assert (
        evaluate(req, ANA, PolicyContext(), CFG, NOW).reason == "Service agents cannot fulfil orders in store"
    )


# ---- returns (S2) ----------------------------------------------------------------------------


def test_return_within_window_from_kiosk() -> None:
    sale = order(
        "EX-7781-2291",
        status=OrderStatus.COMPLETED,
        channel=Channel.KIOSK,
        lines=(line("L1", "PHN-X12", "349.00", LineStatus.HANDED_OVER),),
        placed_at=NOW - timedelta(days=60),
        window=90,
        shipping=None,
    )
    today = NOW.date()
    assert can_take_return(sale, [("L1", 1)], today, CFG, reason="faulty").allowed
    late = can_take_return(sale, [("L1", 1)], today + timedelta(days=31), CFG, reason="faulty")
    assert late.reason == "Bought on 2026-09-21 — the 90-day return window ended on 2026-12-20"
    assert can_take_return(sale, [("L1", 2)], today, CFG).reason == "Only 1 of PHN-X12 can still be returned"
    assert (
        can_take_return(sale, [("L1", 1)], today, CFG, resolution="exchange").reason
        == "Choose the item to exchange for"
    )
    assert (
        can_take_return(sale, [("L1", 1)], today, CFG, reason="").reason == "Choose a reason for the return"
    )


def test_return_of_item_not_received_and_already_returned() -> None:
    o = order(lines=(line(status=LineStatus.SHIPPED),), status=OrderStatus.DISPATCHED)
    d = can_take_return(o, [("L1", 1)], NOW.date(), CFG)
    assert d.reason == "DRS-4471 is shipped — the customer does not have it yet"
    back = order(lines=(line(status=LineStatus.RETURNED, returned=1),), status=OrderStatus.PARTIALLY_RETURNED)
    assert can_take_return(back, [("L1", 1)], NOW.date(), CFG).reason == "DRS-4471 was already returned"


def test_evaluate_return_needs_refund_for_refund_resolution() -> None:
    req = TakeReturn("EX-7781-2291", (("L1", 1),), "031", "faulty")
    assert (
        evaluate(req, SARA, PolicyContext(), CFG, NOW).reason
        == "A return with a refund needs the payment to refund"
    )


# ---- describe / evaluate ---------------------------------------------------------------------


def test_confirmation_states_amounts_per_tender() -> None:
    p = payment(tender("GC", TenderKind.GIFT_CARD, "100.00"), tender("CARD", TenderKind.CARD, "320.00"))
    r = plan_refund(p, CFG, reason_code="damaged", amount=eur("400.00"))
    c = describe(r)
    assert c.amount == eur("400.00")
    assert "  320.00 EUR to Visa …4242" in c.lines
    assert "  80.00 EUR to gift card" in c.lines
    assert c.irreversible
    assert describe(RescheduleDelivery("PN1", date(2026, 11, 24))).lines == ("New delivery date: 2026-11-24",)
    assert describe(CancelOrder("T-55012")).lines[0] == "Cancel the whole order"


def test_evaluate_uses_permission_first() -> None:
    o = order(status=OrderStatus.DISPATCHED, lines=(line(status=LineStatus.SHIPPED),))
    ctx = PolicyContext(orders={o.number: o}, shipments={"PN123456789NL": shipment()})
    d = evaluate(CancelOrder(o.number), ANA, ctx, CFG, NOW)
    assert d.reason == "Handed to Parcelnet at 07:40 — reroute or intercept instead"
    d2 = evaluate(RescheduleDelivery("PN123456789NL", date(2026, 11, 22)), SARA, ctx, CFG, NOW)
    assert d2.reason == "Store staff cannot reschedule deliveries"
