"""Shared fixtures: a small province with one user per persona (DESIGN §2)."""

import os
import shutil
import tempfile

import pytest
from django.conf import settings as django_settings

from . import flush
from .personas import BASE_PERSONAS
from .world import World, build_world

# Tests run inside transactions that never commit: the data version must move at each write, not at
# commit (peygir/core/dataversion.py), for pages cached before a write to be refreshed after it.
django_settings.PEYGIR_DATA_VERSION_AT_COMMIT = False
# Uploaded files go to a directory of this test process, never to var/media: pytest-xdist workers
# number their rows alike (each has its own database), so their files would collide there.
_MEDIA_ROOT = tempfile.mkdtemp(prefix=f"peygir-media-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-")
django_settings.MEDIA_ROOT = _MEDIA_ROOT

# WhiteNoise reads the whole list of static files each time its middleware is loaded — by every new
# test Client, a quarter of a second each. Looking a file up when it is asked for serves the same files.
django_settings.WHITENOISE_AUTOREFRESH = True

# Tests that commit empty the database with DELETE, not Django's TRUNCATE and post_migrate (tests/flush.py).
flush.install()


# The longest tests run first: with several workers, one started last keeps a worker busy alone at the
# end. Sorting is stable, so every worker (and the controller) sees the same order.
SLOW_FIRST = (
    "tests/e2e/",
    "tests/scenarios/",
    "tests/bench/",
    "tests/demo/",
    "tests/facilitation/test_demo.py",
    "tests/grants/test_demo.py",
    "tests/programs/test_demo.py",
    "tests/access/test_persona_matrix.py",
    "tests/trust/",
)


def pytest_collection_modifyitems(session, config, items):
    items.sort(key=lambda item: not item.nodeid.startswith(SLOW_FIRST))


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_MEDIA_ROOT, ignore_errors=True)


# The signed-in personas of the eager world (tests/personas.py has them all).
PERSONAS = BASE_PERSONAS
__all__ = ["PERSONAS", "World"]


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker):
    """Each worker's database is a copy of one migrated template (tests/dbtemplate.py), instead of
    every worker migrating its own from nothing."""
    from . import dbtemplate

    worker = getattr(request.config, "workerinput", {}).get("workerid", "main")
    with django_db_blocker.unblock():
        vendor, name = dbtemplate.setup(worker)
    yield
    with django_db_blocker.unblock():
        dbtemplate.teardown(vendor, name)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The default hasher costs ~0.5 s per user; tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: ids and data versions repeat between tests (rollbacks)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db) -> World:
    """Territories, organizations and one user per persona; the rest of the world is built on first
    use (tests/world.py)."""
    return build_world()
