"""Zendesk connector against recorded Zendesk traffic (../shared/vendor/zendesk beside the project, Apache-2.0,
zendesk/zendesk_api_client_rb VCR cassettes) served through httpx.MockTransport."""

from __future__ import annotations

import base64
import copy
import json
from typing import Any

import httpx
import pytest

from console.connectors.errors import MalformedPayload, NotFound, Refused
from console.connectors.vendors import build_connector
from console.connectors.vendors.zendesk import ZendeskCases, build
from console.domain.model import Channel, SystemKind, Visibility
from console.domain.query import QueryKind, SearchQuery
from tests.vendors.vendor_data import path as vendor_path

CASSETTES = vendor_path("zendesk", "cassettes")
BASE = "https://zendeskapi.zd-staging.com"

pytestmark = [
    pytest.mark.asyncio,
]


def recorded(name: str, index: int = 0) -> dict[str, Any]:
    data = json.loads((CASSETTES / f"{name}.json").read_text())
    return data["http_interactions"][index]["response"]


def body(name: str, index: int = 0) -> Any:
    return copy.deepcopy(recorded(name, index)["body"])


def ticket_8867() -> dict[str, Any]:
    return body("tickets_show")


def audit_comments() -> list[dict[str, Any]]:
    """The recording has no `GET /tickets/{id}/comments` endpoint; the `Comment` events inside
    the recorded audits carry the same fields (id, author_id, body, html_body, public), so they
    are served as the comments body, each given its audit's `created_at` (a comment has its own)."""
    comments = []
    for audit in body("ticket_audits_list")["audits"]:
        for event in audit["events"]:
            if event["type"] == "Comment":
                comments.append({**event, "created_at": audit["created_at"]})
    return comments


class Backend:
    """Routes (method, path) to a list of responses served in turn; records every request."""

    def __init__(self, routes: dict[tuple[str, str], list[httpx.Response]]) -> None:
        self.routes = routes
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        queue = self.routes.get((request.method, request.url.path))
        if not queue:
            return httpx.Response(404, json={"error": "RecordNotFound", "description": "Not found"})
        return queue.pop(0) if len(queue) > 1 else queue[0]


def ok(payload: Any, status: int = 200, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, json=payload, headers=headers)


def connector(
    backend: Backend, *, secrets: dict[str, str] | None = None, config: dict[str, str] | None = None
) -> tuple[ZendeskCases, list[float]]:
    slept: list[float] = []

    async def sleep(s: float) -> None:
        slept.append(s)

    keyring = secrets if secrets is not None else {"cases.api_token": "tok123"}
    cfg = {"base_url": BASE, "email": "agent@acme.test", **(config or {})}
    conn = build(SystemKind.CASES, cfg, keyring.get, transport=httpx.MockTransport(backend), sleep=sleep)
    return conn, slept


# ---- parsing real payloads -------------------------------------------------------------------


async def test_case_from_recorded_ticket_and_comments() -> None:
    backend = Backend(
        {
            ("GET", "/api/v2/tickets/8867.json"): [ok(ticket_8867())],
            ("GET", "/api/v2/tickets/8867/comments.json"): [ok({"comments": audit_comments()})],
        }
    )
    conn, _ = connector(backend)
    case = await conn.case("8867")
    assert case.ref.id == "8867" and case.ref.system is SystemKind.CASES
    assert case.subject == "This is a question?"
    assert case.status == "open"  # Zendesk "new"
    assert case.channel is Channel.SELF_SERVICE  # via.channel "api"
    assert case.customer.ref.id == "20014192"
    assert case.opened_at.isoformat() == "2015-12-30T01:45:29+00:00"
    assert case.team == "" and case.assignee == "" and case.order_number is None
    public = [n for n in case.notes if n.visibility is Visibility.PUBLIC]
    internal = [n for n in case.notes if n.visibility is Visibility.INTERNAL]
    assert len(case.notes) == 22 and len(internal) == 2 and len(public) == 20
    first = case.notes[0]
    assert first.id == "21078922" and first.author == "20014182"
    assert first.body.startswith("This is the first comment.")
    assert all("<" not in n.body for n in case.notes)  # never html_body
    assert internal[0].body.startswith("This is a private comment")
    await conn.aclose()


