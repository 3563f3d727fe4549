"""The entry check's panel in a domain's form, the reasons' Persian names, who sees the menu link."""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from peygir.coordination import access
from peygir.coordination.web.entry import EntrySpec
from peygir.core.templatetags.peygir_tags import percent

register = template.Library()

REASONS = {
    "same_neighbourhood": _("همان محله"),
    "same_county": _("همان شهرستان"),
    "same_period": _("دوره هم‌پوشان"),
    "same_category": _("همان حوزه"),
    "close_amount": _("مبلغ نزدیک"),
    "same_organization": _("همان دستگاه"),
}


@register.simple_tag
def coordination_check(
    spec: EntrySpec, organizations: Any = (), territory: Any = None, label: Any = ""
) -> str:
    """A panel asking for other bodies' similar work when the form's title or text changes (htmx,
    with the whole form's values: `hx-include="closest form"`). Nothing without a spec."""
    if not isinstance(spec, EntrySpec):
        return ""
    vals: dict[str, Any] = {"kind": spec.kind, **spec.vals()}
    if organizations:
        vals["org"] = ",".join(str(int(o)) for o in list(organizations)[:50])
    if territory:
        vals["territory"] = int(territory)
    # Any change of the form asks again (the organization or the county change the answer too);
    # hx-sync drops an answer overtaken by a newer question. The panel names its own target and swap:
    # htmx inherits both from the form otherwise, and a form that swaps a whole section (a meeting's
    # body) would have that section replaced by the panel's answer when it arrives after a save.
    trigger = "change delay:300ms from:closest form, keyup changed delay:700ms from:closest form"
    return format_html(
        '<div class="pg-coordination-check mt-2" aria-live="polite" hx-get="{}" hx-trigger="{}" '
        'hx-target="this" hx-swap="innerHTML" hx-include="closest form" hx-vals="{}" '
        'hx-sync="this:replace" data-label="{}"></div>',
        reverse("web:coordination_check"),
        trigger,
        json.dumps(vals),
        label,
    )


@register.filter
def reason_label(reason: str) -> str:
    return str(REASONS.get(reason, reason))


@register.filter
def can_see_coordination(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and access.can_read_view(user)


@register.filter
def is_coordination_office(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and access.is_office(user)


@register.filter
def percent_score(value: float | None) -> str:
    """A score of 0..1 as a Persian percentage (۸۲٪)."""
    if value is None:
        return "—"
    return percent(round(float(value) * 100))
