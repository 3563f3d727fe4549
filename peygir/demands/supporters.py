""" "Also requested by": supporters instead of duplicates, and merging a duplicate registered anyway."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.text import clean_input

from . import access as demand_access
from .events import check_version, lock_demand, record, set_status
from .models import Demand, DemandEvent, DemandSupporter
from .notify import queue_supporter_sms, status_page_url
from .phones import normalize_mobile
from .routing import detach_action

EK = DemandEvent.Kind

Status = Demand.Status


def _fresh(demand: Demand) -> Demand:
    return Demand.objects.select_related("office__organization", "neighbourhood", "category", "agency").get(
        pk=demand.pk
    )


def demand_add_supporter(
    *,
    user: Any,
    demand: Demand,
    citizen_name: str = "",
    citizen_mobile: str = "",
    note: str = "",
    consent: bool = False,
    expected_version: int | None = None,
) -> Demand:
    """ "Also requested by": another citizen asks for the same thing; the count rises, no duplicate.
    A name or mobile is kept only with the citizen's consent; with a mobile they are texted the
    demand's tracking code and follow it with their own number."""
    if not demand_access.can_handle_demand(user, demand):
        raise NotAllowed
    name = clean_input(citizen_name)[:200]
    mobile = normalize_mobile(citizen_mobile) if clean_input(citizen_mobile) else ""
    note = clean_input(note)[:2000]
    if (name or mobile) and not consent:
        raise ValidationError({"consent": _("برای ثبت نام و شماره همراه، رضایت شهروند لازم است.")})
    with transaction.atomic():
        demand = lock_demand(demand)
        check_version(demand, expected_version)
        if demand.status not in Demand.OPEN_STATUSES:
            raise ValidationError({"status": _("به مطالبه بسته‌شده نمی‌توان درخواست‌کننده افزود.")})
        supporter = DemandSupporter.objects.create(
            demand=demand,
            citizen_name=name,
            citizen_mobile=mobile,
            mobile_last4=mobile[-4:],
            consent=bool(consent and (name or mobile)),
            note=note,
            created_by=user,
        )
        Demand.objects.filter(pk=demand.pk).update(
            supporters_count=F("supporters_count") + 1, version=F("version") + 1
        )
        demand.refresh_from_db(fields=["supporters_count", "version"])
        record(demand, EK.SUPPORTER_ADDED, actor=user, data={"supporters_count": demand.supporters_count})
        if mobile:
            text = _(
                "درخواست شما به مطالبه‌ای که پیش‌تر در محله ثبت شده افزوده شد.\n"
                "کد رهگیری: %(code)s\nپیگیری با این کد و چهار رقم آخر شماره همراه خودتان: %(url)s"
            ) % {"code": demand.tracking_code, "url": status_page_url()}
            queue_supporter_sms(supporter=supporter, key="joined", text=text)
    return _fresh(demand)


def demand_merge(
    *, user: Any, demand: Demand, into: Demand, reason: str = "", expected_version: int | None = None
) -> Demand:
    """A duplicate registered anyway joins the demand it repeats: its citizen becomes a supporter."""
    if not (demand_access.can_handle_demand(user, demand) and demand_access.can_handle_demand(user, into)):
        raise NotAllowed
    if demand.pk == into.pk:
        raise ValidationError({"into": _("مطالبه را نمی‌توان با خودش ادغام کرد.")})
    reason = clean_input(reason)[:2000] or _("مطالبه تکراری")
    with transaction.atomic():
        first, second = sorted([demand.pk, into.pk])
        locked = {first: lock_demand(first), second: lock_demand(second)}
        demand, into = locked[demand.pk], locked[into.pk]
        check_version(demand, expected_version)
        if demand.status not in Demand.OPEN_STATUSES or into.status not in Demand.OPEN_STATUSES:
            raise ValidationError({"into": _("تنها دو مطالبه باز را می‌توان ادغام کرد.")})
        DemandSupporter.objects.create(
            demand=into,
            citizen_name=demand.citizen_name,
            citizen_mobile=demand.citizen_mobile,
            note=_("از مطالبه %(code)s") % {"code": demand.tracking_code},
            created_by=user,
        )
        Demand.objects.filter(pk=into.pk).update(
            supporters_count=F("supporters_count") + demand.supporters_count, version=F("version") + 1
        )
        record(into, EK.MERGED_IN, actor=user, data={"from": demand.pk, "count": demand.supporters_count})
        detach_action(demand, user=user, reason=reason)
        demand.duplicate_of = into
        set_status(
            demand,
            Status.MERGED,
            actor=user,
            kind=EK.MERGED,
            fields=("duplicate_of",),
            data={"into": into.pk, "reason": reason},
        )
    return _fresh(demand)
