"""The outbox: every action is written here, with its audit entry, before it is sent."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from console.store.audit import AuditRecord, append_in, now_iso
from console.store.tables import outbox

UNFINISHED = ("pending", "sending", "failed")


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    id: str
    idempotency_key: str
    kind: str
    system: str
    target: str
    payload: dict[str, Any]
    status: str
    attempts: int
    last_error: str | None
    result: dict[str, Any] | None
    customer_key: str
    staff_id: str
    role: str
    approval_id: str | None
    created_at: str
    updated_at: str

    @property
    def finished(self) -> bool:
        return self.status not in UNFINISHED


def _entry(row: Any) -> OutboxEntry:
    return OutboxEntry(
        id=row.id,
        idempotency_key=row.idempotency_key,
        kind=row.kind,
        system=row.system,
        target=row.target,
        payload=json.loads(row.payload),
        status=row.status,
        attempts=row.attempts,
        last_error=row.last_error,
        result=json.loads(row.result) if row.result else None,
        customer_key=row.customer_key,
        staff_id=row.staff_id,
        role=row.role,
        approval_id=row.approval_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


class Outbox:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def enqueue(
        self,
        *,
        kind: str,
        system: str,
        target: str,
        payload: dict[str, Any],
        customer_key: str,
        staff_id: str,
        role: str,
        audit: AuditRecord,
        idempotency_key: str | None = None,
        approval_id: str | None = None,
        entry_id: str | None = None,
    ) -> OutboxEntry:
        """The outbox row and its audit entry, in ONE transaction, before any network call."""
        now = now_iso()
        values = {
            "id": entry_id or str(uuid.uuid4()),
            "idempotency_key": idempotency_key or str(uuid.uuid4()),
            "kind": kind,
            "system": system,
            "target": target,
            "payload": json.dumps(payload, sort_keys=True),
            "status": "pending",
            "attempts": 0,
            "last_error": None,
            "result": None,
            "customer_key": customer_key,
            "staff_id": staff_id,
            "role": role,
            "approval_id": approval_id,
            "lease_owner": None,
            "lease_until": None,
            "created_at": now,
            "updated_at": now,
        }
        async with self.engine.begin() as conn:
            await conn.execute(outbox.insert().values(**values))
            rec = audit if audit.outbox_id else _with_outbox(audit, str(values["id"]))
            await append_in(conn, rec)
        return _entry(_Row(values))

    async def get(self, entry_id: str) -> OutboxEntry | None:
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(outbox).where(outbox.c.id == entry_id))).first()
        return _entry(row) if row else None

    async def find_by_key(self, key: str) -> OutboxEntry | None:
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(outbox).where(outbox.c.idempotency_key == key))).first()
        return _entry(row) if row else None

    async def unfinished(self) -> list[OutboxEntry]:
        async with self.engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(outbox).where(outbox.c.status.in_(UNFINISHED)).order_by(outbox.c.created_at)
                )
            ).all()
        return [_entry(r) for r in rows]

    async def by_customer(self, customer_key: str) -> list[OutboxEntry]:
        async with self.engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(outbox).where(outbox.c.customer_key == customer_key).order_by(outbox.c.created_at)
                )
            ).all()
        return [_entry(r) for r in rows]

    async def claim_for_send(self, entry_id: str, worker_id: str, lease_s: float) -> OutboxEntry | None:
        """Lease the entry to this worker (a conditional UPDATE): two consoles on one store never
        send the same entry at once. None when finished or leased by someone else."""
        now = time.time()
        async with self.engine.begin() as conn:
            result = await conn.execute(
                update(outbox)
                .where(outbox.c.id == entry_id, outbox.c.status.in_(UNFINISHED))
                .where(
                    or_(
                        outbox.c.lease_owner.is_(None),
                        outbox.c.lease_owner == worker_id,
                        outbox.c.lease_until < now,
                    )
                )
                .values(
                    lease_owner=worker_id,
                    lease_until=now + lease_s,
                    status="sending",
                    attempts=outbox.c.attempts + 1,
                    updated_at=now_iso(),
                )
            )
            if result.rowcount != 1:
                return None
            row = (await conn.execute(select(outbox).where(outbox.c.id == entry_id))).first()
        return _entry(row) if row else None

    async def mark_sending(self, entry_id: str) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(
                update(outbox).where(outbox.c.id == entry_id).values(status="sending", updated_at=now_iso())
            )

    async def fail(self, entry_id: str, error: str) -> None:
        """A failed attempt: stays unfinished (will retry) and the lease is released."""
        async with self.engine.begin() as conn:
            await conn.execute(
                update(outbox)
                .where(outbox.c.id == entry_id, outbox.c.status.in_(UNFINISHED))
                .values(
                    status="failed",
                    last_error=error,
                    lease_owner=None,
                    lease_until=None,
                    updated_at=now_iso(),
                )
            )

    async def complete(
        self,
        entry_id: str,
        status: str,
        result: dict[str, Any] | None = None,
        error: str | None = None,
        audit: AuditRecord | None = None,
    ) -> bool:
        """Final (done/refused) or failed status, and its audit entry, in ONE transaction.
        Returns False if the entry was already finished (a second console got there first)."""
        if status not in ("done", "refused", "failed"):
            raise ValueError(f"not an outcome: {status}")
        async with self.engine.begin() as conn:
            res = await conn.execute(
                update(outbox)
                .where(outbox.c.id == entry_id, outbox.c.status.in_(UNFINISHED))
                .values(
                    status=status,
                    result=json.dumps(result, sort_keys=True) if result is not None else None,
                    last_error=error,
                    lease_owner=None,
                    lease_until=None,
                    updated_at=now_iso(),
                )
            )
            if res.rowcount != 1:
                return False
            if audit is not None:
                await append_in(conn, audit if audit.outbox_id else _with_outbox(audit, entry_id))
        return True


class _Row:
    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def _with_outbox(record: AuditRecord, entry_id: str) -> AuditRecord:
    return AuditRecord(
        record.staff_id,
        record.role,
        record.action,
        record.customer_key,
        record.details,
        record.approver,
        record.backend_ids,
        entry_id,
    )
