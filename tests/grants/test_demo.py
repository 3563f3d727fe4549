"""The demo's Kerman call (S4.2): 230 million tomans over the counties, projects in every state,
one guard match decided."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from peygir.grants.models import (
    Call,
    CallEvent,
    Envelope,
    GuardDecision,
    Instalment,
    NgoProfile,
    Project,
    Proposal,
)
from peygir.grants.selectors import overrun_days

pytestmark = pytest.mark.django_db


def test_kerman_call_in_the_demo():
    call_command(
        "demo", "load", "--today", "2024-05-20", "--seasons", "2", stdout=StringIO(), stderr=StringIO()
    )
    call = Call.objects.get(territory__code="IR-08")
    # Closed at its deadline by the daily scan's work, with the event recorded once.
    assert call.total_rials == 2_300_000_000 and call.status == Call.Status.CLOSED
    assert CallEvent.objects.filter(call=call, kind="closed", actor=None).count() == 1
    # Every proposal answered the call's own questions, on the form version it was written on.
    form = call.current_form()
    assert {q["name"] for q in form.fields} == {"partners", "women", "experience"}
    answered = Proposal.objects.filter(call=call)
    assert all(p.form_version_id == form.pk and p.answers["experience"] for p in answered)
    envelopes = Envelope.objects.filter(call=call)
    assert envelopes.count() >= 20
    assert sum(e.amount_rials for e in envelopes) == call.total_rials
    statuses = set(Proposal.objects.filter(call=call).values_list("status", flat=True))
    assert statuses == set(Proposal.Status.values)
    projects = {p.status for p in Project.objects.filter(call=call)}
    assert {"active", "final_reported", "completed"} <= projects
    instalments = set(Instalment.objects.filter(project__call=call).values_list("status", flat=True))
    assert instalments == set(Instalment.Status.values)
    decision = GuardDecision.objects.get(proposal__call=call)
    assert decision.decision == "co_funded" and decision.matches[0]["kind"] == "action"
    today = dt.date(2024, 5, 20)
    assert any(overrun_days(p, today) > 0 for p in Project.objects.filter(call=call))
    # The registrations queue: NGOs that registered themselves, in every state.
    registered = NgoProfile.objects.filter(applicant__username__startswith="ngo_apply_kerman")
    assert set(registered.values_list("status", flat=True)) == set(NgoProfile.Status.values)
    assert all(p.documents.exists() for p in registered)
    pending = registered.filter(status="pending").first()
    assert pending is not None and not pending.organization.is_active
