"""Finding organizations, places and roles by the names people type in a sheet."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import QuerySet

from peygir.core.text import normalize_text
from peygir.organizations.models import Membership, Organization
from peygir.territory.models import Territory

SEPARATORS = re.compile(r"[،,؛;\n]+")


class Names:
    """Organizations (or places) by normalized name and short name; an ambiguous name finds none."""

    def __init__(self, items: Any, *, short: bool = True, attr: str = "name") -> None:
        self.by_name: dict[str, list[Any]] = {}
        for item in items:
            keys = {normalize_text(getattr(item, attr))}
            if short and getattr(item, "short_name", ""):
                keys.add(normalize_text(item.short_name))
            for key in keys:
                self.by_name.setdefault(key, []).append(item)

    def find(self, text: str) -> tuple[Any | None, bool]:
        """(item, ambiguous)."""
        found = self.by_name.get(normalize_text(text), [])
        if len(found) == 1:
            return found[0], False
        return None, len(found) > 1


def places(queryset: QuerySet[Territory]) -> Names:
    """Places by name; a county and its capital city share a name: the county (shallower) wins."""
    names = Names(queryset.order_by("path"), short=False, attr="name_fa")
    for key, items in names.by_name.items():
        depth = min(i.path.count("/") for i in items)
        names.by_name[key] = [i for i in items if i.path.count("/") == depth]
    return names


def organizations(queryset: QuerySet[Organization]) -> Names:
    return Names(queryset.only("pk", "name", "short_name", "kind", "territory", "is_active"))


def split_names(text: str) -> list[str]:
    return [part.strip() for part in SEPARATORS.split(text or "") if part.strip()]


def choice(text: str, choices: list[tuple[str, Any]]) -> str | None:
    """A choice by its code or its Persian label."""
    key = normalize_text(text)
    for value, label in choices:
        if key in (normalize_text(value), normalize_text(str(label))):
            return value
    return None


ROLE_CHOICES = list(Membership.Role.choices)
