"""What several desktops share: approvals, handoffs, local notes, link decisions, a change feed."""

from __future__ import annotations

import json
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from console.domain.model import SystemKind, SystemRef
from console.store.audit import AuditRecord, append_in, now_iso
from console.store.tables import approvals, changes, handoffs, link_decisions, notes

NOTIFY_CHANNEL = "onepane"


async def record_change(conn: AsyncConnection, topic: str, ref: str) -> None:
    """In the same transaction as the change: a row for pollers, a NOTIFY for listeners."""
    await conn.execute(changes.insert().values(topic=topic, ref=ref, at=now_iso()))
    if conn.dialect.name == "postgresql":
        from sqlalchemy import text

        await conn.execute(
            text("SELECT pg_notify(:c, :p)"),
            {"c": NOTIFY_CHANNEL, "p": json.dumps({"topic": topic, "ref": ref})},
        )


# ---- approvals ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Approval:
    id: str
    action_id: str
    request: dict[str, Any]
    summary: list[str]
    requester: dict[str, Any]
    customer_key: str
    payment_id: str
    amount: str
    currency: str
    note: str
    status: str
    decided_by: str | None
    comment: str | None
    decided_at: str | None
    created_at: str


def _approval(row: Any) -> Approval:
    return Approval(
        row.id,
        row.action_id,
        json.loads(row.request),
        json.loads(row.summary),
        json.loads(row.requester),
        row.customer_key,
        row.payment_id,
        row.amount,
        row.currency,
        row.note,
        row.status,
        row.decided_by,
        row.comment,
        row.decided_at,
        row.created_at,
    )


class Approvals:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def create(
        self,
        *,
        action_id: str,
        request: dict[str, Any],
        summary: list[str],
        requester: dict[str, Any],
        customer_key: str,
        payment_id: str,
        amount: str,
        currency: str,
        note: str,
        audit: AuditRecord,
    ) -> Approval:
        aid = str(uuid.uuid4())
        values = {
            "id": aid,
            "action_id": action_id,
            "request": json.dumps(request, sort_keys=True),
            "summary": json.dumps(summary),
            "requester": json.dumps(requester, sort_keys=True),
            "customer_key": customer_key,
            "payment_id": payment_id,
            "amount": amount,
            "currency": currency,
            "note": note,
            "status": "pending",
            "decided_by": None,
            "comment": None,
            "decided_at": None,
            "created_at": now_iso(),
        }
        async with self.engine.begin() as conn:
            await conn.execute(approvals.insert().values(**values))
            await append_in(conn, audit)
            await record_change(conn, "approvals", aid)
        got = await self.get(aid)
        assert got is not None
        return got

    async def get(self, approval_id: str) -> Approval | None:
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(approvals).where(approvals.c.id == approval_id))).first()
        return _approval(row) if row else None

    async def pending(self) -> list[Approval]:
        async with self.engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(approvals).where(approvals.c.status == "pending").order_by(approvals.c.created_at)
                )
            ).all()
        return [_approval(r) for r in rows]

    async def for_requester(self, staff_id: str) -> list[Approval]:
        async with self.engine.connect() as conn:
            rows = (await conn.execute(select(approvals).order_by(approvals.c.created_at.desc()))).all()
        return [a for a in map(_approval, rows) if a.requester.get("id") == staff_id]

    async def decide(
        self, approval_id: str, approver: str, approve: bool, comment: str, audit: AuditRecord
    ) -> bool:
        """Atomic: only the first decision counts (True); a second one changes nothing (False)."""
        async with self.engine.begin() as conn:
            res = await conn.execute(
                update(approvals)
                .where(approvals.c.id == approval_id, approvals.c.status == "pending")
                .values(
                    status="approved" if approve else "denied",
                    decided_by=approver,
                    comment=comment,
                    decided_at=now_iso(),
                )
            )
            if res.rowcount != 1:
                return False
            await append_in(conn, audit)
            await record_change(conn, "approvals", approval_id)
        return True


# ---- handoffs ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Handoff:
    id: str
    customer_key: str
    customer_name: str
    from_staff: str
    to_kind: str
    to_id: str
    status: str
    wants: str
    done: str
    pending: str
    callback_at: str | None
    snapshot: dict[str, Any]
    case_id: str | None
    parent_id: str | None
    claimed_by: str | None
    claimed_at: str | None
    created_at: str
    resolved_at: str | None


