"""The office's opinion (اعلام نظر) on a council's social or cultural item, before the council decides.

The provincial office of social and cultural affairs gives its opinion on the projects a council (the
planning and development council) is to decide (S1.2): a recorded step, shown on the item. It is the
office's word, not the secretariat's record, so it needs no right to edit the minutes — only to speak
for the office over the council's territory — and it cannot be written once the minutes are approved.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.versioning import lock_row

from . import access as committee_access
from .editing import check_text
from .models import AgendaItem, AgendaItemOpinion, Meeting


def check_agenda_item_opinion(user: Any, item: AgendaItem):
    """The office the user speaks for, or NotAllowed."""
    organization = committee_access.opinion_organization(user, item.meeting.committee)
    if organization is None:
        raise NotAllowed
    return organization


@transaction.atomic
def agenda_item_opinion(*, user: Any, item: AgendaItem, position: str, text: str) -> AgendaItemOpinion:
    organization = check_agenda_item_opinion(user, item)
    meeting = lock_row(Meeting.objects.all(), item.meeting_id)
    if meeting.status == Meeting.Status.APPROVED:
        raise ValidationError(
            {"position": _("صورتجلسه تأیید شده است؛ نظر دفتر پیش از تصمیم شورا ثبت می‌شود.")}
        )
    if item.kind == AgendaItem.Kind.FOLLOW_UP:
        raise ValidationError({"position": _("گزارش پیگیری مصوبات جای اعلام نظر نیست.")})
    if position not in AgendaItemOpinion.Position.values:
        raise ValidationError({"position": _("نظر دفتر را انتخاب کنید.")})
    text = check_text(text, field="text", required=True, limit=5000)
    return AgendaItemOpinion.objects.create(
        agenda_item=item,
        organization=organization,
        author=user if getattr(user, "is_authenticated", False) else None,
        position=position,
        text=text,
    )
