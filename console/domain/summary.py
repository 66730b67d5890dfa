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
otherwise "No open orders, parcels or cases." — or, when some system has not answered
(`complete` false), "Nothing needs attention in the systems that answered.": the summary never
speaks for a system it has no records from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from console.domain import steps
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
from console.domain.text import count, noop, tr
from console.domain.timeline import stage_words, tender_words

RECENT_REFUND_DAYS = 14
RETURN_WINDOW_WARN_DAYS = 7
MAX_PER_RULE = 3
OPEN_CASE_STATUSES = frozenset({"open", "pending", "new", "on_hold", "on-hold"})

_BY_CHANNEL = {
    Channel.PHONE: noop("summary", "by phone"),
    Channel.EMAIL: noop("summary", "by e-mail"),
    Channel.CHAT: noop("summary", "by chat"),
    Channel.SOCIAL: noop("summary", "on social media"),
    Channel.SELF_SERVICE: noop("summary", "through the self-service form"),
    Channel.APP: noop("summary", "in the app"),
    Channel.WEB: noop("summary", "on the web shop"),
    Channel.STORE: noop("summary", "in store"),
    Channel.KIOSK: noop("summary", "at the kiosk"),
}


def days_ago(at: datetime, now: datetime) -> str:
    """ "today", "yesterday", "8 days ago" (calendar days in `now`'s time zone)."""
    days = (now.date() - local_date(at, now)).days
    if days <= 0:
        return tr("summary", "today")
    if days == 1:
        return tr("summary", "yesterday")
    return tr("summary", "%1 days ago", days)


def moment(at: datetime, now: datetime) -> str:
    """ "at 09:15" today, "yesterday at 09:15", else "3 days ago"."""
    local = at.astimezone(now.tzinfo) if at.tzinfo is not None and now.tzinfo is not None else at
    days = (now.date() - local.date()).days
    if days <= 0:
        return tr("summary", "at %1", format(local, "%H:%M"))
    if days == 1:
        return tr("summary", "yesterday at %1", format(local, "%H:%M"))
    return tr("summary", "%1 days ago", days)


def _day(d: date, now: datetime) -> str:
    delta = (d - now.date()).days
    if delta == 0:
        return tr("summary", "today")
    if delta == 1:
        return tr("summary", "tomorrow")
    if delta == -1:
        return tr("summary", "yesterday")
    # weekday, day of the month, month: "Fri 9 May"
    return tr("summary", "%1 %2 %3", tr("summary", _WEEKDAYS[d.weekday()]), d.day, _month(d))


_WEEKDAYS = (
    noop("summary", "Mon"),
    noop("summary", "Tue"),
    noop("summary", "Wed"),
    noop("summary", "Thu"),
    noop("summary", "Fri"),
    noop("summary", "Sat"),
    noop("summary", "Sun"),
)
_MONTHS = (
    noop("summary", "Jan"),
    noop("summary", "Feb"),
    noop("summary", "Mar"),
    noop("summary", "Apr"),
    noop("summary", "May"),
    noop("summary", "Jun"),
    noop("summary", "Jul"),
    noop("summary", "Aug"),
    noop("summary", "Sep"),
    noop("summary", "Oct"),
    noop("summary", "Nov"),
    noop("summary", "Dec"),
)


def _month(d: date) -> str:
    return tr("summary", _MONTHS[d.month - 1])


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
    how = f" {tr('summary', _BY_CHANNEL[channel])}" if channel is not None and channel in _BY_CHANNEL else ""
    if len(contacts) == 1:
        return tr("summary", "1 contact about it, %1%2.", days_ago(at, now), how)
    return tr("summary", "%1 contacts about it, the last %2%3.", len(contacts), days_ago(at, now), how)


def _order_subject(order: Order | None, payments: Sequence[Payment], now: datetime, fallback: str) -> str:
    if order is None:
        return fallback
    paid = sorted(payments, key=lambda p: p.created_at)
    if paid:
        how = tr("summary", "paid by %1 %2", tender_words(paid[0]), days_ago(paid[0].created_at, now))
        return tr("summary", "Order %1 (%2, %3)", order.number, order.total, how)
    return tr("summary", "Order %1 (%2)", order.number, order.total)


def _late_words(days: int) -> str:
    return tr("summary", "is late by 1 day") if days == 1 else tr("summary", "is %1 days late", days)


def _problem_sentence(
    s: Shipment, order: Order | None, payments: Sequence[Payment], days: int, now: datetime
) -> str:
    subject = _order_subject(order, payments, now, tr("summary", "Parcel %1", s.tracking_number))
    status = _late_words(days) if days > 0 else tr("summary", "has a delivery problem")
    latest = _latest(s.events)
    exceptions = [e for e in s.events if e.stage is DeliveryStage.EXCEPTION]
    if exceptions:
        exc = max(exceptions, key=lambda e: e.at)
        said = exc.description or stage_words(exc.stage)
        detail = tr("summary", "%1 reported '%2' %3", s.carrier, said, days_ago(exc.at, now))
        if latest is exc:
            detail += tr("summary", ", nothing since")
        elif latest is not None:
            detail += tr("summary", ", last seen %1 %2", stage_words(latest.stage), moment(latest.at, now))
    else:
        handed = s.handed_over_at
        if handed is None:
            handed_events = [e for e in s.events if e.stage is DeliveryStage.HANDED_TO_CARRIER]
            handed = min((e.at for e in handed_events), default=None)
        parts = []
        if handed is not None:
            parts.append(tr("summary", "handed to %1 %2", s.carrier, moment(handed, now)))
        if latest is not None:
            where = f" ({latest.location})" if latest.location else ""
            parts.append(
                tr("summary", "last seen %1 %2%3", stage_words(latest.stage), moment(latest.at, now), where)
            )
        elif handed is None:
            parts.append(tr("summary", "no news from %1 yet", s.carrier))
        detail = ", ".join(parts)
    return f"{subject} {status}: {detail}."


