import pytest


@pytest.fixture(autouse=True)
def _documents_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary directory, never to var/documents."""
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The cast's passwords are hashed with a fast hasher (these tests sign in with
    ``force_login``; PBKDF2 would spend most of their time)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
