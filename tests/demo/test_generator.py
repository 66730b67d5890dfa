"""The demo population: deterministic, messy, and always holding the five golden scenarios."""

from __future__ import annotations

import json

import httpx
import pytest

from console.demo.population import MAX_HITS, Population
from console.demo.server import DemoBackends
from tests.demo_fixtures import DEMO_NOW


def snapshot(p: Population, sample: range) -> str:
    for i in sample:
        p.ensure(i)
    tables = {n: p.table(n) for n in ("crm", "orders", "payments", "delivery", "cases")}
    return json.dumps(tables, sort_keys=True)


def test_same_seed_same_data() -> None:
    a = Population(seed=11, scale=300, now=DEMO_NOW)
    b = Population(seed=11, scale=300, now=DEMO_NOW)
    assert snapshot(a, range(300)) == snapshot(b, range(300))
    assert a.stock == b.stock


def test_other_seed_other_background() -> None:
    a = Population(seed=11, scale=100, now=DEMO_NOW)
    b = Population(seed=12, scale=100, now=DEMO_NOW)
    assert snapshot(a, range(100)) != snapshot(b, range(100))


def test_lazy_building_does_not_change_what_is_built() -> None:
    """A customer looks the same whether built first or after others (searches build lazily)."""
    a = Population(seed=5, scale=200, now=DEMO_NOW)
    b = Population(seed=5, scale=200, now=DEMO_NOW)
    for i in reversed(range(200)):
        b.ensure(i)
    assert snapshot(a, range(200)) == snapshot(b, range(200))


def test_background_is_messy() -> None:
    p = Population(seed=2, scale=1500, now=DEMO_NOW)
    for i in range(1500):
        p.ensure(i)
    profiles = list(p.crm.values())
    assert any(len(c["emails"]) > 1 for c in profiles)  # the same person under two e-mails
    phones = [c["phones"][0] for c in profiles]
    assert any(ph.startswith("+") for ph in phones) and any(ph.startswith("0") for ph in phones)
    kiosk = [o for o in p.orders.values() if o["channel"] == "kiosk"]
    assert kiosk and all(o["customer"]["email"] is None for o in kiosk)  # partner POS: name + phone only
    assert {c["channel"] for c in p.cases.values()} >= {"email", "chat", "phone", "social", "self_service"}
    assert any(len(pay["tenders"]) > 0 for pay in p.payments.values())
    assert {s["carrier"] for s in p.shipments.values()} == {"Parcelnet", "SwiftRoute"}
    assert any(not c["external_ids"] for c in profiles)  # some CRM records hold no ids for others


def golden_present(p: Population) -> None:
    assert p.crm["C-G000001"]["name"] == "Maya Okafor"
    assert p.orders["W-100412"]["lines"][0]["sku"] == "DRS-4471" and p.stock[("012", "DRS-4471")] > 0
    assert p.shipments["PN123456789NL"]["carrier"] == "Parcelnet"
    assert p.orders["EX-7781-2291"]["customer"] == {
        "id": "K-G000002",
        "name": "T. Reyes",
        "email": None,
        "phone": "0612 345 678",
    }
    assert p.crm["C-G000002"]["phones"] == ["+31 6 12345678"]
    assert p.shipments["SR-4471-0099-DE"]["events"][0]["description"] == "address not found"
    assert len([c for c in p.cases.values() if c.get("order_number") == "W-100877"]) == 5
    assert p.orders["T-55012"]["status"] == "open"
    tenders = p.payments["PAY-G5521"]["tenders"]
    assert [(t["kind"], t["amount"]["amount"]) for t in tenders] == [
        ("gift_card", "100.00"),
        ("card", "320.00"),
    ]


@pytest.mark.parametrize("scale", [0, 50, 2000])
def test_golden_scenarios_at_any_scale(scale: int) -> None:
    golden_present(Population(seed=scale + 1, scale=scale, now=DEMO_NOW))


@pytest.mark.slow
def test_golden_scenarios_at_100k() -> None:
    golden_present(Population(seed=9, scale=100_000, now=DEMO_NOW))


def test_golden_dates_follow_now() -> None:
    p = Population(seed=1, scale=10, now=DEMO_NOW)
    s1 = p.shipments["PN123456789NL"]
    assert s1["handed_over_at"].startswith("2026-11-20T07:40") and s1["events"][0]["at"].startswith(
        "2026-11-20T09:15"
    )
    assert p.orders["W-100877"]["placed_at"].startswith("2026-11-12")
    assert p.shipments["SR-4471-0099-DE"]["promised_date"] == "2026-11-15"


def test_a_customers_own_records_are_all_served_page_by_page() -> None:
    """A broad search is cut at MAX_HITS, a customer's own list never is: the heavy customer's
    5,000 orders come in pages to the end (the benchmark's heavy view once saw only 50)."""
    with (
        DemoBackends(seed=1, scale=20, now=DEMO_NOW, heavy=True) as demo,
        httpx.Client(base_url=demo.base_url, headers={"Authorization": "Bearer demo.agent-ana"}) as http,
    ):
        numbers: list[str] = []
        params = {"limit": "200"}
        for _ in range(100):
            page = http.get("/orders/customers/OC-H000001/orders", params=params).json()
            numbers += [o["number"] for o in page["items"]]
            if not page["next_cursor"]:
                break
            params["cursor"] = page["next_cursor"]
        assert len(numbers) == len(set(numbers)) == 5000
        found = http.get("/orders/search", params={"email": "heavy.hannah@example.com", "limit": "200"})
        assert len(found.json()["items"]) == MAX_HITS  # the search itself stays capped
