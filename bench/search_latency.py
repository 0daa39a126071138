#!/usr/bin/env python3
"""Search latency as a visitor meets it: 20 typical queries through the portal's search page, in
this process (Django's test client, no server), against the database of DATABASE_URL.

    DATABASE_URL=postgres://… .venv/bin/python bench/search_latency.py [--rounds 5]

Prints each query's median and the p95 over all requests. bench/run.py uses ``measure``.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

QUERIES = [
    "migration",
    "Tehran",
    "DESIR",
    "Croatia",
    "Turkey",
    "Black Sea",
    "Bridging Measures",
    "Silk Routes",
    "labour migration",
    "readmission",
    "working group",
    "Afghanistan",
    "Budapest Process",
    "return",
    "synthetic",
    "synthetic meeting",
    "meeting 1234",
    "project 17",
    "City 42",
    "organisation 9",
]


def measure(client, queries=QUERIES, rounds: int = 5) -> dict:
    """Milliseconds per query (median) and the p95 over every request; one warm-up each."""
    timings: dict[str, list[float]] = {}
    for query in queries:
        client.get("/search/", {"q": query})
    for _ in range(rounds):
        for query in queries:
            started = time.perf_counter()
            response = client.get("/search/", {"q": query})
            timings.setdefault(query, []).append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (query, response.status_code)
    every = [ms for values in timings.values() for ms in values]
    return {
        "p95_ms": statistics.quantiles(every, n=20)[18],
        "median_ms": {query: statistics.median(values) for query, values in timings.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
    import django

    django.setup()
    from django.test import Client

    result = measure(Client(HTTP_HOST="127.0.0.1"), rounds=args.rounds)
    for query, ms in result["median_ms"].items():
        print(f"  {query:<20} {ms:8.1f} ms")
    print(f"p95 over {args.rounds} rounds of {len(QUERIES)} queries: {result['p95_ms']:.1f} ms")


if __name__ == "__main__":
    main()
