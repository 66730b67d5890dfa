"""The demo population: deterministic, messy, and always holding the five golden scenarios.

Scale matters (up to a million customers), so a customer's records are not all built up front:
`_skeleton(i)` derives only the keys that searches need (names, e-mails, phones, numbers) from a
per-customer random stream, the indexes are built from skeletons, and `records(i)` builds the
full records on first use from the same stream. Once built (or changed by an action) a
customer's records stay in memory, so effects persist.

Records are kept in their wire form (plain dicts), as another company's system would keep
its own; nothing here imports the console.
"""

from __future__ import annotations

import heapq
import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

Record = dict[str, Any]
MAX_HITS = 50  # a search builds at most this many customers (a page); broader queries are cut

STORES: dict[str, Record] = {
    "012": {"id": "012", "name": "Store 012 Riverside", "kind": "flagship"},
    "031": {"id": "031", "name": "Store 031 Harbour", "kind": "flagship"},
    "044": {"id": "044", "name": "Store 044 Old Market", "kind": "flagship"},
    "EXC": {"id": "EXC", "name": "Express Central Station", "kind": "express"},
    "EXA": {"id": "EXA", "name": "Express Airport", "kind": "express"},
}

STAFF: list[Record] = [
    {"id": "agent-ana", "name": "Ana Berg", "role": "agent", "team": "service", "store_id": None},
    {"id": "agent-ben", "name": "Ben Ortiz", "role": "agent", "team": "sales", "store_id": None},
    {"id": "store-012-sara", "name": "Sara Lind", "role": "store_staff", "team": "stores", "store_id": "012"},
    {
        "id": "store-031-omar",
        "name": "Omar Haddad",
        "role": "store_staff",
        "team": "stores",
        "store_id": "031",
    },
    {"id": "sup-lena", "name": "Lena Vogt", "role": "supervisor", "team": "service", "store_id": None},
]

# What each role may do, server side (the console's resources/policy.toml says the same).
_EVERYONE = {"cancel", "refund", "redirect_to_store", "intercept", "take_return", "update_case"}
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    "agent": frozenset(_EVERYONE | {"reroute", "reschedule"}),
    "store_staff": frozenset(_EVERYONE | {"fulfil_in_store"}),
    "supervisor": frozenset(_EVERYONE | {"reroute", "reschedule", "fulfil_in_store"}),
}

REFUND_LIMITS: dict[str, Decimal | None] = {
    "agent": Decimal("100.00"),
    "store_staff": Decimal("250.00"),
    "supervisor": None,
}

CATALOGUE: list[tuple[str, str, str]] = [
    ("DRS-4471", "Party dress", "89.00"),
    ("SHO-9001", "Designer shoes", "210.00"),
    ("PHN-X12", "Phone X12 with contract", "349.00"),
    ("PHN-X10", "Phone X10", "279.00"),
    ("JKT-2210", "Rain jacket", "129.95"),
    ("TSH-0101", "Cotton T-shirt", "19.95"),
    ("JNS-3302", "Slim jeans", "59.90"),
    ("HDP-5500", "Wireless headphones", "149.00"),
    ("STB-200", "Set-top box", "99.00"),
    ("SRV-INST", "Installation visit", "49.00"),
    ("BAG-0770", "Leather bag", "189.00"),
    ("WCH-1204", "Smart watch", "229.00"),
    ("SCF-0042", "Wool scarf", "34.50"),
    ("LMP-0900", "Desk lamp", "45.00"),
]

FIRST = [
    "Emma",
    "Liam",
    "Sofia",
    "Noah",
    "Mila",
    "Lucas",
    "Julia",
    "Daan",
    "Anna",
    "Jan",
    "Marie",
    "Lukas",
    "Léa",
    "Jürgen",
    "Zoë",
    "Björn",
    "Chloé",
    "Mateo",
    "Aylin",
    "Karim",
    "Fatima",
    "Olga",
    "Piotr",
    "Siobhán",
    "Nguyen",
    "Yuki",
    "Ines",
    "Tomasz",
    "Elif",
    "Ruth",
]
LAST = [
    "de Vries",
    "Jansen",
    "Müller",
    "Schmidt",
    "Bakker",
    "Visser",
    "Smith",
    "García",
    "Rossi",
    "Nowak",
    "Kowalski",
    "Öztürk",
    "Dubois",
    "Novák",
    "Smit",
    "Meijer",
    "Brown",
    "Fischer",
    "Weber",
    "van Dijk",
    "Mulder",
    "Peters",
    "Hendriks",
    "Dekker",
    "Bos",
    "Vos",
    "Lefèvre",
    "Şahin",
    "O'Brien",
    "Nielsen",
]
DOMAINS = ["example.com", "example.net", "example.org", "mail.example", "post.example"]
CARRIERS = ["Parcelnet", "SwiftRoute"]
CHANNELS = ["email", "chat", "phone", "social", "self_service"]
TEAMS = ["service", "sales", "returns", "stores"]


