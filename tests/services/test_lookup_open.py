from __future__ import annotations

import asyncio
import gc
from contextlib import aclosing
from datetime import timedelta

import pytest

from console.connectors.errors import SystemUnavailable
from console.domain.model import CustomerProfile, Order, Payment, Shipment, SystemKind
from console.services import sections
from console.services.events import CandidatesChanged, SectionFailed, SectionLoaded, SystemSlow
from console.services.lookup import LookupService
from console.services.person import Person

from .fakes import NOW, CachedSection, FakeCache, FakeConnectors, golden_world, many_orders

D = SystemKind


def service(world: FakeConnectors, **kw: object) -> LookupService:
    kw.setdefault("clock", lambda: NOW)
    return LookupService(world, **kw)  # type: ignore[arg-type]


async def find(svc: LookupService, text: str) -> Person:
    async with asyncio.timeout(10):
        events = [e async for e in svc.search(text)]
    last = events[-1]
    assert isinstance(last, CandidatesChanged)
    assert last.final
    assert len(last.persons) == 1
    return last.persons[0]


async def open_all(svc: LookupService, person: Person) -> list[SectionLoaded | SectionFailed]:
    async with asyncio.timeout(10):
        return [e async for e in svc.open(person)]


def last_per_system(
    events: list[SectionLoaded | SectionFailed],
) -> dict[SystemKind, SectionLoaded | SectionFailed]:
    return {e.system: e for e in events}


@pytest.mark.asyncio
async def test_sections_found_by_the_search_come_without_a_second_call() -> None:
    world = golden_world()
    svc = service(world)
    maya = await find(svc, "maya.okafor@example.com")
    assert maya.complete == frozenset(SystemKind)
    calls = world.total_calls()
    events = await open_all(svc, maya)
    assert world.total_calls() == calls  # nothing asked again
    assert {e.system for e in events} == set(SystemKind)
    assert all(isinstance(e, SectionLoaded) and e.person_id == maya.id for e in events)
    got = last_per_system(events)
    assert isinstance(got[D.DIRECTORY].data, CustomerProfile)
    orders = got[D.ORDERS].data
    assert isinstance(orders, tuple)
    assert [o.number for o in orders if isinstance(o, Order)] == ["W-100123"]
    ships = got[D.DELIVERY].data
    assert isinstance(ships, tuple)
    assert isinstance(ships[0], Shipment)


@pytest.mark.asyncio
async def test_missing_sections_are_fetched_by_customer_id_and_order_references() -> None:
    world = golden_world()
    svc = service(world)
    tomas = await find(svc, "0612 345 678")  # payments cannot be searched by phone
    events = await open_all(svc, tomas)
    assert world.payments.ops("customer_payments") == ["PC-002@None"]
    # the kiosk sale's payment sits under the partner's stub: found through the order
    assert world.payments.ops("search") == ["order=EX-7781-2291"]
    pays = last_per_system(events)[D.PAYMENTS].data
    assert isinstance(pays, tuple)
    assert [p.ref.id for p in pays if isinstance(p, Payment)] == ["PAY-2001"]
    assert world.orders.ops("customer_orders") == []  # orders were complete from the search


@pytest.mark.asyncio
async def test_long_lists_arrive_page_by_page_each_event_replacing_the_last(monkeypatch) -> None:
    monkeypatch.setattr(sections, "PARTIAL_EVERY_S", 0.0)  # every page shown (see the next test)
    world = golden_world()
    many_orders(world, "OC-001", 34)
    world.orders.page_size = 10
    svc = service(world, page_hint=10)
    maya = await find(svc, "maya.okafor@example.com")
    assert D.ORDERS not in maya.complete  # 10 hits may be a truncated first page
    events = [e for e in await open_all(svc, maya) if e.system is D.ORDERS]
    sizes = [len(e.data) for e in events if isinstance(e, SectionLoaded) and isinstance(e.data, tuple)]
    assert sizes == [10, 20, 30, 35]
    assert [e.more for e in events if isinstance(e, SectionLoaded)] == [True, True, True, False]
    assert not any(e.capped for e in events if isinstance(e, SectionLoaded))
    assert world.orders.ops("customer_orders") == ["OC-001@None", "OC-001@10", "OC-001@20", "OC-001@30"]
    final = events[-1].data
    assert isinstance(final, tuple)
    assert len({o.ref for o in final if isinstance(o, Order)}) == 35
    placed = [o.placed_at for o in final if isinstance(o, Order)]
    assert placed == sorted(placed, reverse=True)


