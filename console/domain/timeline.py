"""One timeline of everything that happened to a customer, newest first, from every system."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from console.domain.model import (
    Case,
    Channel,
    DeliveryStage,
    Order,
    Payment,
    Shipment,
    SystemRef,
    TenderKind,
    Visibility,
)
from console.domain.text import count, tr, word


class TimelineKind(enum.StrEnum):
    ORDER = "order"
    PAYMENT = "payment"
    REFUND = "refund"
    SHIPMENT_EVENT = "shipment_event"
    CASE = "case"
    NOTE = "note"
    HANDOFF = "handoff"
    ACTION = "action"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: datetime
    kind: TimelineKind
    channel: Channel | None  # payments and carrier events take their order's channel, if known
    title: str
    detail: str = ""
    ref: SystemRef | None = None  # the record it belongs to
    internal: bool = False  # an internal note: never read out to the customer


_KIND_ORDER = {k: i for i, k in enumerate(TimelineKind)}
_STAGE_WORDS = {
    DeliveryStage.ORDERED: "ordered",
    DeliveryStage.PACKED: "packed",
    DeliveryStage.HANDED_TO_CARRIER: "handed to carrier",
    DeliveryStage.IN_TRANSIT: "in transit",
    DeliveryStage.OUT_FOR_DELIVERY: "out for delivery",
    DeliveryStage.DELIVERED: "delivered",
    DeliveryStage.EXCEPTION: "exception",
    DeliveryStage.INTERCEPTED: "intercepted",
    DeliveryStage.RETURNED_TO_SENDER: "returned to sender",
    DeliveryStage.READY_FOR_PICKUP: "ready for pick-up",
}


def stage_words(stage: DeliveryStage) -> str:
    """The stage in the console's language (the window's catalogue holds these words)."""
    return word(_STAGE_WORDS.get(stage, stage.value))


def tender_words(payment: Payment) -> str:
    """ "card", "gift card and card" ... in the order the tenders were used."""
    kinds: list[str] = []
    for t in payment.tenders:
        kind_word = tr("timeline", "card") if t.kind is TenderKind.CARD else word(t.kind)
        if kind_word not in kinds:
            kinds.append(kind_word)
    return tr("timeline", " and ").join(kinds) if kinds else tr("timeline", "unknown tender")


def build_timeline(
    orders: Iterable[Order] = (),
    payments: Iterable[Payment] = (),
    shipments: Iterable[Shipment] = (),
    cases: Iterable[Case] = (),
    extra: Iterable[TimelineEntry] = (),
) -> list[TimelineEntry]:
    """Every order, payment, refund, carrier event, case and note (plus `extra`: handoffs,
    actions and notes from our own store), newest first."""
    entries: list[TimelineEntry] = []
    order_channel: dict[str, Channel] = {}
    for o in orders:
        order_channel[o.number] = o.channel
        where = tr("timeline", " at %1", o.store.name) if o.store is not None else ""
        items = sum(line.quantity for line in o.lines)
        entries.append(
            TimelineEntry(
                o.placed_at,
                TimelineKind.ORDER,
                o.channel,
                tr("timeline", "Order %1 placed%2", o.number, where),
                tr(
                    "timeline",
                    "%1, %2; %3",
                    count("timeline", items, "1 item", "%1 items"),
                    o.total,
                    word(o.status),
                ),
                o.ref,
            )
        )
    for p in payments:
        channel = order_channel.get(p.order_number or "")
        about = tr("timeline", " for %1", p.order_number) if p.order_number else ""
        entries.append(
            TimelineEntry(
                p.created_at,
                TimelineKind.PAYMENT,
                channel,
                tr("timeline", "Paid %1%2", p.amount, about),
                ", ".join(f"{t.masked} {t.amount}" for t in p.tenders),
                p.ref,
            )
        )
        tenders = {t.id: t for t in p.tenders}
        for r in p.refunds:
            tender = tenders.get(r.tender_id)
            to = tr("timeline", " to %1", tender.masked) if tender is not None else ""
            approved = tr("timeline", ", approved by %1", r.approved_by) if r.approved_by else ""
            entries.append(
                TimelineEntry(
                    r.created_at,
                    TimelineKind.REFUND,
                    channel,
                    tr("timeline", "Refunded %1%2", r.amount, to),
                    f"{r.reason}{approved}".strip(", "),
                    p.ref,
                )
            )
    for s in shipments:
        ship_channel = order_channel.get(s.order_number or "")
        for e in s.events:
            where = f" — {e.location}" if e.location else ""
            entries.append(
                TimelineEntry(
                    e.at,
                    TimelineKind.SHIPMENT_EVENT,
                    ship_channel,
                    f"{s.carrier}: {stage_words(e.stage)}",
                    f"{e.description}{where}",
                    s.ref,
                )
            )
    for c in cases:
        entries.append(
            TimelineEntry(
                c.opened_at,
                TimelineKind.CASE,
                c.channel,
                tr("timeline", "Case opened: %1", c.subject),
                f"{c.status}" + (f", {c.team}" if c.team else ""),
                c.ref,
            )
        )
        for n in c.notes:
            entries.append(
                TimelineEntry(
                    n.at,
                    TimelineKind.NOTE,
                    n.channel,
                    tr("timeline", "Note by %1", n.author) if n.author else tr("timeline", "Note"),
                    n.body,
                    c.ref,
                    internal=n.visibility is Visibility.INTERNAL,
                )
            )
    entries.extend(extra)
    entries.sort(key=lambda e: (-e.at.timestamp(), _KIND_ORDER[e.kind], e.title))
    return entries


def filter_timeline(
    entries: Sequence[TimelineEntry],
    kinds: Iterable[TimelineKind] | None = None,
    channels: Iterable[Channel | None] | None = None,
) -> list[TimelineEntry]:
    """Entries of the given kinds and channels (None: any). Keeps the order."""
    kind_set = set(kinds) if kinds is not None else None
    channel_set = set(channels) if channels is not None else None
    return [
        e
        for e in entries
        if (kind_set is None or e.kind in kind_set) and (channel_set is None or e.channel in channel_set)
    ]


def kinds_present(entries: Iterable[TimelineEntry]) -> list[TimelineKind]:
    present = {e.kind for e in entries}
    return [k for k in TimelineKind if k in present]


def channels_present(entries: Iterable[TimelineEntry]) -> list[Channel]:
    present = {e.channel for e in entries if e.channel is not None}
    return [c for c in Channel if c in present]


__all__ = [
    "TimelineEntry",
    "TimelineKind",
    "build_timeline",
    "channels_present",
    "filter_timeline",
    "kinds_present",
    "stage_words",
    "tender_words",
]
