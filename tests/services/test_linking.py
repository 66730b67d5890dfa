from __future__ import annotations

import dataclasses

from console.domain.model import CustomerStub, SystemKind, SystemRef
from console.domain.query import QueryKind, SearchQuery
from console.services.linking import Hit, link_people
from console.services.names import name_similarity

from .fakes import golden_world

D = SystemKind
PHONE_Q = SearchQuery(QueryKind.PHONE, "+31612345678")


def _world_records():
    w = golden_world()
    return w, {o.number: o for o in w.orders.orders}, {p.ref.id: p for p in w.directory.profiles}


def test_s2_kiosk_stub_links_to_crm_profile_by_phone() -> None:
    _w, orders, profiles = _world_records()
    kiosk = orders["EX-7781-2291"]
    tomas = profiles["C-000002"]
    people = link_people([Hit(D.ORDERS, kiosk, PHONE_Q), Hit(D.DIRECTORY, tomas, PHONE_Q)], queries=[PHONE_Q])
    assert len(people) == 1
    (p,) = people
    assert p.clear
    assert p.name == "Tomás Reyes"  # the CRM's name, not the kiosk's "T. Reyes"
    assert p.phones == ("+31612345678",)
    assert p.emails == ("tomas.reyes@example.com",)
    assert p.profile is tomas
    assert p.records[D.ORDERS] == (kiosk,)
    assert p.matched_on(D.ORDERS) == ("phone",)
    assert all(not link.weak for link in p.links)
    # the kiosk's own customer id and the CRM's ids for the other systems are both known
    assert set(p.customer_ids[D.ORDERS]) == {"KX-0042", "OC-002"}
    assert p.customer_ids[D.PAYMENTS] == ("PC-002",)


def test_two_emails_with_the_same_phone_are_one_person() -> None:
    _w, orders, _ = _world_records()
    base = dataclasses.replace(orders["W-100123"], payment_refs=(), tracking_numbers=())
    a = dataclasses.replace(
        base,
        customer=CustomerStub(SystemRef(D.ORDERS, "OC-1"), "Maya Okafor", "maya@work.example", "06 11122233"),
    )
    b = dataclasses.replace(
        base,
        ref=SystemRef(D.ORDERS, "W-200000"),
        customer=CustomerStub(SystemRef(D.ORDERS, "OC-2"), "M. Okafor", "maya@home.example", "+31611122233"),
    )
    q = SearchQuery(QueryKind.EMAIL, "maya@work.example")
    people = link_people([Hit(D.ORDERS, a, q), Hit(D.ORDERS, b, q, seed=False)], queries=[q])
    assert len(people) == 1
    assert set(people[0].emails) == {"maya@work.example", "maya@home.example"}
    assert people[0].matched_on(D.ORDERS) == ("email", "phone")


def test_email_match_is_case_insensitive() -> None:
    _w, orders, profiles = _world_records()
    maya = dataclasses.replace(profiles["C-000001"], emails=("Maya.Okafor@Example.com",), phones=())
    order = dataclasses.replace(
        orders["W-100123"],
        customer=CustomerStub(SystemRef(D.ORDERS, "X"), "", "maya.okafor@example.com", None),
    )
    q = SearchQuery(QueryKind.EMAIL, "maya.okafor@example.com")
    assert len(link_people([Hit(D.DIRECTORY, maya, q), Hit(D.ORDERS, order, q)], queries=[q])) == 1


def test_fuzzy_name_alone_is_a_weak_suggestion_never_a_merge() -> None:
    _w, orders, profiles = _world_records()
    kiosk = dataclasses.replace(
        orders["EX-7781-2291"],
        customer=CustomerStub(SystemRef(D.ORDERS, "KX-1"), "T. Reyes", None, None),  # no phone
    )
    tomas = profiles["C-000002"]
    q = SearchQuery(QueryKind.NAME, "Tomás Reyes")
    people = link_people([Hit(D.DIRECTORY, tomas, q), Hit(D.ORDERS, kiosk, q)], queries=[q])
    assert len(people) == 2
    assert not any(p.clear for p in people)
    first, second = people
    assert first.name == "Tomás Reyes"
    assert first.confidence == 1.0
    assert second.confidence < first.confidence
    weak = first.weak_links
    assert [link.ref for link in weak] == [kiosk.ref]
    assert weak[0].matched_on == "name"
    assert 0.75 <= weak[0].confidence < 1.0
    assert D.ORDERS not in first.records  # a suggestion brings no records


