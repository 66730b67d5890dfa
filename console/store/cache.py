"""The last good copy of each section, shown (marked stale) when its system is down."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncEngine

from console.domain import codec
from console.store.audit import now_iso
from console.store.tables import section_cache


@dataclass(frozen=True, slots=True)
class CachedSection:
    data: Any
    fetched_at: datetime


class SectionCache:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def put(self, system: str, key: str, data: object) -> None:
        type_name, payload = codec.dump(data)
        values = {
            "system": system,
            "key": key,
            "type_name": type_name,
            "data": json.dumps(payload),
            "fetched_at": now_iso(),
        }
        async with self.engine.begin() as conn:
            insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
            stmt = insert(section_cache).values(**values)
            stmt = stmt.on_conflict_do_update(
                index_elements=["system", "key"],
                set_={
                    "type_name": values["type_name"],
                    "data": values["data"],
                    "fetched_at": values["fetched_at"],
                },
            )
            await conn.execute(stmt)

    async def get(self, system: str, key: str) -> CachedSection | None:
        async with self.engine.connect() as conn:
            row = (
                await conn.execute(
                    select(section_cache).where(section_cache.c.system == system, section_cache.c.key == key)
                )
            ).first()
        if row is None:
            return None
        try:
            data = codec.load(row.type_name, json.loads(row.data))
        except (ValueError, KeyError, TypeError):
            return None  # a copy from an older version we cannot read: as if none
        return CachedSection(data, datetime.fromisoformat(row.fetched_at))
