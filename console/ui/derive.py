"""What the pane computes from all sections together: the situation summary and the timeline.

Pure functions over immutable domain objects. For a customer with 50,000 carrier events they
take longer than the UI thread may block (50 ms), so the pane runs `derive_steps` in slices on
the UI thread, letting the window paint and take keys between them. (Not in a worker thread:
Python code in one makes the UI thread wait for the interpreter lock every time it calls back
into Python — measured here, a repaint went from 44 ms to seconds.)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from console.domain import steps
from console.domain.model import Case, Order, Payment, Shipment, SystemKind
from console.domain.summary import summary_steps
from console.domain.timeline import TimelineEntry, timeline_steps


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
    *,
    complete: bool = True,
) -> Derived:
    return steps.run(derive_steps(name, data, now, extra, complete=complete))


def derive_steps(
    name: str,
    data: Mapping[SystemKind, tuple[object, ...]],
    now: datetime,
    extra: tuple[TimelineEntry, ...] = (),
    *,
    complete: bool = True,
) -> steps.Steps[Derived]:
    """`derive`, pausing (yielding) between pieces of work of a few ms each."""
    orders: list[Order] = _of(data, SystemKind.ORDERS, Order)
    payments: list[Payment] = _of(data, SystemKind.PAYMENTS, Payment)
    shipments: list[Shipment] = _of(data, SystemKind.DELIVERY, Shipment)
    cases: list[Case] = _of(data, SystemKind.CASES, Case)
    yield
    summary = yield from summary_steps(name, orders, payments, shipments, cases, now, complete=complete)
    yield
    timeline = yield from timeline_steps(orders, payments, shipments, cases, extra)
    return Derived(summary, timeline)
