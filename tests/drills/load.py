#!/usr/bin/env python3
"""The long drills: the app as production runs it, under load and under faults.

    .ci/drills        (or: .venv/bin/python tests/drills/load.py [load|faults|disk|blackhole|all])

Production settings (DEBUG=0, a fresh PostgreSQL database loaded with the starter dataset, Redis,
gunicorn with deploy/gunicorn.conf.py and 2 sync workers), only on 127.0.0.1. Five drills:

  crawl   a freshly started server is crawled as a visitor would: every same-site link from the
          home page in English, Russian and Arabic (HTML pages, feeds, downloads, report PDFs)
          and every API list the OpenAPI description names. Any 5xx fails the drill. It is run
          first, on workers that have served nothing yet: a fault that only shows in a new
          process (the footer's UNION once made every page a 500 there) passed the suite.
  load    wrk for 60 s at 32 connections rotating over the main public pages and API lists
          (a wrk Lua script); the error rate (non-2xx/3xx answers + socket errors) must stay
          below 0.1 %.
  faults  the same read load (page cache off, so every request reaches PostgreSQL) plus writers
          revising outcomes and adding action points through the API with a write token; during
          it one gunicorn worker is killed with SIGKILL (the master must start a new one) and
          later PostgreSQL is restarted (the app must answer again without being restarted:
          CONN_HEALTH_CHECKS); writes caught by the restart are answered 503, never 500.
          Afterwards no half-written rows: every outcome's text and version
          equal its last revision, revisions are numbered 1..version without gaps, every action
          point has its history record.
  disk    uploads on a full disk: DOCUMENTS_ROOT on a 1 MiB tmpfs that is filled first; an upload
          through the documents service must fail with a clear message and leave no Document or
          DocumentFile row (needs root for the mount; skipped with a message otherwise).
  blackhole  PostgreSQL behind a TCP black hole of the drill's own (tests/blackhole.py) that
          forwards until it is told to stall, then forwards nothing and swallows what it is sent,
          as a hung host does. Pages and API lists read while it stalls must answer 503 with
          Retry-After within the time-outs (the health check of a kept connection and a new
          connection: twice DB_CONNECT_TIMEOUT), far inside gunicorn's 30 s; /healthz, which
          touches no database, must still answer; when the hole forwards again, so does the app.

Each drill prints its figures; all of them are written to bench/out/drills-report.md and .json.
The exit status is 1 if any promise is broken. The database, port and Redis database can be
changed with DRILL_DB, DRILL_PORT and DRILL_REDIS so that drills do not collide with other runs.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

sys.path.insert(0, str(ROOT))

from run import ACCEPT, ensure_tools, parse_wrk, sh, wait_for  # noqa: E402 - bench/run.py

from tests.blackhole import BlackHole  # noqa: E402

OUT = ROOT / "bench" / "out"
PY = str(ROOT / ".venv" / "bin" / "python")
DB_NAME = os.environ.get("DRILL_DB", "silkroutes_drills")
PORT = int(os.environ.get("DRILL_PORT", "8110"))
BASE = f"http://127.0.0.1:{PORT}"
LOAD_SECONDS = int(os.environ.get("DRILL_SECONDS", "60"))
CONNECTIONS = 32
MAX_ERROR_RATE = 0.001

PATHS = [
    "/",
    "/timetable/",
    "/programme/",
    "/programme/silk-routes-partnership/",
    "/meetings/wg-silk-routes-2016/",
    "/bodies/",
    "/bodies/wg-silk-routes/",
    "/organisations/turkey/",
    "/countries/tr/",
    "/goals/international-protection/",
    "/sources/",
    "/search/?q=migration",
    "/api/v1/projects",
    "/api/v1/meetings",
]

LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
"""

# Run inside `manage.py shell`: a superuser (the Secretariat's rights), a write token, and one
# outcome per writer on a held meeting. Prints JSON.
SETUP = """
import json
from django.contrib.auth import get_user_model
from silkroutes.accounts.services import create_token
from silkroutes.meetings.models import Meeting, MeetingStatus
from silkroutes.outcomes.services import adopt_outcome
user = get_user_model().objects.create_superuser("drill", "drill@example.org", "drill-pass-0192")
meeting = Meeting.objects.filter(status=MeetingStatus.HELD).order_by("pk").first()
_, key = create_token(user, name="drills", scope="write", by=user)
ids = [adopt_outcome(meeting, kind="conclusion", title=f"Drill {n}", text="v1", by=user,
       publish=True).pk for n in range(%d)]
print(json.dumps({"key": key, "outcomes": ids}))
"""

