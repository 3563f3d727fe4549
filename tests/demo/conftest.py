"""Fast password hashing for this folder (PBKDF2 costs ~0.5 s per user by design; tests create many)."""

import pytest


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
