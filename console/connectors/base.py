"""One Protocol per system kind. Implementations: the REST contract (`rest/`), vendors later.

Rules every implementation keeps:
- only domain objects come out; wire payloads are validated and mapped inside;
- only `ConnectorError` subclasses are raised (see errors.py), never httpx or KeyError;
- every action takes the caller's idempotency key and sends it unchanged on every retry;
- `supports(kind)` says which search keys the system can answer at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Protocol, runtime_checkable

from console.domain.model import (
    Address,
    Case,
    CustomerProfile,
    DeliveryAction,
    Note,
    Order,
    Page,
    Payment,
    RefundResult,
    ReturnReceipt,
    Shipment,
    StockLevel,
    SystemHealth,
    SystemKind,
    Visibility,
)
from console.domain.money import Money
from console.domain.query import QueryKind, SearchQuery

# Returns the bearer token of the staff member currently signed in (may change at sign-in).
TokenProvider = Callable[[], str]


@runtime_checkable
class Connector(Protocol):
    system: SystemKind

    def supports(self, kind: QueryKind) -> bool: ...

    async def health(self) -> SystemHealth: ...

    async def aclose(self) -> None: ...


@runtime_checkable
class DirectoryConnector(Connector, Protocol):
    async def search(self, query: SearchQuery) -> list[CustomerProfile]: ...

    async def customer(self, customer_id: str) -> CustomerProfile: ...


@runtime_checkable
class OrdersConnector(Connector, Protocol):
    async def search(self, query: SearchQuery) -> list[Order]: ...

    async def customer_orders(self, customer_id: str, cursor: str | None = None) -> Page[Order]: ...

    async def order(self, order_number: str) -> Order: ...

    async def stock(self, sku: str, store_id: str | None = None) -> list[StockLevel]: ...

    async def cancel(
        self, order_number: str, line_ids: Sequence[str] | None, reason: str, *, key: str
    ) -> Order: ...

    async def fulfil_in_store(
        self, order_number: str, store_id: str, line_ids: Sequence[str], *, key: str
    ) -> Order: ...

    async def accept_return(
        self,
        order_number: str,
        lines: Sequence[tuple[str, int]],
        *,
        store_id: str | None,
        reason: str,
        resolution: str,  # "refund" | "exchange"
        exchange_sku: str | None = None,
        key: str,
    ) -> ReturnReceipt: ...


@runtime_checkable
class PaymentsConnector(Connector, Protocol):
    async def search(self, query: SearchQuery) -> list[Payment]: ...

    async def customer_payments(self, customer_id: str, cursor: str | None = None) -> Page[Payment]: ...

    async def payment(self, payment_id: str) -> Payment: ...

    async def refund(
        self,
        payment_id: str,
        amount: Money,
        *,
        reason_code: str,
        allocation: Sequence[tuple[str, Money]] | None = None,  # (tender id, amount); None = policy order
        to_store_credit: bool = False,
        approval_token: str | None = None,
        key: str,
    ) -> RefundResult: ...

    async def request_approval(self, payment_id: str, amount: Money, *, key: str) -> str:
        """As a supervisor: obtain a token that lets `refund` exceed the requester's limit."""
        ...


@runtime_checkable
class DeliveryConnector(Connector, Protocol):
    def capabilities(self) -> frozenset[DeliveryAction]:
        """What this system can do at all; a shipment's `allowed_actions` says what is possible now."""
        ...

    async def search(self, query: SearchQuery) -> list[Shipment]: ...

    async def customer_shipments(self, customer_id: str, cursor: str | None = None) -> Page[Shipment]: ...

    async def shipment(self, tracking_number: str) -> Shipment: ...

    async def reroute(self, tracking_number: str, address: Address, *, key: str) -> Shipment: ...

    async def redirect_to_store(self, tracking_number: str, store_id: str, *, key: str) -> Shipment: ...

    async def reschedule(self, tracking_number: str, new_date: date, *, key: str) -> Shipment: ...

    async def intercept(self, tracking_number: str, reason: str, *, key: str) -> Shipment: ...


@runtime_checkable
class CasesConnector(Connector, Protocol):
    async def search(self, query: SearchQuery) -> list[Case]: ...

    async def customer_cases(self, customer_id: str, cursor: str | None = None) -> Page[Case]: ...

    async def case(self, case_id: str) -> Case: ...

    async def add_note(self, case_id: str, body: str, visibility: Visibility, *, key: str) -> Note: ...

    async def reassign(self, case_id: str, *, team: str, assignee: str | None, key: str) -> Case: ...
