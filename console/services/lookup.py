"""The lookup service: search once, link what the systems answer, open a person section by
section as the systems answer.

    service = LookupService(connectors, cache, link_decisions=store.links)
    queries = service.classify(text)            # raises InvalidQuery: show its .message
    async with aclosing(service.search(text)) as events:
        async for event in events: ...          # SystemAnswered / SystemSearchFailed /
                                                # SystemSlow / CandidatesChanged (final last)
    async with aclosing(service.open(person)) as sections:
        async for event in sections: ...        # SectionLoaded / SectionFailed per system

Closing an iterator early (`aclosing`, or `await it.aclose()`) cancels every request still in
flight. No Qt here.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import AsyncGenerator, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar

from console.connectors.base import (
    Connector,
)
from console.connectors.errors import ConnectorError
from console.domain.model import (
    SystemKind,
    SystemRef,
)
from console.domain.query import QueryKind, SearchQuery
from console.services.classify import InvalidQuery, classify
from console.services.events import (
    CandidatesChanged,
    SearchEvent,
    SectionFailed,
    SectionLoaded,
    SystemAnswered,
    SystemSearchFailed,
    SystemSlow,
)
from console.services.fanout import FanOut
from console.services.linking import (
    CompleteKey,
    Decision,
    Hit,
    LinkDecisionsLike,
    Record,
    link_people,
    record_customer_ids,
    record_emails,
    record_order_numbers,
    record_phones,
)
from console.services.person import Link, Person
from console.services.sections import SectionLoader
from console.services.systems import (
    CachedSectionLike,
    ConnectorSet,
    SectionCacheLike,
    Systems,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

# Keys that name a person: every system can answer them for itself (one hop).
PERSON_KEYS = frozenset({QueryKind.EMAIL, QueryKind.PHONE, QueryKind.NAME})
# Prefix of a customer id -> the system whose id it is (the contract's id spaces).
CUSTOMER_ID_PREFIXES: dict[str, SystemKind] = {
    "C": SystemKind.DIRECTORY,
    "OC": SystemKind.ORDERS,
    "PC": SystemKind.PAYMENTS,
    "DC": SystemKind.DELIVERY,
    "ZC": SystemKind.CASES,
}


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class _Answer:
    """A system's answer to a batch of queries, handed from a worker to the search loop."""

    system: SystemKind
    seed: bool
    results: list[tuple[SearchQuery, list[Record]]]
    error: ConnectorError | None
    elapsed_ms: float


@dataclass(slots=True)
class _SearchState:
    queries: list[SearchQuery]
    hits: list[Hit] = field(default_factory=list)
    asked: set[tuple[SystemKind, QueryKind, str]] = field(default_factory=set)
    complete: set[CompleteKey] = field(default_factory=set)
    hit_count: dict[SystemKind, int] = field(default_factory=dict)
    last_signature: tuple[object, ...] | None = None
    absorbed: int = 0  # answers taken in
    linked: tuple[int, list[Person]] | None = None  # (answers linked, the people they made)