@pytest.mark.asyncio
async def test_a_down_system_shows_its_last_good_copy_marked_stale() -> None:
    world = golden_world()
    cache = FakeCache()
    svc = service(world, cache=cache)
    tomas = await find(svc, "0612 345 678")
    await open_all(svc, tomas)  # fills the cache
    assert ("payments", tomas.key()) in cache.items
    before = cache.items[("payments", tomas.key())]
    cache.items[("payments", tomas.key())] = CachedSection(before.data, NOW - timedelta(hours=3))

    world.payments.fail = SystemUnavailable(D.PAYMENTS, "connection refused")
    events = await open_all(svc, tomas)
    failed = last_per_system(events)[D.PAYMENTS]
    assert isinstance(failed, SectionFailed)
    assert failed.error.message == "connection refused"
    assert failed.stale == before.data
    assert failed.stale_since == NOW - timedelta(hours=3)
    assert failed.person_id == tomas.id
    # the others are unaffected
    assert all(isinstance(e, SectionLoaded) for e in events if e.system is not D.PAYMENTS)


@pytest.mark.asyncio
async def test_a_down_system_without_a_cached_copy_fails_without_stale_data() -> None:
    world = golden_world()
    svc = service(world, cache=FakeCache())
    tomas = await find(svc, "0612 345 678")
    world.payments.fail = SystemUnavailable(D.PAYMENTS, "down")
    failed = last_per_system(await open_all(svc, tomas))[D.PAYMENTS]
    assert isinstance(failed, SectionFailed)
    assert failed.stale is None
    assert failed.stale_since is None


@pytest.mark.asyncio
async def test_retry_fetches_again_and_ignores_search_results() -> None:
    world = golden_world()
    svc = service(world)
    maya = await find(svc, "maya.okafor@example.com")
    world.delivery.fail = SystemUnavailable(D.DELIVERY, "down")
    failed = await svc.retry(maya, D.DELIVERY)
    assert isinstance(failed, SectionFailed)
    world.delivery.fail = None
    ok = await svc.retry(maya, D.DELIVERY)
    assert isinstance(ok, SectionLoaded)
    assert ok.person_id == maya.id
    assert isinstance(ok.data, tuple)
    assert [s.tracking_number for s in ok.data if isinstance(s, Shipment)] == ["PN123456789NL"]
    assert world.delivery.ops("customer_shipments")[-1] == "DC-001@None"


@pytest.mark.asyncio
async def test_per_system_timeout_when_opening() -> None:
    world = golden_world()
    svc = service(world, timeout_s=0.05)
    tomas = await find(svc, "0612 345 678")
    world.payments.hang = True
    events = await open_all(svc, tomas)
    failed = last_per_system(events)[D.PAYMENTS]
    assert isinstance(failed, SectionFailed)
    assert isinstance(failed.error, SystemUnavailable)
    assert world.payments.in_flight == 0


@pytest.mark.asyncio
async def test_closing_open_cancels_what_is_in_flight() -> None:
    world = golden_world()
    svc = service(world)
    tomas = await find(svc, "0612 345 678")
    world.payments.hang = True
    seen = []
    async with aclosing(svc.open(tomas)) as sections:
        async for event in sections:
            seen.append(event.system)
            if len(seen) == 4:
                await asyncio.sleep(0.05)  # the payments request is on the wire by now
                break  # the agent opened someone else
    assert D.PAYMENTS not in seen
    assert world.payments.cancelled >= 1
    assert world.payments.in_flight == 0


@pytest.mark.asyncio
async def test_abandoned_open_is_cancelled_when_garbage_collected() -> None:
    world = golden_world()
    svc = service(world)
    tomas = await find(svc, "0612 345 678")
    world.payments.hang = True
    it = svc.open(tomas).__aiter__()
    await it.__anext__()
    for _ in range(50):
        if world.payments.in_flight:
            break
        await asyncio.sleep(0)
    assert world.payments.in_flight
    del it
    gc.collect()
    for _ in range(50):
        if world.payments.in_flight == 0:
            break
        await asyncio.sleep(0.01)
    assert world.payments.in_flight == 0
    assert world.payments.cancelled >= 1


