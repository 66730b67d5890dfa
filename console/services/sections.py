"""Opening a person: each system's section, as it answers, with paging, order references,
the per-system timeout and the last good copy from the cache when a system is down."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime

from console.connectors.errors import ConnectorError
from console.domain.model import Case, CustomerProfile, Order, Page, Payment, Shipment, SystemKind
from console.domain.query import QueryKind, SearchQuery
from console.services.events import SectionFailed, SectionLoaded, SystemSlow
from console.services.fanout import FanOut
from console.services.linking import Record, record_emails, record_phones
from console.services.person import Person
from console.services.systems import SectionCacheLike, Systems, merge_records

log = logging.getLogger(__name__)


# While a long list streams in page by page, what is there so far is shown at most this often
# (merging and re-showing thousands of records after every page is most of the work otherwise).
PARTIAL_EVERY_S = 0.5


class SectionLoader:
    def __init__(
        self,
        systems: Systems,
        cache: SectionCacheLike | None,
        *,
        clock: Callable[[], datetime],
        region: str,
        slow_after_s: float,
        max_pages: int,
        max_reference_queries: int,
    ) -> None:
        self._systems = systems
        self.cache = cache
        self.clock = clock
        self.region = region
        self.slow_after_s = slow_after_s
        self.max_pages = max_pages
        self.max_reference_queries = max_reference_queries

    async def load(
        self, fan: FanOut, person: Person, system: SystemKind, *, use_search: bool, slow: bool
    ) -> None:
        start = time.perf_counter()

        def elapsed() -> float:
            return (time.perf_counter() - start) * 1000.0

        def partial(data: object) -> None:
            fan.emit(SectionLoaded(person.id, system, data, elapsed(), more=True))

        timer = (
            fan.emit_later(self.slow_after_s, SystemSlow(system, person.id, self.slow_after_s * 1000.0))
            if slow
            else None
        )
        got_partial: list[object] = []
        capped: list[bool] = []  # set by the page reader when it stops at max_pages

        def on_page(data: object) -> None:
            got_partial.append(data)
            partial(data)

        try:
            if use_search and system in person.complete:
                data = self._from_search(person, system)
                known = [
                    r
                    for r in person.records.get(system, ())
                    if isinstance(r, Order | Payment | Shipment | Case)
                ]
                refs = self._reference_queries(person, system, known)
                if refs:
                    # Complete for the person's keys, but their orders point at more
                    # (a kiosk sale's payment under the partner's stub): show, then top up.
                    if timer is not None:
                        timer.cancel()
                    on_page(data)
                    data = merge_records(known, await self._systems.search_all(system, refs, tolerant=True))
            else:
                data = await self._fetch(person, system, on_page, capped)
        except Exception as exc:
            if isinstance(exc, ConnectorError):
                error = exc
            else:  # a bug here must not leave the section waiting forever
                log.exception("loading the %s section failed", system.value)
                error = ConnectorError(system, f"internal error ({type(exc).__name__})")
            if timer is not None:
                timer.cancel()
            stale, since = await self._cached(system, person)
            if stale is None and got_partial:
                stale, since = got_partial[-1], self.clock()
            fan.emit(SectionFailed(person.id, system, error, stale, since, elapsed()))
            return
        if timer is not None:
            timer.cancel()
        fan.emit(SectionLoaded(person.id, system, data, elapsed(), capped=bool(capped)))
        await self._store(system, person, data)

    def ready(self, person: Person, system: SystemKind) -> tuple[bool, object]:
        """(True, data) when the search already holds everything this system has for the
        person and nothing else needs asking: the section can be shown without a round trip."""
        if system not in person.complete:
            return False, None
        known = [
            r for r in person.records.get(system, ()) if isinstance(r, Order | Payment | Shipment | Case)
        ]
        if self._reference_queries(person, system, known):
            return False, None
        return True, self._from_search(person, system)

    async def remember(self, system: SystemKind, person: Person, data: object) -> None:
        await self._store(system, person, data)

    def _from_search(self, person: Person, system: SystemKind) -> object:
        if system is SystemKind.DIRECTORY:
            return person.profile
        return person.records.get(system, ())

    async def _cached(self, system: SystemKind, person: Person) -> tuple[object | None, datetime | None]:
        if self.cache is None:
            return None, None
        try:
            hit = await self.cache.get(system.value, person.key())
        except Exception:
            log.exception("section cache read failed")
            return None, None
        if hit is None:
            return None, None
        return hit.data, hit.fetched_at

    async def _store(self, system: SystemKind, person: Person, data: object) -> None:
        if self.cache is None:
            return
        try:
            await self.cache.put(system.value, person.key(), data)
        except Exception:
            log.exception("section cache write failed")

    async def _fetch(
        self,
        person: Person,
        system: SystemKind,
        partial: Callable[[object], None],
        capped: list[bool] | None = None,
    ) -> object:
        if system is SystemKind.DIRECTORY:
            return await self._fetch_profile(person)
        known = [
            r for r in person.records.get(system, ()) if isinstance(r, Order | Payment | Shipment | Case)
        ]
        # Records the person's other records point at (an order's payment ids and parcels) that
        # the customer's own ids might not reach (a kiosk sale under the partner's stub): asked
        # in parallel with the main fetch, best effort.
        keys: dict[int, tuple[float, str]] = {}  # sort keys by record (all held alive here)
        extra_queries = self._reference_queries(person, system, known)
        extra_task = (
            asyncio.create_task(self._systems.search_all(system, extra_queries, tolerant=True))
            if extra_queries
            else None
        )
        try:
            ids = person.customer_ids.get(system, ())
            if ids and self._systems.supports_paging(system):
                fetched = await self._fetch_pages(system, ids, known, partial, keys, capped)
            else:
                queries = [SearchQuery(QueryKind.EMAIL, e) for e in person.emails]
                queries += [SearchQuery(QueryKind.PHONE, p) for p in person.phones]
                queries = [q for q in queries if self._systems.supports(system, q.kind)]
                fetched = await self._systems.search_all(system, queries, tolerant=False)
            extra = await extra_task if extra_task is not None else []
        finally:
            if extra_task is not None and not extra_task.done():
                extra_task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await extra_task
        return merge_records(known, [*extra, *fetched], keys=keys)

    def _reference_queries(
        self, person: Person, system: SystemKind, known: Sequence[Record]
    ) -> list[SearchQuery]:
        have = {r.ref.id for r in known}
        orders = [r for r in person.records.get(SystemKind.ORDERS, ()) if isinstance(r, Order)]
        out: list[SearchQuery] = []
        if system is SystemKind.PAYMENTS and self._systems.supports(system, QueryKind.ORDER):
            covered = {r.order_number for r in known if isinstance(r, Payment)}
            out = [
                SearchQuery(QueryKind.ORDER, o.number)
                for o in orders
                if o.payment_refs and o.number not in covered and not set(o.payment_refs) <= have
            ]
        elif system is SystemKind.DELIVERY and self._systems.supports(system, QueryKind.TRACKING):
            out = [
                SearchQuery(QueryKind.TRACKING, t)
                for o in orders
                for t in o.tracking_numbers
                if t not in have
            ]
        elif system is SystemKind.ORDERS and self._systems.supports(system, QueryKind.ORDER):
            numbers: list[str] = []
            for kind in (SystemKind.PAYMENTS, SystemKind.DELIVERY, SystemKind.CASES):
                for r in person.records.get(kind, ()):
                    n = getattr(r, "order_number", None)
                    if isinstance(n, str) and n and n not in have and n not in numbers:
                        numbers.append(n)
            out = [SearchQuery(QueryKind.ORDER, n) for n in numbers]
        return out[: self.max_reference_queries]

    async def _fetch_pages(
        self,
        system: SystemKind,
        customer_ids: Sequence[str],
        known: Sequence[Record],
        partial: Callable[[object], None],
        keys: dict[int, tuple[float, str]],
        capped: list[bool] | None = None,
    ) -> list[Record]:
        """All pages of every customer id this person has in `system`; the first page of each
        is fetched in parallel, then the rest follow their cursors. Partial results go out
        whenever more pages are still to come."""
        collected: list[Record] = []

        async def first(cid: str) -> tuple[str, Page[Record]]:
            return cid, await self._systems.call(
                system, functools.partial(self._systems.page_call, system, cid, None)
            )

        firsts = await asyncio.gather(*(first(cid) for cid in customer_ids))
        cursors: list[tuple[str, str]] = []
        for cid, page in firsts:
            collected.extend(page.items)
            if page.next_cursor:
                cursors.append((cid, page.next_cursor))
        pages = 1
        shown_at = -PARTIAL_EVERY_S
        while cursors and pages < self.max_pages:
            if time.monotonic() - shown_at >= PARTIAL_EVERY_S:  # the first page at once, then paced
                partial(merge_records(known, collected, keys=keys))
                shown_at = time.monotonic()
            cid, cursor = cursors.pop(0)
            page = await self._systems.call(
                system, functools.partial(self._systems.page_call, system, cid, cursor)
            )
            pages += 1
            collected.extend(page.items)
            if page.next_cursor and page.next_cursor != cursor:
                cursors.append((cid, page.next_cursor))
        if cursors:
            log.warning("%s: stopped after %d pages for one person", system.value, pages)
            if capped is not None:
                capped.append(True)
        return collected

    async def _fetch_profile(self, person: Person) -> CustomerProfile | None:
        system = SystemKind.DIRECTORY
        directory = self._systems.connectors.directory
        ids = person.customer_ids.get(system, ())
        if ids:
            cid = ids[0]
            return await self._systems.call(system, functools.partial(directory.customer, cid))
        queries = [SearchQuery(QueryKind.EMAIL, e) for e in person.emails]
        queries += [SearchQuery(QueryKind.PHONE, p) for p in person.phones]
        for q in queries:
            if not self._systems.supports(system, q.kind):
                continue
            found = await self._systems.call(system, functools.partial(directory.search, q))
            mine = set(person.emails) | set(person.phones)
            for profile in found:
                keys = set(record_emails(profile)) | set(record_phones(profile, self.region))
                if keys & mine:
                    return profile
        return person.profile


__all__ = ["SectionLoader"]
