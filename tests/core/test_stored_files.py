"""Stored files: built once per data version even when the first requests come together, and
the files of older versions removed."""

import datetime as dt
import fcntl
import threading

from django.conf import settings

from silkroutes.core.pagecache import Version
from silkroutes.core.storedfiles import stored_file

WAIT = 30  # seconds: only a guard against a hung test, never reached when the code is right

V1 = Version(1, dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC))
V2 = Version(2, dt.datetime(2026, 1, 6, 9, 0, tzinfo=dt.UTC))


def test_two_first_requests_together_build_the_file_once(monkeypatch):
    builds = []
    first_is_building = threading.Event()
    second_waits_for_the_lock = threading.Event()
    real_flock = fcntl.flock

    def flock(handle, operation):
        if threading.current_thread().name == "second" and operation == fcntl.LOCK_EX:
            second_waits_for_the_lock.set()
        return real_flock(handle, operation)

    monkeypatch.setattr(fcntl, "flock", flock)

    def slow_build():
        builds.append(threading.current_thread().name)
        first_is_building.set()
        assert second_waits_for_the_lock.wait(WAIT)
        return b"%PDF report"

    results = {}

    def ask():
        with stored_file("report-2015-en.pdf", slow_build, V1) as handle:
            results[threading.current_thread().name] = handle.read()

    first = threading.Thread(target=ask, name="first")
    second = threading.Thread(target=ask, name="second")
    first.start()
    assert first_is_building.wait(WAIT)
    second.start()  # finds no file yet: the first is still building it
    first.join(WAIT)
    second.join(WAIT)

    assert builds == ["first"]
    assert results == {"first": b"%PDF report", "second": b"%PDF report"}


def test_a_new_version_removes_the_files_of_older_ones():
    stored_file("opendata.zip", lambda: b"old", V1).close()
    stored_file("programme.xlsx", lambda: b"old", V1).close()

    with stored_file("opendata.zip", lambda: b"new", V2) as handle:
        content = handle.read()

    root = settings.STORED_FILES_ROOT
    assert content == b"new"
    assert [p.name for p in root.iterdir() if not p.name.startswith(".")] == [V2.tag]


def test_a_file_that_cannot_be_stored_is_still_served(tmp_path, settings):
    settings.STORED_FILES_ROOT = tmp_path
    (tmp_path / V1.tag).write_text("a file where the version's folder should be")

    with stored_file("opendata.zip", lambda: b"zip", V1) as handle:
        assert handle.read() == b"zip"
