"""A settings file picks a connector kind per system; tokens come from the keyring."""

from __future__ import annotations

import pytest

from console.connectors.factory import build_configured
from console.connectors.rest.connectors import RestDelivery
from console.connectors.vendors import UnknownVendor, build_connector
from console.connectors.vendors.easypost import EasyPostDelivery
from console.connectors.vendors.hubspot import HubSpotDirectory
from console.connectors.vendors.shopify import ShopifyOrders
from console.connectors.vendors.stripe import StripePayments
from console.connectors.vendors.zendesk import ZendeskCases
from console.domain.model import SystemKind
from console.settings import SettingsError, from_dict, to_dict

TOML_LIKE = {
    "systems": {
        "directory": {
            "kind": "hubspot",
            "base_url": "https://api.hubapi.com",
            "id_properties": "orders=shopify_id",
        },
        "orders": {"kind": "shopify", "base_url": "https://acme.myshopify.com", "api_version": "2026-07"},
        "payments": {"kind": "stripe", "base_url": "https://api.stripe.com"},
        "delivery": {"kind": "contract", "base_url": "https://delivery.acme.example/api"},
        "cases": {"kind": "zendesk", "base_url": "https://acme.zendesk.com", "email": "agent@acme.example"},
    }
}


@pytest.mark.asyncio
async def test_each_system_gets_the_connector_its_kind_names() -> None:
    settings = from_dict(TOML_LIKE)
    assert from_dict(to_dict(settings)) == settings  # vendor options survive a round trip
    built = build_configured(settings, lambda name: f"secret-for-{name}")
    try:
        assert isinstance(built.directory, HubSpotDirectory)
        assert isinstance(built.orders, ShopifyOrders)
        assert built.orders.path == "/admin/api/2026-07/graphql.json"
        assert isinstance(built.payments, StripePayments)
        assert isinstance(built.delivery, RestDelivery)
        assert isinstance(built.cases, ZendeskCases)
    finally:
        await built.aclose()


def test_a_vendor_on_the_wrong_system_or_an_unknown_kind_is_refused() -> None:
    with pytest.raises(UnknownVendor, match="cannot serve the orders system"):
        build_connector("stripe", SystemKind.ORDERS, {"base_url": "https://api.stripe.com"}, {}.get)
    with pytest.raises(UnknownVendor, match="unknown connector kind 'magento'"):
        build_connector("magento", SystemKind.ORDERS, {"base_url": "https://x.example"}, {}.get)
    bad = {
        "systems": {**TOML_LIKE["systems"], "orders": {"kind": "magento", "base_url": "https://x.example"}}
    }
    with pytest.raises(SettingsError, match="magento"):
        from_dict(bad)


def test_a_token_in_the_settings_file_is_refused() -> None:
    leaked = {
        "systems": {
            **TOML_LIKE["systems"],
            "payments": {"kind": "stripe", "base_url": "https://api.stripe.com", "api_key": "sk_live_x"},
        }
    }
    with pytest.raises(SettingsError, match="keyring"):
        from_dict(leaked)


@pytest.mark.asyncio
async def test_easypost_is_selectable_for_delivery() -> None:
    built = build_connector(
        "easypost", SystemKind.DELIVERY, {"base_url": "https://api.easypost.com/v2"}, {}.get
    )
    try:
        assert isinstance(built, EasyPostDelivery)
        assert built.capabilities() == frozenset()
    finally:
        await built.aclose()