async def test_search_by_email_uses_recorded_user() -> None:
    user_body = body("users_search_by_email")
    tickets = ticket_8867()["ticket"]
    tickets["requester_id"] = 20014182
    backend = Backend(
        {
            ("GET", "/api/v2/users/search.json"): [ok(user_body)],
            ("GET", "/api/v2/users/20014182/tickets/requested.json"): [
                ok({"tickets": [tickets], "next_page": None, "count": 1})
            ],
        }
    )
    conn, _ = connector(backend)
    assert conn.supports(QueryKind.EMAIL) and not conn.supports(QueryKind.TRACKING)
    found = await conn.search(SearchQuery(QueryKind.EMAIL, "sdavidovitz+qa@zendesk.com"))
    assert [c.ref.id for c in found] == ["8867"]
    stub = found[0].customer
    assert stub.ref.id == "20014182"
    assert stub.name == "Steven Davidovitz" and stub.email == "sdavidovitz+qa@zendesk.com"
    assert stub.phone is None
    assert found[0].notes == ()  # lists never fetch comments
    search = backend.requests[0]
    assert search.url.params["query"] == "sdavidovitz+qa@zendesk.com"
    assert len(backend.requests) == 2
    await conn.aclose()


async def test_order_search_and_custom_field() -> None:
    ticket = ticket_8867()["ticket"]
    ticket["custom_fields"][0]["value"] = "W-100877"
    backend = Backend(
        {("GET", "/api/v2/search.json"): [ok({"results": [{**ticket, "result_type": "ticket"}]})]}
    )
    conn, _ = connector(backend, config={"order_field_id": "20015156"})
    found = await conn.search(SearchQuery(QueryKind.ORDER, "W-100877"))
    assert found[0].order_number == "W-100877"
    assert backend.requests[0].url.params["query"] == 'type:ticket "W-100877"'
    await conn.aclose()


# ---- requests sent ---------------------------------------------------------------------------


async def test_api_token_basic_auth_and_bearer_fallback() -> None:
    backend = Backend({("GET", "/api/v2/users/me.json"): [ok({"user": {"id": 1}})]})
    conn, _ = connector(backend)
    assert (await conn.health()).ok
    expected = base64.b64encode(b"agent@acme.test/token:tok123").decode()
    assert backend.requests[0].headers["Authorization"] == f"Basic {expected}"
    assert backend.requests[0].url.path == "/api/v2/users/me.json"
    await conn.aclose()

    backend = Backend({("GET", "/api/v2/users/me.json"): [ok({"user": {"id": 1}})]})
    conn, _ = connector(backend, secrets={"cases": "oauth-xyz"})
    assert (await conn.health()).ok
    assert backend.requests[0].headers["Authorization"] == "Bearer oauth-xyz"
    await conn.aclose()


async def test_add_note_body_key_and_retry_after_503() -> None:
    # The recorded inline-comment answer: ticket + audit with a private Comment event.
    answer = body("tickets_create_with_comment")
    backend = Backend(
        {
            ("PUT", "/api/v2/tickets/8866.json"): [
                httpx.Response(503),
                ok(answer),
            ]
        }
    )
    conn, slept = connector(backend)
    note = await conn.add_note("8866", "My comment", Visibility.INTERNAL, key="k-1")
    assert note.id == "98974292" and note.author == "20014192"
    assert note.body == "My comment" and note.visibility is Visibility.INTERNAL
    assert note.at.isoformat() == "2015-12-30T01:45:26+00:00"
    assert len(backend.requests) == 2 and len(slept) == 1
    for req in backend.requests:
        assert req.method == "PUT"
        assert req.headers["Idempotency-Key"] == "k-1"
        assert json.loads(req.content) == {"ticket": {"comment": {"body": "My comment", "public": False}}}
    await conn.aclose()


async def test_reassign_body_and_invalid_group() -> None:
    answer = body("tickets_update")
    backend = Backend({("PUT", "/api/v2/tickets/8868.json"): [ok(answer)]})
    conn, _ = connector(backend)
    case = await conn.reassign("8868", team="360001", assignee=None, key="k-2")
    assert case.ref.id == "8868"
    sent = backend.requests[0]
    assert json.loads(sent.content) == {"ticket": {"group_id": 360001, "assignee_id": None}}
    assert sent.headers["Idempotency-Key"] == "k-2"

    await conn.reassign("8868", team="360001", assignee="42", key="k-3")
    assert json.loads(backend.requests[1].content)["ticket"]["assignee_id"] == 42

    with pytest.raises(Refused) as exc:
        await conn.reassign("8868", team="billing", assignee=None, key="k-4")
    assert exc.value.kind == "invalid-group"
    assert len(backend.requests) == 2
    await conn.aclose()


