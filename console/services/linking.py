"""Identity linking: records from five silos -> people.

Union-find over a graph whose nodes are record refs, system customer ids and shared keys
(e-mail, E.164 phone, order number, payment id, tracking number). Strong edges merge:
exact e-mail (case-insensitive), normalised phone, ids one system holds for another (the
CRM's external ids, a record's customer stub id), order -> payment -> shipment references,
and links an agent confirmed. An agent's "split" is a cannot-link constraint: no edge may
put those two refs into one person. A fuzzy name alone never merges; it becomes a weak,
visible suggestion with its confidence.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, Protocol, TypeAlias

from console.domain.model import (
    Case,
    CustomerProfile,
    CustomerStub,
    Order,
    Payment,
    Shipment,
    SystemKind,
    SystemRef,
)
from console.domain.query import QueryKind, SearchQuery
from console.services.classify import normalize_phone
from console.services.names import name_similarity
from console.services.person import Link, Person

Record: TypeAlias = CustomerProfile | Order | Payment | Shipment | Case
DecisionKind: TypeAlias = Literal["confirm", "split"]
Decision: TypeAlias = tuple[SystemRef, SystemRef, str]  # (ref_a, ref_b, "confirm" | "split")

WEAK_LINK_MIN = 0.75  # name similarity from which a suggestion is shown
CLEAR_MIN = 0.9  # confidence a single candidate needs to open directly
MAX_WEAK_LINKS = 12


class LinkDecisionsLike(Protocol):
    """The agents' stored decisions about suggested links (implemented in console.store)."""

    async def decisions_for(self, refs: Sequence[SystemRef]) -> list[Decision]: ...


@dataclass(frozen=True, slots=True)
class Hit:
    """One record a system returned, and the query that found it."""

    system: SystemKind
    record: Record
    via: SearchQuery
    seed: bool = True  # found by the agent's own query (False: by a second hop)


CompleteKey: TypeAlias = tuple[SystemKind, QueryKind, str]


def query_label(q: SearchQuery) -> str:
    match q.kind:
        case QueryKind.EMAIL:
            return "email"
        case QueryKind.PHONE:
            return "phone"
        case QueryKind.NAME:
            return "name"
        case QueryKind.CUSTOMER_ID:
            return "customer id"
        case QueryKind.ORDER:
            return f"order {q.value}"
        case QueryKind.RECEIPT:
            return f"receipt {q.value}"
        case QueryKind.TRACKING:
            return f"parcel {q.value}"
        case QueryKind.PAYMENT_REF:
            if q.amount:
                return f"card …{q.value} {q.amount}"
            return f"payment {q.value}"


def record_ref(record: Record) -> SystemRef:
    return record.ref


def record_stub(record: Record) -> CustomerStub | None:
    return None if isinstance(record, CustomerProfile) else record.customer


def record_names(record: Record) -> tuple[str, ...]:
    if isinstance(record, CustomerProfile):
        return (record.name,) if record.name else ()
    stub = record.customer
    return (stub.name,) if stub.name else ()


def record_emails(record: Record) -> tuple[str, ...]:
    if isinstance(record, CustomerProfile):
        return tuple(e.strip().lower() for e in record.emails if e.strip())
    email = record.customer.email
    return (email.strip().lower(),) if email and email.strip() else ()


def record_phones(record: Record, region: str) -> tuple[str, ...]:
    raw = record.phones if isinstance(record, CustomerProfile) else (record.customer.phone,)
    out: list[str] = []
    for p in raw:
        e164 = normalize_phone(p, region)
        if e164 and e164 not in out:
            out.append(e164)
    return tuple(out)


def record_order_numbers(record: Record) -> tuple[str, ...]:
    if isinstance(record, Order):
        return tuple(n for n in (record.number, record.receipt) if n)
    if isinstance(record, Payment | Shipment | Case):
        return (record.order_number,) if record.order_number else ()
    return ()


def record_customer_ids(record: Record) -> tuple[SystemRef, ...]:
    """Customer ids in their own systems: the stub's id; for a profile its own id + external ids."""
    if isinstance(record, CustomerProfile):
        return (record.ref, *record.external_ids)
    stub = record.customer
    return (stub.ref,) if stub.ref.id else ()


def _ref_node(ref: SystemRef) -> str:
    return f"ref:{ref.system.value}:{ref.id}"


