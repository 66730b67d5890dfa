"""Serving the demo backends: in a background thread (tests) or as the CLI's process."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
import urllib.request
from datetime import datetime
from types import TracebackType
from typing import Any

import uvicorn

from console.demo.apps import Backends
from console.demo.population import Population


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


class _Server(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # the thread's owner decides when to stop
        pass


class DemoBackends:
    """`with DemoBackends(seed=7, scale=300, now=..., latency_ms=0) as demo:` -> demo.base_url."""

    def __init__(
        self,
        *,
        seed: int = 7,
        scale: int = 300,
        now: datetime | None = None,
        latency_ms: float = 0.0,
        jitter_ms: float = 0.0,
        heavy: bool = False,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        kwargs: dict[str, Any] = {"seed": seed, "scale": scale, "heavy": heavy}
        if now is not None:
            kwargs["now"] = now
        self.population = Population(**kwargs)
        self.backends = Backends(self.population, latency_ms=latency_ms, jitter_ms=jitter_ms)
        self.host = host
        self.port = port or free_port(host)
        self.base_url = f"http://{host}:{self.port}"
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> Population:
        return self.population

    def start(self) -> DemoBackends:
        config = uvicorn.Config(
            self.backends.app,
            host=self.host,
            port=self.port,
            log_level="error",
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=1,
        )
        server = self._server = _Server(config)
        self._thread = threading.Thread(
            target=lambda: asyncio.run(server.serve()), name="demo-backends", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the demo backends did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            # a request stuck in an injected hang must not hold the shutdown
            self._server.force_exit = True
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> DemoBackends:
        return self.start()

    def __exit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # ---- test conveniences (over real HTTP, as a test harness would do) ----------------------

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            self.base_url + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read())

    def set_faults(self, system: str, **faults: Any) -> dict[str, Any]:
        return self._call("PUT", f"/{system}/_debug/faults", faults)  # type: ignore[no-any-return]

    def clear_faults(self, system: str | None = None) -> None:
        for name in [system] if system else ["crm", "orders", "payments", "delivery", "cases"]:
            self._call("PUT", f"/{name}/_debug/faults", {})

    def ledger(self, system: str) -> list[dict[str, Any]]:
        return self._call("GET", f"/{system}/_debug/ledger")["items"]  # type: ignore[no-any-return]
