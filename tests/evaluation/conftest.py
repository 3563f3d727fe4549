from tests.web_fixtures import login  # noqa: F401

from .fixtures import ledger  # noqa: F401
