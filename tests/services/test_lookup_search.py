from __future__ import annotations

import asyncio
from contextlib import aclosing

import pytest

from console.connectors.errors import SystemUnavailable
from console.domain.model import Order, Payment, SystemKind
from console.services.classify import InvalidQuery
from console.services.events import (
    CandidatesChanged,
    SearchEvent,
    SystemAnswered,
    SystemSearchFailed,
    SystemSlow,
)
from console.services.lookup import LookupService
from console.services.person import Person

from .fakes import NOW, FakeConnectors, FakeLinkDecisions, golden_world

D = SystemKind


def service(world: FakeConnectors, **kw: object) -> LookupService:
    kw.setdefault("clock", lambda: NOW)
    return LookupService(world, **kw)  # type: ignore[arg-type]


async def run(svc: LookupService, text: str) -> list[SearchEvent]:
    async with asyncio.timeout(10):
        return [e async for e in svc.search(text)]


def final(events: list[SearchEvent]) -> tuple[Person, ...]:
    last = events[-1]
    assert isinstance(last, CandidatesChanged)
    assert last.final
    assert sum(1 for e in events if isinstance(e, CandidatesChanged) and e.final) == 1
    return last.persons


@pytest.mark.asyncio
async def test_s2_phone_in_kiosk_format_finds_tomas_with_the_kiosk_sale() -> None:
    world = golden_world()
    events = await run(service(world), "0612 345 678")
    answered = {e.system for e in events if isinstance(e, SystemAnswered)}
    # payments cannot search by phone: it is not asked
    assert answered == {D.DIRECTORY, D.ORDERS, D.DELIVERY, D.CASES}
    assert world.payments.calls == []
    (tomas,) = final(events)
    assert tomas.clear
    assert tomas.name == "Tomás Reyes"
    numbers = {o.number for o in tomas.records[D.ORDERS] if isinstance(o, Order)}
    assert numbers == {"EX-7781-2291", "W-100500"}
    assert tomas.matched_on(D.ORDERS) == ("phone",)
    assert {D.DIRECTORY, D.ORDERS, D.DELIVERY, D.CASES} <= tomas.complete
    assert D.PAYMENTS not in tomas.complete
    # one hop: each system asked once, by the phone
    assert world.orders.ops("search") == ["phone=+31612345678"]


@pytest.mark.asyncio
async def test_s2_receipt_takes_a_second_hop_to_the_crm_by_phone() -> None:
    world = golden_world()
    events = await run(service(world), "EX-7781-2291")
    (tomas,) = final(events)
    assert tomas.clear
    assert tomas.profile is not None
    assert tomas.profile.ref.id == "C-000002"
    assert world.directory.ops("search") == ["phone=+31612345678"]  # only reachable via hop 2
    pays = [p for p in tomas.records[D.PAYMENTS] if isinstance(p, Payment)]
    assert [p.ref.id for p in pays] == ["PAY-2001"]
    assert tomas.matched_on(D.ORDERS)[0] == "receipt EX-7781-2291"
    assert "phone" in tomas.matched_on(D.DIRECTORY)


@pytest.mark.asyncio
async def test_s3_tracking_number_second_hop_by_email_fills_every_system() -> None:
    world = golden_world()
    events = await run(service(world), "SR-4411-0877-NL")
    # hop 1: only delivery knows tracking numbers
    first_answer = next(e for e in events if isinstance(e, SystemAnswered))
    assert first_answer.system is D.DELIVERY
    (aisha,) = final(events)
    assert aisha.clear
    assert aisha.name == "Aisha Karimova"
    assert aisha.complete == frozenset(SystemKind)  # asked everywhere by her e-mail
    assert len(aisha.records[D.CASES]) == 5
    assert world.payments.ops("search") == ["email=aisha.karimova@example.com", "order=W-100877"]
    # progressive: a non-final candidate list came before the final one
    assert any(isinstance(e, CandidatesChanged) and not e.final for e in events)


@pytest.mark.asyncio
async def test_order_number_is_asked_of_every_system_that_knows_orders() -> None:
    world = golden_world()
    events = await run(service(world), "w100877")
    hop1 = [s.ops("search")[0] for s in (world.orders, world.payments, world.delivery, world.cases)]
    assert hop1 == ["order=W-100877"] * 4
    (aisha,) = final(events)
    assert aisha.clear
    assert aisha.matched_on(D.ORDERS)[0] == "order W-100877"


@pytest.mark.asyncio
async def test_payment_reference_goes_to_payments_only_then_second_hop() -> None:
    world = golden_world()
    events = await run(service(world), "4242 89.00")
    assert world.payments.ops("search")[0] == "payment_ref=4242"
    (maya,) = final(events)
    assert maya.name == "Maya Okafor"
    assert maya.clear


