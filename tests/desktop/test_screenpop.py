"""Screen-pop links are untrusted input: the good ones become a search, anything else a clear
refusal (PopError) — never another exception."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.services.screenpop import PopError, parse_pop


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("tel:+31612345678", "phone", "+31612345678"),
        ("tel:+31-6-1234-5678;phone-context=example.com", "phone", "+31-6-1234-5678"),
        ("TEL:0612 345 678", "phone", "0612 345 678"),
        ("onepane://lookup?phone=%2B31612345678", "phone", "+31612345678"),
        ("onepane://lookup?order=W-100412", "order", "W-100412"),
        ("onepane://lookup?email=maya.okafor%40example.com", "email", "maya.okafor@example.com"),
        ("onepane://lookup/?tracking=PN123456789NL", "tracking", "PN123456789NL"),
    ],
)
def test_good_pops(text: str, field: str, value: str) -> None:
    pop = parse_pop(text)
    assert (pop.field, pop.value, pop.query_text) == (field, value, value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("javascript:alert(1)", "tel: or onepane://"),
        ("file:///etc/passwd", "tel: or onepane://"),
        ("https://evil.example/?phone=1", "tel: or onepane://"),
        ("onepane://delete?order=W-1", "onepane://lookup"),
        ("onepane://lookup?order=W-1&email=a@b.c", "exactly one"),
        ("onepane://lookup?order=W-1&order=W-2", "exactly one"),
        ("onepane://lookup?name=Maya", "Unknown lookup field"),
        ("onepane://lookup?order=", "empty"),
        ("onepane://lookup?order=W-1%0Adrop", "control characters"),
        ("onepane://lookup?email=not-an-email", "not a valid email"),
        ("tel:abc", "not a valid phone"),
        ("tel:" + "1" * 600, "too long"),
        ("onepane://lookup?order=W-1#x", "fragment"),
        ("onepane://lookup?order=<script>", "not a valid order"),
    ],
)
def test_bad_pops_are_refused_in_words(text: str, words: str) -> None:
    with pytest.raises(PopError, match=words.replace("?", r"\?").replace("+", r"\+")):
        parse_pop(text)


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=700), st.text(max_size=80).map(lambda t: "onepane://lookup?" + t)))
def test_anything_else_is_a_pop_error_or_a_clean_request(text: str) -> None:
    try:
        pop = parse_pop(text)
    except PopError as exc:
        assert str(exc)
    else:
        assert pop.field in ("phone", "order", "email", "tracking")
        assert pop.value and pop.value == pop.value.strip()
        assert all(ord(c) >= 32 for c in pop.value)