def fold(text: str) -> str:
    """Lower case, no accents: how every search compares names."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def name_tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[^a-z0-9]+", fold(name)) if t]


def phone_keys(raw: str, default_cc: str = "31") -> set[str]:
    """Digit keys a phone is findable by: E.164 digits, and national digits without trunk 0."""
    digits = re.sub(r"\D", "", raw)
    if not digits:
        return set()
    keys: set[str] = set()
    if raw.strip().startswith("+"):
        keys.add(digits)
    elif digits.startswith("00"):
        keys.add(digits[2:])
    elif digits.startswith("0"):
        keys.add(default_cc + digits[1:])
    else:
        keys.add(digits)
    return keys


def tracking_number(i: int, j: int) -> str:
    """Background parcels' numbers follow from the customer, so they are findable before built."""
    n = i * 4 + j
    if (i + j) % 2 == 0:
        return f"PN{100_000_000 + n}NL"
    return f"SR-{n // 10000 % 10000:04d}-{n % 10000:04d}-NL"


def money(amount: Decimal | str, currency: str = "EUR") -> Record:
    return {"amount": str(Decimal(amount).quantize(Decimal("0.01"))), "currency": currency}


def iso(dt: datetime) -> str:
    return dt.isoformat()


@dataclass
class Skeleton:
    name: str
    emails: list[str]
    phones: list[str]
    orders: list[tuple[str, str]]  # (number, channel)
    kiosk_phone: str | None


