"""What an NGO is told of decisions about its own work, in the transaction of the decision.

The NGO's representatives (and its head, when it has one in Peygir) learn that a proposal was
approved (with the amount), returned for changes or rejected (with the office's reason), and that an
instalment was paid (the amount and the payment's reference). In the app, by email or Bale as each
person chose, and by SMS: an NGO's people are rarely signed in, and these decisions start or stop
their work. A decision's text names only the NGO's own proposal: it is sent to nobody else.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from peygir.core.money import format_toman
from peygir.notifications.outbox import Outbox, shorten
from peygir.notifications.recipients import Directory
from peygir.organizations.models import Membership

from .models import Instalment, Proposal

NGO_ROLES = frozenset({Membership.Role.NGO_REP, Membership.Role.HEAD})
DECISION_KIND = "grants.proposal_decision"
PAYMENT_KIND = "grants.instalment_released"


def _tell(*, ngo_id: int, url: str, subject: str, kind: str, title: str, body: str, dedupe: str) -> int:
    outbox = Outbox()
    for recipient in Directory().members(ngo_id, NGO_ROLES):
        outbox.add(
            recipient=recipient,
            url=url,
            subject=subject,
            kind=kind,
            title=title,
            body=body,
            dedupe=dedupe,
            sms=True,
        )
    return outbox.flush(deliver=True)[0]


def proposal_decided(proposal: Proposal) -> int:
    """After approval, return or rejection (the proposal's new status says which); notifications written."""
    name = shorten(proposal.title, 80)
    S = Proposal.Status
    if proposal.status == S.APPROVED:
        title = _("طرح «%(t)s» تصویب شد") % {"t": name}
        body = _("مبلغ مصوب: %(a)s. مراحل اجرا و اقساط در صفحه طرح آمده است.") % {
            "a": format_toman(proposal.approved_rials)
        }
    elif proposal.status == S.RETURNED:
        title = _("طرح «%(t)s» برای اصلاح بازگشت") % {"t": name}
        body = _("آنچه باید اصلاح شود: %(r)s") % {"r": shorten(proposal.decision_reason, 300)}
    elif proposal.status == S.REJECTED:
        title = _("طرح «%(t)s» رد شد") % {"t": name}
        body = _("دلیل: %(r)s") % {"r": shorten(proposal.decision_reason, 300)}
    else:
        return 0
    return _tell(
        ngo_id=proposal.ngo_id,
        url=reverse("web:grant_proposal_detail", args=[proposal.pk]),
        subject=f"proposal:{proposal.pk}",
        kind=DECISION_KIND,
        title=title,
        body=body,
        dedupe=f"proposal:{proposal.pk}:{proposal.status}:v{proposal.version}",
    )


def instalment_released(instalment: Instalment) -> int:
    project = instalment.project
    body = _("مبلغ %(a)s برای مرحله «%(m)s» پرداخت شد.") % {
        "a": format_toman(instalment.amount_rials),
        "m": shorten(instalment.milestone.title, 120),
    }
    if instalment.reference:
        body += " " + _("شماره سند پرداخت: %(r)s") % {"r": instalment.reference}
    return _tell(
        ngo_id=project.proposal.ngo_id,
        url=reverse("web:grant_project_detail", args=[project.pk]),
        subject=f"project:{project.pk}",
        kind=PAYMENT_KIND,
        title=_("قسط طرح «%(t)s» پرداخت شد") % {"t": shorten(project.proposal.title, 80)},
        body=body,
        dedupe=f"instalment:{instalment.pk}:released",
    )
