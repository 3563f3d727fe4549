"""Reads of the territorial tree."""

from django.db.models import QuerySet

from .models import Territory


def province_path(path: str) -> str:
    """`/1/12/140/…/` → `/1/12/`: the path of the province a territory lies in (the path itself above
    it)."""
    parts = [p for p in path.split("/") if p][:2]
    return "/" + "/".join(parts) + "/"


def territory_descendants(territory: Territory, *, include_self: bool = True) -> QuerySet[Territory]:
    qs = Territory.objects.filter(path__startswith=territory.path)
    return qs if include_self else qs.exclude(pk=territory.pk)


def territory_ancestors(territory: Territory, *, include_self: bool = True) -> QuerySet[Territory]:
    ids = territory.ancestor_ids()
    if not include_self:
        ids = ids[:-1]
    return Territory.objects.filter(pk__in=ids).order_by("depth")


def territory_list(*, kind: str | None = None, parent: Territory | None = None) -> QuerySet[Territory]:
    qs = Territory.objects.filter(is_active=True)
    if kind:
        qs = qs.filter(kind=kind)
    if parent is not None:
        qs = qs.filter(parent=parent)
    return qs.order_by("name_fa")