class LookupService:
    def __init__(
        self,
        connectors: ConnectorSet,
        cache: SectionCacheLike | None = None,
        *,
        default_region: str = "NL",
        timeout_s: float = 5.0,
        slow_after_s: float = 1.0,
        clock: Callable[[], datetime] = _utcnow,
        link_decisions: LinkDecisionsLike | None = None,
        page_hint: int = 50,
        max_pages: int = 500,
        max_follow_up_keys: int = 4,
        max_candidates: int = 10,
    ) -> None:
        self.connectors = connectors
        self.cache = cache
        self._background: set[asyncio.Future[None]] = set()
        self.default_region = default_region
        self._systems = Systems(connectors, timeout_s)
        self.slow_after_s = slow_after_s
        self.clock = clock
        self.link_decisions = link_decisions
        # A search answer with this many records for one key may be a truncated first page.
        self.page_hint = page_hint
        self.max_pages = max_pages
        self.max_follow_up_keys = max_follow_up_keys
        self.max_candidates = max_candidates
        self._sections = SectionLoader(
            self._systems,
            cache,
            clock=clock,
            region=default_region,
            slow_after_s=slow_after_s,
            max_pages=max_pages,
            max_reference_queries=max_follow_up_keys * 3,
        )

    def attach(self, cache: SectionCacheLike | None, link_decisions: LinkDecisionsLike | None) -> None:
        """Give the service its store once it is open (the window opens before the store does)."""
        self.cache = cache
        self._sections.cache = cache
        self.link_decisions = link_decisions

    # ---- plumbing ----------------------------------------------------------------------------

    def connector(self, system: SystemKind) -> Connector:
        return self._systems.connector(system)

    @property
    def timeout_s(self) -> float:
        return self._systems.timeout_s

    @timeout_s.setter
    def timeout_s(self, value: float) -> None:
        self._systems.timeout_s = value

    # ---- classify ----------------------------------------------------------------------------

    def classify(self, text: str) -> list[SearchQuery]:
        """The readings of `text`; raises InvalidQuery (show its `.message`) for anything else."""
        return classify(text, self.default_region)

    def systems_for(self, query: SearchQuery) -> list[SystemKind]:
        """The systems asked about one query."""
        if query.kind is QueryKind.CUSTOMER_ID:
            prefix = query.value.split("-", 1)[0].upper()
            owner = CUSTOMER_ID_PREFIXES.get(prefix)
            if owner is not None:
                return [owner] if self._systems.supports(owner, query.kind) else []
        if query.kind is QueryKind.PAYMENT_REF:
            return [SystemKind.PAYMENTS] if self._systems.supports(SystemKind.PAYMENTS, query.kind) else []
        return [s for s in SystemKind if self._systems.supports(s, query.kind)]

    # ---- search ------------------------------------------------------------------------------

    async def search(self, text: str) -> AsyncGenerator[SearchEvent, None]:
        """Ask every system that can answer, in parallel; yield as they answer; second hop for
        keys only one system knows; `CandidatesChanged(final=True)` last.

        Raises InvalidQuery on the first iteration for text `classify` refuses (call
        `classify` first to validate without starting a search)."""
        queries = self.classify(text)
        async with contextlib.aclosing(self.search_queries(queries)) as events:
            async for event in events:
                yield event

    async def search_queries(self, queries: Sequence[SearchQuery]) -> AsyncGenerator[SearchEvent, None]:
        state = _SearchState(list(queries))
        fan = FanOut()
        plan: dict[SystemKind, list[SearchQuery]] = {}
        for q in queries:
            for system in self.systems_for(q):
                plan.setdefault(system, []).append(q)
        try:
            for system, qs in plan.items():
                self._spawn_ask(fan, state, system, qs, seed=True)
            async for item in fan.items():
                if isinstance(item, _Answer):
                    for event in await self._absorb(fan, state, item):
                        yield event
                elif isinstance(item, SystemSlow):
                    yield item
            yield CandidatesChanged(tuple(await self._link(state)), final=True)
        finally:
            await fan.aclose()

    def _spawn_ask(
        self, fan: FanOut, state: _SearchState, system: SystemKind, queries: list[SearchQuery], *, seed: bool
    ) -> None:
        fresh = []
        for q in queries:
            key = (system, q.kind, q.value if q.amount is None else f"{q.value}|{q.amount}")
            if key not in state.asked:
                state.asked.add(key)
                fresh.append(q)
        if fresh:
            fan.spawn(self._ask(fan, system, fresh, seed), name=f"search:{system.value}")

    async def _ask(self, fan: FanOut, system: SystemKind, queries: list[SearchQuery], seed: bool) -> None:
        start = time.perf_counter()
        slow = fan.emit_later(self.slow_after_s, SystemSlow(system, None, self.slow_after_s * 1000.0))
        try:
            outcomes = await asyncio.gather(
                *(
                    self._systems.call(system, functools.partial(self._systems.search_call, system, q))
                    for q in queries
                ),
                return_exceptions=True,
            )
        finally:
            slow.cancel()
        elapsed = (time.perf_counter() - start) * 1000.0
        results: list[tuple[SearchQuery, list[Record]]] = []
        error: ConnectorError | None = None
        for q, outcome in zip(queries, outcomes, strict=True):
            if isinstance(outcome, ConnectorError):
                error = error or outcome
            elif isinstance(outcome, BaseException):
                raise outcome  # CancelledError and the like
            else:
                results.append((q, list(outcome)))
        fan.emit(_Answer(system, seed, results, error if not results else None, elapsed))

    async def _absorb(self, fan: FanOut, state: _SearchState, answer: _Answer) -> list[SearchEvent]:
        events: list[SearchEvent] = []
        if answer.error is not None:
            events.append(SystemSearchFailed(answer.system, answer.error, answer.elapsed_ms))
            return events
        state.absorbed += 1
        new_hits: list[Hit] = []
        for q, records in answer.results:
            if (
                q.kind in (QueryKind.EMAIL, QueryKind.PHONE, QueryKind.CUSTOMER_ID)
                and len(records) < self.page_hint
            ):
                state.complete.add((answer.system, q.kind, q.value))
            new_hits.extend(Hit(answer.system, r, q, answer.seed) for r in records)
        state.hits.extend(new_hits)
        state.hit_count[answer.system] = state.hit_count.get(answer.system, 0) + len(new_hits)
        events.append(SystemAnswered(answer.system, state.hit_count[answer.system], answer.elapsed_ms))
        if answer.seed and any(q.kind not in PERSON_KEYS for q in state.queries):
            for system, qs in self._follow_ups(new_hits).items():
                self._spawn_ask(fan, state, system, qs, seed=False)
        if fan.waiting(_Answer):
            return events  # more answers came with this one: link once, after the last of them
        persons = await self._link(state)
        signature = tuple((p.id, p.confidence, p.name, len(p.links)) for p in persons)
        if signature != state.last_signature and fan.running:
            state.last_signature = signature
            events.append(CandidatesChanged(tuple(persons), final=False))
        return events

    def _follow_ups(self, hits: Iterable[Hit]) -> dict[SystemKind, list[SearchQuery]]:
        """The second hop: from records a one-system key found, the keys every system knows."""
        emails: list[str] = []
        phones: list[str] = []
        orders: list[str] = []
        ids: dict[SystemKind, list[str]] = {}
        for hit in hits:
            for e in record_emails(hit.record):
                if e not in emails:
                    emails.append(e)
            for p in record_phones(hit.record, self.default_region):
                if p not in phones:
                    phones.append(p)
            for n in record_order_numbers(hit.record):
                if n not in orders:
                    orders.append(n)
            for ref in record_customer_ids(hit.record):
                lst = ids.setdefault(ref.system, [])
                if ref.id not in lst:
                    lst.append(ref.id)
        cap = self.max_follow_up_keys
        plan: dict[SystemKind, list[SearchQuery]] = {}
        for system in SystemKind:
            qs: list[SearchQuery] = []
            if emails and self._systems.supports(system, QueryKind.EMAIL):
                qs += [SearchQuery(QueryKind.EMAIL, e) for e in emails[:cap]]
            elif ids.get(system) and self._systems.supports(system, QueryKind.CUSTOMER_ID):
                qs += [SearchQuery(QueryKind.CUSTOMER_ID, i) for i in ids[system][:cap]]
            elif phones and self._systems.supports(system, QueryKind.PHONE):
                qs += [SearchQuery(QueryKind.PHONE, p) for p in phones[:cap]]
            if not emails and self._systems.supports(system, QueryKind.PHONE):
                qs += [
                    SearchQuery(QueryKind.PHONE, p)
                    for p in phones[:cap]
                    if SearchQuery(QueryKind.PHONE, p) not in qs
                ]
            if self._systems.supports(system, QueryKind.ORDER):
                qs += [SearchQuery(QueryKind.ORDER, n) for n in orders[:cap]]
            if qs:
                plan[system] = qs
        return plan

    async def _decisions(self, hits: Sequence[Hit]) -> list[Decision]:
        if self.link_decisions is None or not hits:
            return []
        refs: list[SystemRef] = []
        for hit in hits:
            refs.append(hit.record.ref)
            refs.extend(record_customer_ids(hit.record))
        try:
            return list(await self.link_decisions.decisions_for(list(dict.fromkeys(refs))))
        except Exception:
            log.exception("could not read link decisions; linking without them")
            return []

    async def _link(self, state: _SearchState) -> list[Person]:
        if state.linked is not None and state.linked[0] == state.absorbed:
            return state.linked[1]  # nothing new since the last linking
        absorbed = state.absorbed
        decisions = await self._decisions(state.hits)
        persons = link_people(
            state.hits,
            queries=state.queries,
            decisions=decisions,
            complete_keys=state.complete,
            region=self.default_region,
            max_candidates=self.max_candidates,
        )
        state.linked = (absorbed, persons)
        return persons

    # ---- open a person -----------------------------------------------------------------------

    async def open(
        self,
        person: Person,
        *,
        slow_events: bool = False,
        ready: Sequence[SectionLoaded] | None = None,
        yield_ready: bool = True,
    ) -> AsyncGenerator[SectionLoaded | SectionFailed, None]:
        """Fan out to all five systems; yield each section as its system answers.

        Records the search already fetched completely come at once (no second call). Long
        lists come in pages: a system may yield several `SectionLoaded`, each carrying ALL its
        records so far (replace, don't append); the last one is complete. DIRECTORY's data is
        a `CustomerProfile` or None; the others' a tuple of Order / Payment / Shipment / Case,
        newest first. With `slow_events=True` a `SystemSlow(system, person.id)` also comes for
        each system still silent after `slow_after_s` (typed loosely for that reason).
        `ready`: `ready_sections(person)` when the caller already asked for it; with
        `yield_ready=False` the caller has rendered those itself and only the others come.
        """
        fan = FanOut()
        try:
            if ready is None:  # what the search brought in full: no round trip, no task hop
                ready = self.ready_sections(person)
            for loaded in ready:
                task = asyncio.ensure_future(self._sections.remember(loaded.system, person, loaded.data))
                self._background.add(task)  # the cache write must not hold up the view
                task.add_done_callback(self._background.discard)
            have = {loaded.system for loaded in ready}
            for system in SystemKind:
                if system not in have:
                    fan.spawn(self._sections.load(fan, person, system, use_search=True, slow=slow_events))
            if yield_ready:
                for loaded in ready:
                    yield loaded
            async for item in fan.items():
                if isinstance(item, SectionLoaded | SectionFailed):
                    yield item
                elif slow_events and isinstance(item, SystemSlow):
                    yield item  # type: ignore[misc]
        finally:
            await fan.aclose()

    def ready_sections(self, person: Person) -> list[SectionLoaded]:
        """The sections the search already holds in full for `person`, without asking anyone
        or remembering anything: for showing a clear person while other systems still answer."""
        out: list[SectionLoaded] = []
        for system in SystemKind:
            done, data = self._sections.ready(person, system)
            if done:
                out.append(SectionLoaded(person.id, system, data, 0.0))
        return out

    async def retry(self, person: Person, system: SystemKind) -> SectionLoaded | SectionFailed:
        """Fetch one system's section again (never from the search), all pages."""
        fan = FanOut()
        last: SectionLoaded | SectionFailed | None = None
        try:
            fan.spawn(self._sections.load(fan, person, system, use_search=False, slow=False))
            async for item in fan.items():
                if isinstance(item, SectionLoaded | SectionFailed):
                    last = item
        finally:
            await fan.aclose()
        assert last is not None
        return last


__all__ = [
    "CachedSectionLike",
    "ConnectorSet",
    "InvalidQuery",
    "Link",
    "LookupService",
    "Person",
    "SectionCacheLike",
]
