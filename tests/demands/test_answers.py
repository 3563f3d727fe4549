"""The agency's answers and the office's decisions, down to the citizen's rating."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from peygir.actions.models import Action, Evidence
from peygir.actions.services import action_change_deadline, action_report_done, action_verify
from peygir.core.errors import ValidationError
from peygir.core.jalali import today
from peygir.demands import services
from peygir.demands.models import Demand, DemandEvent
from peygir.demands.selectors import triage_queue
from peygir.notifications.models import OutboundMessage
from tests import images

S = Demand.Status
PNG = images.PNG  # a real image: uploads are re-encoded


def _sms(demand):
    return list(OutboundMessage.objects.filter(channel="sms", dedupe_key__startswith=f"demand:{demand.pk}:"))


def test_planned_date_becomes_the_deadline_only_when_the_office_accepts(dw, world):
    demand = dw.intake()
    deadline = demand.current_action.deadline
    proposed = today() + dt.timedelta(days=60)
    demand = services.demand_answer_planned(
        user=world.users["liaison"], demand=demand, date=proposed, note="بودجه سال آینده"
    )
    assert demand.proposed_date == proposed
    assert demand.status == S.ROUTED and demand.expected_on == deadline
    demand.current_action.refresh_from_db()
    assert demand.current_action.deadline == deadline  # not yet
    demand = services.demand_accept_plan(user=dw.users["facilitator"], demand=demand)
    action = Action.objects.get(pk=demand.current_action_id)
    assert action.deadline == proposed and demand.expected_on == proposed
    assert demand.status == S.PLANNED and demand.proposed_date is None
    assert DemandEvent.objects.get(demand=demand, kind="plan_accepted").is_public


def test_declined_plan_keeps_the_service_level_deadline(dw, world):
    demand = dw.intake()
    deadline = demand.current_action.deadline
    demand = services.demand_answer_planned(
        user=world.users["liaison"], demand=demand, date=today() + dt.timedelta(days=300)
    )
    demand = services.demand_decline_plan(user=dw.users["facilitator"], demand=demand, reason="خیلی دیر است")
    demand.current_action.refresh_from_db()
    assert demand.current_action.deadline == deadline and demand.expected_on == deadline
    assert demand.proposed_date is None and demand.status == S.ROUTED
    with pytest.raises(ValidationError):
        services.demand_accept_plan(user=dw.users["facilitator"], demand=demand)


def test_planned_date_in_the_past_is_refused(dw, world):
    demand = dw.intake()
    with pytest.raises(ValidationError) as err:
        services.demand_answer_planned(
            user=world.users["liaison"], demand=demand, date=today() - dt.timedelta(days=1)
        )
    assert "date" in err.value.message_dict
    demand.refresh_from_db()
    assert demand.proposed_date is None


def test_done_verify_rating(dw, world):
    demand = dw.intake()
    photo = SimpleUploadedFile("after.png", PNG, content_type="image/png")
    demand = services.demand_answer_done(
        user=world.users["liaison"], demand=demand, text="سرویس بهداشتی بازسازی شد", files=[photo]
    )
    assert demand.status == S.DONE
    action = Action.objects.get(pk=demand.current_action_id)
    assert action.status == Action.Status.REPORTED_DONE
    assert Evidence.objects.filter(update__action=action).count() == 1
    demand = services.demand_verify(
        user=dw.users["facilitator"], demand=demand, public_note="کار با بازدید تأیید شد"
    )
    action.refresh_from_db()
    assert action.status == Action.Status.VERIFIED
    assert demand.status == S.RESOLVED and demand.resolved_at is not None
    assert demand.public_note == "کار با بازدید تأیید شد"
    closing = _sms(demand)[-1]
    assert "امتیاز" in closing.body and demand.tracking_code in closing.body
    status = services.demand_public_status(
        tracking_code=demand.tracking_code, mobile_last4="4567", client_ip="1.1.1.1"
    )
    assert status.can_rate
    demand = services.demand_rate(
        tracking_code=demand.tracking_code, mobile_last4="۴۵۶۷", rating=5, resolved=True, client_ip="1.1.1.1"
    )
    assert demand.rating == 5 and demand.status == S.RESOLVED
    with pytest.raises(ValidationError):  # one rating per closing
        services.demand_rate(
            tracking_code=demand.tracking_code,
            mobile_last4="4567",
            rating=1,
            resolved=True,
            client_ip="1.1.1.1",
        )


def test_evidence_is_checked_like_any_action_evidence(dw, world):
    demand = dw.intake()
    fake = SimpleUploadedFile("after.png", b"not a png at all", content_type="image/png")
    with pytest.raises(ValidationError):
        services.demand_answer_done(user=world.users["liaison"], demand=demand, text="انجام شد", files=[fake])
    demand.refresh_from_db()
    assert demand.status == S.ROUTED


def test_rejected_report_goes_back_to_routed(dw, world):
    demand = dw.intake()
    demand = services.demand_answer_done(user=world.users["liaison"], demand=demand, text="انجام شد")
    demand = services.demand_reject_done(
        user=dw.users["facilitator"], demand=demand, reason="بازدید نشان داد کار ناقص است"
    )
    assert demand.status == S.ROUTED
    assert Action.objects.get(pk=demand.current_action_id).status == Action.Status.IN_PROGRESS
    with pytest.raises(ValidationError):
        services.demand_verify(user=dw.users["facilitator"], demand=demand)


def test_not_resolved_reopens_the_follow_up(dw, world):
    demand = dw.intake()
    demand = services.demand_answer_done(user=world.users["liaison"], demand=demand, text="انجام شد")
    demand = services.demand_verify(user=dw.users["facilitator"], demand=demand)
    demand = services.demand_rate(
        tracking_code=demand.tracking_code,
        mobile_last4="4567",
        rating=1,
        resolved=False,
        comment="هنوز خراب است",
        client_ip="1.1.1.1",
    )
    assert demand.status == S.TRIAGE and demand.reopened_count == 1 and demand.rating == 1
    assert demand.current_action is None

    assert demand in list(triage_queue(user=dw.users["facilitator"]))
    # the office routes it again; a new closing may be rated again
    demand = services.demand_assign_from_triage(
        user=dw.users["facilitator"], demand=demand, agency=world.agency
    )
    demand = services.demand_answer_done(user=world.users["liaison"], demand=demand, text="دوباره انجام شد")
    demand = services.demand_verify(user=dw.users["facilitator"], demand=demand)
    status = services.demand_public_status(
        tracking_code=demand.tracking_code, mobile_last4="4567", client_ip="1.1.1.2"
    )
    assert status.can_rate


def test_the_action_pages_keep_the_demand_in_step(dw, world):
    """Agency and office may also work on the action page: the demand follows."""

    demand = dw.intake()
    action = demand.current_action
    new_deadline = today() + dt.timedelta(days=90)
    action_change_deadline(
        action=action, user=world.users["office_staff"], deadline=new_deadline, reason="تمدید"
    )
    demand.refresh_from_db()
    assert demand.expected_on == new_deadline and demand.status == S.ROUTED
    action_report_done(action=action, user=world.users["liaison"], text="انجام شد")
    demand.refresh_from_db()
    assert demand.status == S.DONE
    action_verify(action=action, user=world.users["office_staff"])
    demand.refresh_from_db()
    assert demand.status == S.RESOLVED
    public = list(DemandEvent.objects.filter(demand=demand, is_public=True).values_list("kind", flat=True))
    assert public == ["received", "routed", "deadline_changed", "reported_done", "verified"]
    # SMS: routing, done, closing (a re-dating is shown, not texted)
    assert len(_sms(demand)) == 3
