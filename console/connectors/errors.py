"""Typed outcomes of talking to a backend. Nothing else may escape a connector."""

from __future__ import annotations

from console.domain.model import SystemKind


class ConnectorError(Exception):
    """Base: something went wrong talking to one system. `message` is fit to show an agent."""

    def __init__(self, system: SystemKind, message: str) -> None:
        super().__init__(f"{system.value}: {message}")
        self.system = system
        self.message = message

    @property
    def retryable(self) -> bool:
        return False


class SystemUnavailable(ConnectorError):
    """Timeout, connection refused or dropped, 5xx — after the retries allowed were spent.

    `maybe_applied` is set for a POST whose outcome is unknown (the request may have landed):
    it must be retried with the same idempotency key, never with a new one.
    """

    def __init__(self, system: SystemKind, message: str, *, maybe_applied: bool = False) -> None:
        super().__init__(system, message)
        self.maybe_applied = maybe_applied

    @property
    def retryable(self) -> bool:
        return True


class RateLimited(SystemUnavailable):
    def __init__(self, system: SystemKind, retry_after_s: float) -> None:
        super().__init__(system, f"rate limited, retry after {retry_after_s:g} s")
        self.retry_after_s = retry_after_s


class MalformedPayload(ConnectorError):
    """The backend answered something that does not fit the contract. `field` names where."""

    def __init__(self, system: SystemKind, field: str, problem: str) -> None:
        super().__init__(system, f"malformed answer: {field}: {problem}")
        self.field = field
        self.problem = problem


class NotFound(ConnectorError):
    pass


class NotAuthorized(ConnectorError):
    """401/403: the staff member's token is missing, expired or not allowed this."""


class Refused(ConnectorError):
    """A business refusal: final, never retried. `kind` is the problem type's stable slug,
    e.g. "already-dispatched", "exceeds-refundable", "needs-approval"."""

    def __init__(self, system: SystemKind, kind: str, message: str) -> None:
        super().__init__(system, message)
        self.kind = kind


class NotSupported(ConnectorError):
    """The system behind this connector cannot do this at all (e.g. EasyPost cannot reroute)."""
