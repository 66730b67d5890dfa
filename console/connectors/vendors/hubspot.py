"""HubSpot CRM contacts as the customer directory (https://developers.hubspot.com/docs/api/crm/search).

- Auth: a private-app access token (keyring entry `directory`) sent as `Authorization: Bearer`.
- Search: `POST /crm/v3/objects/contacts/search`. EMAIL is `email EQ` (lowercased); PHONE is one
  filter group per property and spelling (`phone`, `mobilephone`; groups are ORed, at most 5);
  NAME uses the full-text `query` field. CUSTOMER_ID is `GET /crm/v3/objects/contacts/{id}`.
  Only the properties listed are returned, so each request names the ones we map.
- Limits: 100 results a page (HubSpot allows 200), `paging.next.after` followed for at most 3
  pages (a person search needs no more; HubSpot stops at 10,000 anyway), 5 filter groups.
  The search endpoint is limited to a few requests a second per account and answers 429,
  sometimes without `Retry-After` (then we wait 1 s).
- Retries: the search is a POST, which HttpSystem never retries without an idempotency key. It
  only reads, so the connector retries it itself: at most 3 tries on 429 (honouring
  `Retry-After`), 5xx and lost connections. Sending a made-up `Idempotency-Key` would be dishonest.
- Mapping: property values are strings or null (unknown ones ignored). Options name the
  properties holding the tier (`tier_property`), language (`language_property`), flags
  (`flags_property`, a `;`-separated multiple checkbox) and the other systems' ids
  (`id_properties`, e.g. `orders=shopify_customer_id,payments=stripe_customer_id`).
- Errors: HubSpot's `{"status": "error", "message": ..., "category": ...}` 4xx bodies become
  `Refused(kind=<category>)` with the message; 401/403/404/429/5xx follow HttpSystem's rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

import httpx

from console.connectors.errors import NotFound, Refused
from console.connectors.http import Classification, HttpSystem, Verdict
from console.connectors.vendors._common import Obj, Secret, VendorConnector, opt_iso_dt, option, secret_token
from console.domain.model import CustomerProfile, SystemKind, SystemRef
from console.domain.query import QueryKind, SearchQuery

SYSTEM = SystemKind.DIRECTORY
DEFAULT_BASE_URL = "https://api.hubapi.com"
SEARCH_PATH = "/crm/v3/objects/contacts/search"
CONTACT_PATH = "/crm/v3/objects/contacts"
PAGE_SIZE = 100
MAX_PAGES = 3
MAX_FILTER_GROUPS = 5
BASE_PROPERTIES = (
    "email",
    "hs_additional_emails",
    "firstname",
    "lastname",
    "phone",
    "mobilephone",
    "createdate",
)


def classify(response: httpx.Response, is_post: bool) -> Classification | None:
    """HubSpot's error envelope for the 4xx answers HttpSystem would otherwise leave unnamed."""
    status = response.status_code
    if status < 400 or status in (401, 403, 429) or status >= 500:
        return None
    try:
        body = response.json()
    except ValueError:
        return None
    if not isinstance(body, dict):
        return None
    message = str(body.get("message") or "")
    if status == 404:
        return Classification(Verdict.FINAL, NotFound(SYSTEM, message or "not found"))
    category = str(body.get("category") or "").lower().replace("_", "-")
    return Classification(
        Verdict.FINAL, Refused(SYSTEM, category or f"http-{status}", message or f"refused ({status})")
    )


def parse_id_properties(value: str) -> tuple[tuple[SystemKind, str], ...]:
    """`orders=shopify_customer_id,payments=stripe_customer_id` -> ((ORDERS, ...), ...)."""
    pairs: list[tuple[SystemKind, str]] = []
    for item in value.split(","):
        if not item.strip():
            continue
        system, sep, prop = item.partition("=")
        try:
            kind = SystemKind(system.strip())
        except ValueError:
            kind = None
        if not sep or kind is None or not prop.strip():
            known = ", ".join(k.value for k in SystemKind)
            raise ValueError(
                f"hubspot: id_properties entry {item.strip()!r} is not system=property ({known})"
            )
        pairs.append((kind, prop.strip()))
    return tuple(pairs)


def _prop(p: Obj, key: str) -> str:
    """A property value: HubSpot sends strings or null (numbers tolerated), never objects."""
    if not key:
        return ""
    value = p.data.get(key)
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    raise p.bad(key, "expected a string or null")


def _unique(values: Sequence[str], *, fold: bool = False) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for v in values:
        k = v.lower() if fold else v
        if v and k not in seen:
            seen.add(k)
            out.append(v)
    return tuple(out)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


