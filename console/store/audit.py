"""The append-only, hash-chained audit log.

Each entry stores the canonical JSON of what happened, the previous entry's hash and its own
hash = sha256(prev_hash + content). Editing an entry breaks its hash; deleting one breaks the
sequence and the next entry's prev_hash; `verify()` names the first broken entry. Appends are
serialised (an advisory lock on PostgreSQL, an immediate write transaction on SQLite) so the
chain never forks when several consoles share one store.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, TextIO

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from console.store.tables import audit

GENESIS = "0" * 64
AUDIT_LOCK_ID = 7_310_421


@dataclass(frozen=True, slots=True)
class AuditRecord:
    staff_id: str
    role: str
    action: str
    customer_key: str
    details: dict[str, Any] = field(default_factory=dict)
    approver: str | None = None
    backend_ids: list[str] = field(default_factory=list)
    outbox_id: str | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str
    record: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class AuditVerification:
    ok: bool
    checked: int
    first_broken_seq: int | None = None
    reason: str = ""


def canonical(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(prev_hash: str, content: str) -> str:
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


async def append_in(conn: AsyncConnection, record: AuditRecord) -> AuditEntry:
    """Append inside the caller's transaction (so an outbox row and its audit entry commit together)."""
    if conn.dialect.name == "postgresql":
        await conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": AUDIT_LOCK_ID})
    last = (
        await conn.execute(select(audit.c.seq, audit.c.hash).order_by(audit.c.seq.desc()).limit(1))
    ).first()
    seq = (last.seq + 1) if last else 1
    prev = last.hash if last else GENESIS
    at = now_iso()
    body = {
        "seq": seq,
        "at": at,
        "staff_id": record.staff_id,
        "role": record.role,
        "action": record.action,
        "customer_key": record.customer_key,
        "details": record.details,
        "approver": record.approver,
        "backend_ids": list(record.backend_ids),
        "outbox_id": record.outbox_id,
    }
    content = canonical(body)
    digest = chain_hash(prev, content)
    await conn.execute(audit.insert().values(seq=seq, at=at, content=content, prev_hash=prev, hash=digest))
    return AuditEntry(seq, at, body, prev, digest)


class AuditLog:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def append(self, record: AuditRecord) -> AuditEntry:
        async with self.engine.begin() as conn:
            return await append_in(conn, record)

    async def count(self) -> int:
        async with self.engine.connect() as conn:
            return int((await conn.execute(select(func.count()).select_from(audit))).scalar_one())

    async def verify(self) -> AuditVerification:
        expected_seq, prev, checked = 1, GENESIS, 0
        async with self.engine.connect() as conn:
            result = await conn.stream(select(audit).order_by(audit.c.seq))
            async for row in result:
                if row.seq != expected_seq:
                    return AuditVerification(
                        False, checked, expected_seq, f"entry {expected_seq} is missing (next is {row.seq})"
                    )
                if row.prev_hash != prev:
                    return AuditVerification(False, checked, row.seq, "does not follow the entry before it")
                try:
                    body = json.loads(row.content)
                except ValueError:
                    return AuditVerification(False, checked, row.seq, "content is not valid JSON")
                if body.get("seq") != row.seq or body.get("at") != row.at:
                    return AuditVerification(False, checked, row.seq, "sequence or time was changed")
                if chain_hash(prev, row.content) != row.hash:
                    return AuditVerification(
                        False, checked, row.seq, "content was changed after it was written"
                    )
                prev, expected_seq, checked = row.hash, expected_seq + 1, checked + 1
        return AuditVerification(True, checked)

    async def entries(
        self, customer_key: str | None = None, since: date | None = None, limit: int = 1000
    ) -> list[AuditEntry]:
        query = select(audit).order_by(audit.c.seq)
        if since is not None:
            query = query.where(audit.c.at >= since.isoformat())
        out: list[AuditEntry] = []
        async with self.engine.connect() as conn:
            for row in (await conn.execute(query)).all():
                body = json.loads(row.content)
                if customer_key is not None and body.get("customer_key") != customer_key:
                    continue
                out.append(AuditEntry(row.seq, row.at, body, row.prev_hash, row.hash))
                if len(out) >= limit:
                    break
        return out

    async def export_csv(self, since: date, out: TextIO) -> int:
        writer = csv.writer(out)
        writer.writerow(
            [
                "seq",
                "at",
                "staff_id",
                "role",
                "action",
                "customer_key",
                "amount",
                "currency",
                "tenders",
                "approver",
                "backend_ids",
                "outbox_id",
                "hash",
            ]
        )
        n = 0
        for e in await self.entries(since=since, limit=10**9):
            r, d = e.record, e.record.get("details") or {}
            tenders = ";".join(
                f"{t.get('kind', '')}:{t.get('amount', '')}"
                for t in d.get("tenders", [])
                if isinstance(t, dict)
            )
            writer.writerow(
                [
                    e.seq,
                    e.at,
                    r["staff_id"],
                    r["role"],
                    r["action"],
                    r["customer_key"],
                    d.get("amount", ""),
                    d.get("currency", ""),
                    tenders,
                    r.get("approver") or "",
                    " ".join(r.get("backend_ids") or []),
                    r.get("outbox_id") or "",
                    e.hash,
                ]
            )
            n += 1
        return n