def _edges(record: Record, region: str) -> list[tuple[str, str, str, int]]:
    """(node, node, label, priority) for one record; lower priority is applied first."""
    me = _ref_node(record.ref)
    out: list[tuple[str, str, str, int]] = []
    if isinstance(record, CustomerProfile):
        out.extend((me, _ref_node(ext), "external id", 1) for ext in record.external_ids)
    else:
        stub = record.customer
        if stub.ref.id:
            out.append((me, _ref_node(stub.ref), "customer id", 1))
    out.extend((me, f"email:{email}", "email", 2) for email in record_emails(record))
    if isinstance(record, Order):
        out.append((me, f"order:{record.number}", f"order {record.number}", 3))
        if record.receipt and record.receipt != record.number:
            out.append((me, f"order:{record.receipt}", f"receipt {record.receipt}", 3))
        out.extend((me, f"payment:{pid}", f"payment {pid}", 3) for pid in record.payment_refs)
        out.extend((me, f"parcel:{t}", f"parcel {t}", 3) for t in record.tracking_numbers)
    elif isinstance(record, Payment | Shipment | Case):
        if record.order_number:
            out.append((me, f"order:{record.order_number}", f"order {record.order_number}", 3))
        if isinstance(record, Payment):
            out.append((me, f"payment:{record.ref.id}", f"payment {record.ref.id}", 3))
        if isinstance(record, Shipment):
            out.append((me, f"parcel:{record.ref.id}", f"parcel {record.ref.id}", 3))
    out.extend((me, f"phone:{phone}", "phone", 4) for phone in record_phones(record, region))
    return out


class _UnionFind:
    def __init__(self, cannot: set[frozenset[str]]) -> None:
        self.parent: dict[str, str] = {}
        self.cannot = cannot
        self.marked_nodes = {n for pair in cannot for n in pair}
        self.marked: dict[str, set[str]] = {}

    def add(self, node: str) -> None:
        if node not in self.parent:
            self.parent[node] = node
            self.marked[node] = {node} if node in self.marked_nodes else set()

    def find(self, node: str) -> str:
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def conflicts(self, a: str, b: str) -> bool:
        ma, mb = self.marked[self.find(a)], self.marked[self.find(b)]
        return any(frozenset((x, y)) in self.cannot for x in ma for y in mb)

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.conflicts(ra, rb):
            return False
        self.parent[rb] = ra
        self.marked[ra] |= self.marked.pop(rb)
        return True


def _person_id(refs: Iterable[SystemRef]) -> str:
    digest = hashlib.sha1("|".join(sorted(str(r) for r in refs)).encode(), usedforsecurity=False)
    return "p-" + digest.hexdigest()[:16]


def record_time(r: Record) -> float:
    """When a record last mattered, as a timestamp (for newest-first lists)."""
    if isinstance(r, Order):
        return r.placed_at.timestamp()
    if isinstance(r, Payment):
        return r.created_at.timestamp()
    if isinstance(r, Case):
        return (r.updated_at or r.opened_at).timestamp()
    if isinstance(r, Shipment):
        if r.events:
            return max(e.at for e in r.events).timestamp()
        return r.handed_over_at.timestamp() if r.handed_over_at else 0.0
    return r.created_at.timestamp() if r.created_at else 0.0


def _sort_records(records: list[Record]) -> tuple[object, ...]:
    return tuple(sorted(records, key=lambda r: (-record_time(r), r.ref.id)))


@dataclass(slots=True)
class _Cluster:
    root: str
    records: list[Hit]

    def names(self) -> list[str]:
        out: list[str] = []
        for hit in self.records:
            for n in record_names(hit.record):
                if n not in out:
                    out.append(n)
        return out


def _best_name(hits: list[Hit]) -> str:
    for hit in hits:
        if isinstance(hit.record, CustomerProfile) and hit.record.name:
            return hit.record.name
    names = [n for h in hits for n in record_names(h.record)]
    if not names:
        return ""

    def quality(n: str) -> tuple[int, int]:
        tokens = [t for t in n.replace(".", " ").split() if t]
        initials = sum(1 for t in tokens if len(t) == 1)
        return (-initials, len(n))

    return max(names, key=quality)


