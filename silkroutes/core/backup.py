"""Consistent backups of the database and the uploaded files, and their restore.

A backup is one ``.tar.gz`` holding:
  - ``database.dump`` — PostgreSQL: ``pg_dump --format=custom`` (one consistent snapshot);
    SQLite: a copy made with SQLite's online backup API (also consistent while in use);
  - ``media/`` — the uploaded files (stored under generated, never-reused names, so a file that
    appears while the backup runs is at worst an extra, never a half-written, entry);
  - ``manifest.json`` — the engine, the row count of every table and the SHA-256 of every file,
    which the restore checks: a restore that does not match its manifest fails loudly.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

MANIFEST = "manifest.json"
DUMP = "database.dump"


class BackupError(Exception):
    pass


def table_counts() -> dict[str, int]:
    """Rows per table of the default database (every table Django manages)."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608 - introspected names
            counts[table] = cursor.fetchone()[0]
    return counts


def file_checksums(root: Path) -> dict[str, str]:
    sums = {}
    if root.exists():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            sums[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return sums


def _pg_env(db: dict) -> dict:
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _pg_args(db: dict) -> list[str]:
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    return args


def _dump_database(target: Path) -> str:
    db = connections["default"].settings_dict
    if connection.vendor == "postgresql":
        subprocess.run(  # noqa: S603 - PostgreSQL's own client, arguments from settings
            [  # noqa: S607 - PostgreSQL's client tools are found on PATH, like psql
                "pg_dump",
                "--format=custom",
                "--no-owner",
                *_pg_args(db),
                "-f",
                str(target),
                db["NAME"],
            ],
            check=True,
            env=_pg_env(db),
        )
        return "postgresql"
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        return "sqlite"
    raise BackupError(f"backups of {connection.vendor} are not supported")


def make_backup(archive: Path) -> dict:
    """Write a backup archive; return its manifest."""
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        manifest = {
            "engine": _dump_database(work / DUMP),
            "tables": table_counts(),
            "files": file_checksums(media),
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
        archive.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(work / MANIFEST, arcname=MANIFEST)
            tar.add(work / DUMP, arcname=DUMP)
            for name in manifest["files"]:
                tar.add(media / name, arcname=f"media/{name}")
    return manifest


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in tar.getmembers():
        parts = Path(member.name).parts
        if member.name.startswith("/") or ".." in parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"refusing a suspicious archive entry: {member.name}")
        members.append(member)
    return members


def restore_backup(archive: Path) -> dict:
    """Restore an archive into this instance's EMPTY database and media folder, then check the
    row counts and file checksums against the manifest. Returns the manifest."""
    media = Path(settings.MEDIA_ROOT)
    if any(media.rglob("*")) if media.exists() else False:
        raise BackupError(f"the media folder {media} is not empty")
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r:gz") as tar:
        work = Path(tmp)
        tar.extractall(work, members=_safe_members(tar), filter="data")
        manifest = json.loads((work / MANIFEST).read_text())
        _restore_database(work / DUMP, manifest["engine"])
        if (work / "media").exists():
            media.mkdir(parents=True, exist_ok=True)
            shutil.copytree(work / "media", media, dirs_exist_ok=True)
    problems = verify(manifest)
    if problems:
        raise BackupError("the restore does not match the backup: " + "; ".join(problems))
    return manifest


def _restore_database(dump: Path, engine: str) -> None:
    if engine != connection.vendor:
        raise BackupError(f"a {engine} backup cannot be restored into {connection.vendor}")
    db = connections["default"].settings_dict
    with connection.cursor() as cursor:
        if connection.introspection.table_names(cursor):
            raise BackupError("the database is not empty: restore into an empty instance")
    if engine == "postgresql":
        connection.close()
        subprocess.run(  # noqa: S603 - PostgreSQL's own client, arguments from settings
            [  # noqa: S607 - PostgreSQL's client tools are found on PATH, like psql
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                *_pg_args(db),
                "-d",
                db["NAME"],
                str(dump),
            ],
            check=True,
            env=_pg_env(db),
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(dump) as source:
            source.backup(connection.connection)


def verify(manifest: dict) -> list[str]:
    problems = []
    counts = table_counts()
    for table, expected in manifest["tables"].items():
        if counts.get(table) != expected:
            problems.append(f"{table}: {counts.get(table)} rows, expected {expected}")
    sums = file_checksums(Path(settings.MEDIA_ROOT))
    for name, digest in manifest["files"].items():
        if sums.get(name) != digest:
            problems.append(f"file {name} missing or different")
    return problems
