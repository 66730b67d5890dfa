"""Build the five connectors a settings file asks for (the contract, or a vendor per system)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from console.connectors.http import HttpSystem
from console.connectors.registry import Connectors
from console.connectors.rest.connectors import (
    RestCases,
    RestDelivery,
    RestDirectory,
    RestOrders,
    RestPayments,
)
from console.domain.model import SystemKind

if TYPE_CHECKING:
    from collections.abc import Callable

REST = {
    SystemKind.DIRECTORY: RestDirectory,
    SystemKind.ORDERS: RestOrders,
    SystemKind.PAYMENTS: RestPayments,
    SystemKind.DELIVERY: RestDelivery,
    SystemKind.CASES: RestCases,
}


def _token_for(secret: Callable[[str], str | None], name: str) -> Callable[[], str]:
    def token() -> str:
        return secret(name) or ""

    return token


def build_configured(
    settings: Any,
    secret: Callable[[str], str | None] | None = None,
    *,
    token_provider: Callable[[], str] | None = None,
) -> Connectors:
    """`settings.systems[name]` gives kind, base_url and options. Contract systems send the
    signed-in staff member's access token (`token_provider`, from the OpenID sign-in) or, without
    sign-in, a token from the keyring; vendors use their own API credentials from the keyring."""
    if secret is None:
        from console.secrets import get_secret

        secret = get_secret
    built: dict[SystemKind, Any] = {}
    for kind in SystemKind:
        cfg = settings.systems[kind.value]
        if cfg.kind == "contract":
            token = token_provider or _token_for(secret, kind.value)
            http = HttpSystem(kind, cfg.base_url, token, timeout_s=settings.timeout_s)
            built[kind] = REST[kind](http)
        else:
            from console.connectors.vendors import build_connector

            built[kind] = build_connector(cfg.kind, kind, {"base_url": cfg.base_url, **cfg.options}, secret)
    return Connectors(
        built[SystemKind.DIRECTORY],
        built[SystemKind.ORDERS],
        built[SystemKind.PAYMENTS],
        built[SystemKind.DELIVERY],
        built[SystemKind.CASES],
    )
