"""Sign-in through Django's model backend; in GET requests the signed-in user is read from the
cache under the data version (the user table is watched: any change to the person, their password
or their activity moves it), so a page served from the cache costs no query for the user."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from peygir.core import dataversion

TTL = 300


class CachedModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        if not dataversion.in_reading_request():
            return super().get_user(user_id)
        # People are GLOBAL rows (peygir/core/dataversion.py): a write elsewhere keeps the copy.
        key = f"user:{user_id}:{dataversion.versions([dataversion.GLOBAL])[0]}"
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is None:
                return None
            cache.set(key, user, TTL)
        return user if self.user_can_authenticate(user) else None
