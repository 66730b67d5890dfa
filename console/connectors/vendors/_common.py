"""What every vendor connector shares: the path-aware payload reader, timestamps, the base class.

Vendor payloads are read with `Obj` (from the contract's parser): unknown fields are ignored, a
missing or ill-typed required field becomes `MalformedPayload` naming its path. Vendors spell
times differently (Unix seconds, ISO 8601 with `Z`, dates alone), so the helpers here accept each
vendor's form and always return aware UTC datetimes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from console.connectors.errors import ConnectorError, MalformedPayload
from console.connectors.http import HttpSystem
from console.connectors.rest.parse import Obj
from console.domain.model import SystemHealth, SystemKind
from console.domain.query import QueryKind

Secret = Callable[[str], str | None]

__all__ = [
    "Obj",
    "Secret",
    "VendorConnector",
    "iso_date",
    "iso_dt",
    "option",
    "secret_token",
    "unix_dt",
]


def unix_dt(o: Obj, key: str) -> datetime:
    value = o.raw(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise o.bad(key, "expected Unix seconds (an integer)")
    return datetime.fromtimestamp(value, UTC)


def _parse_iso(o: Obj, key: str, value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise o.bad(key, "not an ISO 8601 timestamp") from exc
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def iso_dt(o: Obj, key: str) -> datetime:
    """An ISO 8601 timestamp (`Z` allowed); one without an offset is taken as UTC."""
    return _parse_iso(o, key, o.string(key))


def opt_iso_dt(o: Obj, key: str) -> datetime | None:
    return None if o.data.get(key) in (None, "") else iso_dt(o, key)


def iso_date(o: Obj, key: str) -> date | None:
    """A date, from a date or a timestamp (vendors give estimated dates as either)."""
    value = o.data.get(key)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise o.bad(key, "expected a date string")
    if len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise o.bad(key, "not a YYYY-MM-DD date") from exc
    return _parse_iso(o, key, value).date()


def option(config: Mapping[str, Any], key: str, default: str = "") -> str:
    value = config.get(key, default)
    return str(value) if value is not None else default


def secret_token(secret: Secret, *names: str) -> Callable[[], str]:
    """The first keyring entry that is set among `names`, read at each request (so a token
    changed in the settings dialog is used without a restart)."""

    def token() -> str:
        for name in names:
            value = secret(name)
            if value:
                return value
        return ""

    return token


class VendorConnector:
    """Base: one `HttpSystem`, the query kinds it answers, a health probe on a cheap read."""

    system: SystemKind
    vendor_name = ""  # shown to agents ("EasyPost cannot do this")
    kinds: frozenset[QueryKind] = frozenset()
    health_path = "/"
    health_params: Mapping[str, str] | None = None

    def __init__(self, http: HttpSystem) -> None:
        self.http = http

    def supports(self, kind: QueryKind) -> bool:
        return kind in self.kinds

    async def health(self) -> SystemHealth:
        start = time.perf_counter()
        try:
            await self.http.request("GET", self.health_path, params=self.health_params)
        except ConnectorError as exc:
            return SystemHealth(self.system, False, exc.message, (time.perf_counter() - start) * 1000)
        return SystemHealth(self.system, True, "", (time.perf_counter() - start) * 1000)

    async def aclose(self) -> None:
        await self.http.aclose()

    def malformed(self, field: str, problem: str) -> MalformedPayload:
        return MalformedPayload(self.system, field, problem)
