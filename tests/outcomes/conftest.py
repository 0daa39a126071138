import pytest


@pytest.fixture(autouse=True)
def _documents_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary directory, never to var/documents."""
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
