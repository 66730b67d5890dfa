"""One timeline of everything that happened to a customer, newest first, from every system."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter

from console.domain import steps
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


_KIND_ORDER = {k: i for i, k in enumerate(TimelineKind)}


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: datetime
    kind: TimelineKind
    channel: Channel | None  # payments and carrier events take their order's channel, if known
    title: str
    detail: str = ""
    ref: SystemRef | None = None  # the record it belongs to
    internal: bool = False  # an internal note: never read out to the customer
    # newest first, at the same moment by kind (then by title, see timeline_steps): one int,
    # made once, so that sorting 60,000 entries is a single quick sort in C
    sort_key: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        moment = round(self.at.timestamp() * 1_000_000)
        object.__setattr__(self, "sort_key", _KIND_ORDER[self.kind] - moment * 16)


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
    return steps.run(timeline_steps(orders, payments, shipments, cases, extra))


STEP = 250  # entries made between two pauses of `timeline_steps`


def timeline_steps(
    orders: Iterable[Order] = (),
    payments: Iterable[Payment] = (),
    shipments: Iterable[Shipment] = (),
    cases: Iterable[Case] = (),
    extra: Iterable[TimelineEntry] = (),
) -> steps.Steps[list[TimelineEntry]]:
    """`build_timeline` in steps: it pauses (yields) every STEP entries, so that a caller on the
    UI thread can let the window breathe between them (50,000 carrier events take a while)."""
    entries: list[TimelineEntry] = []
    pause_at = STEP
    stages: dict[DeliveryStage, str] = {}  # the same few words, 50,000 times
    order_channel: dict[str, Channel] = {}
    for o in orders:
        if len(entries) >= pause_at:
            pause_at += STEP
            yield
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
        if len(entries) >= pause_at:
            pause_at += STEP
            yield
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
        if len(entries) >= pause_at:
            pause_at += STEP
            yield
        ship_channel = order_channel.get(s.order_number or "")
        for e in s.events:
            stage = stages.get(e.stage)
            if stage is None:
                stage = stages[e.stage] = stage_words(e.stage)
            where = f" — {e.location}" if e.location else ""
            entries.append(
                TimelineEntry(
                    e.at,
                    TimelineKind.SHIPMENT_EVENT,
                    ship_channel,
                    f"{s.carrier}: {stage}",
                    f"{e.description}{where}",
                    s.ref,
                )
            )
    for c in cases:
        if len(entries) >= pause_at:
            pause_at += STEP
            yield
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
    yield
    entries.sort(key=_SORT_KEY)  # keys made with each entry: one sort in C
    yield
    # entries of the same moment and kind (rare) by title
    i, total = 0, len(entries)
    pause_at = STEP * 8
    while i < total:
        if i >= pause_at:
            pause_at += STEP * 8
            yield
        j = i + 1
        key = entries[i].sort_key
        while j < total and entries[j].sort_key == key:
            j += 1
        if j - i > 1:
            entries[i:j] = sorted(entries[i:j], key=_TITLE)
        i = j
    return entries


_SORT_KEY = attrgetter("sort_key")
_TITLE = attrgetter("title")


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
