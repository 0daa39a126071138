"""The app server and the task worker run under systemd (deploy/*.service): restarted whenever
they end (a killed gunicorn master left the site down), as their own user, with an environment
file and a sandbox (hostile-input review, low item 6)."""

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLED_AT = "/srv/silkroutes"
UNITS = ["silkroutes-web.service", "silkroutes-worker.service"]


def _unit(name: str) -> configparser.ConfigParser:
    unit = configparser.ConfigParser(interpolation=None, strict=True)
    unit.optionxform = str  # systemd's keys are case-sensitive
    unit.read_string((ROOT / "deploy" / name).read_text(encoding="utf-8"))
    return unit


@pytest.mark.parametrize("name", UNITS)
def test_each_unit_restarts_always_as_its_own_user_in_a_sandbox(name):
    service = _unit(name)["Service"]

    assert service["Restart"] == "always"
    assert service["User"] == service["Group"] == "silkroutes"
    assert service["EnvironmentFile"] == "/etc/silkroutes/silkroutes.env"
    assert service["NoNewPrivileges"] == "yes"
    assert service["ProtectSystem"] == "strict"
    assert service["ProtectHome"] == service["PrivateTmp"] == "yes"
    assert service["CapabilityBoundingSet"] == ""
    assert _unit(name)["Unit"]["StartLimitIntervalSec"] == "0"  # never gives up


@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("silkroutes-web.service", ["gunicorn", "-c", "deploy/gunicorn.conf.py"]),
        ("silkroutes-worker.service", ["python", "manage.py", "db_worker"]),
    ],
)
def test_each_unit_runs_files_of_the_checkout(name, command):
    words = _unit(name)["Service"]["ExecStart"].split()
    in_checkout = [
        ROOT / word.removeprefix(INSTALLED_AT + "/") for word in words if word.startswith("/")
    ]

    assert [Path(word).name for word in words] == [Path(part).name for part in command]
    assert all(word.startswith(INSTALLED_AT + "/") for word in words if word.startswith("/"))
    assert [path for path in in_checkout if not path.exists()] == []


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_systemd_analyze_verify_finds_nothing_to_say(tmp_path):
    """On copies that point at this checkout (verify checks that the commands exist)."""
    copies = []
    for name in UNITS:
        text = (ROOT / "deploy" / name).read_text(encoding="utf-8")
        copy = tmp_path / name
        copy.write_text(text.replace(INSTALLED_AT, str(ROOT)), encoding="utf-8")
        copies.append(str(copy))

    result = subprocess.run(
        ["systemd-analyze", "verify", *copies], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
