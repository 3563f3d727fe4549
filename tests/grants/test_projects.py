"""Projects: milestones as actions of the NGO, verified by the county governorate, overruled by the
office; instalments only against verified milestones; amendments; the final report; scores."""

import datetime as dt
from decimal import Decimal

import pytest

from peygir.actions import services as action_services
from peygir.actions.models import Action
from peygir.core.errors import NotAllowed, ValidationError
from peygir.grants import scores
from peygir.grants.models import Instalment, MilestoneOverrule, Project
from peygir.grants.services import allocation, projects


def test_milestone_verified_makes_its_instalment_releasable(world):
    g = world.grants
    instalment = g.open_milestone.instalment
    with pytest.raises(ValidationError, match="پس از تأیید مرحله"):
        projects.instalment_release(user=world.users["office_staff"], instalment=instalment)
    action = g.open_milestone.actions.get()
    action_services.action_report_done(action=action, user=world.users["ngo"], text="مسابقه برگزار شد")
    instalment.refresh_from_db()
    assert instalment.status == Instalment.Status.PENDING  # a claim is not a verification
    with pytest.raises(NotAllowed):
        action_services.action_verify(action=action, user=world.users["ngo"])
    action_services.action_reject(action=action, user=world.users["county_deputy"], reason="عکس ندارد")
    action_services.action_report_done(action=action, user=world.users["ngo"], text="با عکس")
    action_services.action_verify(action=action, user=world.users["county_deputy"])
    instalment.refresh_from_db()
    assert instalment.status == Instalment.Status.RELEASABLE
    with pytest.raises(NotAllowed):
        projects.instalment_release(user=world.users["ngo"], instalment=instalment)
    with pytest.raises(NotAllowed):
        projects.instalment_release(user=world.users["county_deputy"], instalment=instalment)
    # Since the approval the NGO proposed more work in the same months: decided before paying.
    with pytest.raises(ValidationError, match="مورد مشابه"):
        projects.instalment_release(user=world.users["office_staff"], instalment=instalment)
    allocation.guard_decide(
        user=world.users["office_staff"],
        proposal=g.project.proposal,
        instalment=instalment,
        decision="different",
        reason="طرح دوم کارگاه والدین است",
    )
    released = projects.instalment_release(
        user=world.users["office_staff"], instalment=instalment, reference="۱۲۳"
    )
    assert (
        released.status == Instalment.Status.RELEASED and released.released_by == world.users["office_staff"]
    )
    with pytest.raises(ValidationError, match="پیش‌تر پرداخت|پرداخت شده"):
        projects.instalment_release(user=world.users["office_staff"], instalment=released)


def test_the_high_supervisor_overrules(world):
    g = world.grants
    # Withholding a verified milestone's instalment.
    projects.milestone_overrule(
        user=world.users["office_staff"],
        milestone=g.milestone,
        decision="withhold",
        reason="بازدید ما خلاف نشان داد",
    )
    g.instalment.refresh_from_db()
    assert g.instalment.status == Instalment.Status.WITHHELD
    with pytest.raises(ValidationError, match="متوقف"):
        projects.instalment_release(user=world.users["office_staff"], instalment=g.instalment)
    with pytest.raises(NotAllowed):  # the county supervisor cannot
        projects.milestone_overrule(
            user=world.users["county_deputy"], milestone=g.milestone, decision="release_hold", reason="x"
        )
    # Verifying a milestone the county left waiting.
    action = g.open_milestone.actions.get()
    action_services.action_report_done(action=action, user=world.users["ngo"], text="انجام شد")
    projects.milestone_overrule(
        user=world.users["office_head"],
        milestone=g.open_milestone,
        decision="verify",
        reason="فرمانداری پاسخ نداد",
    )
    action.refresh_from_db()
    assert action.status == Action.Status.VERIFIED
    assert g.open_milestone.overrules.filter(decision=MilestoneOverrule.Decision.VERIFY).exists()


def test_changes_only_by_amendment(world):
    g = world.grants
    project = g.project
    with pytest.raises(NotAllowed):
        projects.project_amend(user=world.users["ngo"], project=project, reason="x", ends_on=project.ends_on)
    new_due = project.ends_on - dt.timedelta(days=1)
    (row,) = projects.project_amend(
        user=world.users["office_staff"],
        project=project,
        reason="درخواست سمن",
        milestone=g.open_milestone,
        due_on=new_due,
    )
    assert row.field == "milestone:2" and row.reason == "درخواست سمن"
    assert g.open_milestone.actions.get().deadline == new_due
    g.open_milestone.refresh_from_db()
    assert g.open_milestone.due_on == new_due


def test_final_report_closes_and_scores(world):
    g = world.grants
    project = g.project
    with pytest.raises(ValidationError, match="همه مراحل"):
        projects.project_final_report(
            user=world.users["ngo"], project=project, text="x", beneficiaries_counted=10
        )
    action = g.open_milestone.actions.get()
    action_services.action_report_done(action=action, user=world.users["ngo"], text="انجام شد")
    with pytest.raises(ValidationError, match="رقم"):
        projects.project_final_report(
            user=world.users["ngo"], project=project, text="x", beneficiaries_counted="بسیار"
        )
    project = projects.project_final_report(
        user=world.users["ngo"], project=project, text="۹۰ نوجوان تا پایان ماندند", beneficiaries_counted="۹۰"
    )
    with pytest.raises(ValidationError, match="تأیید"):
        projects.project_close(user=world.users["county_deputy"], project=project)
    action_services.action_verify(action=action, user=world.users["county_deputy"])
    with pytest.raises(NotAllowed):
        projects.project_close(user=world.users["ngo"], project=project)
    project = projects.project_close(user=world.users["county_deputy"], project=project)
    assert project.status == Project.Status.COMPLETED
    score = scores.project_score(project)
    assert score.verified == 2 and score.beneficiaries_share == Decimal("0.75")  # 90 of 120
    assert score.total == Decimal(60 + 20 + 15)
    (county,) = scores.county_ranking(project.call)
    assert county.score == score.total and county.county_name == world.county.name_fa