def situation_summary(
    person_name: str,
    orders: Iterable[Order],
    payments: Iterable[Payment],
    shipments: Iterable[Shipment],
    cases: Iterable[Case],
    now: datetime,
    *,
    complete: bool = True,
) -> str:
    """What matters now about this customer, in a few plain sentences (see module doc)."""
    return steps.run(summary_steps(person_name, orders, payments, shipments, cases, now, complete=complete))


STEP = 250  # records looked at between two pauses of `summary_steps`


def summary_steps(
    person_name: str,
    orders: Iterable[Order],
    payments: Iterable[Payment],
    shipments: Iterable[Shipment],
    cases: Iterable[Case],
    now: datetime,
    *,
    complete: bool = True,
) -> steps.Steps[str]:
    """`situation_summary` in steps: it pauses (yields) every STEP records of the long loops."""
    orders = list(orders)
    payments = list(payments)
    shipments = list(shipments)
    cases = list(cases)
    yield
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
    for i, s in enumerate(shipments):
        if i % STEP == STEP - 1:
            yield
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
        sentences.append(
            count(
                "summary",
                len(problems) - MAX_PER_RULE,
                "1 more parcel late or held up.",
                "%1 more parcels late or held up.",
            )
        )

    # 2. orders awaiting dispatch
    yield
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
        text = tr(
            "summary",
            "Order %1 (%2) placed %3 is awaiting dispatch",
            o.number,
            o.total,
            days_ago(o.placed_at, now),
        )
        if o.promised_delivery is not None:
            overdue = (now.date() - o.promised_delivery).days
            if overdue > 0:
                text += count(
                    "summary", overdue, ", 1 day past the promised date", ", %1 days past the promised date"
                )
            else:
                text += tr("summary", ", promised for %1", _day(o.promised_delivery, now))
        sentences.append(text + ".")
        told_orders.add(o.number)
    if len(waiting) > MAX_PER_RULE:
        sentences.append(
            count(
                "summary",
                len(waiting) - MAX_PER_RULE,
                "1 more order awaiting dispatch.",
                "%1 more orders awaiting dispatch.",
            )
        )

    # 3. parcels on their way, on time
    yield
    for s in sorted(on_time, key=lambda s: s.tracking_number)[:MAX_PER_RULE]:
        if s.order_number in told_orders:
            continue
        what = (
            tr("summary", "Order %1", s.order_number)
            if s.order_number
            else tr("summary", "Parcel %1", s.tracking_number)
        )
        due = s.estimated_date or s.promised_date
        when = tr("summary", ", due %1", _day(due, now)) if due is not None else ""
        sentences.append(tr("summary", "%1 is on its way with %2%3.", what, s.carrier, when))
        if s.order_number:
            told_orders.add(s.order_number)

    # 4. recent refunds
    yield
    since = now - timedelta(days=RECENT_REFUND_DAYS)
    refunds = [(r, p) for p in payments for r in p.refunds if r.created_at >= since]
    refunds.sort(key=lambda rp: rp[0].created_at, reverse=True)
    for r, p in refunds[:MAX_PER_RULE]:
        tender = next((t for t in p.tenders if t.id == r.tender_id), None)
        to = tr("summary", " to %1", tender.masked) if tender is not None else ""
        for_order = f" ({p.order_number})" if p.order_number else ""
        sentences.append(
            tr("summary", "Refunded %1%2 %3%4.", r.amount, to, days_ago(r.created_at, now), for_order)
        )

    # 5. open cases not told about yet
    open_cases = [c for c in cases if _is_open_case(c) and (c.order_number or "") not in told_orders]
    open_cases.sort(key=lambda c: c.opened_at, reverse=True)
    if len(open_cases) == 1:
        c = open_cases[0]
        how = tr("summary", _BY_CHANNEL[c.channel]) if c.channel in _BY_CHANNEL else ""
        how = f" {how}" if how else ""
        sentences.append(
            tr("summary", "1 open case: '%1', opened %2%3.", c.subject, days_ago(c.opened_at, now), how)
        )
    elif open_cases:
        c = open_cases[0]
        sentences.append(
            tr(
                "summary",
                "%1 open cases, the latest '%2' opened %3.",
                len(open_cases),
                c.subject,
                days_ago(c.opened_at, now),
            )
        )

    # 6. return windows
    open_case_orders = {c.order_number for c in cases if _is_open_case(c) and c.order_number}
    windows: list[tuple[int, str]] = []
    yield
    for i, o in enumerate(orders):
        if i % STEP == STEP - 1:
            yield
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
            closes = (
                tr("summary", "closes today") if left == 0 else tr("summary", "closes %1", _day(end, now))
            )
            if left > 1:
                closes = tr("summary", "closes in %1 days (%2 %3)", left, end.day, _month(end))
            windows.append((left, tr("summary", "Return window for %1 %2.", o.number, closes)))
        elif left < 0 and o.number in open_case_orders:
            windows.append(
                (
                    left,
                    tr(
                        "summary",
                        "Return window for %1 closed %2 days ago (%3 %4).",
                        o.number,
                        -left,
                        end.day,
                        _month(end),
                    ),
                )
            )
    windows.sort()
    sentences.extend(text for _, text in windows[:MAX_PER_RULE])

    if not sentences:
        if not complete:
            return tr("summary", "Nothing needs attention in the systems that answered.")
        return tr("summary", "No open orders, parcels or cases.")
    return " ".join(s for s in sentences if s)


__all__ = ["days_ago", "moment", "situation_summary"]
