"""Pages of projects (milestones, instalments, amendments, the high supervisor's overrules, the final
report) and the NGO portal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peygir.coordination.web.entry import after_entry
from peygir.core.jalali import today as local_today
from peygir.core.web.views import call_service, paginate
from peygir.grants import access, coordination, guard, scores, selectors
from peygir.grants.models import Project
from peygir.grants.services import allocation, projects

from .forms import (
    AmendForm,
    FinalReportForm,
    GuardForm,
    OverruleForm,
    ReleaseForm,
    message_form,
)


def project_entered(request: HttpRequest, project: Project, *, next_url: str) -> HttpResponse:
    """After approving a proposal (the project is entered) or amending what coordination compares:
    other bodies' similar work in the county and period goes to the coordination entry page, each
    pair to link, differentiate or justify; the pairs the guard's decisions already answered are
    recorded, not asked (grants/coordination.py says why); with nothing left, on to `next_url`."""
    project = Project.objects.select_related("proposal").get(pk=project.pk)
    return after_entry(
        request,
        coordination.project_draft(project),
        next_url=next_url,
        same_as=coordination.same_as(project),
        answered=lambda candidates: coordination.guard_answers(project, candidates),
    )


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.project_list(user=request.user))
    return render(request, "web/grants/project_list.html", {"page": page})


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_detail(user=request.user, pk=pk)
    milestones = list(project.milestones.all())
    high = access.can_high_supervise(request.user, project)
    matches = guard.find_matches(project.proposal) if high else []
    pending = {m.key for m in guard.undecided(project.proposal, matches)} if high else set()
    context = {
        "project": project,
        "milestones": milestones,
        "instalments": [m.instalment for m in milestones if m.instalment.status != "released"],
        "score": scores.project_score(project, milestones),
        "overrun": selectors.overrun_days(project),
        "high": high,
        "supervisor": access.can_supervise(request.user, project),
        "ngo_side": access.can_report_project(request.user, project),
        "matches": matches,
        "pending_keys": pending,
        "amend_form": AmendForm(milestones=milestones),
        "final_form": FinalReportForm(),
        "guard_form": GuardForm(),
        "overrule_form": OverruleForm(),
        "release_form": ReleaseForm(),
    }
    return render(request, "web/grants/project_detail.html", context)


LICENCE_WARNING_DAYS = 30

OPS = {"release", "overrule", "amend", "final_report", "close", "guard"}


@login_required
@require_POST
def project_op(request: HttpRequest, pk: int, op: str) -> HttpResponse:
    if op not in OPS:
        raise Http404
    project = selectors.project_detail(user=request.user, pk=pk)
    user = request.user
    milestones = {m.pk: m for m in project.milestones.all()}
    instalments = {m.instalment.pk: m.instalment for m in milestones.values()}
    form: Any
    ok, amended = False, None
    if op == "release":
        form = ReleaseForm(request.POST)
        if not access.can_high_supervise(user, project):
            raise Http404
        if form.is_valid():
            instalment = instalments.get(form.cleaned_data["instalment"])
            if instalment is None:
                raise Http404
            ok, _r = call_service(
                form,
                projects.instalment_release,
                user=user,
                instalment=instalment,
                reference=form.cleaned_data["reference"],
            )
    elif op == "overrule":
        form = OverruleForm(request.POST)
        if not access.can_high_supervise(user, project):
            raise Http404
        if form.is_valid():
            milestone = milestones.get(form.cleaned_data["milestone"])
            if milestone is None:
                raise Http404
            ok, _r = call_service(
                form,
                projects.milestone_overrule,
                user=user,
                milestone=milestone,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
    elif op == "amend":
        form = AmendForm(request.POST, milestones=milestones.values())
        if not access.can_high_supervise(user, project):
            raise Http404
        if form.is_valid():
            d = form.cleaned_data
            ok, amended = call_service(
                form,
                projects.project_amend,
                user=user,
                project=project,
                reason=d["reason"],
                ends_on=d["ends_on"],
                milestone=milestones.get(d["milestone"]) if d["milestone"] else None,
                due_on=d["due_on"],
            )
    elif op == "final_report":
        form = FinalReportForm(request.POST)
        if not access.can_report_project(user, project):
            raise Http404
        if form.is_valid():
            ok, _r = call_service(
                form,
                projects.project_final_report,
                user=user,
                project=project,
                text=form.cleaned_data["text"],
                beneficiaries_counted=form.cleaned_data["beneficiaries_counted"],
            )
    elif op == "close":
        form = message_form()
        ok, _r = call_service(form, projects.project_close, user=user, project=project)
    elif op == "guard":
        form = GuardForm(request.POST)
        if not access.can_high_supervise(user, project):
            raise Http404
        if form.is_valid():
            instalment = instalments.get(form.cleaned_data["instalment"] or 0)
            if instalment is None:
                form.add_error(None, _("قسط را انتخاب کنید."))
            else:
                ok, _r = call_service(
                    form,
                    allocation.guard_decide,
                    user=user,
                    proposal=project.proposal,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                    instalment=instalment,
                )
    if ok:
        messages.success(request, _("ثبت شد."))
        if op == "amend" and coordination.needs_check(amended):
            next_url = reverse("web:grant_project_detail", args=[project.pk])
            return project_entered(request, project, next_url=next_url)
        return redirect("web:grant_project_detail", project.pk)
    return render(
        request,
        "web/grants/form_errors.html",
        {"form": form, "back": project, "back_url": "web:grant_project_detail"},
        status=400,
    )


@login_required
def ngo_portal(request: HttpRequest) -> HttpResponse:
    portal = selectors.ngo_portal(user=request.user)
    if not portal.ngos and not portal.applications:
        raise Http404
    today = local_today()
    calls = (
        selectors.call_list(user=request.user)
        .filter(status="published", opens_on__lte=today, closes_on__gte=today)
        .order_by("closes_on")[:10]
    )
    context = {
        "portal": portal,
        "calls": calls,
        "today": today,
        # a licence ending within a month is told ahead: renewing takes longer than a call stays open
        "licence_soon": today + dt.timedelta(days=LICENCE_WARNING_DAYS),
    }
    return render(request, "web/grants/portal.html", context)
