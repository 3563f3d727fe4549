"""Pages of proposals: the NGO writes, edits and submits; the office decides on the decision page,
which shows the double-funding guard's matches and records the decision about them; reviewers score."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from peygir.coordination.web.entry import EntrySpec, after_save
from peygir.core.errors import ConflictError, NotAllowed, ValidationError
from peygir.core.files import download
from peygir.core.jalali import today as local_today
from peygir.core.web.views import call_service, errors_to_form
from peygir.grants import access, guard, selectors
from peygir.grants.models import Call, Proposal, ProposalAttachment
from peygir.grants.services import allocation, calls, ngos, proposals, reviews
from peygir.grants.services.proposals import Plan
from peygir.organizations.access import get_for_user
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from .forms import ApproveForm, GuardForm, ProposalForm, ReasonForm, ReviewForm, message_form
from .projects import project_entered


def _form(call: Call, version, data=None, files=None, initial=None) -> ProposalForm:
    counties = calls.counties_of(call)
    hoods = Territory.objects.filter(
        kind=Territory.Kind.NEIGHBOURHOOD, is_active=True, path__startswith=call.territory_path
    ).order_by("name_fa")[:500]
    return ProposalForm(
        data, files, call=call, form_version=version, counties=counties, hoods=list(hoods), initial=initial
    )


def _plan(form: ProposalForm) -> Plan:
    d = form.cleaned_data
    by_id = {t.pk: t for t in Territory.objects.filter(pk__in=[d["county"], *d["neighbourhoods"]])}
    return Plan(
        title=d["title"],
        summary=d["summary"],
        county=by_id[d["county"]],
        theme=d["theme"],
        neighbourhoods=[by_id[pk] for pk in d["neighbourhoods"] if pk in by_id],
        beneficiaries_planned=d["beneficiaries_planned"] or 0,
        starts_on=d["starts_on"],
        ends_on=d["ends_on"],
        requested_rials=d["requested"] or 0,
        budget_lines=form.budget_lines(),
        milestones=form.milestones(),
        answers=form.answers(),
    )


# The entry check (coordination): other bodies' similar work in the county while a proposal is typed.
PROPOSAL_CHECK = EntrySpec(
    kind="proposal",
    title="title",
    body="summary",
    county="county",
    neighbourhood="neighbourhoods",
    starts="starts_on",
    ends="ends_on",
    amount="requested",
)


def _save(form: ProposalForm, service: Any, **kwargs: Any) -> tuple[bool, Any]:
    """`call_service`, with the service's messages about the call's questions (keyed by the question's
    name) put under the question's own input (`q_<name>`)."""
    try:
        return True, service(**kwargs)
    except NotAllowed as exc:
        raise Http404 from exc
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and not isinstance(exc, ConflictError):
            exc = ValidationError(
                {
                    (f"q_{key}" if f"q_{key}" in form.fields and key not in form.fields else key): errors
                    for key, errors in exc.error_dict.items()
                }
            )
        errors_to_form(form, exc)
        return False, None


def licence_problem(ngo: Organization) -> str:
    """Why the NGO cannot write or submit a proposal now (not verified, licence expired…), told before
    the form is filled rather than after; "" when it can."""
    try:
        ngos.check_licence(ngo)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return ""


def _my_ngo(user) -> Organization:
    ids = sorted(access.ngo_ids(user))
    if not ids:
        raise Http404
    return Organization.objects.get(pk=ids[0])


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.call_detail(user=request.user, pk=pk)
    ngo = _my_ngo(request.user)
    form = _form(call, call.current_form(), request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = [form.cleaned_data["attachments"]] if form.cleaned_data.get("attachments") else []
        ok, proposal = _save(
            form,
            proposals.proposal_create,
            user=request.user,
            call=call,
            ngo=ngo,
            plan=_plan(form),
            files=files,
        )
        if ok:
            messages.success(request, _("پیش‌نویس طرح ذخیره شد؛ پس از بازبینی آن را ارسال کنید."))
            return after_save(
                request,
                PROPOSAL_CHECK,
                object_ids=[proposal.pk],
                next_url=reverse("web:grant_proposal_detail", args=[proposal.pk]),
                organizations=[ngo.pk],
            )
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "call": call,
        "accepts": call.accepts_on(local_today()),
        "ngo": ngo,
        "licence_problem": licence_problem(ngo),
        "coordination_spec": PROPOSAL_CHECK,
        "ngo_ids": [ngo.pk],
    }
    return render(request, "web/grants/proposal_form.html", context, status=status)


def _initial(proposal: Proposal) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "title": proposal.title,
        "summary": proposal.summary,
        "county": proposal.county_id,
        "theme": proposal.theme,
        "neighbourhoods": [h.pk for h in proposal.neighbourhoods.all()],
        "beneficiaries_planned": proposal.beneficiaries_planned,
        "starts_on": proposal.starts_on,
        "ends_on": proposal.ends_on,
        "requested": proposal.requested_rials // 10,
    }
    for i, line in enumerate(proposal.budget_lines.all(), start=1):
        initial[f"budget_title_{i}"], initial[f"budget_amount_{i}"] = line.title, line.amount_rials // 10
    for i, step in enumerate(proposal.planned_milestones.all(), start=1):
        initial[f"step_title_{i}"], initial[f"step_due_{i}"] = step.title, step.due_on
        initial[f"step_amount_{i}"] = step.amount_rials // 10
    for name, value in (proposal.answers or {}).items():
        initial[f"q_{name}"] = value
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_detail(user=request.user, pk=pk)
    if not access.can_edit_proposal(request.user, proposal):
        raise Http404
    form = _form(
        proposal.call,
        proposal.form_version,
        request.POST or None,
        request.FILES or None,
        initial=_initial(proposal),
    )
    if request.method == "POST" and form.is_valid():
        files = [form.cleaned_data["attachments"]] if form.cleaned_data.get("attachments") else []
        ok, _result = _save(
            form,
            proposals.proposal_update,
            user=request.user,
            proposal=proposal,
            plan=_plan(form),
            files=files,
            expected_version=_version(request),
        )
        if ok:
            messages.success(request, _("طرح ذخیره شد."))
            return redirect("web:grant_proposal_detail", proposal.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "web/grants/proposal_form.html",
        {
            "form": form,
            "call": proposal.call,
            "ngo": proposal.ngo,
            "proposal": proposal,
            "licence_problem": licence_problem(proposal.ngo),
        },
        status=status,
    )


