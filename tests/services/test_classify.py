from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.domain.query import QueryKind, SearchQuery
from console.services.classify import InvalidQuery, classify, normalize_phone

K = QueryKind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("maya.okafor@Example.COM", [(K.EMAIL, "maya.okafor@example.com")]),
        ("  aisha@example.com\n", [(K.EMAIL, "aisha@example.com")]),
        ("0612 345 678", [(K.PHONE, "+31612345678")]),
        ("+31 6 12345678", [(K.PHONE, "+31612345678")]),
        ("06-12345678", [(K.PHONE, "+31612345678")]),
        ("0031 6 1234 5678", [(K.PHONE, "+31612345678")]),
        ("31612345678", [(K.PHONE, "+31612345678")]),
        ("(415) 555-0134", [(K.PHONE, "+14155550134")]),
        ("+1 415 555 0134", [(K.PHONE, "+14155550134")]),
        ("+44 20 7946 0958", [(K.PHONE, "+442079460958")]),
        ("W-100877", [(K.ORDER, "W-100877")]),
        ("w100877", [(K.ORDER, "W-100877")]),
        ("W 100877", [(K.ORDER, "W-100877")]),
        ("A-204411", [(K.ORDER, "A-204411")]),
        ("T-55012", [(K.ORDER, "T-55012")]),
        ("S-012-5521", [(K.ORDER, "S-012-5521"), (K.RECEIPT, "S-012-5521")]),
        ("EX-7781-2291", [(K.RECEIPT, "EX-7781-2291"), (K.ORDER, "EX-7781-2291")]),
        ("ex77812291", [(K.RECEIPT, "EX-7781-2291"), (K.ORDER, "EX-7781-2291")]),
        ("PN123456789NL", [(K.TRACKING, "PN123456789NL")]),
        ("pn 123 456 789 nl", [(K.TRACKING, "PN123456789NL")]),
        ("SR-4411-0877-NL", [(K.TRACKING, "SR-4411-0877-NL")]),
        ("1Z999AA10123456784", [(K.TRACKING, "1Z999AA10123456784")]),
        ("RR123456785DE", [(K.TRACKING, "RR123456785DE")]),
        ("PAY-000123", [(K.PAYMENT_REF, "PAY-000123")]),
        ("C-000123", [(K.CUSTOMER_ID, "C-000123")]),
        ("Tomás  Reyes ", [(K.NAME, "Tomás Reyes")]),
        ("T. Reyes", [(K.NAME, "T. Reyes")]),
        ("Айша Каримова", [(K.NAME, "Айша Каримова")]),
    ],
)
def test_classification_table(text: str, expected: list[tuple[QueryKind, str]]) -> None:
    got = classify(text)
    assert [(q.kind, q.value) for q in got] == expected


@pytest.mark.parametrize(
    ("text", "last4", "amount"),
    [
        ("4242 89.00", "4242", "89.00"),
        ("last4 4242 amount 89.00", "4242", "89.00"),
        ("**** 4242 89,00", "4242", "89.00"),
        ("card 4242 89.00 EUR", "4242", "89.00"),
        ("last4 4242", "4242", None),
    ],
)
def test_payment_references(text: str, last4: str, amount: str | None) -> None:
    assert classify(text) == [SearchQuery(K.PAYMENT_REF, last4, amount=amount)]


def test_phone_query_carries_national_variants_for_partner_systems() -> None:
    (q,) = classify("+31 6 12345678")
    assert "0612345678" in q.variants


def test_default_region_is_used_for_national_numbers() -> None:
    assert classify("020 555 0199", default_region="NL")[0].value == "+31205550199"
    assert classify("(415) 555-0134", default_region="US")[0].value == "+14155550134"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "Type an e-mail"),
        ("   \t\n", "Type an e-mail"),
        ("x", "at least 2"),
        ("ab\x00cd", "control characters"),
        ("ab\u200bcd", "control characters"),
        ("a" * 201, "too long"),
        ("a@b", "not a complete one"),
        ("12345678901234567890", "not a phone number"),
        ("--", "nor a name"),
        ("12", "nor a name"),
    ],
)
def test_invalid_input_has_an_agent_facing_message(text: str, fragment: str) -> None:
    with pytest.raises(InvalidQuery) as info:
        classify(text)
    assert fragment in info.value.message


def test_normalize_phone_handles_what_systems_store() -> None:
    assert normalize_phone("0612 345 678") == "+31612345678"
    assert normalize_phone("+31 6 12345678") == "+31612345678"
    assert normalize_phone("(06) 1234-5678") == "+31612345678"
    assert normalize_phone("") is None
    assert normalize_phone(None) is None
    assert normalize_phone("12") is None
    assert normalize_phone("٠٦١٢٣٤٥٦٧٨") is None  # non-ASCII digits are not a stored phone


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_anything_but_invalid_query(text: str) -> None:
    try:
        result = classify(text)
    except InvalidQuery as exc:
        assert exc.message
        return
    assert result
    for q in result:
        assert isinstance(q, SearchQuery)
        assert q.value
        assert q.value == q.value.strip()


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"\+?[0-9 ()\-./]{0,30}", fullmatch=True))
def test_phone_like_text_classifies_or_is_refused(text: str) -> None:
    try:
        result = classify(text)
    except InvalidQuery:
        return
    for q in result:
        if q.kind is K.PHONE:
            assert q.value.startswith("+")
            assert q.value[1:].isdigit()