def link_people(
    hits: Sequence[Hit],
    *,
    queries: Sequence[SearchQuery] = (),
    decisions: Sequence[Decision] = (),
    complete_keys: Iterable[CompleteKey] = (),
    region: str = "NL",
    max_candidates: int = 10,
) -> list[Person]:
    """Link the hits into people, ranked best first; the first is `clear` when it is the only
    one and matched the agent's query well enough to open directly."""
    # De-duplicate records (the same record found by two queries): keep the first, seed wins.
    by_ref: dict[SystemRef, Hit] = {}
    for hit in hits:
        prev = by_ref.get(hit.record.ref)
        if prev is None or (hit.seed and not prev.seed):
            by_ref[hit.record.ref] = hit
    if not by_ref:
        return []
    cannot: set[frozenset[str]] = set()
    confirmed: list[tuple[str, str, str, int]] = []
    for a, b, kind in decisions:
        na, nb = _ref_node(a), _ref_node(b)
        if kind == "split":
            cannot.add(frozenset((na, nb)))
        elif kind == "confirm":
            confirmed.append((na, nb, "confirmed by agent", 0))
    # A confirm that an agent later split is void: the split wins.
    confirmed = [e for e in confirmed if frozenset((e[0], e[1])) not in cannot]

    edges: list[tuple[str, str, str, int]] = list(confirmed)
    for hit in by_ref.values():
        edges.extend(_edges(hit.record, region))
    edges.sort(key=lambda e: e[3])  # stable: within a priority, the order records came in

    uf = _UnionFind(cannot)
    adjacency: dict[str, list[tuple[str, str]]] = {}
    for ref in by_ref:
        uf.add(_ref_node(ref))
    for node_a, node_b, label, _prio in edges:
        uf.add(node_a)
        uf.add(node_b)
        if uf.union(node_a, node_b):
            adjacency.setdefault(node_a, []).append((node_b, label))
            adjacency.setdefault(node_b, []).append((node_a, label))

    clusters: dict[str, _Cluster] = {}
    for ref, hit in by_ref.items():
        root = uf.find(_ref_node(ref))
        clusters.setdefault(root, _Cluster(root, [])).records.append(hit)

    name_queries = [q.value for q in queries if q.kind is QueryKind.NAME]
    strong_query = any(q.kind is not QueryKind.NAME for q in queries)
    complete_set = set(complete_keys)
    people: list[tuple[Person, _Cluster]] = []
    for cluster in clusters.values():
        people.append((_build(cluster, adjacency, name_queries, strong_query, complete_set, region), cluster))

    # Weak suggestions between people: fuzzy name alone, unless an agent split them.
    weak: dict[str, list[Link]] = {p.id: [] for p, _ in people}
    for i, (pa, ca) in enumerate(people):
        for pb, cb in people[i + 1 :]:
            if _split_between(ca, cb, cannot):
                continue
            sim = max(
                (name_similarity(x, y) for x in ca.names() for y in cb.names()),
                default=0.0,
            )
            if sim < WEAK_LINK_MIN:
                continue
            weak[pa.id].extend(Link(h.record.ref, "name", sim, True, pb.name, pb.id) for h in cb.records)
            weak[pb.id].extend(Link(h.record.ref, "name", sim, True, pa.name, pa.id) for h in ca.records)

    ranked = sorted(
        (p for p, _ in people),
        key=lambda p: (-p.confidence, -len(p.systems), -len(p.links), p.name, p.id),
    )[:max_candidates]
    clear = len(ranked) == 1 and ranked[0].confidence >= CLEAR_MIN
    clusters_of = {p.id: c for p, c in people}
    out: list[Person] = []
    for p in ranked:
        extra = sorted(weak[p.id], key=lambda link: -link.confidence)[:MAX_WEAK_LINKS]
        mine = _decisions_of(clusters_of[p.id], decisions)
        out.append(_replace(p, links=p.links + tuple(extra), clear=clear, decisions=mine))
    return out


def _decisions_of(cluster: _Cluster, decisions: Sequence[Decision]) -> tuple[tuple[str, str, str], ...]:
    """The agents' decisions touching this person's records: (their ref, the other, kind)."""
    if not decisions:
        return ()
    nodes = {_ref_node(h.record.ref) for h in cluster.records}
    nodes |= {_ref_node(c) for h in cluster.records for c in record_customer_ids(h.record)}
    out: list[tuple[str, str, str]] = []
    for a, b, kind in decisions:
        if _ref_node(a) in nodes:
            row = (str(a), str(b), kind)
        elif _ref_node(b) in nodes:
            row = (str(b), str(a), kind)
        else:
            continue
        if row not in out:
            out.append(row)
    return tuple(out)


def _split_between(a: _Cluster, b: _Cluster, cannot: set[frozenset[str]]) -> bool:
    if not cannot:
        return False
    na = {_ref_node(h.record.ref) for h in a.records}
    na |= {_ref_node(c) for h in a.records for c in record_customer_ids(h.record)}
    nb = {_ref_node(h.record.ref) for h in b.records}
    nb |= {_ref_node(c) for h in b.records for c in record_customer_ids(h.record)}
    return any(frozenset((x, y)) in cannot for x in na for y in nb)


def _replace(
    p: Person, *, links: tuple[Link, ...], clear: bool, decisions: tuple[tuple[str, str, str], ...] = ()
) -> Person:
    return Person(
        id=p.id,
        name=p.name,
        emails=p.emails,
        phones=p.phones,
        links=links,
        profile=p.profile,
        records=p.records,
        confidence=p.confidence,
        clear=clear,
        complete=p.complete,
        customer_ids=p.customer_ids,
        decisions=decisions,
    )


