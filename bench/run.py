#!/usr/bin/env python3
"""The benchmark: the app as production runs it, measured against this machine's limits.

    make bench            (or: .venv/bin/python bench/run.py [--scale 100] [--quick])

It installs nginx and wrk from Debian when missing, creates a fresh PostgreSQL database, loads the
starter dataset, starts gunicorn (2 sync workers, DEBUG off, Redis cache) and nginx with the
repository's own configuration (deploy/), and measures against 127.0.0.1 what a visitor meets:
  - every page and API list three times over: cold (the cache emptied before each request), after
    one change (a meeting edited in the database, then each page once: its cache is stale), and
    cached (the page cache warm); with the SQL queries each costs;
  - the 200-meeting timetable on one page (?page_size=200) and its JSON, the same three ways;
  - the OpenAPI document and stored files (the report PDF, a download), served warm;
  - throughput with 16 connections, uncached, with the app's page cache, and through nginx with
    its micro-cache, against the machine's limits (a minimal Django view, nginx serving a static
    file of each page's size);
  - the same pages after ``generate_dataset --scale N`` (the generator's rate too), search
    latency (p95 of 20 typical queries, cold, bench/search_latency.py) and the workers' resident
    memory after all that.
It writes bench/out/report.md and bench/out/report.json, and prints the report. It is not part of
the test suite and asserts nothing: it reports each target of issue 12 as met or missed, by how
much.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from search_latency import QUERIES  # bench/search_latency.py

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = str(ROOT / ".venv" / "bin" / "python")
APP_PORT, NGINX_PORT = 8100, 8180
DB_NAME = "silkroutes_bench"
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

PAGES = [
    ("home", "/"),
    ("timetable", "/timetable/"),
    ("programme", "/programme/"),
    ("project", "/programme/silk-routes-partnership/"),
    ("meeting", "/meetings/wg-silk-routes-2016/"),
    ("bodies", "/bodies/"),
    ("body", "/bodies/wg-silk-routes/"),
    ("organisation", "/organisations/turkey/"),
    ("country", "/countries/tr/"),
    ("goal", "/goals/international-protection/"),
    ("sources", "/sources/"),
    ("search", "/search/?q=migration"),
    ("organisations", "/organisations/"),
    ("countries", "/countries/"),
    ("partnerships", "/partnerships/"),
    ("funding", "/programme-funding/"),
    ("funding-gaps", "/programme-funding/gaps/"),
    ("results", "/results/"),
    ("coverage", "/coverage/"),
    ("report", "/reports/2015/"),
    ("calendar", "/calendar/timetable.ics"),
    ("api-projects", "/api/v1/projects"),
    ("api-meetings", "/api/v1/meetings"),
    ("api-organisations", "/api/v1/organisations"),
    ("api-documents", "/api/v1/documents"),
    ("api-outcomes", "/api/v1/outcomes"),
]
# The 200-meeting timetable on one page and its JSON, measured after ``generate_dataset --scale 1``.
TIMETABLE_200 = [
    ("timetable-200", "/timetable/?page_size=200"),
    ("api-meetings-200", "/api/v1/meetings?page_size=200"),
]
# Served from what is stored (per data version): measured warm.
STORED = [
    ("openapi", "/api/v1/openapi.json"),
    ("report-pdf", "/reports/2015.pdf"),
    ("download-xlsx", "/data/programme.xlsx"),
]
REDIS_DB = 14
EDITED_MEETING = "wg-silk-routes-2016"


def sh(*args: str, env: dict | None = None, check: bool = True, capture: bool = False) -> str:
    result = subprocess.run(args, env=env, check=check, text=True, capture_output=capture, cwd=ROOT)
    return result.stdout if capture else ""


def ensure_tools() -> None:
    missing = [
        pkg for tool, pkg in (("wrk", "wrk"), ("nginx", "nginx-light")) if not shutil.which(tool)
    ]
    if missing:
        print(f"installing {' '.join(missing)} from Debian…", flush=True)
        sh("apt-get", "update", "-qq")
        sh(
            "apt-get",
            "install",
            "-y",
            "-qq",
            *missing,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )


def app_env(page_cache: int) -> dict:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
        "CONN_MAX_AGE": "600",
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "PAGE_CACHE_SECONDS": str(page_cache),
        "API_RATE_LIMIT_ANONYMOUS": "1000000/min",
        "BIND": f"127.0.0.1:{APP_PORT}",
        "WEB_CONCURRENCY": "2",
    }


def prepare_database(env: dict) -> None:
    sh("dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB_NAME)
    sh("createdb", "-h", "127.0.0.1", "-U", "postgres", DB_NAME)
    sh(PY, "manage.py", "migrate", "-v0", env=env)
    sh(PY, "manage.py", "load_dataset", "data/silk-routes-2014-2016.yaml", env=env)
    sh(PY, "manage.py", "collectstatic", "--no-input", "-v0", env=env)


class Server:
    def __init__(self, env: dict, static_root: str) -> None:
        self.env, self.static_root = env, static_root
        self.tmp = Path(tempfile.mkdtemp(prefix="silkroutes-bench-"))

    def __enter__(self):
        self.gunicorn = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            # A file, not a pipe: nobody reads a pipe while the benchmark runs, and a full one
            # (tracebacks of failing pages) would block the workers until the client times out.
            stderr=(self.tmp / "gunicorn.log").open("w"),
        )
        # As root, nginx's workers run as "nobody": they must be able to enter the directory
        # and write their temporary files and cache.
        self.tmp.chmod(0o755)
        for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "micro", "files"):
            (self.tmp / name).mkdir()
            if os.geteuid() == 0:
                shutil.chown(self.tmp / name, user="nobody")
        conf = sh(
            sys.executable,
            "deploy/render_nginx.py",
            f"LISTEN={NGINX_PORT}",
            f"APP=127.0.0.1:{APP_PORT}",
            f"STATIC_ROOT={self.static_root}",
            f"CACHE_DIR={self.tmp}",
            f"PID={self.tmp}/nginx.pid",
            f"LOGS={self.tmp}",
            capture=True,
        )
        (self.tmp / "nginx.conf").write_text(conf)
        sh("nginx", "-c", str(self.tmp / "nginx.conf"), "-p", str(self.tmp))
        try:
            wait_for(f"http://127.0.0.1:{APP_PORT}/healthz")
            wait_for(f"http://127.0.0.1:{NGINX_PORT}/healthz")
        except BaseException:
            self.__exit__(None, None, None)  # stop nginx and gunicorn, do not leave them running
            raise
        return self

    def worker_rss_mb(self) -> list[float]:
        children = sh("pgrep", "-P", str(self.gunicorn.pid), capture=True, check=False).split()
        sizes = []
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            match = re.search(r"VmRSS:\s+(\d+) kB", status)
            if match:
                sizes.append(int(match.group(1)) / 1024)
        return sizes

    def __exit__(self, *exc):
        sh(
            "nginx",
            "-c",
            str(self.tmp / "nginx.conf"),
            "-p",
            str(self.tmp),
            "-s",
            "quit",
            check=False,
        )
        self.gunicorn.send_signal(signal.SIGTERM)
        try:
            self.gunicorn.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.gunicorn.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def fetch(url: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept": ACCEPT})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
        return response.status, response.read()


def wrk(url: str, connections: int, seconds: int) -> dict:
    threads = 1 if connections == 1 else 2
    out = sh(
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "10s",
        "-H",
        f"Accept: {ACCEPT}",
        url,
        capture=True,
    )
    return parse_wrk(out)


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse_wrk(out: str) -> dict:
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for label, key in (("50%", "p50_ms"), ("99%", "p99_ms"), ("90%", "p90_ms")):
        match = re.search(rf"{re.escape(label)}\s+([\d.]+)(us|ms|s)\b", out)
        result[key] = _ms(*match.groups()) if match else None
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["errors"] = (int(errors.group(1)) if errors else 0) + (
        sum(int(x) for x in socket.groups()) if socket else 0
    )
    requests = re.search(r"(\d+) requests in", out)
    result["requests"] = int(requests.group(1)) if requests else 0
    return result


def empty_cache() -> None:
    """FLUSHDB on the app's Redis database (the RESP protocol by hand: no client needed)."""
    db = str(REDIS_DB)
    command = f"*2\r\n$6\r\nSELECT\r\n${len(db)}\r\n{db}\r\n*1\r\n$7\r\nFLUSHDB\r\n"
    with socket.create_connection(("127.0.0.1", 6379), timeout=5) as connection:
        connection.sendall(command.encode())
        replies = b""
        while replies.count(b"\r\n") < 2:
            replies += connection.recv(64)
    if replies != b"+OK\r\n+OK\r\n":
        raise SystemExit(f"Redis did not empty the cache: {replies!r}")


