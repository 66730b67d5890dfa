"""What the pane computes from all sections together: the situation summary and the timeline.

Pure functions over immutable domain objects, so the pane runs them in a worker thread: for a
customer with 50,000 carrier events they take longer than the UI thread may block (50 ms).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from console.domain.model import Case, Order, Payment, Shipment, SystemKind
from console.domain.summary import situation_summary
from console.domain.timeline import TimelineEntry, build_timeline


@dataclass(frozen=True, slots=True)
class Derived:
    summary: str
    timeline: list[TimelineEntry]


def _of(data: Mapping[SystemKind, tuple[object, ...]], system: SystemKind, kind: type) -> list:  # type: ignore[type-arg]
    return [r for r in data.get(system, ()) if isinstance(r, kind)]


def derive(
    name: str,
    data: Mapping[SystemKind, tuple[object, ...]],
    now: datetime,
    extra: tuple[TimelineEntry, ...] = (),
) -> Derived:
    orders: list[Order] = _of(data, SystemKind.ORDERS, Order)
    payments: list[Payment] = _of(data, SystemKind.PAYMENTS, Payment)
    shipments: list[Shipment] = _of(data, SystemKind.DELIVERY, Shipment)
    cases: list[Case] = _of(data, SystemKind.CASES, Case)
    summary = situation_summary(name, orders, payments, shipments, cases, now)
    timeline = build_timeline(orders, payments, shipments, cases, extra)
    return Derived(summary, timeline)
