"""Fixtures for the action API."""

from tests.api_fixtures import api, record  # noqa: F401
