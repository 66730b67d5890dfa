"""Fault injection per system, settable at start and at run time.

A `count` of N applies the configured faults to the next N requests (then they clear); -1 keeps
them until cleared. `/_debug/...` requests and `/health` of a system in outage are never delayed.
"""

from __future__ import annotations

import asyncio
import json
import random
from dataclasses import asdict, dataclass, fields
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


@dataclass
class Faults:
    latency_ms: float = 0.0
    jitter_ms: float = 0.0
    error_rate: float = 0.0  # share of requests answered 500
    outage: bool = False  # 503 on everything
    rate_limit_s: float = 0.0  # > 0: answer 429 with this Retry-After
    hang_s: float = 0.0  # sleep this long before answering (past the client's timeout)
    malformed: bool = False  # GETs answer a body that breaks the contract
    commit_then_timeout: bool = False  # POSTs: apply the effect, then never answer
    drop_connection: bool = False  # close the connection without a complete response
    count: int = -1
    only_methods: str = ""  # e.g. "POST": faults apply to these methods only (latency always applies)

    def active(self) -> bool:
        return self.count != 0

    def consume(self) -> None:
        if self.count > 0:
            self.count -= 1

    def update(self, data: dict[str, Any]) -> None:
        names = {f.name: f.type for f in fields(self)}
        for key, value in data.items():
            if key not in names:
                raise ValueError(f"unknown fault {key!r}")
            setattr(self, key, value)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def has_failure(self) -> bool:
        return bool(
            self.error_rate
            or self.outage
            or self.rate_limit_s
            or self.hang_s
            or self.malformed
            or self.commit_then_timeout
            or self.drop_connection
        )


def problem_bytes(status: int, slug: str, title: str, detail: str = "") -> bytes:
    return json.dumps(
        {"type": f"urn:onepane:problem:{slug}", "title": title, "status": status, "detail": detail or title}
    ).encode()


class FaultMiddleware:
    """Wraps one system's ASGI app; the app reads `scope["state"]["faults"]` for body faults."""

    def __init__(self, app: ASGIApp, faults: Faults, rng: random.Random) -> None:
        self.app = app
        self.faults = faults
        self.rng = rng

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "/_debug" in scope["path"] or scope["path"].endswith("/openapi.json"):
            await self.app(scope, receive, send)
            return
        f = self.faults
        if f.latency_ms or f.jitter_ms:
            # The system answers `latency` after the request arrived, its own work included (a
            # real system's response time): the answer is held until then, never sent earlier.
            latency_s = max(0.0, f.latency_ms + self.rng.uniform(-f.jitter_ms, f.jitter_ms)) / 1000
            send = _held_until(asyncio.get_running_loop().time() + latency_s, send)
        method = scope["method"]
        applies = (
            f.active() and f.has_failure() and (not f.only_methods or method in f.only_methods.split(","))
        )
        scope.setdefault("state", {})["fault"] = None
        if applies:
            f.consume()
            if f.outage:
                await _send(send, 503, problem_bytes(503, "unavailable", "System unavailable (outage)"))
                return
            if f.rate_limit_s:
                await _send(
                    send,
                    429,
                    problem_bytes(429, "rate-limited", "Too many requests"),
                    [(b"retry-after", str(int(f.rate_limit_s) if f.rate_limit_s >= 1 else 1).encode())],
                )
                return
            if f.error_rate and self.rng.random() < f.error_rate:
                await _send(send, 500, problem_bytes(500, "internal", "Internal error (injected)"))
                return
            if f.hang_s:
                await asyncio.sleep(f.hang_s)
            if f.drop_connection:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 200,
                        "headers": [(b"content-type", b"application/json"), (b"content-length", b"1000")],
                    }
                )
                await send({"type": "http.response.body", "body": b'{"items": [', "more_body": True})
                raise ConnectionAbortedError("injected: connection dropped")
            if f.malformed and method == "GET":
                scope["state"]["fault"] = "malformed"
            if f.commit_then_timeout and method == "POST":
                scope["state"]["fault"] = "commit_then_timeout"
        await self.app(scope, receive, send)


# The event loop's timers wake a millisecond or two late; the last stretch is waited out by
# yielding instead, so the simulated response time is L, not L plus the timer's lateness.
_TIMER_SLACK_S = 0.003


def _held_until(deadline: float, send: Send) -> Send:
    async def held(message: Message) -> None:
        if message["type"] == "http.response.start":
            loop = asyncio.get_running_loop()
            remaining = deadline - loop.time()
            if remaining > _TIMER_SLACK_S:
                await asyncio.sleep(remaining - _TIMER_SLACK_S)
            while loop.time() < deadline:
                await asyncio.sleep(0)
        await send(message)

    return held


async def _send(send: Send, status: int, body: bytes, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    headers = [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + (extra or [])})
    await send({"type": "http.response.body", "body": body})
