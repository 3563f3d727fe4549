"""Facilities, checklists and plans: lists, pages, the Excel import, approving a plan, the published
schedule with its verification."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.jalali import today as local_today
from peygir.core.text import to_persian_digits
from peygir.core.web.views import paginate
from peygir.organizations.access import get_scope

from .. import access, facilities, plans, selectors
from ..models import DrawAmendment, FacilityKind, Visit
from .forms import FacilityFilterForm, FacilityImportForm


@login_required
def facility_list(request: HttpRequest) -> HttpResponse:
    form = FacilityFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.facility_list(request.user, kind=data.get("kind") or "", query=data.get("q") or "")
    scope = get_scope(request.user)
    return render(
        request,
        "web/inspections/facilities.html",
        {
            "form": form,
            "page": paginate(request, qs),
            "can_import": scope.is_superuser or bool(scope.manage_paths),
        },
    )


@login_required
def facility_detail(request: HttpRequest, pk: int) -> HttpResponse:
    facility = selectors.facility_for_user(request.user, pk)
    return render(
        request, "web/inspections/facility.html", {"p": selectors.facility_page(request.user, facility)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def facility_import(request: HttpRequest) -> HttpResponse:
    scope = get_scope(request.user)
    if not scope.is_superuser and not scope.manage_paths:
        raise Http404
    form = FacilityImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > 5 * 1024 * 1024:
                form.add_error("file", _("پرونده بزرگ‌تر از ۵ مگابایت است."))
            else:
                try:
                    report = facilities.facilities_import(user=request.user, content=upload.read())
                except NotAllowed as exc:
                    raise Http404 from exc
                except ValidationError as exc:
                    form.add_error("file", exc.messages)
        if report is None:
            status = 400
    # The words the "kind" column accepts, so that nobody has to guess them.
    kinds = [str(label) for _value, label in FacilityKind.choices]
    return render(
        request,
        "web/inspections/import.html",
        {"form": form, "report": report, "kinds": kinds},
        status=status,
    )


def _can_author(request: HttpRequest) -> bool:
    scope = get_scope(request.user)
    return scope.is_superuser or bool(scope.manage_paths)


@login_required
def checklist_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/inspections/checklists.html",
        {
            "page": paginate(request, selectors.template_list(request.user)),
            "can_create": _can_author(request),
        },
    )


@login_required
def checklist_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = selectors.template_for_user(request.user, pk)
    # Published versions only: a draft is seen on its own page by those who edit it.
    all_versions = list(template.versions.order_by("-number"))
    versions = [v for v in all_versions if not v.is_draft]
    version = versions[0] if versions else None
    asked = request.GET.get("version")
    if asked and asked.isdigit():
        version = next((v for v in versions if v.number == int(asked)), version)
    questions = selectors.version_questions(version) if version else []
    return render(
        request,
        "web/inspections/checklist.html",
        {
            "template": template,
            "versions": versions,
            "version": version,
            "questions": questions,
            "can_manage": access.can_manage_template(request.user, template),
            "has_draft": len(all_versions) > len(versions),
        },
    )


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/inspections/plans.html",
        {"page": paginate(request, selectors.plan_list(request.user)), "can_create": _can_author(request)},
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for_user(request.user, pk)
    page = selectors.plan_page(request.user, plan)
    rules = list(plan.rules.select_related("template"))
    inspectors = list(plan.inspectors.order_by("last_name", "pk"))
    return render(request, "web/inspections/plan.html", {"p": page, "rules": rules, "inspectors": inspectors})


@login_required
@require_POST
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for_user(request.user, pk)
    try:
        version = request.POST.get("version")
        sealed = plans.plan_approve(
            user=request.user,
            plan=plan,
            expected_version=int(version) if version and version.isdigit() else None,
        )
    except NotAllowed as exc:
        raise Http404 from exc
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("web:plan_detail", plan.pk)
    if sealed is not None:
        messages.success(
            request,
            _("برنامه تصویب شد و %(n)s بازدید %(p)s قرعه‌کشی و مهر شد. تاریخ‌ها به هیچ‌کس نشان داده نمی‌شود.")
            % {"n": to_persian_digits(sealed.visits_count), "p": sealed.period_label},
        )
    return redirect("web:plan_detail", plan.pk)


@login_required
def draw_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A published draw: the schedule, the seed, the amendments and the verification."""
    sealed = selectors.published_draw(request.user, pk)
    check = plans.verify_draw(sealed)
    # The sealed visits, and later ones (back-checks, re-inspections) only once their day has passed.
    visits = list(
        sealed.visits.filter(Q(kind=Visit.Kind.SCHEDULED) | Q(scheduled_on__lt=local_today()))
        .select_related("facility", "inspector")
        .order_by("scheduled_on", "pk")
    )
    amendments = list(
        DrawAmendment.objects.filter(draw=sealed).select_related(
            "visit__facility", "old_inspector", "new_inspector"
        )
    )
    return render(
        request,
        "web/inspections/draw.html",
        {"draw": sealed, "check": check, "visits": visits, "amendments": amendments},
    )