def _handoff(row: Any) -> Handoff:
    return Handoff(
        row.id,
        row.customer_key,
        row.customer_name,
        row.from_staff,
        row.to_kind,
        row.to_id,
        row.status,
        row.wants,
        row.done,
        row.pending,
        row.callback_at,
        json.loads(row.snapshot),
        row.case_id,
        row.parent_id,
        row.claimed_by,
        row.claimed_at,
        row.created_at,
        row.resolved_at,
    )


class Handoffs:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def create(
        self,
        *,
        customer_key: str,
        customer_name: str,
        from_staff: str,
        to_kind: str,
        to_id: str,
        wants: str,
        done: str,
        pending: str,
        snapshot: dict[str, Any],
        audit: AuditRecord,
        callback_at: str | None = None,
        case_id: str | None = None,
        parent_id: str | None = None,
        conn: AsyncConnection | None = None,
    ) -> str:
        if to_kind not in ("team", "staff", "store", "supervisors"):
            raise ValueError(f"unknown handoff target kind {to_kind!r}")
        hid = str(uuid.uuid4())
        values = {
            "id": hid,
            "customer_key": customer_key,
            "customer_name": customer_name,
            "from_staff": from_staff,
            "to_kind": to_kind,
            "to_id": to_id,
            "status": "open",
            "wants": wants,
            "done": done,
            "pending": pending,
            "callback_at": callback_at,
            "snapshot": json.dumps(snapshot, sort_keys=True),
            "case_id": case_id,
            "parent_id": parent_id,
            "claimed_by": None,
            "claimed_at": None,
            "created_at": now_iso(),
            "resolved_at": None,
        }
        if conn is not None:
            await self._insert(conn, values, audit)
        else:
            async with self.engine.begin() as c:
                await self._insert(c, values, audit)
        return hid

    async def _insert(self, conn: AsyncConnection, values: dict[str, Any], audit: AuditRecord) -> None:
        await conn.execute(handoffs.insert().values(**values))
        await append_in(conn, audit)
        await record_change(conn, "handoffs", values["id"])

    async def get(self, handoff_id: str) -> Handoff | None:
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(handoffs).where(handoffs.c.id == handoff_id))).first()
        return _handoff(row) if row else None

    async def queue(
        self,
        *,
        staff_id: str,
        team: str = "",
        store_id: str | None = None,
        include_supervisors: bool = False,
        include_claimed: bool = True,
    ) -> list[Handoff]:
        """Open handoffs addressed to this person, their team, their store (and the supervisors'
        queue for supervisors), plus those they claimed; oldest first."""
        targets = [and_(handoffs.c.to_kind == "staff", handoffs.c.to_id == staff_id)]
        if team:
            targets.append(and_(handoffs.c.to_kind == "team", handoffs.c.to_id == team))
        if store_id:
            targets.append(and_(handoffs.c.to_kind == "store", handoffs.c.to_id == store_id))
        if include_supervisors:
            targets.append(handoffs.c.to_kind == "supervisors")
        cond = and_(handoffs.c.status == "open", or_(*targets))
        if include_claimed:
            cond = or_(cond, and_(handoffs.c.status == "claimed", handoffs.c.claimed_by == staff_id))
        async with self.engine.connect() as conn:
            rows = (await conn.execute(select(handoffs).where(cond).order_by(handoffs.c.created_at))).all()
        return [_handoff(r) for r in rows]

    async def all_open(self) -> list[Handoff]:
        async with self.engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(handoffs)
                    .where(handoffs.c.status.in_(("open", "claimed")))
                    .order_by(handoffs.c.created_at)
                )
            ).all()
        return [_handoff(r) for r in rows]

    async def claim(self, handoff_id: str, staff_id: str, audit: AuditRecord) -> bool:
        """Atomic: exactly one claimer wins. PostgreSQL: SELECT ... FOR UPDATE SKIP LOCKED, then
        update; SQLite: a conditional UPDATE ... WHERE status = 'open' in a write transaction."""
        async with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                row = (
                    await conn.execute(
                        select(handoffs.c.id)
                        .where(handoffs.c.id == handoff_id, handoffs.c.status == "open")
                        .with_for_update(skip_locked=True)
                    )
                ).first()
                if row is None:
                    return False
            res = await conn.execute(
                update(handoffs)
                .where(handoffs.c.id == handoff_id, handoffs.c.status == "open")
                .values(status="claimed", claimed_by=staff_id, claimed_at=now_iso())
            )
            if res.rowcount != 1:
                return False
            await append_in(conn, audit)
            await record_change(conn, "handoffs", handoff_id)
        return True

    async def claim_next(self, *, to_kind: str, to_id: str, staff_id: str, audit: AuditRecord) -> str | None:
        """Claim the oldest open handoff of a queue (a team, a store, the supervisors): the
        "next customer" button. PostgreSQL: FOR UPDATE SKIP LOCKED, so fifty consoles pressing
        it at once each get a different one without waiting; SQLite: the write lock serialises
        them and the conditional update decides. None when the queue is empty."""
        for _ in range(20):
            async with self.engine.begin() as conn:
                query = (
                    select(handoffs.c.id)
                    .where(
                        handoffs.c.status == "open", handoffs.c.to_kind == to_kind, handoffs.c.to_id == to_id
                    )
                    .order_by(handoffs.c.created_at, handoffs.c.id)
                    .limit(1)
                )
                if conn.dialect.name == "postgresql":
                    query = query.with_for_update(skip_locked=True)
                row = (await conn.execute(query)).first()
                if row is None:
                    return None
                res = await conn.execute(
                    update(handoffs)
                    .where(handoffs.c.id == row.id, handoffs.c.status == "open")
                    .values(status="claimed", claimed_by=staff_id, claimed_at=now_iso())
                )
                if res.rowcount != 1:
                    continue  # someone else got it between the read and the write: next one
                details = {**audit.details, "handoff": row.id}
                await append_in(conn, replace(audit, details=details))
                await record_change(conn, "handoffs", row.id)
                return str(row.id)
        return None

    async def resolve(self, handoff_id: str, staff_id: str, audit: AuditRecord) -> bool:
        async with self.engine.begin() as conn:
            res = await conn.execute(
                update(handoffs)
                .where(
                    handoffs.c.id == handoff_id,
                    handoffs.c.status.in_(("open", "claimed")),
                    or_(handoffs.c.claimed_by.is_(None), handoffs.c.claimed_by == staff_id),
                )
                .values(status="resolved", resolved_at=now_iso(), claimed_by=staff_id)
            )
            if res.rowcount != 1:
                return False
            await append_in(conn, audit)
            await record_change(conn, "handoffs", handoff_id)
        return True

    async def hand_on(
        self,
        handoff_id: str,
        staff_id: str,
        *,
        to_kind: str,
        to_id: str,
        wants: str,
        done: str,
        pending: str,
        snapshot: dict[str, Any],
        audit: AuditRecord,
    ) -> str | None:
        """Close this handoff as handed on and open the next one in the chain, atomically."""
        async with self.engine.begin() as conn:
            old = (await conn.execute(select(handoffs).where(handoffs.c.id == handoff_id))).first()
            if old is None:
                return None
            res = await conn.execute(
                update(handoffs)
                .where(
                    handoffs.c.id == handoff_id,
                    handoffs.c.status.in_(("open", "claimed")),
                    or_(handoffs.c.claimed_by.is_(None), handoffs.c.claimed_by == staff_id),
                )
                .values(status="handed_on", resolved_at=now_iso())
            )
            if res.rowcount != 1:
                return None
            return await self.create(
                customer_key=old.customer_key,
                customer_name=old.customer_name,
                from_staff=staff_id,
                to_kind=to_kind,
                to_id=to_id,
                wants=wants,
                done=done,
                pending=pending,
                snapshot=snapshot,
                audit=audit,
                case_id=old.case_id,
                parent_id=handoff_id,
                conn=conn,
            )

    async def chain(self, handoff_id: str) -> list[Handoff]:
        """The handoff and every one before it, oldest first."""
        out: list[Handoff] = []
        current: str | None = handoff_id
        while current is not None and len(out) < 1000:
            h = await self.get(current)
            if h is None:
                break
            out.append(h)
            current = h.parent_id
        return list(reversed(out))


