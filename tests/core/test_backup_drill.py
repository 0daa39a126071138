"""The restore drill: back up a running instance (database + uploaded files), restore it into an
empty one, and compare every table's row count and every file's checksum — 100% equal."""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def counts_and_files(env: dict) -> dict:
    code = (
        "import json; from pathlib import Path; from django.conf import settings;"
        "from silkroutes.core.backup import table_counts, file_checksums;"
        "print(json.dumps({'tables': table_counts(),"
        " 'files': file_checksums(Path(settings.MEDIA_ROOT))}))"
    )
    return json.loads(manage(env, "shell", "-v0", "-c", code).strip().splitlines()[-1])


def postgres_available() -> bool:
    return (
        shutil.which("createdb") is not None
        and subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0
    )


def instance(tmp_path: Path, name: str, engine: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        MEDIA_ROOT=str(tmp_path / name / "media"),
        PAGE_CACHE_SECONDS="0",
        # Shared by the instances of one test, as on a real server it outlives the database.
        ANONYMISATION_LEDGER=str(tmp_path / "anonymisations.jsonl"),
    )
    if engine == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / name / 'db.sqlite3'}"
        (tmp_path / name).mkdir()
    else:
        database = f"drill_{name}_{uuid.uuid4().hex[:8]}"
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{database}"
        env["_DRILL_DB"] = database
    return env


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_backup_restores_into_an_empty_instance_with_every_row_and_file(tmp_path, engine):
    if engine == "postgresql" and not postgres_available():
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1 (CI starts it)")
    source = instance(tmp_path, "source", engine)
    target = instance(tmp_path, "target", engine)
    try:
        manage(source, "migrate", "-v0")
        manage(source, "load_dataset", "data/silk-routes-2014-2016.yaml")
        uploads = Path(source["MEDIA_ROOT"]) / "documents"
        uploads.mkdir(parents=True)
        (uploads / "a1b2.pdf").write_bytes(b"%PDF-1.4 drill file\n" * 100)
        (uploads / "c3d4.txt").write_text("Conclusions — Заключения — استنتاجات", "utf-8")
        archive = tmp_path / "backup.tar.gz"

        manage(source, "backup", str(archive))
        output = manage(target, "restore", str(archive))

        assert "all equal to the backup" in output
        before, after = counts_and_files(source), counts_and_files(target)
        assert after["tables"] == before["tables"]
        assert after["files"] == before["files"]
        assert len(after["files"]) == 2
        assert sum(after["tables"].values()) > 300
    finally:
        for env in (source, target):
            if "_DRILL_DB" in env:
                subprocess.run(
                    [
                        "dropdb",
                        "-h",
                        "127.0.0.1",
                        "-U",
                        "postgres",
                        "--if-exists",
                        env["_DRILL_DB"],
                    ],
                    check=False,
                )


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    source = instance(tmp_path, "source", "sqlite")
    manage(source, "migrate", "-v0")
    archive = tmp_path / "backup.tar.gz"
    manage(source, "backup", str(archive))

    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=ROOT,
        env=source,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "restore into an empty instance" in result.stderr
