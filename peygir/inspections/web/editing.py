"""Authoring pages: create and edit a plan, send it for approval or back to its drafters, close it; create a
checklist, edit its draft question by question, publish it, start the next version's draft."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from peygir.core.errors import ConflictError, NotAllowed, ValidationError
from peygir.core.text import to_persian_digits
from peygir.organizations.access import get_scope

from .. import access, drafts, plans, selectors
from ..models import ChecklistVersion
from .authoring import ChecklistForm, PlanForm, QuestionForm, ReasonForm


def _version(request: HttpRequest) -> int | None:
    value = request.POST.get("version") or request.POST.get("revision") or ""
    return int(value) if value.isdigit() and len(value) < 10 else None


def _errors_into(form, exc: ValidationError) -> None:
    """A service's refusal, shown at its field when the form has one (else above the form)."""
    if hasattr(exc, "error_dict"):
        for field, texts in exc.message_dict.items():
            for text in texts:
                form.add_error(field if field in form.fields else None, text)
    else:
        for text in exc.messages:
            form.add_error(None, text)


# ---------------------------------------------------------------- plans


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    scope = get_scope(request.user)
    if not scope.is_superuser and not scope.manage_paths:
        raise Http404
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            plan = plans.plan_create(
                user=request.user,
                title=d["title"],
                organization=d["organization"],
                territory=d["territory"],
                document=d["document"],
                inspectors=list(d["inspectors"]),
                rules=d["rules"],
                period=d["period"],
                partners=list(d["partners"]),
                back_check_percent=d["back_check_percent"],
            )
        except NotAllowed:
            form.add_error(None, _("در این قلمرو یا برای این سازمان نمی‌توانید برنامه بسازید."))
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("پیش‌نویس برنامه ثبت شد؛ پس از بازبینی آن را برای تصویب بفرستید."))
            return redirect("web:plan_detail", plan.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/inspections/plan_form.html", {"form": form, "plan": None}, status=status)


def _managed_plan(request: HttpRequest, pk: int):
    plan = selectors.plan_for_user(request.user, pk)
    if not access.can_manage_plan(request.user, plan):
        raise Http404
    return plan


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _managed_plan(request, pk)
    if request.method == "GET" and plan.status != plan.Status.DRAFT:
        messages.error(request, _("تنها برنامه پیش‌نویس ویرایش می‌شود."))
        return redirect("web:plan_detail", plan.pk)
    form = PlanForm(request.POST or None, user=request.user, plan=plan, initial=PlanForm.initial_for(plan))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            plans.plan_update(
                user=request.user,
                plan=plan,
                expected_version=_version(request),
                title=d["title"],
                territory=d["territory"],
                document=d["document"],
                inspectors=list(d["inspectors"]),
                rules=d["rules"],
                period=d["period"],
                partners=list(d["partners"]),
                back_check_percent=d["back_check_percent"],
            )
        except NotAllowed:
            form.add_error("territory", _("قلمرو برنامه باید درون قلمرو سازمان بازرس و در اختیار شما باشد."))
        except (ValidationError, ConflictError) as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("برنامه ویرایش شد."))
            return redirect("web:plan_detail", plan.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/inspections/plan_form.html", {"form": form, "plan": plan}, status=status)


def _plan_step(
    request: HttpRequest, plan: Any, service: Callable[..., Any], done: str, **kwargs: Any
) -> HttpResponse:
    """One of the plan's steps from its page: the service's refusals as messages, back to the plan."""
    try:
        service(user=request.user, plan=plan, expected_version=_version(request), **kwargs)
    except (ValidationError, ConflictError) as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, done)
    return redirect("web:plan_detail", plan.pk)


def _reasoned_plan_step(
    request: HttpRequest, pk: int, service: Callable[..., Any], missing: str, done: str
) -> HttpResponse:
    plan = _managed_plan(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, missing)
        return redirect("web:plan_detail", plan.pk)
    return _plan_step(request, plan, service, done, reason=form.cleaned_data["reason"])


@login_required
@require_POST
def plan_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_step(
        request, _managed_plan(request, pk), plans.plan_submit, _("برنامه برای تصویب فرستاده شد.")
    )


@login_required
@require_POST
def plan_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _reasoned_plan_step(
        request,
        pk,
        plans.plan_return,
        _("دلیل بازگرداندن را بنویسید."),
        _("برنامه با دلیل آن به پیش‌نویس بازگردانده شد."),
    )


