from tests.api_fixtures import api, record  # noqa: F401