def _build(
    cluster: _Cluster,
    adjacency: Mapping[str, list[tuple[str, str]]],
    name_queries: list[str],
    strong_query: bool,
    complete_keys: set[CompleteKey],
    region: str,
) -> Person:
    hits = cluster.records
    seeds = [h for h in hits if h.seed] or hits[:1]
    # Breadth-first from the records the agent's query found: each record's link says how it
    # was reached ("phone", "order W-100877" ...).
    label_of: dict[str, str] = {}
    queue: deque[tuple[str, str]] = deque()
    for h in seeds:
        node = _ref_node(h.record.ref)
        if node not in label_of:
            label_of[node] = query_label(h.via)
            queue.append((node, label_of[node]))
    seen = set(label_of)
    while queue:
        node, arrived_by = queue.popleft()
        for nxt, label in adjacency.get(node, ()):
            if nxt in seen:
                continue
            seen.add(nxt)
            # A record under a customer id the CRM holds was linked by that "external id".
            carried = label == "customer id" and arrived_by in ("external id", "confirmed by agent")
            shown = arrived_by if carried else label
            label_of[nxt] = shown
            queue.append((nxt, shown))

    name_conf: dict[SystemRef, float] = {}
    if name_queries:
        for h in hits:
            name_conf[h.record.ref] = max(
                (name_similarity(q, n) for q in name_queries for n in record_names(h.record)),
                default=0.0,
            )
    links: list[Link] = []
    for h in hits:
        ref = h.record.ref
        label = label_of.get(_ref_node(ref), query_label(h.via))
        conf = name_conf.get(ref, 0.0) if label == "name" else 1.0
        links.append(Link(ref, label, conf, weak=False))

    emails: list[str] = []
    phones: list[str] = []
    profiles = [h.record for h in hits if isinstance(h.record, CustomerProfile)]
    ordered = sorted(hits, key=lambda h: not isinstance(h.record, CustomerProfile))
    for h in ordered:
        for e in record_emails(h.record):
            if e not in emails:
                emails.append(e)
        for p in record_phones(h.record, region):
            if p not in phones:
                phones.append(p)
    customer_ids: dict[SystemKind, list[str]] = {}
    for h in ordered:
        for cref in record_customer_ids(h.record):
            ids = customer_ids.setdefault(cref.system, [])
            if cref.id and cref.id not in ids:
                ids.append(cref.id)

    per_system: dict[SystemKind, list[Record]] = {}
    for h in hits:
        per_system.setdefault(h.system, []).append(h.record)
    records = {k: _sort_records(v) for k, v in per_system.items()}

    if strong_query:
        confidence = 1.0 if any(h.seed for h in hits) else 0.6
        if name_queries and not any(h.seed and h.via.kind is not QueryKind.NAME for h in hits):
            confidence = max(name_conf.values(), default=0.0)
    else:
        confidence = max(name_conf.values(), default=0.0)

    # A system's records are complete when it was asked by one of the person's e-mails or
    # phones (keys every system matches), or by every customer id the person has there.
    complete: set[SystemKind] = set()
    for system in SystemKind:
        keys = [(QueryKind.EMAIL, e) for e in emails] + [(QueryKind.PHONE, p) for p in phones]
        ids = customer_ids.get(system, [])
        if any((system, kind, value) in complete_keys for kind, value in keys) or (
            ids and all((system, QueryKind.CUSTOMER_ID, c) in complete_keys for c in ids)
        ):
            complete.add(system)

    profile = None
    if profiles:
        seeded = [p for p in profiles if any(h.record is p and h.seed for h in hits)]
        profile = (seeded or profiles)[0]
    return Person(
        id=_person_id(h.record.ref for h in hits),
        name=_best_name(ordered),
        emails=tuple(emails),
        phones=tuple(phones),
        links=tuple(sorted(links, key=lambda link: (list(SystemKind).index(link.ref.system), link.ref.id))),
        profile=profile,
        records=MappingProxyType(records),
        confidence=round(confidence, 3),
        clear=False,
        complete=frozenset(complete),
        customer_ids=MappingProxyType({k: tuple(v) for k, v in customer_ids.items()}),
    )


__all__ = [
    "CLEAR_MIN",
    "WEAK_LINK_MIN",
    "CompleteKey",
    "Decision",
    "Hit",
    "LinkDecisionsLike",
    "Record",
    "link_people",
    "query_label",
    "record_customer_ids",
    "record_emails",
    "record_order_numbers",
    "record_phones",
    "record_time",
]
