"""One resilient HTTP client per system, shared by the REST-contract and vendor connectors.

Retry rules (the same for every connector; vendors can refine them with a classifier):
- Reads (GET) and POSTs that carry an idempotency key are retried on timeouts, connection
  errors (refused, reset, dropped mid-response), 5xx and 429. A POST without a key is never
  retried: sending it twice could apply it twice.
- A retried POST always carries the *same* `Idempotency-Key`; the backend replays the first
  result instead of applying it again.
- Backoff is capped exponential with full jitter: a random delay in
  [0, min(max_delay, base * 2**attempt)]. A `Retry-After` header (seconds or an HTTP date) is
  honoured instead, capped at `max_retry_after_s`.
- A business refusal (a 4xx problem+json with a `type`) is final: `Refused(kind=<slug>)`.
  401 -> NotAuthorized, 404 -> NotFound. When retries are spent: RateLimited after 429s,
  otherwise SystemUnavailable, with `maybe_applied=True` for a POST whose outcome is unknown
  (it must be resumed later with the same key, never re-sent with a new one).
- Every attempt has its own timeout, and the whole call a deadline, so a hanging backend
  costs at most `deadline_s`.
Nothing httpx-typed escapes this module: callers see domain objects or ConnectorErrors.
"""

from __future__ import annotations

import asyncio
import email.utils
import enum
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from console.connectors.errors import (
    ConnectorError,
    MalformedPayload,
    NotAuthorized,
    NotFound,
    RateLimited,
    Refused,
    SystemUnavailable,
)
from console.domain.model import SystemKind

TokenProvider = Callable[[], str]
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int = 4
    base_delay_s: float = 0.1
    max_delay_s: float = 2.0
    max_retry_after_s: float = 30.0

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Full jitter: uniform in [0, min(cap, base * 2**attempt)]; attempt counts from 0."""
        return rng.uniform(0.0, min(self.max_delay_s, self.base_delay_s * (2**attempt)))


class Verdict(enum.Enum):
    OK = "ok"
    RETRY = "retry"
    FINAL = "final"


@dataclass(frozen=True, slots=True)
class Classification:
    verdict: Verdict
    error: ConnectorError | None = None
    retry_after_s: float | None = None


# A vendor connector may look at a response first (Stripe-Should-Retry, GraphQL throttling in a
# 200 body); returning None falls back to the default rules.
Classifier = Callable[[httpx.Response, bool], Classification | None]


_TLS: Any = None


def tls_verify() -> Any:
    """TLS verification against the operating system's certificate store (truststore), so a
    corporate proxy's certificate that Windows trusts is trusted here too. Verification is never
    switched off; without truststore, Python's own bundle verifies."""
    global _TLS
    if _TLS is None:
        try:
            import ssl

            import truststore

            _TLS = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        except Exception:  # pragma: no cover - httpx's default context still verifies
            _TLS = True
    return _TLS


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def problem_slug(response: httpx.Response) -> tuple[str, str]:
    """(slug, detail) of an RFC 9457 problem; ("", text) when the body is not one."""
    try:
        body = response.json()
    except ValueError:
        return "", response.text[:200]
    if not isinstance(body, dict):
        return "", ""
    ptype = str(body.get("type") or "")
    slug = ptype.rsplit(":", 1)[-1].rsplit("/", 1)[-1] if ptype else ""
    detail = str(body.get("detail") or body.get("title") or "")
    return slug, detail


