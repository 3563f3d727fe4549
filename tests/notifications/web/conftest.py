"""Fixtures for the notifications page."""

from tests.web_fixtures import action, login  # noqa: F401
