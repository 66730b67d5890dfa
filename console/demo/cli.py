"""`python main.py demo-backends ...`: serve the five demo systems on one port."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import threading
from datetime import datetime

import uvicorn

from console.demo.apps import SYSTEMS, Backends
from console.demo.population import Population
from console.demo.server import free_port


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="main.py demo-backends", description="Serve the five OnePane demo systems."
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8700, help="0 picks a free port")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--scale", type=int, default=2000, help="number of customers")
    p.add_argument(
        "--now", type=datetime.fromisoformat, default=None, help="reference time (ISO 8601 with offset)"
    )
    p.add_argument("--latency-ms", type=float, default=0.0)
    p.add_argument("--jitter-ms", type=float, default=0.0)
    p.add_argument("--error-rate", type=float, default=0.0)
    p.add_argument(
        "--outage", action="append", default=[], choices=SYSTEMS, help="start with this system down"
    )
    p.add_argument("--heavy", action="store_true", help="add the heavy benchmark customer")
    p.add_argument(
        "--stop-on-stdin-eof", action="store_true", help="stop when standard input closes (parent gone)"
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.now is not None and args.now.tzinfo is None:
        print("--now needs a UTC offset, e.g. 2026-11-20T12:00:00+00:00", file=sys.stderr)
        return 2
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print("warning: serving demo data beyond loopback", file=sys.stderr)
    kwargs = {"seed": args.seed, "scale": args.scale, "heavy": args.heavy}
    if args.now is not None:
        kwargs["now"] = args.now
    backends = Backends(Population(**kwargs), latency_ms=args.latency_ms, jitter_ms=args.jitter_ms)
    for name in SYSTEMS:
        backends.systems[name].faults.error_rate = args.error_rate
        backends.systems[name].faults.outage = name in args.outage
    port = args.port or free_port(args.host)
    server = uvicorn.Server(
        uvicorn.Config(
            backends.app,
            host=args.host,
            port=port,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=1,
        )
    )

    async def serve() -> None:
        task = asyncio.create_task(server.serve())
        while not server.started and not task.done():
            await asyncio.sleep(0.01)
        if server.started:
            print(json.dumps({"event": "ready", "base_url": f"http://{args.host}:{port}"}), flush=True)
        await task

    if args.stop_on_stdin_eof:

        def watch() -> None:
            try:
                while sys.stdin.buffer.read(1024):
                    pass
            except (OSError, ValueError):
                pass
            server.should_exit = True
            server.force_exit = True

        threading.Thread(target=watch, daemon=True).start()
    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        pass
    return 0
