"""The set of five connectors the console works with, and how to build the REST ones."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from console.connectors.base import (
    CasesConnector,
    Connector,
    DeliveryConnector,
    DirectoryConnector,
    OrdersConnector,
    PaymentsConnector,
    TokenProvider,
)
from console.connectors.http import HttpSystem, RetryPolicy
from console.connectors.rest.connectors import (
    PREFIX,
    RestCases,
    RestDelivery,
    RestDirectory,
    RestOrders,
    RestPayments,
)
from console.domain.model import SystemKind


@dataclass
class Connectors:
    directory: DirectoryConnector
    orders: OrdersConnector
    payments: PaymentsConnector
    delivery: DeliveryConnector
    cases: CasesConnector

    def by_kind(self, kind: SystemKind) -> Connector:
        return {
            SystemKind.DIRECTORY: self.directory,
            SystemKind.ORDERS: self.orders,
            SystemKind.PAYMENTS: self.payments,
            SystemKind.DELIVERY: self.delivery,
            SystemKind.CASES: self.cases,
        }[kind]

    def all(self) -> list[Connector]:
        return [self.directory, self.orders, self.payments, self.delivery, self.cases]

    async def aclose(self) -> None:
        for connector in self.all():
            await connector.aclose()


def build_rest_connectors(
    base_url: str | Mapping[SystemKind, str],
    token_provider: TokenProvider,
    *,
    timeout_s: float = 5.0,
    deadline_s: float | None = None,
    retry: RetryPolicy | None = None,
) -> Connectors:
    """One `HttpSystem` per system. A single base URL serves all five under /crm, /orders, ...;
    a mapping gives each system its own base URL (then without the prefix)."""

    def http(kind: SystemKind) -> tuple[HttpSystem, str]:
        if isinstance(base_url, str):
            url, prefix = base_url.rstrip("/"), PREFIX[kind]
        else:
            url, prefix = base_url[kind].rstrip("/"), ""
        return HttpSystem(
            kind, url, token_provider, timeout_s=timeout_s, deadline_s=deadline_s, retry=retry
        ), prefix

    return Connectors(
        directory=RestDirectory(*http(SystemKind.DIRECTORY)),
        orders=RestOrders(*http(SystemKind.ORDERS)),
        payments=RestPayments(*http(SystemKind.PAYMENTS)),
        delivery=RestDelivery(*http(SystemKind.DELIVERY)),
        cases=RestCases(*http(SystemKind.CASES)),
    )