class HttpSystem:
    """A long-lived pooled `httpx.AsyncClient` for one system, with the rules above."""

    def __init__(
        self,
        system: SystemKind,
        base_url: str,
        token_provider: TokenProvider | None = None,
        *,
        timeout_s: float = 5.0,
        deadline_s: float | None = None,
        retry: RetryPolicy | None = None,
        sleep: Sleep | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        headers: Mapping[str, str] | None = None,
        auth_headers: Callable[[str], Mapping[str, str]] | None = None,
        classifier: Classifier | None = None,
        rng: random.Random | None = None,
        verify: Any = None,
    ) -> None:
        self.system = system
        self.timeout_s = timeout_s
        self.deadline_s = deadline_s if deadline_s is not None else timeout_s * 3
        self.retry = retry or RetryPolicy()
        self._sleep: Sleep = sleep or asyncio.sleep
        self._token = token_provider
        self._auth_headers = auth_headers or (lambda token: {"Authorization": f"Bearer {token}"})
        self.classifier = classifier
        self._rng = rng or random.Random()
        self._base = base_url.rstrip("/")
        self.client = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 3.0)),
            transport=transport,
            headers=dict(headers or {}),
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
            # one shared context: httpx's default builds its own per client (~25 ms each, on the
            # way to the first window), even for a system reached over plain HTTP
            verify=verify if verify is not None else tls_verify(),
        )

    async def aclose(self) -> None:
        await self.client.aclose()

    def _headers(self, idempotency_key: str | None, extra: Mapping[str, str] | None) -> dict[str, str]:
        headers: dict[str, str] = {}
        if self._token is not None:
            headers.update(self._auth_headers(self._token()))
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        if extra:
            headers.update(extra)
        return headers

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
        headers: Mapping[str, str] | None = None,
        read: bool = False,
    ) -> httpx.Response:
        """Send with retries; return a 2xx response or raise a ConnectorError.

        `read=True` marks a POST that changes nothing (a GraphQL query, a search API that takes
        its filters in the body): it is retried like a GET."""
        is_post = method.upper() not in ("GET", "HEAD", "OPTIONS") and not read
        retryable = not is_post or idempotency_key is not None
        attempts = self.retry.max_attempts if retryable else 1
        started = time.monotonic()
        last: ConnectorError | None = None
        url, rest_params = self._url(path, params)
        for attempt in range(attempts):
            remaining = self.deadline_s - (time.monotonic() - started)
            if remaining <= 0:
                break
            wait: float | None = None
            try:
                async with asyncio.timeout(min(self.timeout_s, remaining)):
                    response = await self.client.request(
                        method,
                        url,
                        params=rest_params,
                        json=json,
                        data=data,
                        headers=self._headers(idempotency_key, headers),
                    )
            except (TimeoutError, httpx.TimeoutException):
                last = SystemUnavailable(
                    self.system, f"no answer within {self.timeout_s:g} s", maybe_applied=is_post
                )
            except httpx.ConnectError:
                last = SystemUnavailable(self.system, "cannot connect", maybe_applied=False)
            except httpx.TransportError as exc:  # reset, dropped mid-response, protocol errors
                last = SystemUnavailable(
                    self.system, f"connection lost ({type(exc).__name__})", maybe_applied=is_post
                )
            else:
                verdict = self._classify(response, is_post)
                if verdict.verdict is Verdict.OK:
                    return response
                assert verdict.error is not None
                if verdict.verdict is Verdict.FINAL:
                    raise verdict.error
                last, wait = verdict.error, verdict.retry_after_s
            if attempt + 1 >= attempts:
                break
            delay = (
                min(wait, self.retry.max_retry_after_s)
                if wait is not None
                else self.retry.backoff(attempt, self._rng)
            )
            if time.monotonic() - started + delay > self.deadline_s and wait is not None:
                break  # the backend asks us to wait longer than this call may take
            await self._sleep(delay)
        assert last is not None or attempts == 0
        raise last or SystemUnavailable(self.system, "no attempt could be made")

    def _url(self, path: str, params: Mapping[str, str] | None) -> tuple[httpx.URL | str, Any]:
        """The request's absolute URL, built once: what httpx would make of base URL + path +
        params, without it parsing and merging URLs again on every attempt (a search sends
        five requests at once; this was a good part of their cost)."""
        if "://" in path or (params and "?" in path):
            return path, params  # a link the system gave (paging), or a query to merge: httpx does it
        target = self._base + "/" + path.lstrip("/")
        if params:
            target += "?" + str(httpx.QueryParams(params))
        return httpx.URL(target), None

    def _classify(self, response: httpx.Response, is_post: bool) -> Classification:
        if self.classifier is not None:
            custom = self.classifier(response, is_post)
            if custom is not None:
                return custom
        status = response.status_code
        if status < 300:
            return Classification(Verdict.OK)
        if status == 429:
            after = parse_retry_after(response.headers.get("retry-after"))
            return Classification(
                Verdict.RETRY, RateLimited(self.system, after if after is not None else 1.0), after
            )
        if status >= 500:
            return Classification(
                Verdict.RETRY,
                SystemUnavailable(
                    self.system, f"server error {status}", maybe_applied=is_post and status != 503
                ),
            )
        slug, detail = problem_slug(response)
        if status == 401:
            return Classification(Verdict.FINAL, NotAuthorized(self.system, detail or "not signed in"))
        if status == 404:
            return Classification(Verdict.FINAL, NotFound(self.system, detail or "not found"))
        if status == 403 and not slug:
            return Classification(Verdict.FINAL, NotAuthorized(self.system, detail or "not allowed"))
        return Classification(
            Verdict.FINAL, Refused(self.system, slug or f"http-{status}", detail or f"refused ({status})")
        )

    async def get_json(self, path: str, params: Mapping[str, str] | None = None) -> Any:
        return self.decode(await self.request("GET", path, params=params))

    async def post_json(self, path: str, body: Any, *, key: str) -> Any:
        return self.decode(await self.request("POST", path, json=body, idempotency_key=key))

    def decode(self, response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError as exc:
            raise MalformedPayload(self.system, "(body)", "not JSON") from exc
