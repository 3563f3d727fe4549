"""Fixtures of the account tests."""

from tests.web_fixtures import login  # noqa: F401
