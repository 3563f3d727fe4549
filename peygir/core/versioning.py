"""Optimistic locking shared by every domain: a row lock, a version the writer must have seen, a bump.

A page or API client sends the `version` it read; the service re-reads the row under a lock and
compares. A writer that read an older version gets ConflictError (a Persian message naming the
object) instead of silently overwriting somebody else's change.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import F, Model, QuerySet
from django.utils.translation import gettext as _

from .errors import ConflictError

M = TypeVar("M", bound=Model)


def lock_row(queryset: QuerySet[M], pk: int) -> M:
    """Re-read one row under a row lock (only the row itself: PostgreSQL refuses FOR UPDATE on the
    nullable side of an outer join that select_related may add)."""
    return queryset.select_for_update(of=("self",)).get(pk=pk)


def check_version(obj: Model, expected_version: int | None, *, message: str | None = None) -> None:
    """ConflictError when the caller saw another version than the row holds now (None: no check)."""
    if expected_version is not None and obj.version != expected_version:
        raise ConflictError(
            message or _("این مورد در این فاصله به‌دست کاربر دیگری تغییر کرده است؛ صفحه را دوباره باز کنید.")
        )


def save_versioned(obj: Model, *fields: str) -> None:
    """Save the named fields and bump the version the next writer must have seen."""
    obj.version = F("version") + 1
    update = [*fields, "version"]
    if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
        update.append("updated_at")
    obj.save(update_fields=update)
    obj.refresh_from_db(fields=["version"])
