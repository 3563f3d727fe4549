"""Ending a person's sessions: every browser they are signed in on, and their API tokens."""

from __future__ import annotations

from typing import Any

from django.db import transaction


@transaction.atomic
def end_all_sessions(user: Any) -> None:
    """A new session salt fails the check of every existing session (Django compares each session's
    stored hash with the user's on every request), wherever it lives — database row or cached copy
    (the user row is watched by the data version). API tokens are deleted as well."""
    from rest_framework.authtoken.models import Token

    user.new_session_salt()
    user.save(update_fields=["session_salt"])
    Token.objects.filter(user=user).delete()
