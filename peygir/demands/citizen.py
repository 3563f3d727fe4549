"""What a citizen without an account sees and does: the status page and the rating.

The key is the tracking code plus the last four digits of the mobile. A wrong code and wrong digits
give the same None (nothing tells which half was wrong), every lookup counts toward a per-address and
a per-code limit, and the answer is a PublicStatus that has no field for a name or a number.
"""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.errors import ValidationError
from peygir.core.text import clean_input, to_latin_digits

from . import ratelimit
from .codes import normalize_tracking_code
from .events import lock_demand, record, save_demand, set_status
from .models import Demand, DemandEvent, DemandSupporter

EK = DemandEvent.Kind

Status = Demand.Status
PUBLIC_EVENTS = 30


@dataclass(frozen=True)
class PublicEvent:
    text: str
    date: dt.datetime


@dataclass(frozen=True)
class PublicStatus:
    """Everything the status page shows. Deliberately without the citizen's name or mobile."""

    tracking_code: str
    status: str
    status_label: str
    category_name: str
    neighbourhood_name: str
    agency_name: str
    expected_on: dt.date | None
    public_note: str
    created_at: dt.datetime
    resolved_at: dt.datetime | None
    supporters_count: int
    can_rate: bool
    rating: int | None
    events: tuple[PublicEvent, ...] = field(default_factory=tuple)

    @property
    def is_closed(self) -> bool:
        return self.status in (Status.RESOLVED, Status.REJECTED, Status.MERGED)


def _find(tracking_code: str, mobile_last4: str, client_ip: str) -> Demand | None:
    """Count the lookup, then find the demand only if both halves match (same None otherwise). The
    digits are the citizen's or a supporter's; a supporter's match is kept on the demand as
    `_supporter`, so that their rating is theirs."""
    code = normalize_tracking_code(tracking_code)
    ratelimit.check("status-ip", client_ip, "PEYGIR_DEMAND_STATUS_PER_IP")
    ratelimit.check("status-code", code, "PEYGIR_DEMAND_STATUS_PER_CODE")
    digits = to_latin_digits(clean_input(mobile_last4 or "")).replace(" ", "")[-4:]
    demand = (
        Demand.objects.select_related("category", "neighbourhood", "agency")
        .exclude(status=Status.UNCONFIRMED)
        .filter(tracking_code=code)
        .first()
    )
    if demand is None or len(digits) != 4:
        return None
    demand._supporter = None
    if demand.mobile_last4 and hmac.compare_digest(demand.mobile_last4, digits):
        return demand
    if demand.supporters_count:
        supporter = demand.supporters.filter(mobile_last4=digits).order_by("pk").first()
        if supporter is not None:
            demand._supporter = supporter
            return demand
    return None


def _can_rate(demand: Demand) -> bool:
    if demand.status != Status.RESOLVED or demand.resolved_at is None:
        return False
    supporter = getattr(demand, "_supporter", None)
    if supporter is not None:
        return supporter.rated_at is None or supporter.rated_at < demand.resolved_at
    return not demand.events.filter(
        kind=EK.RATED, created_at__gte=demand.resolved_at, data__supporter__isnull=True
    ).exists()


def to_public_status(demand: Demand) -> PublicStatus:
    events = demand.events.filter(is_public=True).order_by("-created_at", "-id")[:PUBLIC_EVENTS]
    return PublicStatus(
        tracking_code=demand.tracking_code,
        status=demand.status,
        status_label=str(demand.get_status_display()),
        category_name=demand.category.name,
        neighbourhood_name=demand.neighbourhood.name_fa,
        agency_name=demand.agency.name if demand.agency_id else "",
        expected_on=demand.expected_on if demand.status in Demand.OPEN_STATUSES else None,
        public_note=demand.public_note,
        created_at=demand.created_at,
        resolved_at=demand.resolved_at,
        supporters_count=demand.supporters_count,
        can_rate=_can_rate(demand),
        rating=demand._supporter.rating if getattr(demand, "_supporter", None) else demand.rating,
        events=tuple(PublicEvent(text=e.public_text, date=e.created_at) for e in reversed(list(events))),
    )


def demand_public_status(*, tracking_code: str, mobile_last4: str, client_ip: str) -> PublicStatus | None:
    """The status page: PublicStatus, or None for a wrong code OR wrong digits; RateLimited when the
    address (or the code) asked too often."""
    demand = _find(tracking_code, mobile_last4, client_ip)
    return None if demand is None else to_public_status(demand)


def demand_rate(
    *,
    tracking_code: str,
    mobile_last4: str,
    rating: int,
    resolved: bool,
    comment: str = "",
    client_ip: str,
) -> Demand:
    """After closing: one rating 1..5, and "not resolved" reopens the follow-up with the office."""
    found = _find(tracking_code, mobile_last4, client_ip)
    if found is None:
        raise ValidationError({"tracking_code": _("کد رهگیری یا چهار رقم آخر شماره همراه درست نیست.")})
    demand = found
    try:
        rating = int(to_latin_digits(str(rating)))
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": _("امتیاز باید از ۱ تا ۵ باشد.")})
    comment = clean_input(comment)[:1000]
    with transaction.atomic():
        demand = lock_demand(demand)
        supporter = found._supporter
        if supporter is not None:
            supporter = DemandSupporter.objects.select_for_update().get(pk=supporter.pk)
        demand._supporter = supporter
        if not _can_rate(demand):
            raise ValidationError({"rating": _("این مطالبه اکنون امتیازدادنی نیست.")})
        data = {"rating": rating, "resolved": bool(resolved), "comment": comment}
        if supporter is not None:
            # A supporter's rating is theirs; the demand's own rating stays the citizen's.
            DemandSupporter.objects.filter(pk=supporter.pk).update(rating=rating, rated_at=timezone.now())
            data["supporter"] = supporter.pk
        else:
            demand.rating = rating
            save_demand(demand, "rating")
        record(demand, EK.RATED, data=data)
        if not resolved:
            demand.reopened_count += 1
            demand.current_action = None
            demand.resolved_at = None
            demand.expected_on = None
            set_status(
                demand,
                Status.TRIAGE,
                actor=None,
                kind=EK.REOPENED,
                fields=("reopened_count", "current_action", "resolved_at", "expected_on"),
                public_text=_("شما اعلام کردید مشکل حل نشده است؛ دفتر تسهیلگری پیگیری را از سر می‌گیرد."),
                data={"rating": rating},
            )
    return Demand.objects.select_related("category", "neighbourhood", "agency").get(pk=demand.pk)


__all__ = ["PublicEvent", "PublicStatus", "demand_public_status", "demand_rate", "to_public_status"]
