"""The access table's cast and objects (tests/test_access_table.py), for the security tests."""

from tests.test_access_table import access_objects, cast  # noqa: F401 - fixtures
