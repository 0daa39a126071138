"""`make run` serves as production does; `make dev` keeps the debug server. Read from what make
would run (`make -n`), and the settings checked with the environment it gives the server."""

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def planned(target: str) -> list[str]:
    """The commands `make <target>` would run on a fresh machine (-B: as if nothing were made)."""
    # Run as from a shell, not from inside `make test`: a parent make's MAKEFLAGS and MAKELEVEL
    # would add "Entering/Leaving directory" lines to what is printed.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", target, "PORT=8123"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


def environment_of(command: str) -> dict[str, str]:
    words = shlex.split(command)
    return dict(word.split("=", 1) for word in words if "=" in word and not word.startswith("-"))


def test_make_run_serves_with_gunicorn_debug_off_and_a_key_of_its_own():
    commands = planned("run")
    server = commands[-1]
    collect = next(c for c in commands if "collectstatic" in c)
    make_key = next(c for c in commands if "secrets.token_urlsafe" in c)

    assert ".venv/bin/gunicorn" in server
    assert "--bind 127.0.0.1:8123" in server
    assert not any("runserver" in c for c in commands)
    env = environment_of(server)
    assert env["DEBUG"] == "0"
    assert env["SECRET_KEY_FILE"] == "var/secret_key"
    assert {"127.0.0.1", "localhost"} <= set(env["ALLOWED_HOSTS"].split(","))
    assert environment_of(collect) == env  # static files collected as the server reads them
    assert commands.index(collect) < commands.index(server)
    assert make_key.startswith("umask 077")  # readable by its owner only
    assert any("load_dataset data/silk-routes-2014-2016.yaml" in c for c in commands)


def test_make_dev_keeps_the_debug_server():
    commands = planned("dev")

    assert commands[-1] == ".venv/bin/python manage.py runserver 127.0.0.1:8123"
    assert "DEBUG=0" not in commands[-1]


def test_the_settings_make_run_gives_are_productions(tmp_path):
    server = planned("run")[-1]
    key_file = tmp_path / "secret_key"
    key_file.write_text("a-key-made-for-this-test-" + "x" * 40 + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env |= environment_of(server) | {"SECRET_KEY_FILE": str(key_file)}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"

    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.DEBUG, s.SECRET_KEY[:25], s.STORAGES['staticfiles']['BACKEND'])",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()

    assert shown == [
        "False",
        "a-key-made-for-this-test-",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]
