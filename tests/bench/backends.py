"""Benchmark: generate the demo population, serve it, and time searches over loopback HTTP.

    python tests/bench/backends.py --scale 1000000

Prints as its last line one JSON object:
{"scale", "generate_s", "search_p50_ms", "search_p95_ms", "customer_fetch_p95_ms", "rss_mb", ...}
Searches are by e-mail, phone, name and order number of random customers (first touch of a
customer builds its records lazily, which the figures include).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import httpx

from console.demo.population import Population


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=1_000_000)
    ap.add_argument("--searches", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    from console.demo.apps import Backends
    from console.demo.server import DemoBackends

    started = time.perf_counter()
    demo = DemoBackends.__new__(DemoBackends)
    population = Population(seed=args.seed, scale=args.scale, now=datetime(2026, 11, 20, 12, tzinfo=UTC))
    generate_s = time.perf_counter() - started
    demo.population = population
    demo.backends = Backends(population)
    demo.host, demo._server, demo._thread = "127.0.0.1", None, None
    from console.demo.server import free_port

    demo.port = free_port()
    demo.base_url = f"http://127.0.0.1:{demo.port}"
    demo.start()
    rng = random.Random(42)
    client = httpx.Client(
        base_url=demo.base_url, headers={"Authorization": "Bearer demo.agent-ana"}, timeout=30
    )
    search_ms: dict[str, list[float]] = {"email": [], "phone": [], "name": [], "order": []}
    fetch_ms: list[float] = []
    try:
        for n in range(args.searches):
            i = rng.randrange(args.scale)
            sk = population._skeleton(i)
            kind = ("email", "phone", "name", "order")[n % 4]
            if kind == "order" and not sk.orders:
                kind = "email"
            if kind == "email":
                path, params = "/crm/search", {"email": sk.emails[0]}
            elif kind == "phone":
                path, params = "/orders/search", {"phone": sk.phones[0]}
            elif kind == "name":
                path, params = "/crm/search", {"name": sk.name}
            else:
                path, params = "/orders/search", {"order": sk.orders[0][0]}
            t = time.perf_counter()
            r = client.get(path, params=params)
            search_ms[kind].append((time.perf_counter() - t) * 1000)
            r.raise_for_status()
            t = time.perf_counter()
            client.get(f"/crm/customers/C-{i:07d}").raise_for_status()
            fetch_ms.append((time.perf_counter() - t) * 1000)
    finally:
        client.close()
        demo.stop()
    every = [v for vs in search_ms.values() for v in vs]
    try:
        import psutil

        rss_mb = round(psutil.Process().memory_info().rss / 2**20)
    except ImportError:
        rss_mb = None
    result = {
        "scale": args.scale,
        "generate_s": round(generate_s, 1),
        "search_p50_ms": round(statistics.median(every), 2),
        "search_p95_ms": round(pct(every, 0.95), 2),
        "customer_fetch_p95_ms": round(pct(fetch_ms, 0.95), 2),
        "search_p95_by_key_ms": {k: round(pct(v, 0.95), 2) for k, v in search_ms.items() if v},
        "searches": len(every),
        "rss_mb": rss_mb,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