def test_agent_confirm_turns_a_suggestion_into_a_link() -> None:
    _w, orders, profiles = _world_records()
    kiosk = dataclasses.replace(
        orders["EX-7781-2291"], customer=CustomerStub(SystemRef(D.ORDERS, "KX-1"), "T. Reyes", None, None)
    )
    tomas = profiles["C-000002"]
    q = SearchQuery(QueryKind.NAME, "Tomás Reyes")
    people = link_people(
        [Hit(D.DIRECTORY, tomas, q), Hit(D.ORDERS, kiosk, q)],
        queries=[q],
        decisions=[(tomas.ref, kiosk.ref, "confirm")],
    )
    assert len(people) == 1
    assert people[0].records[D.ORDERS] == (kiosk,)


def test_agent_split_keeps_strongly_linked_records_apart() -> None:
    _w, orders, profiles = _world_records()
    kiosk, tomas = orders["EX-7781-2291"], profiles["C-000002"]
    people = link_people(
        [Hit(D.DIRECTORY, tomas, PHONE_Q), Hit(D.ORDERS, kiosk, PHONE_Q)],
        queries=[PHONE_Q],
        decisions=[(tomas.ref, kiosk.ref, "split")],
    )
    assert len(people) == 2
    assert not any(p.clear for p in people)
    # a split also silences the name suggestion between them
    assert all(not p.weak_links for p in people)


def test_order_payment_shipment_references_link_without_contact_data() -> None:
    w, orders, _ = _world_records()
    order = orders["W-100877"]
    pay = dataclasses.replace(
        w.payments.payments[2], customer=CustomerStub(SystemRef(D.PAYMENTS, "P9"), "", None, None)
    )
    ship = dataclasses.replace(
        w.delivery.shipments[1], customer=CustomerStub(SystemRef(D.DELIVERY, "D9"), "", None, None)
    )
    q = SearchQuery(QueryKind.TRACKING, ship.tracking_number)
    people = link_people(
        [Hit(D.DELIVERY, ship, q), Hit(D.ORDERS, order, q, seed=False), Hit(D.PAYMENTS, pay, q, seed=False)],
        queries=[q],
    )
    assert len(people) == 1
    p = people[0]
    assert p.matched_on(D.DELIVERY) == (f"parcel {ship.tracking_number}",)
    assert p.matched_on(D.ORDERS)[0] in (f"parcel {ship.tracking_number}", "order W-100877")
    assert p.matched_on(D.PAYMENTS)[0] in ("order W-100877", "payment PAY-3001")


def test_crm_external_ids_link_records_in_other_systems() -> None:
    w, _, profiles = _world_records()
    aisha = profiles["C-000003"]
    case = dataclasses.replace(
        w.cases.cases[0],
        customer=CustomerStub(SystemRef(D.CASES, "ZC-003"), "", None, None),
        order_number=None,
    )
    q = SearchQuery(QueryKind.CUSTOMER_ID, "C-000003")
    people = link_people([Hit(D.DIRECTORY, aisha, q), Hit(D.CASES, case, q, seed=False)], queries=[q])
    assert len(people) == 1
    assert people[0].matched_on(D.CASES) == ("external id",)


def test_person_id_is_stable_and_complete_systems_follow_the_keys_asked() -> None:
    _w, orders, profiles = _world_records()
    hits = [Hit(D.ORDERS, orders["EX-7781-2291"], PHONE_Q), Hit(D.DIRECTORY, profiles["C-000002"], PHONE_Q)]
    a = link_people(hits, queries=[PHONE_Q], complete_keys=[(D.ORDERS, QueryKind.PHONE, "+31612345678")])
    b = link_people(list(reversed(hits)), queries=[PHONE_Q])
    assert a[0].id == b[0].id
    assert a[0].complete == frozenset({D.ORDERS})
    assert b[0].complete == frozenset()


def test_name_similarity() -> None:
    assert name_similarity("Tomas Reyes", "Tomás Reyes") == 1.0
    assert name_similarity("Reyes Tomás", "Tomás Reyes") == 1.0
    assert 0.8 <= name_similarity("T. Reyes", "Tomás Reyes") < 0.9
    assert name_similarity("Aisha Karimova", "Айша Каримова") >= 0.9
    assert name_similarity("Tomas Reys", "Tomás Reyes") > 0.9
    assert name_similarity("M. Reyes", "Tomás Reyes") < 0.75
    assert name_similarity("Maya Okafor", "Aisha Karimova") == 0.0
    assert name_similarity("", "x") == 0.0


def test_no_hits_no_people() -> None:
    assert link_people([], queries=[PHONE_Q]) == []
