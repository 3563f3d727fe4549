"""Who sees and decides parallel work (on the one scope of peygir.organizations.access).

- The coordination view: whoever reads a territory (office staff, governor, county deputy, inspector,
  national staff) sees it for that territory. Titles of other bodies' records appear only where the
  record's own domain lets the user see it (`visible_keys`); otherwise only the body and the kind.
- The office's review (decide candidate pairs, undo any decision): the provincial social office's
  staff and head for their province — the same people who administer the province and read its
  personal data (`Scope.personal_data_paths` is exactly this rule).
- The entry check: every member of an organization (an agency's liaison types a resolution row, an
  NGO its proposal); what it shows is filtered as above.
- A decision at entry: the person who saved the record, through the token the save gave them
  (services.entry_*), or on the API whoever acts for one of the two records' organizations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peygir.organizations.access import get_scope
from peygir.search import registry

Key = tuple[str, int]


def office_paths(user: Any) -> tuple[str, ...]:
    """Territory paths whose candidate pairs the user reviews ("/" for the superuser)."""
    scope = get_scope(user)
    if scope.is_superuser:
        return ("/",)
    return scope.personal_data_paths


def is_office(user: Any) -> bool:
    return bool(office_paths(user))


def reviews_path(user: Any, path: str) -> bool:
    return any(path.startswith(p) for p in office_paths(user))


def read_paths(user: Any) -> tuple[str, ...]:
    scope = get_scope(user)
    return ("/",) if scope.is_superuser else scope.read_paths


def can_read_view(user: Any) -> bool:
    return bool(read_paths(user))


def can_check(user: Any) -> bool:
    """The entry check is for whoever enters work for an organization."""
    scope = get_scope(user)
    return scope.is_superuser or bool(scope.org_ids)


def path_q(user: Any, field: str = "territory_path", *, paths: tuple[str, ...] | None = None) -> Q:
    scope = get_scope(user)
    return scope.path_q(field, read_paths(user) if paths is None else paths)


def acts_for(user: Any, organization_id: int | None, territory_path: str = "") -> bool:
    """May the user decide for a record of `organization_id` (its member reporting or managing for
    it, or a manager of the territory the record lies in)?"""
    scope = get_scope(user)
    if scope.is_superuser:
        return True
    if organization_id is not None and organization_id in (scope.reporting_org_ids | scope.managing_org_ids):
        return True
    return bool(territory_path) and scope.manages_path(territory_path)


def visible_keys(user: Any, keys: Iterable[Key]) -> set[Key]:
    """The records among `keys` the user may see, each kind asked of its own domain (one query per
    kind). A kind with no registered search source is never shown in detail."""
    by_kind: dict[str, set[int]] = defaultdict(set)
    for kind, object_id in keys:
        by_kind[kind].add(object_id)
    sources = registry.sources()
    seen: set[Key] = set()
    for kind, ids in by_kind.items():
        source = sources.get(kind)
        if source is None:
            continue
        found = source.visible(user).filter(pk__in=ids).values_list("pk", flat=True)
        seen.update((kind, pk) for pk in found)
    return seen


def kind_label(kind: str) -> str:
    """The kind's Persian name from its source; the bare kind when no source is registered."""
    source = registry.sources().get(kind)
    return str(source.label) if source is not None and source.label else KIND_LABELS.get(kind, kind)


# Names of the kinds whose sources are not registered yet (the search index's sources add theirs).
KIND_LABELS: dict[str, Any] = {
    "resolution": _("مصوبه"),
    "action": _("اقدام"),
    "duty": _("وظیفه برنامه"),
    "proposal": _("طرح پیشنهادی"),
    "project": _("طرح سمن"),
    "demand": _("مطالبه"),
    "finding": _("یافته بازدید"),
}
