"""The situation summary: a short, rule-based paragraph of what matters now.

    Order W-100877 (214.50 EUR, paid by card 8 days ago) is 5 days late: SwiftRoute reported
    'address not found' 4 days ago, nothing since. 5 contacts about it, the last yesterday by
    phone.

Rules, in the order their sentences appear:
1. parcels that are late against the promise or stuck in a carrier exception (with what the
   carrier said last, and the customer's contacts about that order);
2. orders awaiting dispatch;
3. parcels on their way and on time;
4. refunds in the last 14 days;
5. open cases not already told about in rule 1;
6. return windows closing within 7 days (or closed, when an open case is about that order);
otherwise "No open orders, parcels or cases."
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from console.domain.lateness import ENDED, delivered_on, lateness, local_date
from console.domain.model import (
    Case,
    Channel,
    DeliveryStage,
    Order,
    OrderStatus,
    Payment,
    Shipment,
    TrackingEvent,
)
from console.domain.timeline import stage_words, tender_words

RECENT_REFUND_DAYS = 14
RETURN_WINDOW_WARN_DAYS = 7
MAX_PER_RULE = 3
OPEN_CASE_STATUSES = frozenset({"open", "pending", "new", "on_hold", "on-hold"})

_BY_CHANNEL = {
    Channel.PHONE: "by phone",
    Channel.EMAIL: "by e-mail",
    Channel.CHAT: "by chat",
    Channel.SOCIAL: "on social media",
    Channel.SELF_SERVICE: "through the self-service form",
    Channel.APP: "in the app",
    Channel.WEB: "on the web shop",
    Channel.STORE: "in store",
    Channel.KIOSK: "at the kiosk",
}


def days_ago(at: datetime, now: datetime) -> str:
    """ "today", "yesterday", "8 days ago" (calendar days in `now`'s time zone)."""
    days = (now.date() - local_date(at, now)).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def moment(at: datetime, now: datetime) -> str:
    """ "at 09:15" today, "yesterday at 09:15", else "3 days ago"."""
    local = at.astimezone(now.tzinfo) if at.tzinfo is not None and now.tzinfo is not None else at
    days = (now.date() - local.date()).days
    if days <= 0:
        return f"at {local:%H:%M}"
    if days == 1:
        return f"yesterday at {local:%H:%M}"
    return f"{days} days ago"


def _day(d: date, now: datetime) -> str:
    delta = (d - now.date()).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    return f"{d:%a} {d.day} {d:%b}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _latest(events: Sequence[TrackingEvent]) -> TrackingEvent | None:
    return max(events, key=lambda e: e.at) if events else None


def _is_open_case(case: Case) -> bool:
    return case.status.lower() in OPEN_CASE_STATUSES


def _contacts(cases: Sequence[Case]) -> list[tuple[datetime, Channel | None]]:
    """Each case about an order is one contact; a single case counts its channel-tagged notes
    (a customer writing back on the same case)."""
    if len(cases) == 1:
        noted: list[tuple[datetime, Channel | None]] = [
            (n.at, n.channel) for n in cases[0].notes if n.channel is not None
        ]
        if len(noted) > 1:
            return noted
    return [(c.opened_at, c.channel) for c in cases]


def _contact_sentence(cases: Sequence[Case], now: datetime) -> str:
    contacts = _contacts(cases)
    if not contacts:
        return ""
    at, channel = max(contacts, key=lambda c: c[0])
    how = f" {_BY_CHANNEL[channel]}" if channel is not None and channel in _BY_CHANNEL else ""
    if len(contacts) == 1:
        return f"1 contact about it, {days_ago(at, now)}{how}."
    return f"{len(contacts)} contacts about it, the last {days_ago(at, now)}{how}."


def _order_subject(order: Order | None, payments: Sequence[Payment], now: datetime, fallback: str) -> str:
    if order is None:
        return fallback
    paid = sorted(payments, key=lambda p: p.created_at)
    if paid:
        how = f"paid by {tender_words(paid[0])} {days_ago(paid[0].created_at, now)}"
        return f"Order {order.number} ({order.total}, {how})"
    return f"Order {order.number} ({order.total})"


def _late_words(days: int) -> str:
    return "is late by 1 day" if days == 1 else f"is {days} days late"


def _problem_sentence(
    s: Shipment, order: Order | None, payments: Sequence[Payment], days: int, now: datetime
) -> str:
    subject = _order_subject(order, payments, now, f"Parcel {s.tracking_number}")
    status = _late_words(days) if days > 0 else "has a delivery problem"
    latest = _latest(s.events)
    exceptions = [e for e in s.events if e.stage is DeliveryStage.EXCEPTION]
    if exceptions:
        exc = max(exceptions, key=lambda e: e.at)
        said = exc.description or stage_words(exc.stage)
        detail = f"{s.carrier} reported '{said}' {days_ago(exc.at, now)}"
        if latest is exc:
            detail += ", nothing since"
        elif latest is not None:
            detail += f", last seen {stage_words(latest.stage)} {moment(latest.at, now)}"
    else:
        handed = s.handed_over_at
        if handed is None:
            handed_events = [e for e in s.events if e.stage is DeliveryStage.HANDED_TO_CARRIER]
            handed = min((e.at for e in handed_events), default=None)
        parts = []
        if handed is not None:
            parts.append(f"handed to {s.carrier} {moment(handed, now)}")
        if latest is not None:
            where = f" ({latest.location})" if latest.location else ""
            parts.append(f"last seen {stage_words(latest.stage)} {moment(latest.at, now)}{where}")
        elif handed is None:
            parts.append(f"no news from {s.carrier} yet")
        detail = ", ".join(parts)
    return f"{subject} {status}: {detail}."


def situation_summary(
    person_name: str,
    orders: Iterable[Order],
    payments: Iterable[Payment],
    shipments: Iterable[Shipment],
    cases: Iterable[Case],
    now: datetime,
) -> str:
    """What matters now about this customer, in a few plain sentences (see module doc)."""
    orders = list(orders)
    payments = list(payments)
    shipments = list(shipments)
    cases = list(cases)
    by_number = {o.number: o for o in orders}
    pay_by_order: dict[str, list[Payment]] = {}
    for p in payments:
        if p.order_number:
            pay_by_order.setdefault(p.order_number, []).append(p)
    cases_by_order: dict[str, list[Case]] = {}
    for c in cases:
        if c.order_number:
            cases_by_order.setdefault(c.order_number, []).append(c)
    ships_by_order: dict[str, list[Shipment]] = {}
    for s in shipments:
        if s.order_number:
            ships_by_order.setdefault(s.order_number, []).append(s)
    sentences: list[str] = []
    told_orders: set[str] = set()

    # 1. late parcels and carrier exceptions
    problems: list[tuple[int, Shipment]] = []
    on_time: list[Shipment] = []
    for s in shipments:
        if s.stage in ENDED or delivered_on(s, now) is not None:
            continue
        order = by_number.get(s.order_number or "")
        promised = s.promised_date or (order.promised_delivery if order is not None else None)
        late = lateness(s, now, promised)
        latest = _latest(s.events)
        in_exception = s.stage is DeliveryStage.EXCEPTION or (
            latest is not None and latest.stage is DeliveryStage.EXCEPTION
        )
        if late.is_late or in_exception:
            problems.append((late.days_late, s))
        else:
            on_time.append(s)
    problems.sort(key=lambda p: (-p[0], p[1].tracking_number))
    for days, s in problems[:MAX_PER_RULE]:
        number = s.order_number or ""
        order = by_number.get(number)
        sentences.append(_problem_sentence(s, order, pay_by_order.get(number, []), days, now))
        about = cases_by_order.get(number, []) if number else []
        if about:
            sentences.append(_contact_sentence(about, now))
        if number:
            told_orders.add(number)
    if len(problems) > MAX_PER_RULE:
        sentences.append(f"{_plural(len(problems) - MAX_PER_RULE, 'more parcel')} late or held up.")

    # 2. orders awaiting dispatch
    waiting = [
        o
        for o in orders
        if o.status is OrderStatus.OPEN
        and o.channel not in (Channel.STORE, Channel.KIOSK)
        and not ships_by_order.get(o.number)
        and o.number not in told_orders
    ]
    waiting.sort(key=lambda o: o.placed_at)
    for o in waiting[:MAX_PER_RULE]:
        text = f"Order {o.number} ({o.total}) placed {days_ago(o.placed_at, now)} is awaiting dispatch"
        if o.promised_delivery is not None:
            overdue = (now.date() - o.promised_delivery).days
            if overdue > 0:
                text += f", {_plural(overdue, 'day')} past the promised date"
            else:
                text += f", promised for {_day(o.promised_delivery, now)}"
        sentences.append(text + ".")
        told_orders.add(o.number)
    if len(waiting) > MAX_PER_RULE:
        sentences.append(f"{_plural(len(waiting) - MAX_PER_RULE, 'more order')} awaiting dispatch.")

    # 3. parcels on their way, on time
    for s in sorted(on_time, key=lambda s: s.tracking_number)[:MAX_PER_RULE]:
        if s.order_number in told_orders:
            continue
        what = f"Order {s.order_number}" if s.order_number else f"Parcel {s.tracking_number}"
        due = s.estimated_date or s.promised_date
        when = f", due {_day(due, now)}" if due is not None else ""
        sentences.append(f"{what} is on its way with {s.carrier}{when}.")
        if s.order_number:
            told_orders.add(s.order_number)

    # 4. recent refunds
    since = now - timedelta(days=RECENT_REFUND_DAYS)
    refunds = [(r, p) for p in payments for r in p.refunds if r.created_at >= since]
    refunds.sort(key=lambda rp: rp[0].created_at, reverse=True)
    for r, p in refunds[:MAX_PER_RULE]:
        tender = next((t for t in p.tenders if t.id == r.tender_id), None)
        to = f" to {tender.masked}" if tender is not None else ""
        for_order = f" ({p.order_number})" if p.order_number else ""
        sentences.append(f"Refunded {r.amount}{to} {days_ago(r.created_at, now)}{for_order}.")

    # 5. open cases not told about yet
    open_cases = [c for c in cases if _is_open_case(c) and (c.order_number or "") not in told_orders]
    open_cases.sort(key=lambda c: c.opened_at, reverse=True)
    if len(open_cases) == 1:
        c = open_cases[0]
        how = _BY_CHANNEL.get(c.channel, "")
        how = f" {how}" if how else ""
        sentences.append(f"1 open case: '{c.subject}', opened {days_ago(c.opened_at, now)}{how}.")
    elif open_cases:
        c = open_cases[0]
        sentences.append(
            f"{len(open_cases)} open cases, the latest '{c.subject}' opened {days_ago(c.opened_at, now)}."
        )

    # 6. return windows
    open_case_orders = {c.order_number for c in cases if _is_open_case(c) and c.order_number}
    windows: list[tuple[int, str]] = []
    for o in orders:
        if o.status not in (
            OrderStatus.DELIVERED,
            OrderStatus.COMPLETED,
            OrderStatus.FULFILLED_IN_STORE,
            OrderStatus.PARTIALLY_RETURNED,
        ):
            continue
        start = None
        for s in ships_by_order.get(o.number, []):
            start = delivered_on(s, now) or start
        start = start or local_date(o.updated_at or o.placed_at, now)
        end = start + timedelta(days=o.return_window_days)
        left = (end - now.date()).days
        if 0 <= left <= RETURN_WINDOW_WARN_DAYS:
            closes = "closes today" if left == 0 else f"closes {_day(end, now)}"
            if left > 1:
                closes = f"closes in {left} days ({end.day} {end:%b})"
            windows.append((left, f"Return window for {o.number} {closes}."))
        elif left < 0 and o.number in open_case_orders:
            windows.append(
                (left, f"Return window for {o.number} closed {-left} days ago ({end.day} {end:%b}).")
            )
    windows.sort()
    sentences.extend(text for _, text in windows[:MAX_PER_RULE])

    if not sentences:
        return "No open orders, parcels or cases."
    return " ".join(s for s in sentences if s)


__all__ = ["days_ago", "moment", "situation_summary"]