async def test_422_becomes_refused_with_description() -> None:
    backend = Backend(
        {
            ("PUT", "/api/v2/tickets/8868.json"): [
                ok({"error": "RecordInvalid", "description": "Record validation errors"}, 422)
            ]
        }
    )
    conn, _ = connector(backend)
    with pytest.raises(Refused) as exc:
        await conn.add_note("8868", "x", Visibility.PUBLIC, key="k")
    assert exc.value.kind == "record-invalid"
    assert exc.value.message == "Record validation errors"
    assert len(backend.requests) == 1
    await conn.aclose()


async def test_429_retry_after_is_honoured() -> None:
    backend = Backend(
        {
            ("GET", "/api/v2/tickets/8867.json"): [
                ok({"error": "TooManyRequests"}, 429, {"Retry-After": "2"}),
                ok(ticket_8867()),
            ],
            ("GET", "/api/v2/tickets/8867/comments.json"): [ok({"comments": []})],
        }
    )
    conn, slept = connector(backend)
    case = await conn.case("8867")
    assert slept == [2.0]
    assert case.subject == "This is a question?" and case.notes == ()
    await conn.aclose()


# ---- malformed and missing -------------------------------------------------------------------


async def test_ticket_without_id_names_the_field() -> None:
    payload = ticket_8867()
    del payload["ticket"]["id"]
    backend = Backend(
        {
            ("GET", "/api/v2/tickets/8867.json"): [ok(payload)],
            ("GET", "/api/v2/tickets/8867/comments.json"): [ok({"comments": []})],
        }
    )
    conn, _ = connector(backend)
    with pytest.raises(MalformedPayload) as exc:
        await conn.case("8867")
    assert exc.value.field == "ticket.id"
    await conn.aclose()


async def test_unknown_fields_tolerated() -> None:
    payload = ticket_8867()
    payload["ticket"]["brand_new_field"] = {"nested": [1, 2]}
    payload["also_new"] = True
    backend = Backend(
        {
            ("GET", "/api/v2/tickets/8867.json"): [ok(payload)],
            ("GET", "/api/v2/tickets/8867/comments.json"): [ok({"comments": []})],
        }
    )
    conn, _ = connector(backend)
    assert (await conn.case("8867")).ref.id == "8867"
    await conn.aclose()


async def test_recorded_404_is_not_found() -> None:
    recorded_404 = recorded("tickets_delete_then_get_404", 1)
    assert recorded_404["status"]["code"] == 404
    backend = Backend(
        {
            ("GET", "/api/v2/tickets/8869.json"): [ok(recorded_404["body"], 404)],
            ("GET", "/api/v2/tickets/8869/comments.json"): [ok(recorded_404["body"], 404)],
        }
    )
    conn, _ = connector(backend)
    with pytest.raises(NotFound):
        await conn.case("8869")
    await conn.aclose()


# ---- paging ----------------------------------------------------------------------------------


async def test_paging_follows_next_page_and_refuses_other_hosts() -> None:
    t1 = ticket_8867()["ticket"]
    t2 = {**t1, "id": 8868}
    nxt = f"{BASE}/api/v2/users/20014192/tickets/requested.json?page=2"
    backend = Backend(
        {
            ("GET", "/api/v2/users/20014192/tickets/requested.json"): [
                ok({"tickets": [t1], "next_page": nxt, "previous_page": None, "count": 2}),
                ok({"tickets": [t2], "next_page": None, "previous_page": None, "count": 2}),
            ]
        }
    )
    conn, _ = connector(backend)
    first = await conn.customer_cases("20014192")
    assert [c.ref.id for c in first.items] == ["8867"] and first.next_cursor == nxt
    second = await conn.customer_cases("20014192", first.next_cursor)
    assert [c.ref.id for c in second.items] == ["8868"] and second.next_cursor is None
    assert str(backend.requests[1].url) == nxt

    with pytest.raises(MalformedPayload):
        await conn.customer_cases("20014192", "https://evil.example/api/v2/steal.json?page=2")
    assert len(backend.requests) == 2
    await conn.aclose()

    evil = Backend(
        {
            ("GET", "/api/v2/users/20014192/tickets/requested.json"): [
                ok({"tickets": [t1], "next_page": "https://evil.example/x?page=2"})
            ]
        }
    )
    conn, _ = connector(evil)
    with pytest.raises(MalformedPayload) as exc:
        await conn.customer_cases("20014192")
    assert exc.value.field == "next_page"
    await conn.aclose()


async def test_build_through_registry() -> None:
    conn = build_connector(
        "zendesk", SystemKind.CASES, {"base_url": BASE + "/", "email": "a@b.c"}, lambda _: None
    )
    assert isinstance(conn, ZendeskCases)
    await conn.aclose()
