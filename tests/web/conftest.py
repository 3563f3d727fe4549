"""Fixtures for the page tests that cross domains (access on every page, the start page)."""

from tests.web_fixtures import action, committee, foreign_action, login, meeting  # noqa: F401
