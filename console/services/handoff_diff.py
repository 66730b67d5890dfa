"""What changed since a handoff: a snapshot of the customer's records when the handoff was made,
compared with what the systems say now — in words, for the colleague who takes over."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from console.domain.model import Case, Order, Payment, Shipment

Snapshot = dict[str, dict[str, Any]]


def snapshot_of(records: Iterable[object]) -> Snapshot:
    """JSON-able: order status, refunded amount per payment, parcel stage, contacts per case."""
    snap: Snapshot = {"orders": {}, "payments": {}, "shipments": {}, "cases": {}}
    for r in records:
        if isinstance(r, Order):
            snap["orders"][r.number] = r.status.value
        elif isinstance(r, Payment):
            snap["payments"][r.ref.id] = f"{r.refunded.quantized()}"
        elif isinstance(r, Shipment):
            snap["shipments"][r.tracking_number] = r.stage.value
        elif isinstance(r, Case):
            snap["cases"][r.ref.id] = {"status": r.status, "notes": len(r.notes), "team": r.team}
    return snap


def _words(value: object) -> str:
    return str(value).replace("_", " ")


def diff_snapshot(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """One line per change, in the order orders, payments, parcels, cases."""
    out: list[str] = []
    b_orders, a_orders = before.get("orders", {}), after.get("orders", {})
    for number, status in a_orders.items():
        old = b_orders.get(number)
        if old is None:
            out.append(f"New order {number} ({_words(status)})")
        elif old != status:
            out.append(f"Order {number}: {_words(old)} -> {_words(status)}")
    b_pay, a_pay = before.get("payments", {}), after.get("payments", {})
    for pid, refunded in a_pay.items():
        old = b_pay.get(pid)
        if old is not None and old != refunded:
            out.append(f"Refund landed on {pid}: refunded {old} -> {refunded}")
    b_ship, a_ship = before.get("shipments", {}), after.get("shipments", {})
    for tracking, stage in a_ship.items():
        old = b_ship.get(tracking)
        if old is None:
            out.append(f"New parcel {tracking} ({_words(stage)})")
        elif old != stage:
            out.append(f"Parcel {tracking} moved: {_words(old)} -> {_words(stage)}")
    b_cases, a_cases = before.get("cases", {}), after.get("cases", {})
    for cid, now in a_cases.items():
        old = b_cases.get(cid)
        if old is None:
            out.append(f"New case {cid}")
            continue
        added = int(now.get("notes", 0)) - int(old.get("notes", 0))
        if added > 0:
            out.append(f"Case {cid}: {added} new note{'s' if added != 1 else ''}")
        if now.get("status") != old.get("status"):
            out.append(f"Case {cid}: {_words(old.get('status'))} -> {_words(now.get('status'))}")
        if now.get("team") != old.get("team"):
            out.append(f"Case {cid} moved to team {now.get('team')}")
    return out
