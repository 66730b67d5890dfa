"""The five systems behind one facade: which connector, what it supports, one request with
the per-system timeout and nothing but `ConnectorError` coming out of it."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Protocol, TypeVar

from console.connectors.base import (
    CasesConnector,
    Connector,
    DeliveryConnector,
    DirectoryConnector,
    OrdersConnector,
    PaymentsConnector,
)
from console.connectors.errors import ConnectorError, SystemUnavailable
from console.domain.model import Case, Order, Page, Payment, Shipment, SystemKind, SystemRef
from console.domain.query import QueryKind, SearchQuery
from console.services.linking import Record, record_time

log = logging.getLogger(__name__)

T = TypeVar("T")


class ConnectorSet(Protocol):
    """What the service needs of `console.connectors.registry.Connectors`."""

    @property
    def directory(self) -> DirectoryConnector: ...
    @property
    def orders(self) -> OrdersConnector: ...
    @property
    def payments(self) -> PaymentsConnector: ...
    @property
    def delivery(self) -> DeliveryConnector: ...
    @property
    def cases(self) -> CasesConnector: ...


class CachedSectionLike(Protocol):
    @property
    def data(self) -> object: ...
    @property
    def fetched_at(self) -> datetime: ...


class SectionCacheLike(Protocol):
    """The last good copy of each section (implemented in console.store)."""

    async def get(self, system: str, key: str) -> CachedSectionLike | None: ...

    async def put(self, system: str, key: str, data: object) -> None: ...


class Systems:
    def __init__(self, connectors: ConnectorSet, timeout_s: float) -> None:
        self.connectors = connectors
        self.timeout_s = timeout_s

    def connector(self, system: SystemKind) -> Connector:
        c = self.connectors
        match system:
            case SystemKind.DIRECTORY:
                return c.directory
            case SystemKind.ORDERS:
                return c.orders
            case SystemKind.PAYMENTS:
                return c.payments
            case SystemKind.DELIVERY:
                return c.delivery
            case SystemKind.CASES:
                return c.cases

    def supports(self, system: SystemKind, kind: QueryKind) -> bool:
        try:
            return bool(self.connector(system).supports(kind))
        except Exception:  # a broken connector must not break the search
            log.exception("supports() failed for %s", system.value)
            return False

    async def call(self, system: SystemKind, make: Callable[[], Awaitable[T]]) -> T:
        """One request with the per-system timeout; only ConnectorError comes out."""
        try:
            async with asyncio.timeout(self.timeout_s):
                return await make()
        except ConnectorError:
            raise
        except TimeoutError as exc:
            raise SystemUnavailable(system, f"no answer within {self.timeout_s:g} s") from exc
        except Exception as exc:
            log.exception("connector %s raised a non-ConnectorError", system.value)
            raise ConnectorError(system, f"unexpected error ({type(exc).__name__})") from exc

    def search_call(self, system: SystemKind, query: SearchQuery) -> Awaitable[Sequence[Record]]:
        c = self.connectors
        match system:
            case SystemKind.DIRECTORY:
                return c.directory.search(query)
            case SystemKind.ORDERS:
                return c.orders.search(query)
            case SystemKind.PAYMENTS:
                return c.payments.search(query)
            case SystemKind.DELIVERY:
                return c.delivery.search(query)
            case SystemKind.CASES:
                return c.cases.search(query)

    async def search_all(
        self, system: SystemKind, queries: Sequence[SearchQuery], *, tolerant: bool
    ) -> list[Record]:
        """Every query to one system in parallel. Unless `tolerant`, raises when all failed."""
        if not queries:
            return []
        outcomes = await asyncio.gather(
            *(self.call(system, functools.partial(self.search_call, system, q)) for q in queries),
            return_exceptions=True,
        )
        fetched: list[Record] = []
        errors: list[ConnectorError] = []
        for outcome in outcomes:
            if isinstance(outcome, ConnectorError):
                errors.append(outcome)
            elif isinstance(outcome, BaseException):
                raise outcome
            else:
                fetched.extend(outcome)
        if errors and len(errors) == len(outcomes) and not tolerant:
            raise errors[0]
        return fetched

    def supports_paging(self, system: SystemKind) -> bool:
        return system in (SystemKind.ORDERS, SystemKind.PAYMENTS, SystemKind.DELIVERY, SystemKind.CASES)

    def page_call(self, system: SystemKind, customer_id: str, cursor: str | None) -> Awaitable[Page[Record]]:
        c = self.connectors
        match system:
            case SystemKind.ORDERS:
                return c.orders.customer_orders(customer_id, cursor)  # type: ignore[return-value]
            case SystemKind.PAYMENTS:
                return c.payments.customer_payments(customer_id, cursor)  # type: ignore[return-value]
            case SystemKind.DELIVERY:
                return c.delivery.customer_shipments(customer_id, cursor)  # type: ignore[return-value]
            case SystemKind.CASES:
                return c.cases.customer_cases(customer_id, cursor)  # type: ignore[return-value]
            case _:  # pragma: no cover - guarded by _supports_paging
                raise ValueError(system)


def merge_records(
    known: Sequence[object],
    fetched: Sequence[Record],
    *,
    keys: dict[int, tuple[float, str]] | None = None,
) -> tuple[object, ...]:
    """Records by ref, freshly fetched ones replacing what the search had; newest first.

    `keys`: a memo of sort keys by record identity, for a caller that merges a growing list
    again and again (pages streaming in): each record's key is then worked out once."""
    by_ref: dict[SystemRef, Record] = {}
    for r in known:
        if isinstance(r, Order | Payment | Shipment | Case):
            by_ref[r.ref] = r
    for r in fetched:
        by_ref[r.ref] = r
    memo: dict[int, tuple[float, str]] = {} if keys is None else keys

    def key(r: Record) -> tuple[float, str]:
        k = memo.get(id(r))
        if k is None:
            k = memo[id(r)] = (-record_time(r), r.ref.id)
        return k

    return tuple(sorted(by_ref.values(), key=key))


__all__ = ["CachedSectionLike", "ConnectorSet", "SectionCacheLike", "Systems", "merge_records"]