@pytest.mark.asyncio
async def test_a_surname_gives_a_ranked_list_not_a_clear_match() -> None:
    world = golden_world()
    persons = final(await run(service(world), "Reyes"))
    assert len(persons) >= 2
    assert not any(p.clear for p in persons)
    names = [p.name for p in persons]
    assert "Tomás Reyes" in names
    assert "Tom Reyes" in names
    assert [p.confidence for p in persons] == sorted((p.confidence for p in persons), reverse=True)
    # each suggests the other as one person: the CRM profile first, their other records with it
    by_name = {p.name: p for p in persons}
    tom, tomas = by_name["Tom Reyes"], by_name["Tomás Reyes"]
    (group,) = [g for g in tom.suggested_people() if g[0].other == tomas.id]
    assert all(link.name == "Tomás Reyes" and link.weak for link in group)
    assert group[0].ref.system is SystemKind.DIRECTORY
    assert {link.ref for link in group} == {link.ref for link in tomas.strong_links}


@pytest.mark.asyncio
async def test_full_name_search_is_clear_when_one_person_matches_well() -> None:
    world = golden_world()
    persons = final(await run(service(world), "aisha karimova"))
    assert [p.name for p in persons] == ["Aisha Karimova"]
    assert persons[0].clear


@pytest.mark.asyncio
async def test_a_failing_system_is_reported_and_the_rest_still_link() -> None:
    world = golden_world()
    world.cases.fail = SystemUnavailable(D.CASES, "503 from cases")
    events = await run(service(world), "aisha.karimova@example.com")
    failed = [e for e in events if isinstance(e, SystemSearchFailed)]
    assert [(f.system, f.error.message) for f in failed] == [(D.CASES, "503 from cases")]
    (aisha,) = final(events)
    assert D.CASES not in aisha.complete
    assert D.ORDERS in aisha.complete


@pytest.mark.asyncio
async def test_per_system_timeout() -> None:
    world = golden_world()
    world.delivery.hang = True
    events = await run(service(world, timeout_s=0.05, slow_after_s=0.01), "maya.okafor@example.com")
    failed = [e for e in events if isinstance(e, SystemSearchFailed)]
    assert [f.system for f in failed] == [D.DELIVERY]
    assert isinstance(failed[0].error, SystemUnavailable)
    assert "no answer within" in failed[0].error.message
    assert any(isinstance(e, SystemSlow) and e.system is D.DELIVERY for e in events)
    assert world.delivery.cancelled == 1
    (maya,) = final(events)
    assert maya.clear


@pytest.mark.asyncio
async def test_answers_arrive_in_the_order_systems_answer() -> None:
    world = golden_world()
    for i, s in enumerate([world.cases, world.delivery, world.orders, world.directory]):
        s.latency_s = 0.03 * (i + 1)
    events = await run(service(world), "0612 345 678")
    order = [e.system for e in events if isinstance(e, SystemAnswered)]
    assert order == [D.CASES, D.DELIVERY, D.ORDERS, D.DIRECTORY]


@pytest.mark.asyncio
async def test_closing_the_search_cancels_requests_in_flight() -> None:
    world = golden_world()
    world.orders.hang = True
    world.directory.hang = True
    svc = service(world)
    async with aclosing(svc.search("0612 345 678")) as events:
        async for event in events:
            if isinstance(event, SystemAnswered):
                break  # the agent searched again
    assert world.orders.cancelled == 1
    assert world.directory.cancelled == 1
    assert all(s.in_flight == 0 for s in world.all())


@pytest.mark.asyncio
async def test_abandoned_search_is_cancelled_when_garbage_collected() -> None:
    import gc

    world = golden_world()
    world.orders.hang = True
    it = service(world).search("0612 345 678").__aiter__()
    await it.__anext__()
    assert world.orders.in_flight == 1
    del it
    gc.collect()
    for _ in range(50):
        if world.orders.in_flight == 0:
            break
        await asyncio.sleep(0.01)
    assert world.orders.cancelled == 1


@pytest.mark.asyncio
async def test_invalid_text_raises_invalid_query() -> None:
    svc = service(golden_world())
    with pytest.raises(InvalidQuery):
        svc.classify("  ")
    with pytest.raises(InvalidQuery):
        await run(svc, "\x07\x07")


@pytest.mark.asyncio
async def test_agent_split_decision_is_applied() -> None:
    world = golden_world()
    tomas = world.directory.profiles[1]
    kiosk = world.orders.orders[1]
    decisions = FakeLinkDecisions([(tomas.ref, kiosk.ref, "split")])
    persons = final(await run(service(world, link_decisions=decisions), "0612 345 678"))
    assert len(persons) == 2
    assert not any(p.clear for p in persons)
    assert decisions.asked and tomas.ref in decisions.asked[-1]
    # each side carries the decision, so that the window can offer to undo it
    by_first = {p.decisions[0][0]: p for p in persons if p.decisions}
    assert set(by_first) == {str(tomas.ref), str(kiosk.ref)}
    assert by_first[str(tomas.ref)].decisions == ((str(tomas.ref), str(kiosk.ref), "split"),)


@pytest.mark.asyncio
async def test_nothing_found_is_a_final_empty_list() -> None:
    events = await run(service(golden_world()), "nobody@example.com")
    assert final(events) == ()
    assert all(e.hits == 0 for e in events if isinstance(e, SystemAnswered))
