"""Shared fixtures: the starter dataset, and the network kept closed during tests."""

import socket
import uuid
from pathlib import Path

import pytest

STARTER_DATASET = Path(__file__).resolve().parent.parent / "data" / "silk-routes-2014-2016.yaml"


@pytest.fixture(autouse=True)
def _no_outside_network(monkeypatch, request):
    """Fail any test that tries to reach a host other than this machine (Indico does the same)."""
    real_connect = socket.socket.connect

    def guarded_connect(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if (
            isinstance(host, str)
            and host not in {"127.0.0.1", "localhost", "::1"}
            and not (host.startswith("/"))
        ):
            raise RuntimeError(f"test tried to reach {address}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request through LocaleMiddleware leaves its language active in the thread; without
    this, a test after a /ar/ request would see Arabic URL prefixes and messages."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Production hashes with PBKDF2 (a million rounds, most of a second on CI's cores); the
    tests create and sign in hundreds of people, so they hash with MD5. Passwords are still
    checked: a wrong one is refused the same way."""
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session")
def _stored_files_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("stored")


@pytest.fixture(autouse=True)
def _fresh_cache_and_stored_files(settings, _stored_files_root):
    """Every test starts with an empty cache and no stored file. A test's writes are rolled
    back, never committed, so the data version does not move between tests: what one test
    left under a version (a stored file, a page fragment, an API body) would otherwise be served
    to the next. (The folder is made only when a file is stored.)"""
    from django.core.cache import cache

    settings.STORED_FILES_ROOT = _stored_files_root / uuid.uuid4().hex
    cache.clear()


@pytest.fixture(scope="session")
def starter_dataset_path() -> Path:
    return STARTER_DATASET


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """The Russian and Arabic catalogues, compiled (with Babel) as `make test` does, so that a
    bare `pytest` on a fresh checkout sees the same pages."""
    from django.core.management import call_command

    call_command("compile_translations", verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts from the starter dataset; each test's changes are rolled back.
    (Transactional tests, such as the browser tests, flush the database and load it themselves;
    pytest-django runs them after the others.)"""
    from silkroutes.dataset.loader import load_dataset

    with django_db_blocker.unblock():
        load_dataset(STARTER_DATASET)


# -- the cast: one person per role, reused by every test that needs a signed-in user -----------

PASSWORD = "silk-routes-test-password"


def _member(username: str, organisation_slug: str, kind: str):
    from django.contrib.auth import get_user_model

    from silkroutes.accounts.models import Membership
    from silkroutes.actors.models import Organisation

    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD
    )
    Membership.objects.create(
        user=user, organisation=Organisation.objects.get(slug=organisation_slug), kind=kind
    )
    return user


@pytest.fixture
def secretariat_user(db):
    """Sedef works in the Secretariat (ICMPD)."""
    return _member("sedef", "icmpd", "secretariat")


@pytest.fixture
def turkey_focal_point(db):
    """Ayşe is Türkiye's focal point; Türkiye co-chairs the Silk Routes working group."""
    return _member("ayse", "turkey", "focal-point")


@pytest.fixture
def pakistan_focal_point(db):
    """Imran is Pakistan's focal point; Pakistan chairs nothing."""
    return _member("imran", "pakistan", "focal-point")


@pytest.fixture
def sweden_donor(db):
    """Karin represents Sweden as a donor."""
    return _member("karin", "sweden", "donor")


@pytest.fixture
def iom_implementer(db):
    """Omar reports for IOM as an implementing organisation."""
    return _member("omar", "iom", "implementer")