# Run inside `manage.py shell` after the faults: the invariants. Prints JSON.
INVARIANTS = """
import json
from silkroutes.outcomes.models import ActionPoint, Outcome
broken = []
for outcome in Outcome.objects.prefetch_related("revisions"):
    revisions = sorted(outcome.revisions.all(), key=lambda r: r.number)
    numbers = [r.number for r in revisions]
    last = revisions[-1] if revisions else None
    if numbers != list(range(1, outcome.version + 1)):
        broken.append(f"outcome {outcome.pk}: version {outcome.version}, revisions {numbers}")
    elif (last.text, last.title) != (outcome.text, outcome.title):
        broken.append(f"outcome {outcome.pk}: text differs from revision {last.number}")
with_history = set(ActionPoint.history.values_list("id", flat=True))
for point in ActionPoint.objects.exclude(pk__in=with_history):
    broken.append(f"action point {point.pk} has no history record")
print(json.dumps({"broken": broken, "outcomes": Outcome.objects.count(),
                  "action_points": ActionPoint.objects.count()}))
"""


def app_env(page_cache: str | None = None, **extra: str) -> dict:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "drill-only-secret-key-not-for-production-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
        "CONN_MAX_AGE": "600",
        "REDIS_URL": os.environ.get("DRILL_REDIS", "redis://127.0.0.1:6379/13"),
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        # The drills measure the app, not the rate limiter (which answers 429 by design).
        "API_RATE_LIMIT_ANONYMOUS": "10000000/min",
        "API_RATE_LIMIT_TOKEN": "10000000/min",
        "BIND": f"127.0.0.1:{PORT}",
        "WEB_CONCURRENCY": "2",
        # A loaded CI machine can take more than gunicorn's 30 s to import Django in a worker.
        "GUNICORN_TIMEOUT": "120",
        **extra,
    }
    if page_cache is not None:
        env["PAGE_CACHE_SECONDS"] = page_cache
    return env


def shell(code: str, env: dict) -> dict:
    out = sh(PY, "manage.py", "shell", "-v0", "-c", code, env=env, capture=True)
    return json.loads(out.strip().splitlines()[-1])


def prepare_database(env: dict) -> None:
    sh("dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", DB_NAME)
    sh("createdb", "-h", "127.0.0.1", "-U", "postgres", DB_NAME)
    sh(PY, "manage.py", "migrate", "-v0", env=env)
    sh(PY, "manage.py", "load_dataset", "data/silk-routes-2014-2016.yaml", env=env, capture=True)
    sh(PY, "manage.py", "collectstatic", "--no-input", "-v0", env=env)
    redis = env["REDIS_URL"].rsplit("/", 1)
    sh("redis-cli", "-u", redis[0], "-n", redis[1], "flushdb", capture=True)


