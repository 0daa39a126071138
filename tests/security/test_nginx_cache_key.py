"""nginx's micro-cache (deploy/nginx.conf.template) keys report PDFs and open-data downloads
without their query string: a random parameter does not reach the app again;
calendar feeds keep it, because they read the timetable's filters.
nginx runs here in front of a small counting server of the test's own, not the app."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed")


class Counting(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        Counting.hits.append(self.path)
        body = b"answer"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=60")  # the test must not race the 1 s default
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1).read()  # noqa: S310 - our own local server
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


@pytest.fixture
def nginx():
    # Not pytest's tmp_path: as root, nginx's workers run as "nobody", who cannot enter it.
    with tempfile.TemporaryDirectory(prefix="nginx-cache-key-") as tmp:
        tmp_path = Path(tmp)
        tmp_path.chmod(0o755)
        yield from _nginx_in(tmp_path)


def _nginx_in(tmp_path: Path):
    backend = ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "micro"):
        (tmp_path / name).mkdir()
        if os.geteuid() == 0:
            shutil.chown(tmp_path / name, user="nobody")
    port = _free_port()
    values = {
        "LISTEN": f"127.0.0.1:{port}",
        "APP": f"127.0.0.1:{backend.server_address[1]}",
        "STATIC_ROOT": str(tmp_path),
        "CACHE_DIR": str(tmp_path),
        "PID": str(tmp_path / "nginx.pid"),
        "LOGS": str(tmp_path),
    }
    conf = subprocess.run(
        [sys.executable, "deploy/render_nginx.py", *(f"{k}={v}" for k, v in values.items())],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (tmp_path / "nginx.conf").write_text(conf)
    server = subprocess.Popen(
        [NGINX, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/warm-up")
        Counting.hits.clear()
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)
        server.stderr.close()
        backend.shutdown()
        backend.server_close()


def _get(url: str) -> None:
    urllib.request.urlopen(url, timeout=5).read()  # noqa: S310 - our own local server


@pytest.mark.parametrize(
    "path",
    [
        "/reports/2015.pdf",
        "/ar/reports/2015.pdf",
        "/data/opendata.zip",
    ],
)
def test_a_random_parameter_is_served_from_the_micro_cache(nginx, path):
    for n in range(3):
        _get(f"{nginx}{path}?r={n}")

    assert Counting.hits == [f"{path}?r=0"]


@pytest.mark.parametrize(
    "path", ["/timetable/", "/calendar/timetable.ics", "/ru/calendar/timetable.ics"]
)
def test_pages_and_feeds_that_read_their_parameters_keep_them_in_the_key(nginx, path):
    _get(f"{nginx}{path}?page=1")
    _get(f"{nginx}{path}?page=2")

    assert Counting.hits == [f"{path}?page=1", f"{path}?page=2"]
