"""A person as the lookup service found them: records from several systems, linked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from console.domain.model import CustomerProfile, SystemKind, SystemRef


@dataclass(frozen=True, slots=True)
class Link:
    """Why one record belongs to (or is suggested for) a person.

    `matched_on` in words: "email", "phone", "external id", "customer id", "order W-100877",
    "parcel PN…", "payment PAY-…", "receipt EX-…", "name", "confirmed by agent".
    A weak link (fuzzy name alone) is a suggestion: its records are NOT in `Person.records`.
    """

    ref: SystemRef
    matched_on: str
    confidence: float  # 0..1
    weak: bool = False
    # A weak link's record belongs to another person found by the same search: who (by name)
    # and which (their id): the agent judges a suggested person, not each of their records.
    name: str = ""
    other: str = ""


def _empty_records() -> Mapping[SystemKind, tuple[object, ...]]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True, eq=False)
class Person:
    """One linked person. Equality and hashing are by `id`.

    `records`: what the search already fetched, per system (CustomerProfile for DIRECTORY,
    Order / Payment / Shipment / Case tuples for the others).
    `complete`: systems whose records in `records` are everything that system holds for
    this person (asked by one of their e-mails / phones / customer ids, not truncated);
    `open()` yields those at once without asking again.
    `customer_ids`: each system's own customer id(s) for this person (from the records'
    customer stubs and the CRM's external ids); `open()` fetches by these.
    `suggested`: the weak links (fuzzy name only) also appear in `links` with weak=True.
    `decisions`: what agents decided about this person's records and others, as
    (this person's ref, the other ref, "confirm" | "split"), so that one can be undone.
    """

    id: str
    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()  # E.164
    links: tuple[Link, ...] = ()
    profile: CustomerProfile | None = None
    records: Mapping[SystemKind, tuple[object, ...]] = field(default_factory=_empty_records)
    confidence: float = 1.0
    clear: bool = False
    complete: frozenset[SystemKind] = frozenset()
    customer_ids: Mapping[SystemKind, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    decisions: tuple[tuple[str, str, str], ...] = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Person) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def systems(self) -> tuple[SystemKind, ...]:
        """Systems with at least one strongly linked record, in SystemKind order."""
        present = {link.ref.system for link in self.links if not link.weak}
        return tuple(k for k in SystemKind if k in present)

    @property
    def strong_links(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if not link.weak)

    @property
    def weak_links(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.weak)

    def suggested_people(self) -> tuple[tuple[Link, ...], ...]:
        """The weak links grouped by the person they suggest, the most likely first; in each
        group the record to decide on (a CRM profile if there is one) comes first."""
        groups: dict[str, list[Link]] = {}
        for link in self.weak_links:
            groups.setdefault(link.other or str(link.ref), []).append(link)
        out = [
            tuple(sorted(links, key=lambda ln: ln.ref.system is not SystemKind.DIRECTORY))
            for links in groups.values()
        ]
        out.sort(key=lambda links: -max(ln.confidence for ln in links))
        return tuple(out)

    def matched_on(self, system: SystemKind) -> tuple[str, ...]:
        """What this person matched on in one system, e.g. ("phone", "receipt EX-7781-2291")."""
        out: list[str] = []
        for link in self.links:
            if link.ref.system is system and not link.weak and link.matched_on not in out:
                out.append(link.matched_on)
        return tuple(out)

    def key(self) -> str:
        """A key for this person that survives restarts (for the local section cache)."""
        if self.profile is not None:
            return f"customer:{self.profile.ref.id}"
        if self.emails:
            return f"email:{self.emails[0]}"
        if self.phones:
            return f"phone:{self.phones[0]}"
        return f"person:{self.id}"


__all__ = ["Link", "Person"]