@dataclass
class Population:
    seed: int = 1
    scale: int = 2000
    now: datetime = field(default_factory=lambda: datetime.now(UTC).replace(second=0, microsecond=0))
    heavy: bool = False

    def __post_init__(self) -> None:
        if self.now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        self.crm: dict[str, Record] = {}
        self.orders: dict[str, Record] = {}
        self.payments: dict[str, Record] = {}
        self.shipments: dict[str, Record] = {}
        self.cases: dict[str, Record] = {}
        self.stock: dict[tuple[str, str], int] = {}
        self.approvals: dict[str, Record] = {}
        # search indexes: key -> set of record ids, per system
        self.idx: dict[str, dict[str, set[str]]] = {}
        self._built: set[int] = set()
        self._owner: dict[str, int] = {}  # any id/number -> customer index (lazy build)
        self._seq = 0
        self._build_stock()
        self._index_background()
        from console.demo import golden

        golden.add_all(self)
        if self.heavy:
            golden.add_heavy(self)

    # ---- indexes ---------------------------------------------------------------------------

    def add_key(self, system: str, kind: str, key: str, record_id: str) -> None:
        if not key:
            return
        self.idx.setdefault(f"{system}:{kind}", {}).setdefault(key, set()).add(record_id)

    def lookup(self, system: str, kind: str, key: str) -> set[str]:
        return self.idx.get(f"{system}:{kind}", {}).get(key, set())

    def index_record(self, system: str, rec: Record) -> None:
        """Index a fully built record (golden scenarios, heavy customer, created cases)."""
        rid = rec.get("id") or rec.get("number") or rec.get("tracking_number")
        assert isinstance(rid, str)
        if system == "crm":
            for e in rec["emails"]:
                self.add_key("crm", "email", e.lower(), rid)
            for p in rec["phones"]:
                for k in phone_keys(p):
                    self.add_key("crm", "phone", k, rid)
            for t in name_tokens(rec["name"]):
                self.add_key("crm", "name", t, rid)
            for ext in rec["external_ids"].values():
                self.add_key("crm", "external_id", ext, rid)
            return
        cust = rec["customer"]
        if cust.get("email"):
            self.add_key(system, "email", cust["email"].lower(), rid)
        if cust.get("phone"):
            for k in phone_keys(cust["phone"]):
                self.add_key(system, "phone", k, rid)
        for t in name_tokens(cust.get("name", "")):
            self.add_key(system, "name", t, rid)
        self.add_key(system, "customer_id", cust["id"], rid)
        if rec.get("order_number"):
            self.add_key(system, "order", rec["order_number"], rid)
        if system == "orders":
            self.add_key("orders", "order", rec["number"], rid)
        if system == "orders" and rec.get("receipt"):
            self.add_key("orders", "receipt", rec["receipt"], rid)
        if system == "payments":
            for t in rec["tenders"]:
                if t.get("last4"):
                    self.add_key("payments", "card_last4", t["last4"], rid)

    # ---- background population --------------------------------------------------------------

    def _rng(self, i: int, stream: int) -> random.Random:
        return random.Random((self.seed * 1_000_003 + i) * 7 + stream)

    def _skeleton(self, i: int) -> Skeleton:
        r = self._rng(i, 0)
        first, last = r.choice(FIRST), r.choice(LAST)
        name = f"{first} {last}"
        local = fold(f"{first}.{last}").replace(" ", "").replace("'", "")
        emails = [f"{local}{i}@{r.choice(DOMAINS)}"]
        if r.random() < 0.15:  # the same person under a second address
            emails.append(f"{fold(first)[0]}{fold(last).replace(' ', '')}{i % 97}@{r.choice(DOMAINS)}")
        national = f"6{i % 100_000_000:08d}"
        style = r.randrange(4)
        phone = [
            f"+31 {national[0]} {national[1:]}",
            f"0{national}",
            f"+31{national}",
            f"0{national[:3]} {national[3:6]} {national[6:]}",
        ][style]
        n_orders = r.choice((0, 1, 1, 2, 2, 3))
        orders = []
        for j in range(n_orders):
            ch = r.choice(("web", "web", "app", "store", "kiosk"))
            prefix = {"web": "W", "app": "A", "store": "S-012", "kiosk": "EX"}[ch]
            if ch == "store":
                prefix = f"S-{r.choice(('012', '031', '044'))}"
            num = 300_000 + i * 4 + j
            number = f"EX-{num // 10000:04d}-{num % 10000:04d}" if ch == "kiosk" else f"{prefix}-{num}"
            orders.append((number, ch))
        kiosk_phone = (
            f"0{national[:3]} {national[3:6]} {national[6:]}"
            if any(c == "kiosk" for _, c in orders)
            else None
        )
        return Skeleton(name, emails, [phone], orders, kiosk_phone)

    def _index_background(self) -> None:
        add = self.add_key
        owner = self._owner
        for i in range(self.scale):
            sk = self._skeleton(i)
            cid = f"C-{i:07d}"
            owner[cid] = i
            for e in sk.emails:
                add("crm", "email", e, cid)
            for p in sk.phones:
                for k in phone_keys(p):
                    add("crm", "phone", k, cid)
                    add("delivery", "phone", k, f"?{i}")
                    add("cases", "phone", k, f"?{i}")
            toks = name_tokens(sk.name)
            for t in toks:
                add("crm", "name", t, cid)
                add("cases", "name", t, f"?{i}")
                if sk.orders:
                    add("payments", "name", t, f"?{i}")
            for sysname, pfx in (("orders", "OC"), ("payments", "PC"), ("delivery", "DC"), ("cases", "ZC")):
                ext = f"{pfx}-{i:07d}"
                owner[ext] = i
                add("crm", "external_id", ext, cid)
                add(sysname, "customer_id", ext, f"?{i}")
            primary = sk.emails[0]
            for sysname in ("orders", "payments", "delivery", "cases"):
                add(sysname, "email", primary, f"?{i}")
            if sk.orders:
                owner[f"CS-{i:07d}"] = i
            for j, (number, ch) in enumerate(sk.orders):
                owner[number] = i
                owner[f"PAY-{i:07d}-{j}"] = i
                if ch in ("web", "app"):
                    owner[tracking_number(i, j)] = i
                for sysname in ("orders", "payments", "delivery", "cases"):
                    add(sysname, "order", number, f"?{i}")
                if ch in ("kiosk", "store"):
                    add("orders", "receipt", number, f"?{i}")
                if ch == "kiosk":
                    kid = f"K-{i:07d}"
                    owner[kid] = i
                    add("orders", "customer_id", kid, f"?{i}")
                    if sk.kiosk_phone:
                        for k in phone_keys(sk.kiosk_phone):
                            add("orders", "phone", k, f"?{i}")
                    add("orders", "name", toks[-1] if toks else "", f"?{i}")
                else:
                    for t in toks:
                        add("orders", "name", t, f"?{i}")
                    for k in phone_keys(sk.phones[0]):
                        add("orders", "phone", k, f"?{i}")

    def resolve(self, ids: set[str], system: str, *, cap: int | None = MAX_HITS) -> list[Record]:
        """Turn index hits into records; `?i` hits build customer i's records and re-match.
        `cap`: at most this many (a broad search); None for all (one customer's own records)."""
        table = self.table(system)
        out: dict[str, Record] = {}
        for rid in heapq.nsmallest(cap, ids) if cap is not None else sorted(ids):
            if rid.startswith("?"):
                self.ensure(int(rid[1:]))
                continue
            if rid not in table:
                self.ensure_owner(rid)
            if rid in table:
                out[rid] = table[rid]
        return list(out.values())

    def ensure(self, i: int) -> None:
        if i in self._built or not (0 <= i < self.scale):
            return
        self._built.add(i)
        self._materialize(i)

    def ensure_owner(self, any_id: str) -> None:
        if any_id in self._owner:
            self.ensure(self._owner[any_id])

    def table(self, system: str) -> dict[str, Record]:
        return {
            "crm": self.crm,
            "orders": self.orders,
            "payments": self.payments,
            "delivery": self.shipments,
            "cases": self.cases,
        }[system]

    def _materialize(self, i: int) -> None:
        sk = self._skeleton(i)
        r = self._rng(i, 1)
        now = self.now
        cid = f"C-{i:07d}"
        ext = {
            "orders": f"OC-{i:07d}",
            "payments": f"PC-{i:07d}",
            "delivery": f"DC-{i:07d}",
            "cases": f"ZC-{i:07d}",
        }
        profile: Record = {
            "id": cid,
            "name": sk.name,
            "emails": sk.emails,
            "phones": sk.phones,
            "tier": r.choice(("standard", "standard", "silver", "gold")),
            "language": r.choice(("nl", "en", "de")),
            "preferred_channel": r.choice(CHANNELS[:3]),
            "flags": ["vip"] if r.random() < 0.03 else (["fraud_watch"] if r.random() < 0.01 else []),
            "external_ids": ext if r.random() < 0.9 else {},
            "address": {
                "name": sk.name,
                "line1": f"Kade {r.randint(1, 300)}",
                "line2": "",
                "postal_code": f"{r.randint(1000, 9999)} AB",
                "city": r.choice(("Amsterdam", "Utrecht", "Rotterdam")),
                "country": "NL",
            },
            "created_at": iso(now - timedelta(days=r.randint(30, 2000))),
        }
        self.crm[cid] = profile
        created: list[tuple[str, Record]] = []
        stub = {"id": ext["orders"], "name": sk.name, "email": sk.emails[0], "phone": sk.phones[0]}
        for j, (number, ch) in enumerate(sk.orders):
            placed = now - timedelta(days=r.randint(1, 120), minutes=r.randint(0, 1440))
            sku, desc, price = r.choice(CATALOGUE)
            qty = r.choice((1, 1, 1, 2))
            total = Decimal(price) * qty
            store = None
            cust: Record = dict(stub)
            if ch == "kiosk":
                store = STORES["EXC"] if r.random() < 0.7 else STORES["EXA"]
                cust = {
                    "id": f"K-{i:07d}",
                    "name": f"{sk.name.split()[0][0]}. {sk.name.split(' ', 1)[-1]}",
                    "email": None,
                    "phone": sk.kiosk_phone,
                }
            elif ch == "store":
                store = STORES[number.split("-")[1]]
            pay_id = f"PAY-{i:07d}-{j}"
            tracking = None
            shipped = ch in ("web", "app")
            age = (now - placed).days
            if shipped:
                status = "delivered" if age > 5 else ("dispatched" if age > 1 else "open")
                lstatus = {"delivered": "delivered", "dispatched": "shipped", "open": "open"}[status]
            else:
                status, lstatus = "completed", "handed_over"
            order = {
                "number": number,
                "channel": ch,
                "status": status,
                "placed_at": iso(placed),
                "total": money(total),
                "shipping": money("4.95") if shipped else None,
                "store": store,
                "customer": cust,
                "lines": [
                    {
                        "id": "L1",
                        "sku": sku,
                        "description": desc,
                        "quantity": qty,
                        "unit_price": money(price),
                        "status": lstatus,
                        "returned_quantity": 0,
                        "attributes": {},
                    }
                ],
                "payment_ids": [pay_id],
                "tracking_numbers": [],
                "receipt": number if not shipped else None,
                "promised_delivery": (placed + timedelta(days=2)).date().isoformat() if shipped else None,
                "return_window_days": 30,
                "updated_at": iso(placed),
            }
            if shipped and status != "open":
                carrier = CARRIERS[(i + j) % 2]
                tracking = tracking_number(i, j)
                order["tracking_numbers"] = [tracking]
                handed = placed + timedelta(hours=14)
                events = [
                    {
                        "at": iso(handed),
                        "stage": "handed_to_carrier",
                        "description": "Parcel handed to carrier",
                        "location": "Warehouse Tilburg",
                    },
                    {
                        "at": iso(handed + timedelta(hours=3)),
                        "stage": "in_transit",
                        "description": "In transit",
                        "location": "Hub Utrecht",
                    },
                ]
                stage = "in_transit"
                if status == "delivered":
                    events.append(
                        {
                            "at": iso(handed + timedelta(days=1)),
                            "stage": "delivered",
                            "description": "Delivered",
                            "location": profile["address"]["city"],
                        }
                    )
                    stage = "delivered"
                elif r.random() < 0.2:
                    events.append(
                        {
                            "at": iso(handed + timedelta(hours=20)),
                            "stage": "exception",
                            "description": "Recipient not at home",
                            "location": "Depot",
                        }
                    )
                    stage = "exception"
                events.reverse()
                self.shipments[tracking] = ship = {
                    "tracking_number": tracking,
                    "carrier": carrier,
                    "stage": stage,
                    "order_number": number,
                    "customer": {
                        "id": ext["delivery"],
                        "name": sk.name,
                        "email": sk.emails[0],
                        "phone": sk.phones[0],
                    },
                    "promised_date": order["promised_delivery"],
                    "estimated_date": None
                    if stage == "delivered"
                    else (now + timedelta(days=1)).date().isoformat(),
                    "handed_over_at": iso(handed),
                    "address": profile["address"],
                    "allowed_actions": []
                    if stage == "delivered"
                    else ["reroute", "redirect_to_store", "reschedule", "intercept"],
                    "events": events,
                }
                created.append(("delivery", ship))
            self.orders[number] = order
            created.append(("orders", order))
            card = r.random() < 0.8
            tenders = [
                {
                    "id": "T1",
                    "kind": "card" if card else "cash",
                    "amount": order["total"],
                    "refunded": money("0"),
                    "brand": r.choice(("visa", "mastercard")) if card else "",
                    "last4": f"{r.randint(0, 9999):04d}" if card else "",
                    "bin": "",
                }
            ]
            self.payments[pay_id] = {
                "id": pay_id,
                "order_number": number,
                "status": "captured",
                "created_at": iso(placed),
                "amount": order["total"],
                "customer": {"id": ext["payments"], "name": sk.name, "email": sk.emails[0], "phone": None},
                "tenders": tenders,
                "refunds": [],
            }
            created.append(("payments", self.payments[pay_id]))
        if sk.orders and r.random() < 0.5:
            number = sk.orders[0][0]
            case_id = f"CS-{i:07d}"
            ch = r.choice(CHANNELS)
            opened = now - timedelta(days=r.randint(0, 60))
            self.cases[case_id] = {
                "id": case_id,
                "subject": f"Question about order {number}",
                "status": r.choice(("open", "solved")),
                "channel": ch,
                "opened_at": iso(opened),
                "updated_at": iso(opened),
                "customer": {
                    "id": ext["cases"],
                    "name": sk.name,
                    "email": sk.emails[0],
                    "phone": sk.phones[0],
                },
                "team": r.choice(TEAMS),
                "assignee": "",
                "order_number": number,
                "notes": [
                    {
                        "id": f"N-{i:07d}-1",
                        "at": iso(opened),
                        "author": "customer",
                        "body": "Where is my order?",
                        "visibility": "public",
                        "channel": ch,
                    }
                ],
            }
            created.append(("cases", self.cases[case_id]))
        # background records are indexed lazily; register their concrete ids now
        for sysname, rec in created:
            self.index_record(sysname, rec)

    def _build_stock(self) -> None:
        r = random.Random(self.seed)
        for store_id in STORES:
            for sku, _, _ in CATALOGUE:
                self.stock[(store_id, sku)] = r.randint(0, 8)

    # ---- misc -------------------------------------------------------------------------------

    def next_id(self, prefix: str) -> str:
        self._seq += 1
        return f"{prefix}-{self._seq:06d}"

    def today(self) -> date:
        return self.now.date()

    def at(self, day_offset: int, hh: int, mm: int) -> datetime:
        return datetime.combine(
            self.today() + timedelta(days=day_offset), time(hh, mm), tzinfo=self.now.tzinfo
        )
