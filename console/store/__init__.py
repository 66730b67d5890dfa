"""The console's own store: SQLite under the user's data folder by default, PostgreSQL for a team.

`await open_store(url)` applies the Alembic migrations and returns a `Store` whose repositories
are the only way the rest of the console touches the database.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from console.store.audit import AuditEntry, AuditLog, AuditRecord, AuditVerification
from console.store.cache import CachedSection, SectionCache
from console.store.outbox import Outbox, OutboxEntry
from console.store.team import Approval, Approvals, ChangeFeed, Handoff, Handoffs, LinkDecisions, LocalNotes

__all__ = [
    "Approval",
    "AuditEntry",
    "AuditRecord",
    "AuditVerification",
    "CachedSection",
    "Handoff",
    "OutboxEntry",
    "Store",
    "StoreError",
    "default_url",
    "open_store",
]


class StoreError(Exception):
    """The store cannot be opened or migrated; the message says why in words."""


def data_dir() -> Path:
    override = os.environ.get("ONEPANE_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("OnePane", "OnePane"))


def default_url() -> str:
    path = data_dir() / "onepane.db"
    return f"sqlite+aiosqlite:///{path.as_posix()}"


@dataclass
class Store:
    engine: AsyncEngine
    url: str
    outbox: Outbox
    audit: AuditLog
    cache: SectionCache
    approvals: Approvals
    handoffs: Handoffs
    notes: LocalNotes
    links: LinkDecisions
    changes: ChangeFeed

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    async def close(self) -> None:
        await self.engine.dispose()


def _sqlite_setup(engine: AsyncEngine) -> None:
    """WAL, foreign keys, a busy timeout, and write transactions that take the lock up front
    (BEGIN IMMEDIATE), so that two consoles on one file serialise instead of deadlocking."""

    @event.listens_for(engine.sync_engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _migrate(sync_conn: Any) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["connection"] = sync_conn
    command.upgrade(cfg, "head")


async def open_store(url: str | None = None, *, migrate: bool = True, **engine_kwargs: Any) -> Store:
    url = url or default_url()
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy raises ArgumentError for nonsense
        raise StoreError(f"not a database URL: {url!r}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.drivername != "sqlite+aiosqlite":
            raise StoreError("SQLite stores need the sqlite+aiosqlite:// driver")
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # One connection per console: SQLite serialises writers anyway.
        options = {"pool_size": 1, "max_overflow": 0, "pool_timeout": 60, **engine_kwargs}
        engine = create_async_engine(url, **options)
        _sqlite_setup(engine)
    elif backend == "postgresql":
        if parsed.drivername != "postgresql+asyncpg":
            raise StoreError("PostgreSQL stores need the postgresql+asyncpg:// driver")
        engine = create_async_engine(url, pool_pre_ping=True, **engine_kwargs)
    else:
        raise StoreError(f"unsupported database {backend!r}: use SQLite or PostgreSQL")
    if migrate:
        try:
            async with engine.begin() as conn:
                await conn.run_sync(_migrate)
        except OSError as exc:
            await engine.dispose()
            raise StoreError(f"cannot reach the database: {exc}") from exc
    return Store(
        engine=engine,
        url=url,
        outbox=Outbox(engine),
        audit=AuditLog(engine),
        cache=SectionCache(engine),
        approvals=Approvals(engine),
        handoffs=Handoffs(engine),
        notes=LocalNotes(engine),
        links=LinkDecisions(engine),
        changes=ChangeFeed(engine),
    )
