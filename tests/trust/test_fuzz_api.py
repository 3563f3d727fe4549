"""Schemathesis against the OpenAPI schema: no server error and no answer outside the schema.

Every operation of /api/v1/ and Open311 gets a bounded number of generated requests (valid and
invalid: the "positive" and "negative" modes), sent as the province office's staff (who may write
the most). Zero failures allowed: a 500, an answer whose status or body the schema does not
describe, a malformed JSON. The figures are in docs/operations.md.
"""

from __future__ import annotations

import logging

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis import checks as st_checks

EXAMPLES = 8

_WSGI = get_wsgi_application()


# The schema drf-spectacular serves (no database needed to build it).
schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = _WSGI
schema.config.update(base_url="http://testserver")
# Explicit examples and random generation (bounded by EXAMPLES). The "coverage" phase enumerates
# every boundary of every parameter — thousands of requests, minutes on two cores — so it is left to
# a manual run (docs/operations.md); the stateful phase needs links the schema does not declare.
schema.config.phases.update(phases=["examples", "fuzzing"])
CASES = {"requests": 0, "operations": set()}

# What is held: no 500, every status documented, the documented content type and body. Not held:
# "a schema-valid body is accepted" (the services refuse what the schema cannot say: a deadline
# before the meeting, a transition from the wrong state) and its converse.
CHECKS = [
    st_checks.not_a_server_error,
    st_checks.status_code_conformance,
    st_checks.content_type_conformance,
    st_checks.response_schema_conformance,
    st_checks.ignored_auth,
]


@pytest.fixture
def token(world, settings, caplog):
    # The WSGI handler closes the connection at the end of each request when it is not in autocommit:
    # inside the test's transaction that would close PostgreSQL's connection (SQLite's in-memory one
    # ignores it). Django's own test client detaches the same handler.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    caplog.set_level(logging.ERROR, logger="django.request")  # hundreds of expected 4xx lines
    settings.ALLOWED_HOSTS = ["*"]
    settings.PEYGIR_PAGE_CACHE_SECONDS = 0
    yield Token.objects.create(user=world.users["office_staff"]).key
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_api_answers_every_input_within_its_schema(case, token):
    # Open311 takes the token as `api_key`: a generated key would only ever test the 403.
    if case.path.startswith("/open311/") and isinstance(case.query, dict) and "api_key" in case.query:
        case.query["api_key"] = token
    CASES["requests"] += 1
    CASES["operations"].add(case.operation.label)
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)


@pytest.fixture(scope="module", autouse=True)
def _figures():
    """Print the run's figures (for docs/operations.md) with `-s`."""
    yield
    print(f"\nschemathesis: {len(CASES['operations'])} operations, {CASES['requests']} requests")
