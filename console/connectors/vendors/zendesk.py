"""Zendesk Support (API v2) as the cases system.

- Auth: an API token in the keyring (`cases.api_token`) with the agent e-mail (option `email`)
  gives HTTP Basic `{email}/token:{token}`; otherwise an OAuth bearer from `cases`. Both are read
  at each request.
- Search: e-mail, phone (the E.164 value), name go through the user search, then each found
  user's requested tickets (at most 5 users, fetched in parallel). CUSTOMER_ID is the Zendesk
  user id. ORDER uses the ticket search with the quoted order number.
- Paging is Zendesk's offset paging: `next_page` is a full URL, used as the cursor; only URLs on
  the configured host are followed.
- List views carry no notes; `case(id)` fetches the comments (plain text only, never HTML).
- Errors: `{"error": ..., "description": ...}` 4xx bodies become `Refused` with the
  description; 401/403/404/429/5xx follow HttpSystem's rules.
"""

from __future__ import annotations

import asyncio
import base64
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from console.connectors.errors import MalformedPayload, NotFound, Refused, SystemUnavailable
from console.connectors.http import Classification, HttpSystem, Sleep, Verdict, parse_retry_after
from console.connectors.vendors._common import (
    Obj,
    Secret,
    VendorConnector,
    iso_dt,
    opt_iso_dt,
    option,
)
from console.domain.model import (
    Case,
    Channel,
    CustomerStub,
    Note,
    Page,
    SystemKind,
    SystemRef,
    Visibility,
)
from console.domain.query import QueryKind, SearchQuery

SYSTEM = SystemKind.CASES
MAX_USERS = 5

STATUS = {
    "new": "open",
    "open": "open",
    "pending": "pending",
    "hold": "pending",
    "solved": "solved",
    "closed": "closed",
}

CHANNEL = {
    "email": Channel.EMAIL,
    "web": Channel.WEB,
    "web_form": Channel.WEB,
    "web_widget": Channel.WEB,
    "voice": Channel.PHONE,
    "phone": Channel.PHONE,
    "sms": Channel.PHONE,
    "chat": Channel.CHAT,
    "native_messaging": Channel.CHAT,
    "whatsapp": Channel.CHAT,
    "twitter": Channel.SOCIAL,
    "facebook": Channel.SOCIAL,
    "instagram_dm": Channel.SOCIAL,
    "mobile_sdk": Channel.APP,
    "mobile": Channel.APP,
}  # anything else (api, rule, help_center, closed_ticket, ...) is SELF_SERVICE


def _slug(error: str) -> str:
    """ "RecordInvalid" -> "record-invalid"."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", error).lower() if error else ""


def classify(response: httpx.Response, is_post: bool) -> Classification | None:
    """Zendesk's `{"error", "description"}` refusals; a 503 with Retry-After is honoured."""
    status = response.status_code
    if status == 503 and response.headers.get("retry-after"):
        return Classification(
            Verdict.RETRY,
            SystemUnavailable(SYSTEM, "server error 503"),
            parse_retry_after(response.headers.get("retry-after")),
        )
    if not 400 <= status < 500 or status in (401, 403, 404, 429):
        return None
    try:
        body = response.json()
    except ValueError:
        return None
    if not isinstance(body, dict) or "error" not in body:
        return None
    error = body.get("error")
    if isinstance(error, dict):  # some endpoints nest {"title", "message"}
        name, description = str(error.get("title") or ""), str(error.get("message") or "")
    else:
        name, description = str(error or ""), str(body.get("description") or "")
    return Classification(
        Verdict.FINAL,
        Refused(SYSTEM, _slug(name) or f"http-{status}", description or name or f"refused ({status})"),
    )


def _opt_int(o: Obj, key: str) -> int | None:
    value = o.data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise o.bad(key, "expected an integer or null")
    return value


def _id(o: Obj, key: str = "id") -> str:
    return str(o.integer(key))


def user_stub(o: Obj) -> CustomerStub:
    return CustomerStub(
        SystemRef(SYSTEM, _id(o)),
        name=o.text("name"),
        email=o.opt_str("email"),
        phone=o.opt_str("phone"),
    )