class Gunicorn:
    def __init__(self, env: dict) -> None:
        self.env = env

    def __enter__(self):
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        try:
            wait_for(f"{BASE}/healthz", seconds=180)  # a busy machine imports Django slowly
        except SystemExit:
            self.log.seek(0)
            print(self.log.read().decode(errors="replace")[-3000:], file=sys.stderr)
            self.__exit__()
            raise
        return self

    def workers(self) -> list[int]:
        out = sh("pgrep", "-P", str(self.process.pid), capture=True, check=False)
        return sorted(int(pid) for pid in out.split())

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_wrk(seconds: int, lua: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            *("wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "10s"),
            *("-H", f"Accept: {ACCEPT}", "-s", str(lua), BASE),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )


def write_lua(directory: Path) -> Path:
    lua = directory / "rotate.lua"
    lua.write_text(LUA % ", ".join(json.dumps(p) for p in PATHS))
    return lua


def check_pages() -> None:
    for path in PATHS:
        request = urllib.request.Request(BASE + path, headers={"Accept": ACCEPT})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                response.read()
        except urllib.error.HTTPError as error:
            raise SystemExit(f"{path} answers {error.code}: fix the drill's URL list") from error


CRAWL_LIMIT = 3000
CRAWL_SKIP = ("/admin/", "/accounts/", "/workspace/", "/static/", "/media/", "mailto:")


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def crawl(starts: list[str]) -> dict:
    """Breadth-first over same-site links; returns the answers by status and every 5xx."""
    seen, queue, statuses, failures = set(starts), list(starts), {}, []
    while queue and len(seen) <= CRAWL_LIMIT:
        path = queue.pop(0)
        request = urllib.request.Request(BASE + path, headers={"Accept": ACCEPT})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                status, kind = response.status, response.headers.get("Content-Type", "")
                body = response.read()
        except urllib.error.HTTPError as error:
            status, kind, body = error.code, "", b""
        statuses[status] = statuses.get(status, 0) + 1
        if status >= 500:
            failures.append(f"{path} answered {status}")
        if "text/html" not in kind:
            continue
        parser = Links()
        parser.feed(body.decode("utf-8", errors="replace"))
        for link in parser.found:
            url = urllib.parse.urlsplit(urllib.parse.urljoin(BASE + path, link))
            if url.netloc != f"127.0.0.1:{PORT}" or url.scheme != "http":
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target not in seen and not any(s in target for s in CRAWL_SKIP):
                seen.add(target)
                queue.append(target)
    return {"visited": sum(statuses.values()), "statuses": statuses, "failures": failures,
            "left_unvisited": len(queue)}  # fmt: skip


def api_lists() -> list[str]:
    with urllib.request.urlopen(f"{BASE}/api/v1/openapi.json", timeout=60) as response:  # noqa: S310
        paths = json.load(response)["paths"]
    return [f"/api/v1{p}" if not p.startswith("/api/") else p
            for p, methods in paths.items() if "get" in methods and "{" not in p]  # fmt: skip


def drill_crawl(report: dict, tmp: Path) -> list[str]:
    env = app_env()
    with Gunicorn(env):
        print("crawl: every link of a fresh server, in en, ru and ar, and the API lists…",
              flush=True)  # fmt: skip
        result = crawl(["/", "/ru/", "/ar/", *api_lists()])
    report["crawl"] = result
    print(f"  {result['visited']} answers {result['statuses']}; {len(result['failures'])} 5xx")
    problems = [f"crawl: {failure}" for failure in result["failures"]]
    if result["visited"] < 100:
        problems.append(f"crawl: only {result['visited']} pages reached")
    return problems


def drill_load(report: dict, tmp: Path) -> list[str]:
    env = app_env()  # production defaults: the anonymous page cache is on
    with Gunicorn(env):
        check_pages()
        print(f"load: wrk {LOAD_SECONDS} s at {CONNECTIONS} connections…", flush=True)
        result = parse_wrk(start_wrk(LOAD_SECONDS, write_lua(tmp)).communicate()[0])
    rate = result["errors"] / max(result["requests"], 1)
    report["load"] = {**result, "error_rate": rate, "seconds": LOAD_SECONDS, "paths": PATHS}
    print(f"  {result['requests']} requests, {result['rps']:.0f}/s, {result['errors']} errors")
    if result["requests"] == 0 or rate >= MAX_ERROR_RATE:
        return [f"load: error rate {rate:.4%} (limit {MAX_ERROR_RATE:.1%})"]
    return []


class Writer(threading.Thread):
    """Revises one outcome and adds action points to it through the API until told to stop,
    counting answers; after a failed request it reads the version again."""

    def __init__(self, key: str, outcome_id: int, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.key, self.outcome_id, self.stop = key, outcome_id, stop
        self.counts: dict[str, int] = {}

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(  # noqa: S310 - loopback
            f"{BASE}/api/v1{path}",
            data=data,
            method=method,
            headers={"Authorization": f"Bearer {self.key}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, {}
        except OSError:
            return 0, {}

    def count(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1

    def run(self) -> None:
        version, n = 1, 0
        while not self.stop.is_set():
            n += 1
            status, _ = self.call(
                "POST",
                f"/outcomes/{self.outcome_id}/revisions",
                {"title": f"Drill {n}", "text": f"text {n}", "expected_version": version},
            )
            self.count(f"revise {status}")
            if status == 201:
                version += 1
            else:
                status, body = self.call("GET", f"/outcomes/{self.outcome_id}")
                version = body.get("version", version)
            status, _ = self.call(
                "POST",
                f"/outcomes/{self.outcome_id}/action_points",
                {"description": f"AP {n}", "owner_body": "wg-silk-routes"},
            )
            self.count(f"action point {status}")


def probe(seconds: float) -> tuple[int, int]:
    """GET a page that reads PostgreSQL for ``seconds``; (answers, failures)."""
    answers = failures = 0
    deadline = time.time() + seconds
    while time.time() < deadline:
        request = urllib.request.Request(  # noqa: S310 - loopback
            f"{BASE}/programme/", headers={"Accept": ACCEPT}
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                answers += response.status == 200
                failures += response.status != 200
        except OSError:
            failures += 1
        time.sleep(0.05)
    return answers, failures


def kill_a_worker(app: Gunicorn) -> dict:
    before = app.workers()
    victim = before[0]
    os.kill(victim, signal.SIGKILL)
    started = time.time()
    while time.time() - started < 30:
        now = app.workers()
        if len(now) == len(before) and victim not in now:
            return {"killed": victim, "workers_before": before, "workers_after": now,
                    "replaced_in_s": round(time.time() - started, 2)}  # fmt: skip
        time.sleep(0.1)
    return {"killed": victim, "workers_before": before, "workers_after": app.workers()}


def restart_postgresql() -> float:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    started = time.time()
    sh("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart", capture=True)
    for _ in range(60):
        if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0:
            break
        time.sleep(0.5)
    return round(time.time() - started, 2)


def drill_faults(report: dict, tmp: Path) -> list[str]:
    env = app_env(page_cache="0")
    setup = shell(SETUP % 4, env)
    stop = threading.Event()
    seconds = 40
    problems = []
    with Gunicorn(env) as app:
        master = app.process.pid
        print(f"faults: {seconds} s of load with 4 API writers…", flush=True)
        load = start_wrk(seconds, write_lua(tmp))
        writers = [Writer(setup["key"], pk, stop) for pk in setup["outcomes"]]
        for writer in writers:
            writer.start()
        time.sleep(8)
        kill = kill_a_worker(app)
        print(f"  kill -9 of worker {kill['killed']}: {kill}", flush=True)
        time.sleep(8)
        pg_seconds = restart_postgresql()
        print(f"  PostgreSQL restarted in {pg_seconds} s", flush=True)
        time.sleep(1)
        answers, failures = probe(5)
        result = parse_wrk(load.communicate()[0])
        stop.set()
        for writer in writers:
            writer.join(timeout=30)
        same_master = app.process.poll() is None and app.process.pid == master
    counts: dict[str, int] = {}
    for writer in writers:
        for key, value in writer.counts.items():
            counts[key] = counts.get(key, 0) + value
    invariants = shell(INVARIANTS, env)
    report["faults"] = {
        "load": result,
        "kill": kill,
        "postgresql_restart_s": pg_seconds,
        "after_restart": {"answers": answers, "failures": failures},
        "same_master": same_master,
        "writes": counts,
        "invariants": invariants,
    }
    print(f"  load: {result['requests']} requests, {result['errors']} errors; writes: {counts}")
    print(f"  after the restart: {answers} answers, {failures} failures; {invariants}")
    if "replaced_in_s" not in kill:
        problems.append("faults: the killed worker was not replaced within 30 s")
    if not same_master:
        problems.append("faults: the gunicorn master did not survive")
    if failures or not answers:
        problems.append(f"faults: {failures} failed requests after the PostgreSQL restart")
    if invariants["broken"]:
        problems.append(f"faults: half-written rows: {invariants['broken'][:5]}")
    if not counts.get("revise 201"):
        problems.append("faults: the writers saved nothing")
    server_errors = {key: n for key, n in counts.items() if key.endswith(" 500")}
    if server_errors:  # an outage is a 503 with Retry-After (core/unavailable.py), never a 500
        problems.append(f"faults: writes answered 500 during the faults: {server_errors}")
    return problems


DISK = """
import json
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from silkroutes.documents import services
from silkroutes.documents.models import Document, DocumentFile
user = get_user_model().objects.get(username="drill")
before = (Document.objects.count(), DocumentFile.objects.count())
upload = SimpleUploadedFile("minutes.pdf", b"%%PDF-1.4\\n" + b"0" * 400_000 + b"\\n%%%%EOF\\n")
try:
    services.create_document(title="Full disk drill", kind="report", access_tier="public",
                             by=user, upload=upload)
    outcome = "stored"
except ValidationError as error:
    outcome = "refused: " + " ".join(error.messages)
except OSError as error:
    outcome = f"OSError: {error}"
after = (Document.objects.count(), DocumentFile.objects.count())
print(json.dumps({"outcome": outcome, "before": before, "after": after}))
"""


def drill_disk(report: dict, tmp: Path) -> list[str]:
    if os.geteuid() != 0:
        print("disk: skipped (mounting a tmpfs needs root)")
        report["disk"] = {"skipped": "not root"}
        return []
    mount = tmp / "documents"
    mount.mkdir()
    sh("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount))
    try:
        subprocess.run(["dd", "if=/dev/zero", f"of={mount}/filler"], capture_output=True)
        env = app_env(DOCUMENTS_ROOT=str(mount))
        if "drill" not in sh(PY, "manage.py", "shell", "-v0", "-c",
                             "from django.contrib.auth.models import User;"
                             "print(' '.join(User.objects.values_list('username', flat=True)))",
                             env=env, capture=True):  # fmt: skip
            shell(SETUP % 0, env)
        result = shell(DISK, env)
        leftovers = sorted(p.name for p in mount.rglob("*") if p.is_file() and p.name != "filler")
    finally:
        sh("umount", str(mount), check=False)
    report["disk"] = {**result, "files_left": leftovers}
    print(f"disk: {result}; files left on the full disk: {leftovers}")
    problems = []
    if not result["outcome"].startswith("refused"):
        problems.append(f"disk: no clear error on a full disk ({result['outcome']})")
    if result["after"] != result["before"]:
        problems.append(f"disk: orphan rows {result['before']} -> {result['after']}")
    return problems


# gunicorn's worker time-out in production (deploy/gunicorn.conf.py); the drills' gunicorn gets
# more only so that a loaded machine can import Django.
WORKER_TIMEOUT_S = 30
# Above the time-outs, for gunicorn, Django and the page's rendering of the 503.
SLACK_S = 2

TIMEOUTS = """
import json
from django.conf import settings
print(json.dumps({"connect_s": settings.DB_CONNECT_TIMEOUT,
                  "statement_ms": settings.DB_STATEMENT_TIMEOUT_MS}))
"""


def timed_get(path: str) -> dict:
    """GET ``path``: its status, Retry-After and seconds (after 60 s it counts as a hang)."""
    request = urllib.request.Request(BASE + path, headers={"Accept": ACCEPT})  # noqa: S310
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            status, retry_after = response.status, response.headers.get("Retry-After")
    except urllib.error.HTTPError as error:
        status, retry_after = error.code, error.headers.get("Retry-After")
    except OSError as error:
        status, retry_after = f"no answer ({error})", None
    seconds = round(time.monotonic() - started, 2)
    return {"path": path, "status": status, "retry_after": retry_after, "seconds": seconds}


def warm_up_every_worker(paths: list[str]) -> list[dict]:
    """Requests at once, so that each worker makes and keeps its connection (CONN_MAX_AGE)."""
    answers: list[dict] = []
    threads = [threading.Thread(target=lambda p=p: answers.append(timed_get(p))) for p in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def blackhole_problems(result: dict) -> list[str]:
    limit = result["limit_s"]
    problems = [f"blackhole: {a['path']} answered {a['status']} before the stall" for a in
                result["before"] if a["status"] != 200]  # fmt: skip
    for answer in result["stalled"]:
        wanted = 200 if answer["path"] == "/healthz" else 503
        if answer["status"] != wanted or answer["seconds"] > limit:
            problems.append(f"blackhole: {answer} (wanted {wanted} within {limit} s)")
        elif wanted == 503 and not answer["retry_after"]:
            problems.append(f"blackhole: {answer['path']} answered 503 without Retry-After")
    if result["after_resume"]["status"] != 200:
        problems.append(f"blackhole: after the stall {result['after_resume']}")
    if limit >= WORKER_TIMEOUT_S:
        problems.append(f"blackhole: time-outs of {limit} s reach gunicorn's {WORKER_TIMEOUT_S} s")
    return problems


def drill_blackhole(report: dict, tmp: Path) -> list[str]:
    pages = ["/programme/", "/api/v1/projects"]
    with BlackHole(upstream=("127.0.0.1", 5432), give_up=900) as hole:
        database = f"postgres://postgres@127.0.0.1:{hole.port}/{DB_NAME}"
        env = app_env(page_cache="0", DATABASE_URL=database)
        timeouts = shell(TIMEOUTS, env)
        # A kept connection: its health check and then a new connection each get the connect
        # time-out (silkroutes/core/postgresql/base.py).
        limit = 2 * timeouts["connect_s"] + SLACK_S
        with Gunicorn(env):
            before = warm_up_every_worker(pages * 4)
            print(f"blackhole: stalled; each answer within {limit} s…", flush=True)
            hole.stall()
            stalled = [timed_get(path) for path in [*pages, *pages, "/healthz", *pages]]
            for answer in stalled:
                print(f"  {answer}", flush=True)
            hole.resume()
            after_resume = timed_get("/programme/")
    result = {**timeouts, "limit_s": limit, "worker_timeout_s": WORKER_TIMEOUT_S,
              "before": before, "stalled": stalled, "after_resume": after_resume}  # fmt: skip
    report["blackhole"] = result
    print(f"  after the stall: {after_resume}")
    return blackhole_problems(result)


def render_blackhole(result: dict) -> list[str]:
    lines = [
        "## Black hole",
        "",
        f"PostgreSQL behind a TCP black hole that stops answering after each worker has made its "
        f"connection. DB_CONNECT_TIMEOUT {result['connect_s']} s, DB_STATEMENT_TIMEOUT_MS "
        f"{result['statement_ms']}; every answer due within {result['limit_s']} s "
        f"(gunicorn's worker time-out: {result['worker_timeout_s']} s). In order:",
        "",
        "| request | status | Retry-After | seconds |",
        "|---|---|---|---|",
    ]
    for answer in result["stalled"]:
        lines.append(
            f"| {answer['path']} | {answer['status']} | {answer['retry_after'] or ''} | "
            f"{answer['seconds']} |"
        )
    resumed = result["after_resume"]
    lines += ["", f"When the hole forwards again: {resumed['path']} {resumed['status']} in "
              f"{resumed['seconds']} s.", ""]  # fmt: skip
    return lines


def render(report: dict, problems: list[str]) -> str:
    lines = ["# Drills report", "", f"Written by `tests/drills/load.py`, {time.ctime()}.", ""]
    if "load" in report:
        load = report["load"]
        lines += [
            "## Load",
            "",
            f"{load['seconds']} s, {CONNECTIONS} connections, {len(PATHS)} URLs in rotation "
            "(public pages and API lists), production settings, 2 gunicorn workers.",
            "",
            "| requests | per second | p50 | p90 | p99 | errors | error rate |",
            "|---|---|---|---|---|---|---|",
            f"| {load['requests']} | {load['rps']:.0f} | {load['p50_ms']} ms | "
            f"{load['p90_ms']} ms | {load['p99_ms']} ms | {load['errors']} | "
            f"{load['error_rate']:.4%} |",
            "",
        ]
    if "crawl" in report:
        crawl = report["crawl"]
        lines += ["## Crawl", "", f"A fresh server: {crawl['visited']} answers by status "
                  f"{crawl['statuses']}; {len(crawl['failures'])} server errors.", ""]  # fmt: skip
        lines += [f"- {failure}" for failure in crawl["failures"]] + [""] * bool(crawl["failures"])
    for name in ("faults", "disk"):
        if name in report:
            lines += [f"## {name.capitalize()}", "", "```json", json.dumps(report[name], indent=2),
                      "```", ""]  # fmt: skip
    if "blackhole" in report:
        lines += render_blackhole(report["blackhole"])
    lines += ["## Verdict", ""] + ([f"- BROKEN: {p}" for p in problems] or ["All promises held."])
    return "\n".join(lines) + "\n"


def main() -> int:
    which = sys.argv[1] if len(sys.argv) > 1 else "all"
    drills = {
        "crawl": drill_crawl,
        "load": drill_load,
        "faults": drill_faults,
        "disk": drill_disk,
        "blackhole": drill_blackhole,
    }
    chosen = list(drills) if which == "all" else [which]
    ensure_tools()
    OUT.mkdir(parents=True, exist_ok=True)
    if os.environ.get("DRILL_REUSE_DB") != "1":  # 1: keep the database of the last run
        prepare_database(app_env())
    report: dict = {"machine": {"cores": os.cpu_count()}}
    problems: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="silkroutes-drills-"))
    try:
        for name in chosen:
            problems += drills[name](report, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    (OUT / "drills-report.json").write_text(json.dumps({**report, "problems": problems}, indent=2))
    markdown = render(report, problems)
    (OUT / "drills-report.md").write_text(markdown)
    print(markdown)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
