"""The grants part of the shared `world` (tests/world.py: `world.grants`), built through the services:
the provincial office's published call with its county envelope, the NGO's profile, a proposal under
review (scored by the panel's reviewer, the inspector), an approved project with two milestones — the
first verified by the county governorate, its instalment releasable — and the NGO's draft."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from peygir.actions import services as action_services
from peygir.grants import guard
from peygir.grants.models import Call, Instalment, Milestone, NgoProfile, Project, Proposal
from peygir.grants.services import allocation, calls, ngos, projects, proposals, reviews
from peygir.grants.services.proposals import Plan

from .factories import PDF, NgoPhoneConfirmationFactory, NgoProfileFactory

TOMAN = 10
CRITERIA = [("اثرگذاری بر آسیب‌های اجتماعی محله", 3), ("توان اجرایی سمن", 2), ("هزینه‌اثربخشی", 1)]
FORM = [
    {"name": "partners", "label": "شریکان اجرا", "kind": "text", "required": False},
    {"name": "girls", "label": "شمار دختران بهره‌مند", "kind": "integer", "required": True},
]


@dataclass
class GrantsWorld:
    call: Call
    profile: NgoProfile
    proposal: Proposal  # under review
    draft: Proposal
    project: Project
    milestone: Milestone  # the first, verified
    open_milestone: Milestone
    instalment: Instalment  # the first's, releasable
    reviewer: Any


def plan(world: Any, *, title: str, summary: str, tomans: int = 40_000_000, days: int = 90) -> Plan:
    start = timezone.localdate()
    half = tomans // 2 * TOMAN
    return Plan(
        title=title,
        summary=summary,
        county=world.county,
        theme="sport",
        starts_on=start,
        ends_on=start + dt.timedelta(days=days),
        requested_rials=tomans * TOMAN,
        budget_lines=[("حق‌الزحمه مربیان", half), ("اجاره سالن و لوازم ورزشی", tomans * TOMAN - half)],
        milestones=[
            ("ثبت‌نام نوجوانان و آغاز کلاس‌ها", start + dt.timedelta(days=30), half),
            ("برگزاری مسابقه پایانی و گزارش", start + dt.timedelta(days=days), tomans * TOMAN - half),
        ],
        neighbourhoods=[world.neighbourhood],
        beneficiaries_planned=120,
        answers={"partners": "هیئت ورزش‌های همگانی", "girls": "۶۰"},
    )


def approve(user: Any, proposal: Proposal, **kwargs: Any) -> Proposal:
    """Approve, first recording "different work" about any match the guard shows."""
    if guard.undecided(proposal, guard.find_matches(proposal)):
        allocation.guard_decide(
            user=user, proposal=proposal, decision="different", reason="کار دیگری در محله دیگری است"
        )
    return allocation.proposal_approve(user=user, proposal=proposal, **kwargs)


def build_grants(world: Any) -> GrantsWorld:
    office = world.users["office_staff"]
    ngo_user = world.users["ngo"]
    reviewer = world.users["inspector"]
    today = timezone.localdate()
    profile = NgoProfileFactory(
        organization=world.ngo, activity_territory=world.county, national_id="14003456781"
    )
    ngos.ngo_event(profile, "registered", office)  # registered by the office: verified at once
    NgoPhoneConfirmationFactory(profile=profile)  # its representative's mobile, confirmed by SMS
    ngos.ngo_document_add(
        user=ngo_user, profile=profile, title="پروانه فعالیت", file=SimpleUploadedFile("mojavez.pdf", PDF)
    )
    call = calls.call_create(
        user=office,
        office=world.office,
        title="فراخوان حمایت از طرح‌های اجتماعی سازمان‌های مردم‌نهاد استان مرکزی",
        total_rials=230_000_000 * TOMAN,
        opens_on=today - dt.timedelta(days=5),
        closes_on=today + dt.timedelta(days=25),
        themes=["sport", "addiction", "begging"],
        policy_document=world.policy_document,
        criteria=CRITERIA,
        form_fields=FORM,
    )
    calls.call_envelopes_set(user=office, call=call, method="equal")
    call = calls.call_publish(user=office, call=call)
    calls.call_reviewer_add(user=office, call=call, reviewer=reviewer)

    first = proposals.proposal_create(
        user=ngo_user,
        call=call,
        ngo=world.ngo,
        plan=plan(world, title="کلاس‌های ورزشی نوجوانان محله شهید بهشتی", summary="فوتسال و والیبال رایگان"),
        files=[SimpleUploadedFile("tarh.pdf", PDF)],
    )
    first = proposals.proposal_submit(user=ngo_user, proposal=first)
    first = proposals.proposal_start_review(user=office, proposal=first)
    reviews.review_submit(
        user=reviewer,
        proposal=first,
        scores={c.pk: 8 for c in call.criteria.all()},
        comment="طرح روشن و شدنی است",
    )
    first = approve(office, first)
    project = first.project

    second = proposals.proposal_create(
        user=ngo_user,
        call=call,
        ngo=world.ngo,
        plan=plan(
            world,
            title="کارگاه پیشگیری از اعتیاد برای خانواده‌ها",
            summary="آموزش مهارت‌های زندگی به والدین",
            tomans=30_000_000,
        ),
    )
    second = proposals.proposal_submit(user=ngo_user, proposal=second)
    second = proposals.proposal_start_review(user=office, proposal=second)
    # Same NGO, same months as the approved project: the guard shows it; the office decides.
    allocation.guard_decide(
        user=office, proposal=second, decision="different", reason="کارگاه والدین است، نه کلاس ورزشی"
    )
    draft = proposals.proposal_create(
        user=ngo_user,
        call=call,
        ngo=world.ngo,
        plan=plan(
            world, title="جشنواره کتاب‌خوانی کودکان", summary="کتاب‌خوانی در مسجد محله", tomans=10_000_000
        ),
    )

    first_step, second_step = project.milestones.order_by("number")
    action = first_step.actions.get()
    action_services.action_report_done(action=action, user=ngo_user, text="۱۲۰ نوجوان ثبت‌نام کردند")
    action_services.action_verify(action=action, user=world.users["county_deputy"], text="با بازدید تأیید شد")
    projects.project_amend(
        user=office, project=project, reason="تعطیلات نوروز", ends_on=project.ends_on + dt.timedelta(days=5)
    )
    projects.milestone_overrule(
        user=office, milestone=second_step, decision="withhold", reason="فهرست بهره‌مندان کامل نیست"
    )
    projects.milestone_overrule(
        user=office, milestone=second_step, decision="release_hold", reason="فهرست رسید"
    )
    first_step.refresh_from_db()
    return GrantsWorld(
        call=call,
        profile=profile,
        proposal=second,
        draft=draft,
        project=project,
        milestone=first_step,
        open_milestone=second_step,
        instalment=first_step.instalment,
        reviewer=reviewer,
    )