@pytest.mark.asyncio
async def test_slow_events_on_request() -> None:
    world = golden_world()
    svc = service(world, slow_after_s=0.01)
    tomas = await find(svc, "0612 345 678")
    world.payments.latency_s = 0.1
    async with asyncio.timeout(10):
        events = [e async for e in svc.open(tomas, slow_events=True)]
    kinds = [(type(e).__name__, e.system) for e in events if e.system is D.PAYMENTS]
    assert kinds[0] == ("SystemSlow", D.PAYMENTS)
    assert kinds[-1] == ("SectionLoaded", D.PAYMENTS)
    slow = events[[type(e) for e in events].index(SystemSlow)]
    assert isinstance(slow, SystemSlow)
    assert slow.person_id == tomas.id
    # and never without asking for them
    assert not any(isinstance(e, SystemSlow) for e in await open_all(svc, tomas))


@pytest.mark.asyncio
async def test_sections_come_in_the_order_systems_answer() -> None:
    world = golden_world()
    svc = service(world)
    tomas = await find(svc, "EX-7781-2291")
    # asked by the kiosk stub's payments id only, not by the CRM's: not complete
    assert D.PAYMENTS not in tomas.complete
    fresh = golden_world()
    fresh.payments.latency_s = 0.05
    svc2 = service(fresh)
    events = await open_all(svc2, tomas)
    assert events[-1].system is D.PAYMENTS


@pytest.mark.asyncio
async def test_cache_failures_never_break_a_lookup() -> None:
    class BrokenCache:
        async def get(self, system: str, key: str) -> None:
            raise RuntimeError("disk full")

        async def put(self, system: str, key: str, data: object) -> None:
            raise RuntimeError("disk full")

    world = golden_world()
    svc = service(world, cache=BrokenCache())
    maya = await find(svc, "maya.okafor@example.com")
    world.cases.fail = SystemUnavailable(D.CASES, "down")
    events = await open_all(svc, maya)
    assert len(events) == 5


@pytest.mark.asyncio
async def test_a_connector_breaking_its_contract_is_still_a_typed_failure() -> None:
    world = golden_world()
    svc = service(world)
    maya = await find(svc, "maya.okafor@example.com")
    world.delivery.fail = RuntimeError("KeyError in mapping")  # type: ignore[assignment]
    failed = await svc.retry(maya, D.DELIVERY)
    assert isinstance(failed, SectionFailed)
    assert failed.error.system is D.DELIVERY
    assert "unexpected error (RuntimeError)" in failed.error.message
    events = [e async for e in svc.search("maya.okafor@example.com")]
    assert any(
        getattr(e, "system", None) is D.DELIVERY and type(e).__name__ == "SystemSearchFailed" for e in events
    )


@pytest.mark.asyncio
async def test_pages_that_stream_in_fast_are_shown_at_a_pace_not_one_by_one(monkeypatch) -> None:
    """Re-merging and re-showing a growing list after every page is most of the work for a
    customer with thousands of records: what is there so far shows at most every PARTIAL_EVERY_S."""
    monkeypatch.setattr(sections, "PARTIAL_EVERY_S", 60.0)
    world = golden_world()
    many_orders(world, "OC-001", 34)
    world.orders.page_size = 10
    svc = service(world, page_hint=10)
    maya = await find(svc, "maya.okafor@example.com")
    events = [e for e in await open_all(svc, maya) if e.system is D.ORDERS]
    sizes = [len(e.data) for e in events if isinstance(e, SectionLoaded) and isinstance(e.data, tuple)]
    assert sizes == [10, 35]  # the first page at once, then everything when it is all in
    assert world.orders.ops("customer_orders") == ["OC-001@None", "OC-001@10", "OC-001@20", "OC-001@30"]


@pytest.mark.asyncio
async def test_a_list_cut_at_the_page_limit_says_so() -> None:
    world = golden_world()
    many_orders(world, "OC-001", 34)
    world.orders.page_size = 10
    svc = service(world, page_hint=10, max_pages=2)
    maya = await find(svc, "maya.okafor@example.com")
    events = [e for e in await open_all(svc, maya) if e.system is D.ORDERS]
    final = events[-1]
    assert isinstance(final, SectionLoaded) and not final.more and final.capped
    assert isinstance(final.data, tuple) and len(final.data) == 20
