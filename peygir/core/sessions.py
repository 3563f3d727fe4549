"""Database sessions whose reads, in GET requests, are served from the cache under the data version.

Every signed-in page read its session row from the database. The session table is watched by the
data-version triggers (`peygir.core.dataversion.EXTRA_WATCHED`): a login, a logout, a flash message
or any other session write moves the version, so a cached copy is never served after its row
changed, whichever server process changed it. Writes (POST) always read the database.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.cache import cache
from django.utils import timezone

from . import dataversion

TTL = 300


class SessionStore(DatabaseSessionStore):
    def load(self) -> dict[str, Any]:
        if not self.session_key or not dataversion.in_reading_request():
            return super().load()
        scope = dataversion.session_scope(self.session_key)  # the row's own bucket, not every write
        key = f"session:{self.session_key}:{dataversion.versions([scope])[0]}"
        stored = cache.get(key)
        if stored is not None:
            data, expires = stored
            if expires > timezone.now():
                return data
        session = self._get_session_from_db()
        if session is None:
            self._session_key = None
            return {}
        data = self.decode(session.session_data)
        cache.set(key, (data, session.expire_date), TTL)
        return data
