"""The audit log's two commands: verify the hash chain, export for finance.

`python main.py audit verify` and `python main.py audit export --since DATE --format csv` call
these (the CLI lives in console.app). The chain itself (each entry stores the hash of the
previous one) is kept by `console.store`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any, Protocol, TextIO


class AuditRepo(Protocol):
    async def verify(self) -> Any: ...

    async def export_csv(self, since: datetime | None, out: TextIO) -> int: ...


class HasAudit(Protocol):
    @property
    def audit(self) -> AuditRepo: ...


async def verify(store: HasAudit) -> Any:
    """Check the whole chain. Returns the store's AuditVerification (ok, checked,
    first_broken_seq, reason)."""
    return await store.audit.verify()


def describe_verification(result: Any) -> str:
    """One line for the command line: what was checked and, if broken, the first broken entry."""
    if result.ok:
        return f"audit log OK: {result.checked} entries, hash chain intact"
    return f"audit log BROKEN at entry {result.first_broken_seq}: {result.reason} ({result.checked} entries checked)"


def parse_since(text: str | None) -> datetime | None:
    """`--since 2026-11-01` (a date, from midnight UTC) or a full ISO timestamp."""
    if not text:
        return None
    try:
        d = date.fromisoformat(text)
    except ValueError:
        dt = datetime.fromisoformat(text)
        return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)
    return datetime.combine(d, time.min, tzinfo=UTC)


async def export_csv(store: HasAudit, since: datetime | str | None, out: TextIO) -> int:
    """Write the entries since `since` as CSV to `out`; returns how many rows were written."""
    when = parse_since(since) if isinstance(since, str) or since is None else since
    return await store.audit.export_csv(when, out)
