"""The real PostgreSQL server for tests, each test session in a schema of its own."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg

PG_URL = os.environ.get("ONEPANE_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")


def _dsn() -> str:
    return PG_URL.replace("postgresql+asyncpg://", "postgresql://")


@asynccontextmanager
async def pg_schema() -> AsyncIterator[dict[str, Any]]:
    """Yields engine kwargs that put every connection into a fresh schema; drops it after."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(_dsn())
    try:
        await conn.execute(f'CREATE SCHEMA "{schema}"')
        yield {"connect_args": {"server_settings": {"search_path": schema}}}
    finally:
        await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        await conn.close()