@login_required
@require_POST
def plan_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _reasoned_plan_step(
        request,
        pk,
        plans.plan_close,
        _("دلیل پایان برنامه را بنویسید."),
        _("برنامه پایان یافت: دوره تازه‌ای قرعه‌کشی نمی‌شود و دوره‌های مهرشده با بازدیدهایشان می‌مانند."),
    )


# ---------------------------------------------------------------- checklists


@login_required
@require_http_methods(["GET", "POST"])
def checklist_create(request: HttpRequest) -> HttpResponse:
    scope = get_scope(request.user)
    if not scope.is_superuser and not scope.manage_paths:
        raise Http404
    form = ChecklistForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            template = drafts.template_create_draft(
                user=request.user,
                document=d["document"],
                title=d["title"],
                facility_kinds=d["facility_kinds"],
                pass_score=d["pass_score"],
            )
        except NotAllowed:
            form.add_error("document", _("چک‌لیست این سند را نمی‌توانید بسازید."))
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("پیش‌نویس چک‌لیست ساخته شد؛ پرسش‌ها را بیفزایید و سپس منتشر کنید."))
            return redirect("web:checklist_draft", template.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/inspections/checklist_form.html", {"form": form}, status=status)


def _managed_template(request: HttpRequest, pk: int):
    template = selectors.template_for_user(request.user, pk)
    if not access.can_manage_template(request.user, template):
        raise Http404
    return template


@login_required
@require_http_methods(["GET", "POST"])
def checklist_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft's questions, each removable, and the form adding one."""
    template = _managed_template(request, pk)
    draft = template.draft_version()
    form = QuestionForm(request.POST or None, initial={"revision": draft.revision if draft else None})
    if request.method == "POST":
        if draft is None:
            messages.error(request, _("این چک‌لیست پیش‌نویسی ندارد."))
            return redirect("web:checklist_draft", template.pk)
        if form.is_valid():
            try:
                drafts.draft_question_add(
                    user=request.user,
                    version=draft,
                    section_title=form.cleaned_data["section"],
                    spec=form.spec(),
                    expected_revision=form.cleaned_data.get("revision"),
                )
            except (ValidationError, ConflictError) as exc:
                _errors_into(form, exc)
            else:
                messages.success(request, _("پرسش به پیش‌نویس افزوده شد."))
                return redirect("web:checklist_draft", template.pk)
    context = {
        "template": template,
        "draft": draft,
        "questions": selectors.version_questions(draft) if draft else [],
        "latest": template.latest_version(),
        "form": form,
    }
    return render(
        request,
        "web/inspections/checklist_draft.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def checklist_draft_start(request: HttpRequest, pk: int) -> HttpResponse:
    template = _managed_template(request, pk)
    drafts.draft_start(user=request.user, template=template)
    return redirect("web:checklist_draft", template.pk)


def _draft_of(request: HttpRequest, pk: int) -> ChecklistVersion:
    template = _managed_template(request, pk)
    draft = template.draft_version()
    if draft is None:
        raise Http404
    return draft


@login_required
@require_POST
def checklist_question_remove(request: HttpRequest, pk: int, question: int) -> HttpResponse:
    draft = _draft_of(request, pk)
    try:
        drafts.draft_question_remove(
            user=request.user, version=draft, question_id=question, expected_revision=_version(request)
        )
    except (ValidationError, ConflictError) as exc:
        for text in exc.messages:
            messages.error(request, text)
    return redirect("web:checklist_draft", pk)


@login_required
@require_POST
def checklist_publish(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft_of(request, pk)
    try:
        published = drafts.draft_publish(
            user=request.user,
            version=draft,
            note=request.POST.get("note", ""),
            expected_revision=_version(request),
        )
    except (ValidationError, ConflictError) as exc:
        for text in exc.messages:
            messages.error(request, text)
        return redirect("web:checklist_draft", pk)
    messages.success(
        request,
        _("نسخه %(n)s منتشر شد؛ بازدیدهایی که از این پس قرعه‌کشی شوند با این نسخه انجام می‌شوند.")
        % {"n": to_persian_digits(published.number)},
    )
    return redirect("web:checklist_detail", pk)
