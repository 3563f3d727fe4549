"""Fixtures for the action pages."""

from tests.web_fixtures import action, foreign_action, login  # noqa: F401
