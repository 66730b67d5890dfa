"""Check a request against Stripe's own OpenAPI spec (../shared/vendor/stripe): the path and
method exist, every query parameter and form field is one the operation declares, enum values
are allowed, integers are integers. Stripe's form encoding nests with brackets (`expand[]`,
`metadata[key]`): the name before the first bracket is what the spec declares."""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from urllib.parse import parse_qsl

import httpx

from tests.vendors.vendor_data import load_json


@cache
def _spec() -> dict[str, Any]:
    return load_json("stripe", "openapi.spec3.payments-subset.json")


@cache
def _templates() -> list[tuple[re.Pattern[str], str]]:
    out = []
    for template in _spec()["paths"]:
        regex = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        out.append((re.compile(f"^{regex}$"), template))
    return out


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = _spec()["components"]["schemas"][name]
    return schema


def _check_value(name: str, schema: dict[str, Any], value: str, problems: list[str]) -> None:
    schema = _resolve(schema)
    variants = schema.get("anyOf") or [schema]
    ok = False
    for variant in variants:
        variant = _resolve(variant)
        kind = variant.get("type")
        if "enum" in variant and value not in variant["enum"] and value != "":
            continue
        if kind == "integer" and not re.fullmatch(r"-?\d+", value):
            continue
        if kind == "boolean" and value not in ("true", "false"):
            continue
        ok = True
    if not ok:
        problems.append(f"{name}={value!r} does not fit the spec's schema")


def validate(request: httpx.Request) -> dict[str, Any]:
    """Return the operation; raise AssertionError naming every deviation from the spec."""
    path = request.url.path
    matches = [t for rx, t in _templates() if rx.match(path)]
    assert matches, f"{path} is not a path in Stripe's spec"
    # The most specific template (fewest parameters) wins: /v1/charges/search over /{charge}.
    template = min(matches, key=lambda t: t.count("{"))
    operation = _spec()["paths"][template].get(request.method.lower())
    assert operation is not None, f"{request.method} {template} is not in Stripe's spec"
    problems: list[str] = []
    declared = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "query"}
    for name, value in parse_qsl(request.url.query.decode(), keep_blank_values=True):
        base = name.split("[", 1)[0]
        if base not in declared:
            problems.append(f"query parameter {name!r} is not declared for {request.method} {template}")
        elif "[" not in name:
            _check_value(name, declared[base].get("schema", {}), value, problems)
    if request.method == "POST":
        form = operation["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
        props = _resolve(form).get("properties", {})
        body = request.content.decode()
        for name, value in parse_qsl(body, keep_blank_values=True):
            base = name.split("[", 1)[0]
            if base not in props:
                problems.append(f"form field {name!r} is not declared for POST {template}")
            elif "[" not in name:
                _check_value(name, props[base], value, problems)
    assert not problems, "; ".join(problems)
    return operation