# ---- notes and link decisions -----------------------------------------------------------------


class LocalNotes:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def add(self, customer_key: str, author: str, body: str, visibility: str) -> str:
        if not body.strip():
            raise ValueError("a note needs text")
        nid = str(uuid.uuid4())
        async with self.engine.begin() as conn:
            await conn.execute(
                notes.insert().values(
                    id=nid,
                    customer_key=customer_key,
                    author=author,
                    body=body,
                    visibility=visibility,
                    created_at=now_iso(),
                )
            )
        return nid

    async def for_customer(self, customer_key: str) -> list[dict[str, str]]:
        async with self.engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(notes)
                    .where(notes.c.customer_key == customer_key)
                    .order_by(notes.c.created_at.desc())
                )
            ).all()
        return [dict(r._mapping) for r in rows]


class LinkDecisions:
    """An agent's confirm/split of a suggested identity link; `decisions_for` feeds the lookup."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def decide(self, ref_a: str, ref_b: str, decision: str, audit: AuditRecord) -> None:
        """Store an agent's "confirm" or "split" of two records (replacing an earlier decision
        about them), or "undo" one; with its audit entry, in one transaction."""
        if decision not in ("confirm", "split", "undo"):
            raise ValueError("decision is confirm, split or undo")
        a, b = sorted((ref_a, ref_b))
        async with self.engine.begin() as conn:
            await conn.execute(
                link_decisions.delete().where(link_decisions.c.ref_a == a, link_decisions.c.ref_b == b)
            )
            if decision != "undo":
                await conn.execute(
                    link_decisions.insert().values(
                        ref_a=a, ref_b=b, decision=decision, staff_id=audit.staff_id, at=now_iso()
                    )
                )
            await append_in(conn, audit)

    async def decide_refs(self, a: SystemRef, b: SystemRef, decision: str, audit: AuditRecord) -> None:
        await self.decide(str(a), str(b), decision, audit)

    async def decisions_for(self, refs: Sequence[SystemRef]) -> list[tuple[SystemRef, SystemRef, str]]:
        """What agents decided about links touching these records (the lookup's LinkDecisionsLike)."""
        keys = [str(r) for r in refs]
        if not keys:
            return []
        async with self.engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(link_decisions).where(
                        or_(link_decisions.c.ref_a.in_(keys), link_decisions.c.ref_b.in_(keys))
                    )
                )
            ).all()
        return [(_ref(r.ref_a), _ref(r.ref_b), r.decision) for r in rows]


