"""The demand's own history and status changes: one place writes both, in the caller's transaction.

Public events show on the citizen's status page (their text must never hold personal data); an event
with an SMS text also queues a message to the citizen, keyed by the event so it goes out once.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from peygir.core import versioning

from .models import Demand, DemandEvent
from .notify import queue_citizen_sms

STATUS_TEXT = {
    Demand.Status.TRIAGE: _("مطالبه شما ثبت شد و در صف تعیین دستگاه مسئول است."),
    Demand.Status.ROUTED: _("مطالبه شما به «%(agency)s» ارجاع شد."),
    Demand.Status.PLANNED: _("«%(agency)s» رسیدگی به مطالبه شما را در برنامه گذاشت."),
    Demand.Status.DONE: _("«%(agency)s» انجام کار را اعلام کرد؛ دفتر تسهیلگری آن را بررسی می‌کند."),
    Demand.Status.RESOLVED: _("رسیدگی به مطالبه شما تأیید شد."),
    Demand.Status.MERGED: _("مطالبه شما به مطالبه‌ای مشابه پیوست و همراه آن پیگیری می‌شود."),
    Demand.Status.REJECTED: _("مطالبه شما در حوزه پیگیری دفتر نبود و بسته شد."),
}


def lock_demand(demand: Demand | int) -> Demand:
    """Re-read the demand under a row lock (services never save an instance a selector masked)."""
    pk = demand.pk if isinstance(demand, Demand) else demand
    return versioning.lock_row(
        Demand.objects.select_related("office__organization", "neighbourhood", "category", "agency"), pk
    )


def check_version(demand: Demand, expected_version: int | None) -> None:
    versioning.check_version(
        demand,
        expected_version,
        message=_("این مطالبه در این فاصله به‌دست کاربر دیگری تغییر کرده است؛ صفحه را دوباره باز کنید."),
    )


def save_demand(demand: Demand, *fields: str) -> None:
    """Save the named fields and bump the version the next writer must have seen."""
    versioning.save_versioned(demand, *fields)


def sms_text(demand: Demand, text: str) -> str:
    return _("%(text)s\nکد رهگیری: %(code)s") % {"text": text, "code": demand.tracking_code}


def record(
    demand: Demand,
    kind: str,
    *,
    actor: Any = None,
    from_status: str = "",
    to_status: str = "",
    public_text: str = "",
    sms: str = "",
    data: dict | None = None,
) -> DemandEvent:
    """Append one event; `public_text` makes it public, `sms` also texts the citizen."""
    if kind not in DemandEvent.Kind.values:
        raise ValueError(f"unknown demand event kind {kind!r}")
    event = DemandEvent.objects.create(
        demand=demand,
        kind=kind,
        actor=actor if getattr(actor, "pk", None) else None,
        from_status=from_status,
        to_status=to_status,
        public_text=public_text,
        is_public=bool(public_text),
        data=data or {},
    )
    if sms:
        queue_citizen_sms(demand=demand, key=f"ev{event.pk}:{kind}", text=sms_text(demand, sms))
    return event


def status_text(demand: Demand, status: str) -> str:
    agency = demand.agency.name if demand.agency_id else ""
    template = STATUS_TEXT.get(status, "")
    return template % {"agency": agency} if "%(agency)s" in template else template


def set_status(
    demand: Demand,
    to_status: str,
    *,
    actor: Any,
    kind: str,
    fields: tuple[str, ...] = (),
    public_text: str | None = None,
    send_sms: bool = True,
    sms: str | None = None,
    data: dict | None = None,
) -> DemandEvent:
    """Move the demand (saving `fields` with it) and write the public event, texting the citizen
    (`sms` when the message says more than the event, e.g. the rating invitation)."""
    from_status = demand.status
    demand.status = to_status
    save_demand(demand, "status", *fields)
    text = status_text(demand, to_status) if public_text is None else public_text
    return record(
        demand,
        kind,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        public_text=text,
        sms=(text if sms is None else sms) if send_sms else "",
        data=data,
    )