class HubSpotDirectory(VendorConnector):
    vendor_name = "HubSpot"
    system = SYSTEM
    kinds = frozenset({QueryKind.EMAIL, QueryKind.PHONE, QueryKind.NAME, QueryKind.CUSTOMER_ID})
    health_path = CONTACT_PATH
    health_params = {"limit": "1"}

    def __init__(
        self,
        http: HttpSystem,
        *,
        tier_property: str = "onepane_tier",
        language_property: str = "hs_language",
        flags_property: str = "onepane_flags",
        id_properties: Sequence[tuple[SystemKind, str]] = (),
    ) -> None:
        super().__init__(http)
        self.tier_property = tier_property
        self.language_property = language_property
        self.flags_property = flags_property
        self.id_properties = tuple(id_properties)
        wanted = [*BASE_PROPERTIES, tier_property, language_property, flags_property]
        wanted += [prop for _, prop in self.id_properties]
        self.properties: tuple[str, ...] = _unique([w for w in wanted if w])

    # ---- mapping ---------------------------------------------------------------------------

    def parse_contact(self, o: Obj) -> CustomerProfile:
        contact_id = o.string("id")
        p = o.obj("properties")
        emails = _unique([_prop(p, "email"), *_split(_prop(p, "hs_additional_emails"))], fold=True)
        name = f"{_prop(p, 'firstname')} {_prop(p, 'lastname')}".strip() or (emails[0] if emails else "")
        external = tuple(
            SystemRef(kind, value) for kind, prop in self.id_properties if (value := _prop(p, prop))
        )
        if o.data.get("createdAt") not in (None, ""):
            created = opt_iso_dt(o, "createdAt")
        else:
            created = opt_iso_dt(p, "createdate")
        return CustomerProfile(
            ref=SystemRef(SYSTEM, contact_id),
            name=name,
            emails=emails,
            phones=_unique([_prop(p, "phone"), _prop(p, "mobilephone")]),
            tier=_prop(p, self.tier_property),
            language=_prop(p, self.language_property),
            flags=tuple(_split(_prop(p, self.flags_property))),
            external_ids=external,
            created_at=created,
        )

    # ---- reads -----------------------------------------------------------------------------

    def _body(self, query: SearchQuery) -> dict[str, Any] | None:
        body: dict[str, Any]
        match query.kind:
            case QueryKind.EMAIL:
                flt = {"propertyName": "email", "operator": "EQ", "value": query.value.strip().lower()}
                body = {"filterGroups": [{"filters": [flt]}]}
            case QueryKind.PHONE:
                groups = [
                    {"filters": [{"propertyName": prop, "operator": "EQ", "value": spelling}]}
                    for spelling in _unique([query.value.strip(), *query.variants])
                    for prop in ("phone", "mobilephone")
                ]
                body = {"filterGroups": groups[:MAX_FILTER_GROUPS]}
            case QueryKind.NAME:
                body = {"query": query.value.strip()}
            case _:
                return None
        body["properties"] = list(self.properties)
        body["limit"] = PAGE_SIZE
        return body

    async def _post_search(self, body: Mapping[str, Any]) -> Any:
        """One search page. HubSpot's search is a POST that changes nothing, so it is retried
        like a read (429 with or without Retry-After, 5xx, lost connections)."""
        return self.http.decode(await self.http.request("POST", SEARCH_PATH, json=body, read=True))

    async def search(self, query: SearchQuery) -> list[CustomerProfile]:
        if query.kind is QueryKind.CUSTOMER_ID:
            try:
                return [await self.customer(query.value)]
            except NotFound:
                return []
        body = self._body(query)
        if body is None or not query.value.strip():
            return []
        found: list[CustomerProfile] = []
        for _ in range(MAX_PAGES):
            page = Obj(SYSTEM, await self._post_search(body))
            found += [self.parse_contact(c) for c in page.objects("results", default_empty=True)]
            paging = page.opt_obj("paging")
            nxt = paging.opt_obj("next") if paging else None
            after = nxt.opt_str("after") if nxt else None
            if not after:
                break
            body = {**body, "after": after}
        return found

    async def customer(self, customer_id: str) -> CustomerProfile:
        path = f"{CONTACT_PATH}/{quote(customer_id, safe='')}"
        body = await self.http.get_json(path, {"properties": ",".join(self.properties)})
        return self.parse_contact(Obj(SYSTEM, body))


def build(
    system: SystemKind, config: Mapping[str, Any], secret: Secret, **http_options: Any
) -> HubSpotDirectory:
    """`config`: base_url (default HubSpot's), tier_property, language_property, flags_property,
    id_properties; the private-app access token is the keyring entry `directory`."""
    base_url = option(config, "base_url") or DEFAULT_BASE_URL
    id_properties = parse_id_properties(option(config, "id_properties"))  # before any client opens
    http = HttpSystem(
        system,
        base_url.rstrip("/"),
        secret_token(secret, "directory"),
        headers={"Accept": "application/json"},
        classifier=classify,
        **http_options,
    )
    return HubSpotDirectory(
        http,
        tier_property=option(config, "tier_property", "onepane_tier"),
        language_property=option(config, "language_property", "hs_language"),
        flags_property=option(config, "flags_property", "onepane_flags"),
        id_properties=id_properties,
    )


__all__ = ["HubSpotDirectory", "build", "classify", "parse_id_properties"]