def _ref(text: str) -> SystemRef:
    system, _, rid = text.partition(":")
    return SystemRef(SystemKind(system), rid)


async def listen(engine: AsyncEngine, callback: Callable[[str, str], None]) -> Callable[[], Awaitable[None]]:
    """PostgreSQL LISTEN on the store's channel: `callback(topic, ref)` for every change any
    console commits. Returns an async function that stops listening. Uses a connection of its
    own (asyncpg's listener), outside the pool."""
    import asyncpg

    url = engine.url
    kwargs: dict[str, Any] = {
        "host": url.host or "127.0.0.1",
        "port": url.port or 5432,
        "user": url.username,
        "password": url.password,
        "database": url.database,
    }
    conn = await asyncpg.connect(**{k: v for k, v in kwargs.items() if v is not None})

    def on_notify(_conn: Any, _pid: int, _channel: str, payload: str) -> None:
        try:
            data = json.loads(payload)
            callback(str(data.get("topic", "")), str(data.get("ref", "")))
        except (ValueError, AttributeError):
            callback("", "")

    await conn.add_listener(NOTIFY_CHANNEL, on_notify)

    async def stop() -> None:
        try:
            await conn.remove_listener(NOTIFY_CHANNEL, on_notify)
        finally:
            await conn.close()

    return stop


class ChangeFeed:
    """Polling side of live updates (SQLite, and a fallback on PostgreSQL)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def latest(self) -> int:
        from sqlalchemy import func

        async with self.engine.connect() as conn:
            return int((await conn.execute(select(func.coalesce(func.max(changes.c.seq), 0)))).scalar_one())

    async def since(self, seq: int) -> list[tuple[int, str, str]]:
        async with self.engine.connect() as conn:
            rows = (
                await conn.execute(select(changes).where(changes.c.seq > seq).order_by(changes.c.seq))
            ).all()
        return [(r.seq, r.topic, r.ref) for r in rows]
