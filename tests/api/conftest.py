"""Fixtures for the API tests that cross resources (scope, query counts, shapes)."""

from tests.api_fixtures import api, record  # noqa: F401
