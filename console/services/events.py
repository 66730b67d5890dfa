"""What services report to the UI as work progresses. Plain data; the UI renders it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from console.connectors.errors import ConnectorError
from console.domain.model import SystemKind
from console.services.person import Person


@dataclass(frozen=True, slots=True)
class SectionLoaded:
    """One system answered for the person being shown. `data` is that system's domain objects."""

    person_id: str  # which person (lookup generation) this belongs to: never paint it on another
    system: SystemKind
    data: object
    elapsed_ms: float = 0.0
    more: bool = False  # pages are still coming: this is what is here so far, not all
    capped: bool = False  # the console stopped at its page limit: the system holds more than this


@dataclass(frozen=True, slots=True)
class SectionFailed:
    """One system did not answer. `stale` is the last good copy (from the local cache), if any."""

    person_id: str
    system: SystemKind
    error: ConnectorError
    stale: object | None = None
    stale_since: datetime | None = None
    elapsed_ms: float = 0.0


@dataclass(frozen=True, slots=True)
class ActionProgress:
    action_id: str
    state: str  # pending | done | refused | failed_will_retry
    message: str = ""
    details: dict[str, str] = field(default_factory=dict)


# ---- lookup: search events -------------------------------------------------------------------
# `LookupService.search` yields these; `SearchEvent` is their union.


@dataclass(frozen=True, slots=True)
class SystemAnswered:
    """A system answered the search (or a second-hop query). `hits`: records it returned in
    total so far in this search; a system asked twice (second hop) answers twice."""

    system: SystemKind
    hits: int
    elapsed_ms: float


@dataclass(frozen=True, slots=True)
class SystemSearchFailed:
    """A system did not answer the search in time or answered with an error."""

    system: SystemKind
    error: ConnectorError
    elapsed_ms: float = 0.0


@dataclass(frozen=True, slots=True)
class SystemSlow:
    """A system has not answered after the service's `slow_after_s`. `person_id` is set when
    emitted by `open()` (only with `slow_events=True`), None during a search."""

    system: SystemKind
    person_id: str | None = None
    elapsed_ms: float = 0.0


@dataclass(frozen=True, slots=True)
class CandidatesChanged:
    """The people found so far, ranked best first. `final=True` comes once, last: with exactly
    one person whose `clear` is True, open that person directly; else show the list."""

    persons: tuple[Person, ...]
    final: bool


SearchEvent = SystemAnswered | SystemSearchFailed | SystemSlow | CandidatesChanged
