"""Shared set-up for the end-to-end action tests: connectors acting as each demo staff member
(token "demo.<id>"), the demo staff, and ledger helpers."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import Any

from console.domain.model import Role, StaffMember

STAFF = {
    "agent-ana": StaffMember("agent-ana", "Ana", Role.AGENT),
    "agent-ben": StaffMember("agent-ben", "Ben", Role.AGENT),
    "store-012-sara": StaffMember("store-012-sara", "Sara", Role.STORE_STAFF, store_id="012"),
    "store-031-omar": StaffMember("store-031-omar", "Omar", Role.STORE_STAFF, store_id="031"),
    "sup-lena": StaffMember("sup-lena", "Lena", Role.SUPERVISOR),
}


class StaffConnectors:
    """connectors_for(staff_id): one long-lived Connectors per staff member, with their token."""

    def __init__(self, base_url: str, **kw: Any) -> None:
        self.base_url = base_url
        self._kw = kw
        self._cache: dict[str, Any] = {}

    def __call__(self, staff_id: str) -> Any:
        conns = self._cache.get(staff_id)
        if conns is None:
            from console.connectors.registry import build_rest_connectors

            token = f"demo.{staff_id}"
            conns = build_rest_connectors(self.base_url, lambda: token, **self._kw)
            self._cache[staff_id] = conns
        return conns

    async def aclose(self) -> None:
        for conns in self._cache.values():
            closer = getattr(conns, "aclose", None)
            if closer is not None:
                with contextlib.suppress(Exception):
                    await closer()
        self._cache.clear()


def ledger_keys(entries: Iterable[Any]) -> list[str]:
    """The idempotency keys of ledger entries (dicts or objects with .key)."""
    out: list[str] = []
    for e in entries:
        out.append(str(e["key"] if isinstance(e, dict) else e.key))
    return out