def timed(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    try:
        status, _body = fetch(url)
    except urllib.error.HTTPError as error:
        status = error.code
    return (time.perf_counter() - started) * 1000, status


def edit_one_meeting(env: dict, round_: int) -> None:
    """One change as an editor makes it: a meeting's description saved in a transaction."""
    code = (
        "from django.db import transaction; from silkroutes.meetings.models import Meeting\n"
        "with transaction.atomic():\n"
        f"    m = Meeting.objects.get(slug={EDITED_MEETING!r})\n"
        "    base = (m.description_en or '').split(' [bench edit')[0]\n"
        f"    m.description_en = base + ' [bench edit {round_}]'\n"
        "    m.save()\n"
    )
    sh(PY, "manage.py", "shell", "-v0", "-c", code, env=env)


def three_figures(base: str, pages: list, env: dict, rounds: int) -> dict:
    """Median milliseconds per page: cold, after one change, cached."""
    cold: dict[str, list] = {name: [] for name, _ in pages}
    changed: dict[str, list] = {name: [] for name, _ in pages}
    cached: dict[str, list] = {name: [] for name, _ in pages}
    statuses: dict[str, int] = {}
    for _ in range(rounds):
        for name, path in pages:
            empty_cache()
            ms, statuses[name] = timed(base + path)
            cold[name].append(ms)
    for round_ in range(rounds):
        edit_one_meeting(env, round_)
        for name, path in pages:
            changed[name].append(timed(base + path)[0])
    for name, path in pages:
        for _ in range(max(rounds, 5)):
            cached[name].append(timed(base + path)[0])
    results = {}
    for name, path in pages:
        results[name] = {
            "path": path,
            "status": statuses[name],
            "cold_ms": statistics.median(cold[name]),
            "changed_ms": statistics.median(changed[name]),
            "cached_ms": statistics.median(cached[name]),
        }
        print(
            f"  {name:<17} cold {results[name]['cold_ms']:7.1f} ms, after a change "
            f"{results[name]['changed_ms']:7.1f} ms, cached {results[name]['cached_ms']:6.1f} ms"
            + ("" if statuses[name] == 200 else f"  (status {statuses[name]})"),
            flush=True,
        )
    return results


def search_p95(base: str, rounds: int) -> float:
    """p95 of the 20 typical queries, each with the cache emptied first (a new query)."""
    timings = []
    for _ in range(rounds):
        for query in QUERIES:
            empty_cache()
            timings.append(timed(f"{base}/search/?{urllib.parse.urlencode({'q': query})}")[0])
    return statistics.quantiles(timings, n=20)[18]


def generator_rate(output: str) -> float | None:
    match = re.search(r"\(([\d,]+)/s\)", output)
    return float(match.group(1).replace(",", "")) if match else None


def query_counts(env: dict, pages: list = PAGES) -> dict:
    code = (
        "import json; from django.test import Client; from django.db import connection;"
        "from django.test.utils import CaptureQueriesContext;"
        f"pages={json.dumps(pages)}; c=Client(HTTP_HOST='127.0.0.1'); out={{}}\n"
        "for name, path in pages:\n"
        "    with CaptureQueriesContext(connection) as q: r=c.get(path, HTTP_ACCEPT='text/html')\n"
        "    out[name]=[r.status_code, len(q.captured_queries)]\n"
        "print(json.dumps(out))"
    )
    shell_env = {**env, "PAGE_CACHE_SECONDS": "0"}
    out = sh(PY, "manage.py", "shell", "-v0", "-c", code, env=shell_env, capture=True)
    return json.loads(out.strip().splitlines()[-1])


def throughput(base: str, seconds: int, names: list[str]) -> dict:
    results = {}
    for name, path in PAGES:
        if name in names:
            results[name] = wrk(base + path, 16, seconds)["rps"]
    return results


def static_limit(server: Server, sizes: dict[str, int], seconds: int) -> dict:
    static_dir = Path(server.static_root) / "bench"
    static_dir.mkdir(parents=True, exist_ok=True)
    limits = {}
    for name, size in sizes.items():
        (static_dir / f"{name}.html").write_bytes(b"x" * size)
        limits[name] = wrk(f"http://127.0.0.1:{NGINX_PORT}/static/bench/{name}.html", 16, seconds)[
            "rps"
        ]
    shutil.rmtree(static_dir, ignore_errors=True)
    return limits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=8, help="duration of each wrk run")
    parser.add_argument("--rounds", type=int, default=5, help="requests per page and figure")
    parser.add_argument("--quick", action="store_true", help="3-second runs, scale 10, 3 rounds")
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.scale, args.rounds = 3, 10, 3
    ensure_tools()
    OUT.mkdir(parents=True, exist_ok=True)
    env = app_env(page_cache=0)
    prepare_database(env)
    static_root = sh(
        PY,
        "-c",
        "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE',"
        "'config.settings'); import django; django.setup();"
        "from django.conf import settings; print(settings.STATIC_ROOT)",
        env=env,
        capture=True,
    ).strip()
    report: dict = {
        "machine": {"cores": os.cpu_count()},
        "seconds_per_run": args.seconds,
        "scale": args.scale,
        "rounds": args.rounds,
    }
    app = f"http://127.0.0.1:{APP_PORT}"
    nginx = f"http://127.0.0.1:{NGINX_PORT}"
    main_pages = ["home", "timetable", "programme", "project", "meeting", "api-projects"]
    cached_env = app_env(page_cache=300)

    print("starter dataset: cold, after one change, cached:", flush=True)
    with Server(cached_env, static_root) as server:
        report["starter"] = three_figures(app, PAGES, cached_env, args.rounds)
        report["stored"] = three_figures(app, STORED, cached_env, args.rounds)
        report["hello"] = {
            **wrk(f"{app}/healthz", 1, args.seconds),
            "rps16": wrk(f"{app}/healthz", 16, args.seconds)["rps"],
        }
        report["throughput_app_cache"] = throughput(app, args.seconds, main_pages)
        report["throughput_nginx"] = throughput(nginx, args.seconds, main_pages)
        sizes = {name: len(fetch(app + path)[1]) for name, path in PAGES if name in main_pages}
        report["static_limit"] = static_limit(server, sizes, args.seconds)
    with Server(env, static_root):
        report["throughput_uncached"] = throughput(app, args.seconds, main_pages)
    report["queries_starter"] = query_counts(env)

    print("the timetable with 200 more meetings (scale 1), on one page:", flush=True)
    sh(PY, "manage.py", "generate_dataset", "--scale", "1", env=env, capture=True)
    with Server(cached_env, static_root):
        report["timetable_200"] = three_figures(app, TIMETABLE_200, cached_env, args.rounds)
    report["queries_timetable_200"] = query_counts(env, TIMETABLE_200)
    sh(PY, "manage.py", "generate_dataset", "--remove", env=env, capture=True)

    print(f"scale {args.scale}: generating…", flush=True)
    started = time.perf_counter()
    out = sh(PY, "manage.py", "generate_dataset", "--scale", str(args.scale), env=env, capture=True)
    report["generate"] = {
        "output": out.strip(),
        "seconds": time.perf_counter() - started,
        "records_per_s": generator_rate(out),
    }
    with Server(cached_env, static_root) as server:
        report["scaled"] = three_figures(app, PAGES, cached_env, args.rounds)
        report["search_p95_ms_scaled"] = search_p95(app, args.rounds)
        report["worker_rss_mb"] = server.worker_rss_mb()
    report["queries_scaled"] = query_counts(env)

    (OUT / "report.json").write_text(json.dumps(report, indent=2))
    from report import render  # bench/report.py

    markdown = render(report)
    (OUT / "report.md").write_text(markdown)
    print(markdown)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
