"""nginx in front of gunicorn, as deployed (deploy/nginx.conf.template, deploy/gunicorn.conf.py),
started on ports of this machine: the answers gunicorn makes itself (a request line or headers it
refuses) carry the security headers too, and the application's own are not doubled
(hostile-input review, low item 5)."""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)

pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is not installed")

GUNICORNS_OWN = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen) -> None:
    """Until the server answers (a busy machine imports Django slowly) or its process ends."""
    while process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - a local URL of ours
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the server behind {url} ended with {process.returncode}")


def _nginx_conf(tmp: Path, listen: int, app: int) -> Path:
    tmp.mkdir(mode=0o755)
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "micro", "static"):
        (tmp / name).mkdir()
        if os.geteuid() == 0:  # nginx's workers run as "nobody"
            shutil.chown(tmp / name, user="nobody")
    values = {
        "LISTEN": listen,
        "APP": f"127.0.0.1:{app}",
        "STATIC_ROOT": tmp / "static",
        "CACHE_DIR": tmp,
        "PID": tmp / "nginx.pid",
        "LOGS": tmp,
    }
    rendered = subprocess.run(
        [sys.executable, "deploy/render_nginx.py", *(f"{k}={v}" for k, v in values.items())],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    conf = tmp / "nginx.conf"
    conf.write_text(rendered.stdout)
    return conf


@pytest.fixture(scope="module")
def nginx_dir():
    """A directory nginx's workers (``nobody`` when root starts nginx) can enter: pytest's own
    are closed to other users."""
    directory = Path(tempfile.mkdtemp(prefix="silkroutes-nginx-"))
    directory.chmod(0o755)
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def nginx_conf(nginx_dir):
    return _nginx_conf(nginx_dir / "check", _free_port(), _free_port())


def test_the_rendered_configuration_passes_nginx_t(nginx_conf):
    result = subprocess.run(
        [NGINX, "-t", "-c", str(nginx_conf), "-p", str(nginx_conf.parent)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def site(nginx_dir):
    """gunicorn with deploy/gunicorn.conf.py (one worker, production settings) and nginx in
    front of it; both stopped at the end."""
    listen, app = _free_port(), _free_port()
    conf = _nginx_conf(nginx_dir / "site", listen, app)
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "nginx-test-only-secret-key-0123456789abcdef0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        "BIND": f"127.0.0.1:{app}",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_TIMEOUT": "120",
    }
    gunicorn = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    nginx = [NGINX, "-c", str(conf), "-p", str(conf.parent)]
    try:
        _wait_for(f"http://127.0.0.1:{app}/healthz", gunicorn)
        started = subprocess.run(nginx, capture_output=True, text=True, check=False)
        assert started.returncode == 0, started.stderr
        yield listen
    finally:
        subprocess.run([*nginx, "-s", "quit"], check=False, capture_output=True)
        gunicorn.send_signal(signal.SIGTERM)
        try:
            gunicorn.wait(timeout=30)
        except subprocess.TimeoutExpired:
            gunicorn.kill()


def _get(port: int, path: str, headers: dict[str, str] | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response.status, response.msg
    finally:
        connection.close()


def _security_headers(msg) -> dict[str, list[str]]:
    return {name: msg.get_all(name) for name in GUNICORNS_OWN}


def test_gunicorns_own_431_carries_the_security_headers(site):
    """gunicorn refuses more than 100 header fields itself; nginx lets them through."""
    many = {f"X-Probe-{n}": "1" for n in range(120)}

    status, msg = _get(site, "/", many)

    assert status == 431
    assert _security_headers(msg) == {name: [value] for name, value in GUNICORNS_OWN.items()}


@pytest.mark.parametrize("length", [5000, 8100, 9000])
def test_a_url_too_long_is_a_414_with_the_security_headers(site, length):
    """gunicorn refuses a request line over 4094 bytes, nginx one over its 8 kB buffer; between
    the two, nginx's micro-cache key overflowed its buffer (a 500)."""
    status, msg = _get(site, "/" + "a" * length)

    assert status == 414
    assert _security_headers(msg) == {name: [value] for name, value in GUNICORNS_OWN.items()}


def test_the_applications_own_headers_are_not_doubled(site):
    status, msg = _get(site, "/healthz")

    assert status == 200
    policies = msg.get_all("Content-Security-Policy")
    assert len(policies) == 1
    assert "default-src 'self'" in policies[0]
    assert msg.get_all("X-Frame-Options") == ["DENY"]
    assert msg.get_all("X-Content-Type-Options") == ["nosniff"]
