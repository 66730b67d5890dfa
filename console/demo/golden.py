"""The five golden scenarios of scenarios.md (always present), a namesake of S2's customer, and
the heavy benchmark customer."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from console.demo.population import STORES, Record, iso, money

if TYPE_CHECKING:
    from console.demo.population import Population

ALL_ACTIONS = ["reroute", "redirect_to_store", "reschedule", "intercept"]


def _card(tid: str, amount: str, brand: str, last4: str) -> Record:
    return {
        "id": tid,
        "kind": "card",
        "amount": money(amount),
        "refunded": money("0"),
        "brand": brand,
        "last4": last4,
        "bin": "",
    }


def _line(lid: str, sku: str, desc: str, price: str, status: str, qty: int = 1, **attrs: str) -> Record:
    return {
        "id": lid,
        "sku": sku,
        "description": desc,
        "quantity": qty,
        "unit_price": money(price),
        "status": status,
        "returned_quantity": 0,
        "attributes": dict(attrs),
    }


def _note(nid: str, at: str, author: str, body: str, visibility: str, channel: str | None) -> Record:
    return {"id": nid, "at": at, "author": author, "body": body, "visibility": visibility, "channel": channel}


def _add(p: Population, system: str, rec: Record) -> None:
    rid = str(rec.get("id") or rec.get("number") or rec.get("tracking_number"))
    p.table(system)[rid] = rec
    p.index_record(system, rec)


def _profile(cid: str, name: str, email: str, phone: str, ext: dict[str, str], **kw: object) -> Record:
    rec: Record = {
        "id": cid,
        "name": name,
        "emails": [email],
        "phones": [phone],
        "tier": "standard",
        "language": "en",
        "preferred_channel": "phone",
        "flags": [],
        "external_ids": ext,
        "address": None,
        "created_at": None,
    }
    rec.update(kw)
    return rec


def add_all(p: Population) -> None:
    now = p.now
    s1(p, now)
    s2(p, now)
    namesake(p)
    s3(p, now)
    s4(p, now)
    s5(p, now)


def s1(p: Population, now) -> None:  # type: ignore[no-untyped-def]
    """Maya Okafor: the dress that did not arrive."""
    email, name = "maya.okafor@example.com", "Maya Okafor"
    addr = {
        "name": name,
        "line1": "Canal Street 12",
        "line2": "",
        "postal_code": "3511 AB",
        "city": "Utrecht",
        "country": "NL",
    }
    _add(
        p,
        "crm",
        _profile(
            "C-G000001",
            name,
            email,
            "+44 7700 900123",
            {
                "orders": "OC-G000001",
                "payments": "PC-G000001",
                "delivery": "DC-G000001",
                "cases": "ZC-G000001",
            },
            address=addr,
            tier="silver",
            created_at=iso(now - timedelta(days=400)),
        ),
    )
    # Thursday evening order, handed to Parcelnet 07:40 today, in transit 09:15; keep all before now.
    handed = p.at(0, 7, 40)
    transit = p.at(0, 9, 15)
    if transit > now - timedelta(minutes=5):
        shift = transit - (now - timedelta(minutes=5))
        handed, transit = handed - shift, transit - shift
    placed = p.at(-1, 19, 10)
    if placed > handed - timedelta(hours=6):
        placed = handed - timedelta(hours=12)
    stub = {"id": "OC-G000001", "name": name, "email": email, "phone": "+44 7700 900123"}
    _add(
        p,
        "orders",
        {
            "number": "W-100412",
            "channel": "web",
            "status": "dispatched",
            "placed_at": iso(placed),
            "total": money("89.00"),
            "shipping": money("0.00"),
            "store": None,
            "customer": stub,
            "lines": [_line("L1", "DRS-4471", "Party dress", "89.00", "shipped", size="38")],
            "payment_ids": ["PAY-G100412"],
            "tracking_numbers": ["PN123456789NL"],
            "receipt": None,
            "promised_delivery": handed.date().isoformat(),
            "return_window_days": 30,
            "updated_at": iso(handed),
        },
    )
    _add(
        p,
        "payments",
        {
            "id": "PAY-G100412",
            "order_number": "W-100412",
            "status": "captured",
            "created_at": iso(placed),
            "amount": money("89.00"),
            "customer": {"id": "PC-G000001", "name": name, "email": email, "phone": None},
            "tenders": [_card("T1", "89.00", "visa", "4242")],
            "refunds": [],
        },
    )
    _add(
        p,
        "delivery",
        {
            "tracking_number": "PN123456789NL",
            "carrier": "Parcelnet",
            "stage": "in_transit",
            "order_number": "W-100412",
            "customer": {"id": "DC-G000001", "name": name, "email": email, "phone": "+44 7700 900123"},
            "promised_date": handed.date().isoformat(),
            "estimated_date": (handed.date() + timedelta(days=1)).isoformat(),
            "handed_over_at": iso(handed),
            "address": addr,
            "allowed_actions": list(ALL_ACTIONS),
            "events": [
                {
                    "at": iso(transit),
                    "stage": "in_transit",
                    "description": "In transit",
                    "location": "Sorting centre Utrecht",
                },
                {
                    "at": iso(handed),
                    "stage": "handed_to_carrier",
                    "description": "Handed to Parcelnet",
                    "location": "Warehouse Tilburg",
                },
                {
                    "at": iso(placed + timedelta(hours=2)),
                    "stage": "packed",
                    "description": "Packed",
                    "location": "Warehouse Tilburg",
                },
            ],
        },
    )
    p.stock[("012", "DRS-4471")] = 3
    p.stock[("031", "DRS-4471")] = 0


def s2(p: Population, now) -> None:  # type: ignore[no-untyped-def]
    """Tomás Reyes: the broken phone from the express kiosk."""
    name, email = "Tomás Reyes", "tomas.reyes@example.com"
    # the CRM does not hold the kiosk's id: the link must come from the phone
    _add(
        p,
        "crm",
        _profile(
            "C-G000002",
            name,
            email,
            "+31 6 12345678",
            {"payments": "PC-G000002", "cases": "ZC-G000002"},
            language="nl",
        ),
    )
    sold = now - timedelta(days=60, hours=3)
    _add(
        p,
        "orders",
        {
            "number": "EX-7781-2291",
            "channel": "kiosk",
            "status": "completed",
            "placed_at": iso(sold),
            "total": money("349.00"),
            "shipping": None,
            "store": STORES["EXC"],
            "customer": {"id": "K-G000002", "name": "T. Reyes", "email": None, "phone": "0612 345 678"},
            "lines": [_line("L1", "PHN-X12", "Phone X12 with contract", "349.00", "handed_over")],
            "payment_ids": ["PAY-G778122"],
            "tracking_numbers": [],
            "receipt": "EX-7781-2291",
            "promised_delivery": None,
            "return_window_days": 90,
            "updated_at": iso(sold),
        },
    )
    _add(
        p,
        "payments",
        {
            "id": "PAY-G778122",
            "order_number": "EX-7781-2291",
            "status": "captured",
            "created_at": iso(sold),
            "amount": money("349.00"),
            "customer": {"id": "PK-G000002", "name": "T. Reyes", "email": None, "phone": None},
            "tenders": [_card("T1", "349.00", "mastercard", "5100")],
            "refunds": [],
        },
    )
    p.stock[("031", "PHN-X12")] = 4


def namesake(p: Population) -> None:
    """Tom Reyes, another person: searching "Reyes" finds both, and the window suggests a weak
    (name-only) link between them for the agent to confirm or split."""
    _add(
        p,
        "crm",
        _profile("C-G000009", "Tom Reyes", "tom.reyes@example.org", "+31 20 555 0199", {}, language="nl"),
    )


def s3(p: Population, now) -> None:  # type: ignore[no-untyped-def]
    """Aisha Karimova: "where is my product?"."""
    name, email, phone = "Aisha Karimova", "aisha.karimova@example.com", "+49 151 23456789"
    addr = {
        "name": name,
        "line1": "Hafenstraße 7",
        "line2": "",
        "postal_code": "20457",
        "city": "Hamburg",
        "country": "DE",
    }
    _add(
        p,
        "crm",
        _profile(
            "C-G000003",
            name,
            email,
            phone,
            {
                "orders": "OC-G000003",
                "payments": "PC-G000003",
                "delivery": "DC-G000003",
                "cases": "ZC-G000003",
            },
            address=addr,
            language="de",
            preferred_channel="email",
        ),
    )
    paid = now - timedelta(days=8)
    handed = now - timedelta(days=6)
    stub = {"id": "OC-G000003", "name": name, "email": email, "phone": phone}
    _add(
        p,
        "orders",
        {
            "number": "W-100877",
            "channel": "web",
            "status": "dispatched",
            "placed_at": iso(paid),
            "total": money("214.50"),
            "shipping": money("4.95"),
            "store": None,
            "customer": stub,
            "lines": [
                _line("L1", "HDP-5500", "Wireless headphones", "149.00", "shipped"),
                _line("L2", "SCF-0042", "Wool scarf", "34.50", "shipped"),
                _line("L3", "TSH-0101", "Cotton T-shirt", "26.05", "shipped"),
            ],
            "payment_ids": ["PAY-G100877"],
            "tracking_numbers": ["SR-4471-0099-DE"],
            "receipt": None,
            "promised_delivery": (now - timedelta(days=5)).date().isoformat(),
            "return_window_days": 30,
            "updated_at": iso(handed),
        },
    )
    _add(
        p,
        "payments",
        {
            "id": "PAY-G100877",
            "order_number": "W-100877",
            "status": "captured",
            "created_at": iso(paid),
            "amount": money("214.50"),
            "customer": {"id": "PC-G000003", "name": name, "email": email, "phone": None},
            "tenders": [_card("T1", "214.50", "visa", "1881")],
            "refunds": [],
        },
    )
    _add(
        p,
        "delivery",
        {
            "tracking_number": "SR-4471-0099-DE",
            "carrier": "SwiftRoute",
            "stage": "exception",
            "order_number": "W-100877",
            "customer": {"id": "DC-G000003", "name": name, "email": email, "phone": phone},
            "promised_date": (now - timedelta(days=5)).date().isoformat(),
            "estimated_date": None,
            "handed_over_at": iso(handed),
            "address": addr,
            "allowed_actions": list(ALL_ACTIONS),
            "events": [
                {
                    "at": iso(now - timedelta(days=4)),
                    "stage": "exception",
                    "description": "address not found",
                    "location": "HH",
                },
                {
                    "at": iso(now - timedelta(days=5, hours=2)),
                    "stage": "in_transit",
                    "description": "transit",
                    "location": "HH",
                },
                {
                    "at": iso(handed),
                    "stage": "handed_to_carrier",
                    "description": "accepted",
                    "location": "DEP",
                },
            ],
        },
    )
    contacts = [("email", 7), ("chat", 6), ("phone", 4), ("social", 2), ("phone", 1)]
    for n, (channel, days) in enumerate(contacts, start=1):
        at = now - timedelta(days=days, hours=2)
        _add(
            p,
            "cases",
            {
                "id": f"CS-G1008{n}",
                "subject": "Where is my order W-100877?",
                "status": "solved",
                "channel": channel,
                "opened_at": iso(at),
                "updated_at": iso(at + timedelta(minutes=10)),
                "customer": {"id": "ZC-G000003", "name": name, "email": email, "phone": phone},
                "team": "service",
                "assignee": "agent-ana",
                "order_number": "W-100877",
                "notes": [
                    _note(
                        f"N-G1008{n}-2",
                        iso(at + timedelta(minutes=10)),
                        "Ana Berg",
                        "It will arrive soon, the carrier is on it.",
                        "public",
                        channel,
                    ),
                    _note(
                        f"N-G1008{n}-1",
                        iso(at),
                        "Aisha Karimova",
                        "My order has not arrived.",
                        "public",
                        channel,
                    ),
                ],
            },
        )


def s4(p: Population, now) -> None:  # type: ignore[no-untyped-def]
    """Jordan Lee: the streaming package swap."""
    name, email, phone = "Jordan Lee", "jordan.lee@example.com", "+1 415 555 0134"
    _add(
        p,
        "crm",
        _profile(
            "C-G000004",
            name,
            email,
            phone,
            {"orders": "OC-G000004", "payments": "PC-G000004", "cases": "ZC-G000004"},
        ),
    )
    placed = now - timedelta(days=12)
    _add(
        p,
        "orders",
        {
            "number": "T-55012",
            "channel": "web",
            "status": "open",
            "placed_at": iso(placed),
            "total": money("148.00"),
            "shipping": None,
            "store": None,
            "customer": {"id": "OC-G000004", "name": name, "email": email, "phone": phone},
            "lines": [
                _line("L1", "STB-200", "Set-top box (TV package)", "99.00", "open"),
                _line("L2", "SRV-INST", "Installation visit", "49.00", "open"),
            ],
            "payment_ids": ["PAY-G55012"],
            "tracking_numbers": [],
            "receipt": None,
            "promised_delivery": None,
            "return_window_days": 30,
            "updated_at": iso(placed),
        },
    )
    _add(
        p,
        "payments",
        {
            "id": "PAY-G55012",
            "order_number": "T-55012",
            "status": "captured",
            "created_at": iso(placed),
            "amount": money("148.00"),
            "customer": {"id": "PC-G000004", "name": name, "email": email, "phone": None},
            "tenders": [_card("T1", "148.00", "mastercard", "4444")],
            "refunds": [],
        },
    )
    c = {"id": "ZC-G000004", "name": name, "email": email, "phone": phone}
    notes = [
        (
            "CS-G55012",
            "TV package installation",
            "phone",
            9,
            [
                (
                    "Installer",
                    "Installer could not wire the set-top box: no cable outlet in the living room.",
                    "internal",
                    "phone",
                ),
                ("Ben Ortiz", "Rewiring visit booked for next week.", "internal", "phone"),
            ],
        ),
        (
            "CS-G55013",
            "Is there a streaming option?",
            "social",
            3,
            [
                ("Jordan Lee", "Do you have a streaming option instead of the box?", "public", "social"),
                ("Ana Berg", "We'll look into it and call you.", "public", "social"),
            ],
        ),
        (
            "CS-G55014",
            "Call about TV package",
            "phone",
            1,
            [
                (
                    "Ana Berg",
                    "Customer called; prefers streaming package if the box can be cancelled.",
                    "internal",
                    "phone",
                )
            ],
        ),
    ]
    for cid, subject, channel, days, ns in notes:
        at = now - timedelta(days=days)
        _add(
            p,
            "cases",
            {
                "id": cid,
                "subject": subject,
                "status": "open",
                "channel": channel,
                "opened_at": iso(at),
                "updated_at": iso(at + timedelta(hours=len(ns))),
                "customer": c,
                "team": "service",
                "assignee": "",
                "order_number": "T-55012",
                "notes": [
                    _note(f"{cid}-N{k}", iso(at + timedelta(hours=k)), a, b, v, ch)
                    for k, (a, b, v, ch) in reversed(list(enumerate(ns)))
                ],
            },
        )


def s5(p: Population, now) -> None:  # type: ignore[no-untyped-def]
    """Priya Natarajan: the worn shoes (split tender, refund above the agent's limit)."""
    name, email, phone = "Priya Natarajan", "priya.natarajan@example.com", "+44 7700 900456"
    _add(
        p,
        "crm",
        _profile(
            "C-G000005",
            name,
            email,
            phone,
            {"orders": "OC-G000005", "payments": "PC-G000005", "cases": "ZC-G000005"},
            tier="gold",
            flags=["vip"],
        ),
    )
    sold = now - timedelta(days=5, hours=4)
    _add(
        p,
        "orders",
        {
            "number": "S-012-5521",
            "channel": "store",
            "status": "completed",
            "placed_at": iso(sold),
            "total": money("420.00"),
            "shipping": None,
            "store": STORES["012"],
            "customer": {"id": "OC-G000005", "name": name, "email": email, "phone": phone},
            "lines": [
                _line("L1", "SHO-9001", "Designer shoes (pair 1)", "210.00", "handed_over"),
                _line("L2", "SHO-9001", "Designer shoes (pair 2)", "210.00", "handed_over"),
            ],
            "payment_ids": ["PAY-G5521"],
            "tracking_numbers": [],
            "receipt": "S-012-5521",
            "promised_delivery": None,
            "return_window_days": 30,
            "updated_at": iso(sold),
        },
    )
    _add(
        p,
        "payments",
        {
            "id": "PAY-G5521",
            "order_number": "S-012-5521",
            "status": "captured",
            "created_at": iso(sold),
            "amount": money("420.00"),
            "customer": {"id": "PC-G000005", "name": name, "email": email, "phone": None},
            "tenders": [
                {
                    "id": "T1",
                    "kind": "gift_card",
                    "amount": money("100.00"),
                    "refunded": money("0"),
                    "brand": "",
                    "last4": "",
                    "bin": "",
                },
                _card("T2", "320.00", "visa", "0005"),
            ],
            "refunds": [],
        },
    )
    at = now - timedelta(days=1, hours=5)
    _add(
        p,
        "cases",
        {
            "id": "CS-G5521",
            "subject": "One pair is worn",
            "status": "open",
            "channel": "self_service",
            "opened_at": iso(at),
            "updated_at": iso(at),
            "customer": {"id": "ZC-G000005", "name": name, "email": email, "phone": phone},
            "team": "service",
            "assignee": "",
            "order_number": "S-012-5521",
            "notes": [
                _note(
                    "CS-G5521-N1",
                    iso(at),
                    name,
                    "One of the two pairs of shoes I bought in Store 012 looks worn.",
                    "public",
                    "self_service",
                )
            ],
        },
    )


def add_heavy(p: Population) -> None:
    """Heavy Hannah: 5,000 orders, 50,000 tracking events, 2,000 notes (benchmarks only)."""
    now = p.now
    name, email, phone = "Heavy Hannah", "heavy.hannah@example.com", "+31 6 99999999"
    _add(
        p,
        "crm",
        _profile(
            "C-H000001",
            name,
            email,
            phone,
            {
                "orders": "OC-H000001",
                "payments": "PC-H000001",
                "delivery": "DC-H000001",
                "cases": "ZC-H000001",
            },
        ),
    )
    for k in range(5000):
        number = f"W-9{k:06d}"
        placed = now - timedelta(hours=k * 3 + 30)
        track = f"PN{900000000 + k}NL"
        stub = {"id": "OC-H000001", "name": name, "email": email, "phone": phone}
        _add(
            p,
            "orders",
            {
                "number": number,
                "channel": "web",
                "status": "delivered",
                "placed_at": iso(placed),
                "total": money("19.95"),
                "shipping": None,
                "store": None,
                "customer": stub,
                "lines": [_line("L1", "TSH-0101", "Cotton T-shirt", "19.95", "delivered")],
                "payment_ids": [f"PAY-H{k:06d}"],
                "tracking_numbers": [track],
                "receipt": None,
                "promised_delivery": (placed + timedelta(days=2)).date().isoformat(),
                "return_window_days": 30,
                "updated_at": iso(placed),
            },
        )
        _add(
            p,
            "payments",
            {
                "id": f"PAY-H{k:06d}",
                "order_number": number,
                "status": "captured",
                "created_at": iso(placed),
                "amount": money("19.95"),
                "customer": {"id": "PC-H000001", "name": name, "email": email, "phone": None},
                "tenders": [_card("T1", "19.95", "visa", "1111")],
                "refunds": [],
            },
        )
        _add(
            p,
            "delivery",
            {
                "tracking_number": track,
                "carrier": "Parcelnet",
                "stage": "delivered",
                "order_number": number,
                "customer": {"id": "DC-H000001", "name": name, "email": email, "phone": phone},
                "promised_date": (placed + timedelta(days=2)).date().isoformat(),
                "estimated_date": None,
                "handed_over_at": iso(placed + timedelta(hours=10)),
                "address": None,
                "allowed_actions": [],
                "events": [
                    {
                        "at": iso(placed + timedelta(hours=10 + e)),
                        "stage": "in_transit" if e < 9 else "delivered",
                        "description": f"Scan {e}",
                        "location": "Hub",
                    }
                    for e in range(9, -1, -1)
                ],
            },
        )
    for c in range(200):
        at = now - timedelta(days=c)
        _add(
            p,
            "cases",
            {
                "id": f"CS-H{c:05d}",
                "subject": f"Contact {c}",
                "status": "solved",
                "channel": "email",
                "opened_at": iso(at),
                "updated_at": iso(at),
                "customer": {"id": "ZC-H000001", "name": name, "email": email, "phone": phone},
                "team": "service",
                "assignee": "",
                "order_number": None,
                "notes": [
                    _note(
                        f"N-H{c:05d}-{n}",
                        iso(at - timedelta(minutes=n)),
                        "Ana Berg",
                        f"Note {n}",
                        "internal",
                        "email",
                    )
                    for n in range(10)
                ],
            },
        )