def note(o: Obj, at: datetime | None = None) -> Note:
    """A comment (or an audit's Comment event, which has no `created_at`: pass the audit's)."""
    body = o.opt_str("plain_body")
    if body is None:
        body = o.string("body")
    public = o.raw("public")
    if not isinstance(public, bool):
        raise o.bad("public", "expected a boolean")
    return Note(
        id=_id(o),
        at=at if at is not None else iso_dt(o, "created_at"),
        author=str(_opt_int(o, "author_id") or ""),
        body=body,
        visibility=Visibility.PUBLIC if public else Visibility.INTERNAL,
    )


class ZendeskCases(VendorConnector):
    vendor_name = "Zendesk"
    system = SYSTEM
    kinds = frozenset(
        {QueryKind.EMAIL, QueryKind.PHONE, QueryKind.NAME, QueryKind.ORDER, QueryKind.CUSTOMER_ID}
    )
    health_path = "/api/v2/users/me.json"

    def __init__(self, http: HttpSystem, base_url: str, *, order_field_id: str = "") -> None:
        super().__init__(http)
        parts = urlsplit(base_url)
        self._origin = (parts.scheme, parts.netloc.lower())
        self.order_field_id = order_field_id

    # ---- mapping ------------------------------------------------------------------------------

    def ticket(self, o: Obj, users: Mapping[int, CustomerStub] | None = None) -> Case:
        raw_status = o.string("status")
        status = STATUS.get(raw_status)
        if status is None:
            raise o.bad("status", f"unknown value {raw_status!r}")
        via = o.opt_obj("via")
        via_channel = via.text("channel") if via is not None else ""
        requester = o.integer("requester_id")
        customer = (users or {}).get(requester) or CustomerStub(SystemRef(SYSTEM, str(requester)))
        return Case(
            ref=SystemRef(SYSTEM, _id(o)),
            subject=o.text("subject"),
            status=status,
            channel=CHANNEL.get(via_channel, Channel.SELF_SERVICE),
            opened_at=iso_dt(o, "created_at"),
            customer=customer,
            team=str(_opt_int(o, "group_id") or ""),
            assignee=str(_opt_int(o, "assignee_id") or ""),
            order_number=self._order_number(o),
            updated_at=opt_iso_dt(o, "updated_at"),
        )

    def _order_number(self, o: Obj) -> str | None:
        if not self.order_field_id:
            return None
        for field in o.objects("custom_fields", True):
            if str(field.raw("id")) == self.order_field_id:
                value = field.data.get("value")
                return str(value) if value not in (None, "") else None
        return None

    def _users(self, body: Obj) -> dict[int, CustomerStub]:
        """Sideloaded users (`include=users`), when the answer has them."""
        return {u.integer("id"): user_stub(u) for u in body.objects("users", True)}

    def _tickets(self, body: Obj, key: str, users: Mapping[int, CustomerStub]) -> list[Case]:
        return [self.ticket(t, users) for t in body.objects(key)]

    # ---- reads --------------------------------------------------------------------------------

    async def _get(self, path: str, params: Mapping[str, str] | None = None) -> Obj:
        return Obj(SYSTEM, await self.http.get_json(path, params))

    def _checked_next(self, body: Obj) -> str | None:
        nxt = body.opt_str("next_page")
        if nxt:
            self._check_url(nxt, "next_page")
        return nxt or None

    def _check_url(self, url: str, field: str) -> None:
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc.lower()) != self._origin:
            raise MalformedPayload(SYSTEM, field, "points outside the configured Zendesk host")

    async def search(self, query: SearchQuery) -> list[Case]:
        if query.kind is QueryKind.ORDER:
            value = query.value.replace('"', "")
            body = await self._get(
                "/api/v2/search.json", {"query": f'type:ticket "{value}"', "include": "users"}
            )
            users = self._users(body)
            return [
                self.ticket(r, users)
                for r in body.objects("results")
                if r.data.get("result_type", "ticket") == "ticket"
            ]
        if query.kind is QueryKind.CUSTOMER_ID:
            if not query.value.isdigit():
                return []
            return list((await self.customer_cases(query.value)).items)
        if query.kind not in (QueryKind.EMAIL, QueryKind.PHONE, QueryKind.NAME):
            return []
        body = await self._get("/api/v2/users/search.json", {"query": query.value})
        stubs = [user_stub(u) for u in body.objects("users")][:MAX_USERS]
        pages = await asyncio.gather(*(self._requested(s.ref.id, None, s) for s in stubs))
        seen: set[str] = set()
        found: list[Case] = []
        for page in pages:
            for case in page.items:
                if case.ref.id not in seen:
                    seen.add(case.ref.id)
                    found.append(case)
        return found

    async def customer_cases(self, customer_id: str, cursor: str | None = None) -> Page[Case]:
        if not customer_id.isdigit():
            raise NotFound(SYSTEM, f"no Zendesk user {customer_id!r}")
        return await self._requested(customer_id, cursor, None)

    async def _requested(
        self, user_id: str, cursor: str | None, requester: CustomerStub | None
    ) -> Page[Case]:
        if cursor:
            self._check_url(cursor, "next_page")
            body = await self._get(cursor)
        else:
            body = await self._get(f"/api/v2/users/{user_id}/tickets/requested.json", {"include": "users"})
        users = self._users(body)
        if requester is not None:
            users.setdefault(int(requester.ref.id), requester)
        return Page(tuple(self._tickets(body, "tickets", users)), self._checked_next(body))

    async def case(self, case_id: str) -> Case:
        if not case_id.isdigit():
            raise NotFound(SYSTEM, f"no ticket {case_id!r}")
        body, comments = await asyncio.gather(
            self._get(f"/api/v2/tickets/{case_id}.json", {"include": "users"}),
            self._get(f"/api/v2/tickets/{case_id}/comments.json"),
        )
        case = self.ticket(body.obj("ticket"), self._users(body))
        notes = tuple(note(c) for c in comments.objects("comments"))
        return Case(
            ref=case.ref,
            subject=case.subject,
            status=case.status,
            channel=case.channel,
            opened_at=case.opened_at,
            customer=case.customer,
            notes=notes,
            team=case.team,
            assignee=case.assignee,
            order_number=case.order_number,
            updated_at=case.updated_at,
        )

    # ---- actions ------------------------------------------------------------------------------

    async def _put(self, case_id: str, ticket: dict[str, Any], key: str) -> Obj:
        if not case_id.isdigit():
            raise NotFound(SYSTEM, f"no ticket {case_id!r}")
        response = await self.http.request(
            "PUT", f"/api/v2/tickets/{case_id}.json", json={"ticket": ticket}, idempotency_key=key
        )
        return Obj(SYSTEM, self.http.decode(response))

    async def add_note(self, case_id: str, body: str, visibility: Visibility, *, key: str) -> Note:
        public = visibility is Visibility.PUBLIC
        answer = await self._put(case_id, {"comment": {"body": body, "public": public}}, key)
        audit = answer.opt_obj("audit")
        if audit is not None:
            for event in audit.objects("events", True):
                if event.data.get("type") == "Comment":
                    return note(event, at=iso_dt(audit, "created_at"))
        return Note(id=key, at=datetime.now(UTC), author="", body=body, visibility=visibility)

    async def reassign(self, case_id: str, *, team: str, assignee: str | None, key: str) -> Case:
        if not team.isdigit():
            raise Refused(SYSTEM, "invalid-group", f"{team!r} is not a Zendesk group id")
        if assignee and not assignee.isdigit():
            raise Refused(SYSTEM, "invalid-assignee", f"{assignee!r} is not a Zendesk user id")
        answer = await self._put(
            case_id,
            {"group_id": int(team), "assignee_id": int(assignee) if assignee else None},
            key,
        )
        return self.ticket(answer.obj("ticket"), self._users(answer))


def _auth(secret: Secret, email: str) -> Callable[[str], dict[str, str]]:
    def headers(_: str) -> dict[str, str]:
        api_token = secret("cases.api_token")
        if api_token and email:
            raw = f"{email}/token:{api_token}".encode()
            return {"Authorization": "Basic " + base64.b64encode(raw).decode("ascii")}
        bearer = secret("cases")
        return {"Authorization": f"Bearer {bearer}"} if bearer else {}

    return headers


def build(
    system: SystemKind,
    config: Mapping[str, Any],
    secret: Secret,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    sleep: Sleep | None = None,
) -> ZendeskCases:
    base_url = option(config, "base_url").rstrip("/")
    if not base_url:
        raise ValueError("zendesk: base_url is required (e.g. https://acme.zendesk.com)")
    http = HttpSystem(
        system,
        base_url,
        lambda: "",  # the real credential is chosen in auth_headers at each request
        transport=transport,
        sleep=sleep,
        headers={"Accept": "application/json"},
        auth_headers=_auth(secret, option(config, "email")),
        classifier=classify,
    )
    return ZendeskCases(http, base_url, order_field_id=option(config, "order_field_id"))


__all__ = ["ZendeskCases", "build", "classify", "note"]
