"""Connectors for well-known SaaS systems, selectable per system in the settings (`kind = ...`).

Each vendor module exposes `build(system, config, secret) -> connector`, where `config` is the
system's settings table (base_url plus vendor options) and `secret(name)` reads the keyring.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

from console.domain.model import SystemKind

# kind -> (module, the system kinds it can serve)
VENDORS: dict[str, tuple[str, frozenset[SystemKind]]] = {
    "shopify": ("console.connectors.vendors.shopify", frozenset({SystemKind.ORDERS})),
    "stripe": ("console.connectors.vendors.stripe", frozenset({SystemKind.PAYMENTS})),
    "zendesk": ("console.connectors.vendors.zendesk", frozenset({SystemKind.CASES})),
    "easypost": ("console.connectors.vendors.easypost", frozenset({SystemKind.DELIVERY})),
    "hubspot": ("console.connectors.vendors.hubspot", frozenset({SystemKind.DIRECTORY})),
}


class UnknownVendor(ValueError):
    """A settings file names a vendor kind we do not have, or puts it on the wrong system."""


def build_connector(
    kind: str, system: SystemKind, config: Mapping[str, Any], secret: Callable[[str], str | None]
) -> Any:
    try:
        module_name, serves = VENDORS[kind]
    except KeyError:
        known = ", ".join(sorted([*VENDORS, "contract"]))
        raise UnknownVendor(f"unknown connector kind {kind!r} (known: {known})") from None
    if system not in serves:
        raise UnknownVendor(f"{kind} cannot serve the {system.value} system")
    module = importlib.import_module(module_name)
    return module.build(system, config, secret)
