"""Fixtures for the committee, meeting and organization pages."""

from tests.web_fixtures import action, committee, login, meeting  # noqa: F401
