"""Direct instructions (ابلاغ مستقیم): one text, several responsible organizations, one deadline →
one action per organization, source kind "directive" (`actions.sources.DirectiveSource`), through the
spine's own service so that its rule (`can_issue_in` the issuer) is the one that decides."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.actions import services as action_services
from peygir.actions.models import Action
from peygir.core import audit
from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.text import check_text
from peygir.organizations.models import Organization

MAX_RESPONSIBLE = 200


def expand_responsible(organizations: Iterable[Organization]) -> list[Organization]:
    """Groups («دستگاه‌های اجرایی عضو برنامه…») become their active members; each organization once."""
    result: dict[int, Organization] = {}
    for org in organizations:
        members = (
            list(org.members_of_group.filter(is_active=True).select_related("territory"))
            if org.kind == Organization.Kind.GROUP
            else [org]
        )
        for member in members:
            result.setdefault(member.pk, member)
    return list(result.values())


def check_directive(
    *,
    user: Any,
    issuer: Organization,
    responsible: Iterable[Organization],
    deadline: dt.date | None,
    title: str,
) -> tuple[str, list[Organization]]:
    """Authorize and validate; nothing is written."""
    action_services.check_action_create(user, source=None, issuer=issuer)
    title = check_text(title, field="title", required=True, limit=500)
    orgs = expand_responsible(responsible)
    if not orgs:
        raise ValidationError({"responsible": _("دست‌کم یک سازمان مسئول انتخاب کنید.")})
    if len(orgs) > MAX_RESPONSIBLE:
        raise ValidationError({"responsible": _("تعداد سازمان‌های مسئول بیش از اندازه است.")})
    # An office instructs the organizations of its own territory, not another province's.
    outside = [o.name for o in orgs if not o.territory.path.startswith(issuer.territory.path)]
    if outside:
        raise ValidationError(
            {"responsible": _("بیرون از قلمرو ابلاغ‌کننده: %(names)s") % {"names": "، ".join(outside)}}
        )
    inactive = [o.name for o in orgs if not o.is_active]
    if inactive:
        raise ValidationError(
            {"responsible": _("سازمان غیرفعال: %(names)s") % {"names": "، ".join(inactive)}}
        )
    if deadline is None:
        raise ValidationError({"deadline": _("مهلت اقدام را وارد کنید.")})
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("مهلت اقدام نمی‌تواند پیش از امروز باشد.")})
    return title, orgs


@transaction.atomic
def directive_issue(
    *,
    user: Any,
    issuer: Organization,
    responsible: Iterable[Organization],
    deadline: dt.date | None,
    title: str,
    description: str = "",
    deadline_text: str = "",
) -> list[Action]:
    """Issue one direct instruction: all its actions or none."""
    title, orgs = check_directive(
        user=user, issuer=issuer, responsible=responsible, deadline=deadline, title=title
    )
    description = check_text(description, field="description")
    actions = []
    for org in orgs:
        action = action_services.do_action_create(
            title=title,
            description=description,
            responsible=org,
            issuer=issuer,
            deadline=deadline,
            deadline_text=check_text(deadline_text, field="deadline", limit=100),
            created_by=user,
        )
        audit.record_change(
            actor=user,
            verb=audit.CREATE,
            obj=action,
            changes={"responsible": org.name, "issuer": issuer.name, "deadline": deadline},
            note=_("ابلاغ مستقیم"),
        )
        actions.append(action)
    return actions


__all__ = ["NotAllowed", "check_directive", "directive_issue", "expand_responsible"]