def _version(request: HttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_detail(user=request.user, pk=pk)
    decider = access.can_decide_proposal(request.user, proposal)
    matches, pending = [], []
    if decider and proposal.status in Proposal.PENDING:
        matches = guard.find_matches(proposal)
        pending = guard.undecided(proposal, matches)
    context = {
        "proposal": proposal,
        "call": proposal.call,
        "decider": decider,
        "editable": access.can_edit_proposal(request.user, proposal) and proposal.status in Proposal.EDITABLE,
        "matches": matches,
        "pending_keys": {m.key for m in pending},
        "decisions": list(proposal.guard_decisions.select_related("actor")) if decider else [],
        "reviewer": access.can_review_proposal(request.user, proposal),
        "review_form": ReviewForm(criteria=proposal.call.criteria.all()),
        "approve_form": ApproveForm(),
        "reason_form": ReasonForm(),
        "guard_form": GuardForm(),
        "above": allocation.higher_undecided(proposal)
        if decider and proposal.status in Proposal.PENDING
        else [],
    }
    return render(request, "web/grants/proposal_detail.html", context)


OPS = {"submit", "start_review", "return", "reject", "approve", "guard"}


@login_required
@require_POST
def proposal_op(request: HttpRequest, pk: int, op: str) -> HttpResponse:
    if op not in OPS:
        raise Http404
    proposal = selectors.proposal_detail(user=request.user, pk=pk)
    user, version = request.user, _version(request)
    form: Any = ReasonForm(request.POST) if op in ("return", "reject") else message_form()
    ok, approved = False, None
    if op == "submit":
        ok, _r = call_service(
            form, proposals.proposal_submit, user=user, proposal=proposal, expected_version=version
        )
    elif op == "start_review":
        ok, _r = call_service(
            form, proposals.proposal_start_review, user=user, proposal=proposal, expected_version=version
        )
    elif op in ("return", "reject"):
        service = proposals.proposal_return if op == "return" else proposals.proposal_reject
        if not access.can_decide_proposal(user, proposal):
            raise Http404
        if form.is_valid():
            ok, _r = call_service(
                form,
                service,
                user=user,
                proposal=proposal,
                reason=form.cleaned_data["reason"],
                expected_version=version,
            )
    elif op == "approve":
        if not access.can_decide_proposal(user, proposal):
            raise Http404
        form = ApproveForm(request.POST)
        if form.is_valid():
            ok, approved = call_service(
                form,
                allocation.proposal_approve,
                user=user,
                proposal=proposal,
                amount_rials=form.cleaned_data["amount"],
                override_reason=form.cleaned_data["override_reason"],
                expected_version=version,
            )
    elif op == "guard":
        if not access.can_decide_proposal(user, proposal):
            raise Http404
        form = GuardForm(request.POST)
        if form.is_valid():
            ok, _r = call_service(
                form,
                allocation.guard_decide,
                user=user,
                proposal=proposal,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
    if ok:
        messages.success(request, _("ثبت شد."))
        if op == "approve":
            # The approval entered a project: the coordination check runs for it, as for every entry.
            next_url = reverse("web:grant_proposal_detail", args=[proposal.pk])
            return project_entered(request, approved.project, next_url=next_url)
        return redirect("web:grant_proposal_detail", proposal.pk)
    return render(
        request,
        "web/grants/form_errors.html",
        {"form": form, "back": proposal, "back_url": "web:grant_proposal_detail"},
        status=400,
    )


@login_required
@require_POST
def review_submit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_detail(user=request.user, pk=pk)
    if not access.can_review_proposal(request.user, proposal):
        raise Http404
    form = ReviewForm(request.POST, criteria=proposal.call.criteria.all())
    ok = False
    if form.is_valid():
        if form.cleaned_data["conflict"]:
            ok, _r = call_service(
                form,
                reviews.review_declare_conflict,
                user=request.user,
                proposal=proposal,
                reason=form.cleaned_data["conflict_reason"],
            )
        else:
            ok, _r = call_service(
                form,
                reviews.review_submit,
                user=request.user,
                proposal=proposal,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
    if ok:
        messages.success(request, _("نظر شما ثبت شد."))
        return redirect("web:grant_review_board", proposal.call_id)
    return render(
        request,
        "web/grants/form_errors.html",
        {"form": form, "back": proposal, "back_url": "web:grant_proposal_detail"},
        status=400,
    )


@login_required
def proposal_attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A file attached to a proposal, for whoever may read the proposal: its NGO, the panel scoring it,
    the office deciding on it and the territory's readers (a draft's, the NGO alone)."""
    visible = ProposalAttachment.objects.filter(
        proposal__in=access.proposals_visible_to(request.user).values("pk")
    )
    attachment = get_for_user(visible, pk)
    return download(attachment.file, filename=attachment.name, content_type=attachment.content_type)
