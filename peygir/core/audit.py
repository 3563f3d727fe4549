"""The audit trail: who did what to which object, when and from where (`AuditEntry`).

One small API for every package:

    from peygir.core import audit

    before = audit.snapshot(committee, ["name", "secretariat", "parent"])
    ... change and save ...
    audit.record_change(actor=user, verb=audit.UPDATE, obj=committee,
                        changes=audit.diff(before, audit.snapshot(committee, before)))

- Call it inside the transaction of the change (services run in `transaction.atomic`): a rolled-back
  change then leaves no entry, and an entry never exists without its change.
- `verb` is one of CREATE, UPDATE, DELETE, READ. READ is for reads worth recording (personal data);
  its callers decide which reads those are.
- `changes` is a JSON object: for an update `{"field": [before, after]}` (`diff`), for a create the
  values given (`snapshot`), for a delete what the object held. Values are made JSON-safe (dates as
  ISO text, model instances as their text and pk) by `jsonable`.
- The address comes from the request being served: `AuditContextMiddleware` binds it (and the
  signed-in user, as a default actor) for the duration of each request; commands and the demo loader
  have none, and their entries carry no address.
- Entries are append-only (`AppendOnlyModel`): nothing here edits or deletes one.
- Reading: `history_for(obj)` (one object, newest first) and `AuditEntry.objects` for the office-wide
  log; both are plain querysets for the caller to scope and paginate.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from .http import client_ip
from .models import AuditEntry

CREATE = AuditEntry.Verb.CREATE
UPDATE = AuditEntry.Verb.UPDATE
DELETE = AuditEntry.Verb.DELETE
READ = AuditEntry.Verb.READ


@dataclass(frozen=True)
class Context:
    """What the current request tells the trail: the address, and the user as the default actor."""

    ip: str | None = None
    user: Any = None


_context: ContextVar[Context | None] = ContextVar("peygir_audit_context", default=None)
_NO_CONTEXT = Context()


@contextmanager
def bind(*, ip: str | None = None, user: Any = None) -> Iterator[None]:
    """Record entries written inside the block with this address (and default actor)."""
    token = _context.set(Context(ip=ip, user=user))
    try:
        yield
    finally:
        _context.reset(token)


class AuditContextMiddleware:
    """Binds each request's client address (`core.http.client_ip`) and user for `record_change`."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        ip = client_ip(request)
        with bind(ip=None if ip == "unknown" else ip, user=getattr(request, "user", None)):
            return self.get_response(request)


def object_type(obj_or_model: Any) -> str:
    """The model's label as the trail names it: "committees.committee"."""
    return obj_or_model._meta.label_lower


def jsonable(value: Any) -> Any:
    """A value the JSON column can keep and a page can show."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, models.Model):
        return {"pk": value.pk, "text": str(value)[:200]}
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset, QuerySet)):
        return [jsonable(v) for v in value]
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of `obj` as JSON-safe values (a many-to-many field: the list of its rows)."""
    result: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            value = list(getattr(obj, name).all()) if obj.pk else []
            result[name] = sorted((jsonable(v) for v in value), key=lambda v: v["pk"])
        else:
            result[name] = jsonable(getattr(obj, name))
    return result


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """`{"field": [before, after]}` for the fields whose value changed."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def record_change(
    *,
    verb: str,
    obj: models.Model | None = None,
    actor: Any = None,
    changes: dict[str, Any] | None = None,
    note: str = "",
    object_type_label: str | None = None,
    object_pk: Any = None,
    object_repr: str | None = None,
    ip: str | None = None,
) -> AuditEntry:
    """Write one entry. Name the object by `obj`, or by `object_type_label` + `object_pk` (+ repr) when
    it is gone or was never a row. `actor` defaults to the request's user, `ip` to its address."""
    if verb not in AuditEntry.Verb.values:
        raise ValueError(f"record_change: unknown verb {verb!r}")
    context = _context.get() or _NO_CONTEXT
    if actor is None:
        actor = context.user
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if obj is not None:
        object_type_label = object_type_label or object_type(obj)
        object_pk = obj.pk if object_pk is None else object_pk
        object_repr = str(obj) if object_repr is None else object_repr
    if not object_type_label or object_pk is None:
        raise ValueError("record_change: name the object (obj, or object_type_label and object_pk)")
    return AuditEntry.objects.create(
        at=timezone.now(),
        actor=actor,
        actor_label=(getattr(actor, "username", "") or "")[:150],
        ip=ip or context.ip,
        verb=verb,
        object_type=object_type_label,
        object_pk=str(object_pk)[:64],
        object_repr=(object_repr or "")[:300],
        changes=jsonable(changes or {}),
        note=note[:300],
    )


def history_for(obj: models.Model) -> QuerySet[AuditEntry]:
    """The entries about one object, newest first."""
    return AuditEntry.objects.filter(object_type=object_type(obj), object_pk=str(obj.pk)).select_related(
        "actor"
    )
