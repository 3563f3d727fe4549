"""Template helpers of the administration: the menu's entry, an object's history link, the changes of
an audit entry as rows."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.urls import reverse

from peygir.administration import access
from peygir.core.jalali import format_jalali
from peygir.core.templatetags.peygir_tags import digits

register = template.Library()
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@register.filter
def can_administer(user: Any) -> bool:
    """The «administration» menu entry: whoever has a page there."""
    return access.can_enter(user) or access.can_issue_directives(user)


@register.filter
def history_url(obj: Any) -> str:
    return reverse("web:admin_history", kwargs={"label": obj._meta.label_lower, "pk": obj.pk})


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, dict) and "text" in value:
        return str(value["text"])
    if isinstance(value, dict):
        return "، ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "، ".join(_text(v) for v in value) or "—"
    if isinstance(value, str) and _ISO_DATE.match(value) and len(value) in (10, 19, 25, 32):
        import datetime as dt

        try:
            return format_jalali(dt.date.fromisoformat(value[:10]))
        except ValueError:
            return value
    return digits(value) if isinstance(value, int) else str(value)


@register.filter
def audit_rows(entry: Any) -> list[tuple[str, str, str]]:
    """(field, before, after) for an update; (field, "", value) for what a create or delete held."""
    rows = []
    for field, value in (entry.changes or {}).items():
        if entry.verb == "update" and isinstance(value, list) and len(value) == 2:
            rows.append((field, _text(value[0]), _text(value[1])))
        else:
            rows.append((field, "", _text(value)))
    return rows


@register.filter
def is_office_admin(user: Any) -> bool:
    return access.is_office_admin(user)


@register.filter
def can_direct(user: Any) -> bool:
    return access.can_issue_directives(user)


@register.filter
def can_manage_people(user: Any) -> bool:
    """The people's pages: office administrators and organizations' own administrators (a county
    deputy who only issues instructions has none)."""
    return access.can_enter(user)
