"""The console's store on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from datetime import date

import pytest
import pytest_asyncio
from sqlalchemy import text

from console.domain.model import SystemKind, SystemRef
from console.store import AuditRecord, Store, open_store
from tests.pg import PG_URL, pg_schema

pytestmark = pytest.mark.asyncio


def rec(action: str = "refund.requested", **details: str) -> AuditRecord:
    return AuditRecord("agent-ana", "agent", action, "C-1", dict(details))


@pytest_asyncio.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def store(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[Store]:
    if request.param == "sqlite":
        s = await open_store(f"sqlite+aiosqlite:///{(tmp_path / 'store.db').as_posix()}")
        yield s
        await s.close()
    else:
        async with pg_schema() as kwargs:
            s = await open_store(PG_URL, **kwargs)
            yield s
            await s.close()


async def test_migrations_apply_and_are_idempotent(store: Store) -> None:
    async with store.engine.connect() as conn:
        version = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar_one()
    assert version == "0001"
    # opening again (a second console) finds the schema current and changes nothing
    kwargs = {}
    if store.is_postgres:
        kwargs = {
            "connect_args": {
                "server_settings": {
                    "search_path": store.engine.url.query.get("x", "") or (await _search_path(store))
                }
            }
        }
    again = await open_store(store.url, **kwargs)
    try:
        assert await again.audit.count() == 0
    finally:
        await again.close()


async def _search_path(store: Store) -> str:
    async with store.engine.connect() as conn:
        return str((await conn.execute(text("SHOW search_path"))).scalar_one())


async def test_outbox_row_and_audit_entry_commit_together(store: Store) -> None:
    entry = await store.outbox.enqueue(
        kind="refund",
        system="payments",
        target="PAY-1",
        payload={"amount": "10.00"},
        customer_key="C-1",
        staff_id="agent-ana",
        role="agent",
        audit=rec(),
    )
    entries = await store.audit.entries()
    assert [e.record["outbox_id"] for e in entries] == [entry.id]
    # a failing second insert (same idempotency key) leaves neither an outbox row nor an audit entry
    with pytest.raises(Exception):
        await store.outbox.enqueue(
            kind="refund",
            system="payments",
            target="PAY-1",
            payload={},
            customer_key="C-1",
            staff_id="agent-ana",
            role="agent",
            audit=rec(),
            idempotency_key=entry.idempotency_key,
        )
    assert await store.audit.count() == 1
    assert [e.id for e in await store.outbox.unfinished()] == [entry.id]


async def test_lease_and_completion(store: Store) -> None:
    entry = await store.outbox.enqueue(
        kind="cancel",
        system="orders",
        target="T-55012",
        payload={},
        customer_key="C-1",
        staff_id="agent-ana",
        role="agent",
        audit=rec("cancel"),
    )
    first = await store.outbox.claim_for_send(entry.id, "console-a", 30)
    assert first is not None and first.attempts == 1
    assert await store.outbox.claim_for_send(entry.id, "console-b", 30) is None
    await store.outbox.fail(entry.id, "timeout")
    second = await store.outbox.claim_for_send(entry.id, "console-b", 30)
    assert second is not None and second.attempts == 2
    assert await store.outbox.complete(entry.id, "done", {"status": "cancelled"}, audit=rec("cancel.done"))
    assert not await store.outbox.complete(entry.id, "done", audit=rec("cancel.done"))
    assert await store.outbox.unfinished() == []
    assert (await store.audit.verify()).checked == 2


async def test_audit_chain_detects_edit_and_delete(store: Store) -> None:
    for n in range(5):
        await store.audit.append(rec(amount=f"{n}.00"))
    assert (await store.audit.verify()).ok
    async with store.engine.begin() as conn:
        if store.is_postgres:  # an attacker with DDL rights gets past the trigger first
            await conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        await conn.execute(
            text("UPDATE audit_log SET content = replace(content, '3.00', '300.00') WHERE seq = 4")
        )
    edited = await store.audit.verify()
    assert not edited.ok and edited.first_broken_seq == 4 and "changed" in edited.reason
    async with store.engine.begin() as conn:
        await conn.execute(text("DELETE FROM audit_log WHERE seq = 4"))
    deleted = await store.audit.verify()
    assert not deleted.ok and deleted.first_broken_seq == 4 and "missing" in deleted.reason


@pytest.mark.postgres
async def test_postgres_trigger_rejects_update_and_delete() -> None:
    async with pg_schema() as kwargs:
        s = await open_store(PG_URL, **kwargs)
        try:
            await s.audit.append(rec())
            for sql in ("UPDATE audit_log SET content = '{}'", "DELETE FROM audit_log"):
                with pytest.raises(Exception, match="append-only"):
                    async with s.engine.begin() as conn:
                        await conn.execute(text(sql))
            assert (await s.audit.verify()).ok
        finally:
            await s.close()


async def test_concurrent_appends_keep_one_chain(store: Store) -> None:
    async def writer(n: int) -> None:
        for k in range(10):
            await store.audit.append(rec(writer=str(n), k=str(k)))

    await asyncio.gather(*(writer(n) for n in range(10)))
    result = await store.audit.verify()
    assert result.ok and result.checked == 100


async def test_claim_is_atomic(store: Store) -> None:
    hid = await store.handoffs.create(
        customer_key="C-1",
        customer_name="Jordan Lee",
        from_staff="agent-ana",
        to_kind="team",
        to_id="sales",
        wants="streaming",
        done="cancelled T-55012",
        pending="sell streaming",
        snapshot={"orders": 1},
        audit=rec("handoff"),
    )
    results = await asyncio.gather(
        *(store.handoffs.claim(hid, f"agent-{n}", rec("claim")) for n in range(20))
    )
    assert results.count(True) == 1
    claimed = await store.handoffs.get(hid)
    assert claimed is not None and claimed.status == "claimed"
    assert claimed.claimed_by == f"agent-{results.index(True)}"


async def test_hand_on_keeps_the_chain(store: Store) -> None:
    first = await store.handoffs.create(
        customer_key="C-1",
        customer_name="Jordan Lee",
        from_staff="agent-ana",
        to_kind="team",
        to_id="sales",
        wants="w",
        done="d",
        pending="p",
        snapshot={},
        audit=rec("handoff"),
    )
    assert await store.handoffs.claim(first, "agent-ben", rec("claim"))
    second = await store.handoffs.hand_on(
        first,
        "agent-ben",
        to_kind="supervisors",
        to_id="",
        wants="w2",
        done="d2",
        pending="p2",
        snapshot={},
        audit=rec("handoff"),
    )
    assert second is not None
    assert [h.id for h in await store.handoffs.chain(second)] == [first, second]
    assert [h.id for h in await store.handoffs.queue(staff_id="sup-lena", include_supervisors=True)] == [
        second
    ]


async def test_approvals_decided_once(store: Store) -> None:
    a = await store.approvals.create(
        action_id="act-1",
        request={"amount": "210.00"},
        summary=["210.00 EUR"],
        requester={"id": "agent-ana"},
        customer_key="C-5",
        payment_id="PAY-G5521",
        amount="210.00",
        currency="EUR",
        note="worn",
        audit=rec("approval.requested"),
    )
    outcomes = await asyncio.gather(
        store.approvals.decide(a.id, "sup-lena", True, "ok", rec("approval.approved")),
        store.approvals.decide(a.id, "sup-max", False, "no", rec("approval.denied")),
    )
    assert sorted(outcomes) == [False, True]
    assert await store.approvals.pending() == []


async def test_cache_round_trip(store: Store, tmp_path) -> None:
    from tests.services.fakes import NOW, golden_world

    world = golden_world(NOW)
    orders = tuple(world.orders.orders)[:3]
    await store.cache.put(SystemKind.ORDERS.value, "person-1", orders)
    again = await store.cache.get(SystemKind.ORDERS.value, "person-1")
    assert again is not None and again.data == orders
    assert await store.cache.get(SystemKind.ORDERS.value, "nobody") is None


async def test_link_decisions_and_change_feed(store: Store) -> None:
    before = await store.changes.latest()
    kiosk, crm = SystemRef(SystemKind.ORDERS, "K-1"), SystemRef(SystemKind.DIRECTORY, "C-1")
    await store.links.decide_refs(kiosk, crm, "split", rec("link.split"))
    assert await store.links.decisions_for([kiosk]) == [(crm, kiosk, "split")]
    await store.handoffs.create(
        customer_key="C-1",
        customer_name="X",
        from_staff="a",
        to_kind="staff",
        to_id="b",
        wants="",
        done="",
        pending="",
        snapshot={},
        audit=rec("handoff"),
    )
    assert [t for _, t, _ in await store.changes.since(before)] == ["handoffs"]


async def test_csv_export(store: Store) -> None:
    await store.audit.append(
        AuditRecord(
            "agent-ana",
            "agent",
            "refund.done",
            "C-5",
            {"amount": "210.00", "currency": "EUR", "tenders": [{"kind": "card", "amount": "210.00"}]},
            approver="sup-lena",
        )
    )
    out = io.StringIO()
    assert await store.audit.export_csv(date(2020, 1, 1), out) == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("seq,at,staff_id") and "210.00,EUR,card:210.00,sup-lena" in lines[1]


async def test_the_consoles_link_recorder_stores_the_decision_with_its_audit_entry(store: Store) -> None:
    from console.app import store_link

    opened: asyncio.Future[Store] = asyncio.get_running_loop().create_future()
    pending = asyncio.ensure_future(store_link(opened, "agent-ana", "directory:C-1", "orders:K-1", "split"))
    await asyncio.sleep(0.01)
    assert not pending.done()  # the store is still opening: the decision waits, it is not lost
    opened.set_result(store)
    await pending
    kiosk, crm = SystemRef(SystemKind.ORDERS, "K-1"), SystemRef(SystemKind.DIRECTORY, "C-1")
    assert await store.links.decisions_for([kiosk]) == [(crm, kiosk, "split")]
    (entry,) = [e for e in await store.audit.entries() if e.record["action"].startswith("link.")]
    assert entry.record["action"] == "link.split" and entry.record["staff_id"] == "agent-ana"
    assert entry.record["details"] == {"other": "orders:K-1"}

    broken: asyncio.Future[Store] = asyncio.get_running_loop().create_future()
    broken.set_exception(OSError("locked"))
    with pytest.raises(RuntimeError, match="cannot be opened"):
        await store_link(broken, "agent-ana", "directory:C-1", "orders:K-1", "confirm")
    assert await store.links.decisions_for([kiosk]) == [(crm, kiosk, "split")]


async def test_a_link_decision_can_be_undone_and_the_undo_is_audited(store: Store) -> None:
    from console.app import store_link

    opened: asyncio.Future[Store] = asyncio.get_running_loop().create_future()
    opened.set_result(store)
    kiosk = SystemRef(SystemKind.ORDERS, "K-1")
    await store_link(opened, "agent-ana", "directory:C-1", "orders:K-1", "split")
    await store_link(opened, "agent-ben", "orders:K-1", "directory:C-1", "undo")  # either way round
    assert await store.links.decisions_for([kiosk]) == []
    actions = [(e.record["action"], e.record["staff_id"]) for e in await store.audit.entries()]
    assert actions[-2:] == [("link.split", "agent-ana"), ("link.undo", "agent-ben")]
    with pytest.raises(ValueError):
        await store.links.decide("orders:K-1", "directory:C-1", "merge", rec("link.merge"))
