"""Programs: the list and a program's page (goals, targets, duties and their actions)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peygir.coordination.web.entry import EntrySpec, after_save
from peygir.core.text import normalize_text
from peygir.core.web.forms import SearchForm
from peygir.core.web.views import call_service, is_htmx, paginate
from peygir.organizations.access import get_for_user, get_scope
from peygir.organizations.models import Membership, Organization

from .. import access, duties, selectors
from ..models import Program
from .forms import DutyForm, GoalForm, ProgramForm

# The entry check (coordination): other bodies' similar work while a duty is typed.
DUTY_CHECK = EntrySpec(
    kind="duty", title="title", body="description", organizations="responsible", ends="deadline"
)

Kind = Organization.Kind


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    qs = selectors.programs_list(access.programs_visible_to(request.user)).order_by(
        "-start_year", "title", "id"
    )
    if form.is_valid() and form.cleaned_data["q"]:
        words = normalize_text(form.cleaned_data["q"])
        qs = qs.filter(title__icontains=words)
    page = paginate(request, qs)
    template = "web/programs/_list_table.html" if is_htmx(request) else "web/programs/list.html"
    return render(request, template, {"page": page, "form": form})


def _owners(request: HttpRequest):
    """The organizations the user may found programs for: those they manage (and, for national staff,
    the national organization)."""
    scope = get_scope(request.user)
    qs = Organization.objects.filter(is_active=True).select_related("territory")
    if scope.is_superuser:
        return qs.filter(kind__in=[Kind.NATIONAL, Kind.SOCIAL_OFFICE, Kind.COUNTY_GOVERNORATE]).order_by(
            "name"
        )
    national = (
        Q(kind=Kind.NATIONAL, pk__in=scope.org_ids)
        if Membership.Role.NATIONAL in scope.roles
        else Q(pk__in=[])
    )
    return qs.filter(Q(pk__in=scope.managing_org_ids) | national).order_by("name")


@login_required
def program_create(request: HttpRequest) -> HttpResponse:
    owners = _owners(request)
    if not owners.exists():
        raise Http404
    form = ProgramForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        owner = data["owner"]
        if data["adopted_from"]:
            ok, program = call_service(form, duties.program_adopt, user=request.user, national=data["adopted_from"],
                                       territory=owner.territory, owner=owner)  # fmt: skip
        else:
            ok, program = call_service(
                form, duties.program_create, user=request.user, territory=owner.territory, owner=owner,
                title=data["title"], theme=data["theme"], start_year=data["start_year"], end_year=data["end_year"],
                summary=data["summary"],
            )  # fmt: skip
        if ok:
            messages.success(request, _("برنامه ثبت شد."))
            return redirect("web:program_detail", pk=program.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/programs/program_form.html", {"form": form}, status=status)


def _program(request: HttpRequest, pk: int) -> Program:
    qs = access.programs_visible_to(request.user).select_related(
        "territory", "owner", "adopted_from", "document"
    )
    return get_for_user(qs, pk)


def _page(request: HttpRequest, program: Program, duty_form: DutyForm | None = None, status: int = 200):
    can_manage = access.can_manage_program(request.user, program)
    context = {
        "program": program,
        "goals": list(program.goals.all()),
        "duties": paginate(request, selectors.program_duties(program).order_by("id")),
        "can_manage": can_manage,
        "duty_form": (duty_form or DutyForm(program=program)) if can_manage else None,
        "goal_form": GoalForm() if can_manage else None,
        "duty_check": DUTY_CHECK,
    }
    context["targets"] = list(program_targets(program))
    return render(request, "web/programs/detail.html", context, status=status)


def program_targets(program: Program):
    from ..models import IndicatorTarget

    return (
        IndicatorTarget.objects.filter(goal__program=program)
        .select_related("indicator", "territory", "goal")
        .order_by("goal__order", "indicator__code", "year")[:200]
    )


@login_required
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _program(request, pk))


@login_required
@require_POST
def duty_create(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    if not access.can_manage_program(request.user, program):
        raise Http404
    form = DutyForm(request.POST, program=program)
    if form.is_valid():
        data = form.cleaned_data
        ok, duty = call_service(
            form,
            duties.duty_create,
            user=request.user,
            program=program,
            responsible=data["responsible"],
            title=data["title"],
            goal=data["goal"],
            recurrence=data["recurrence"],
            deadline=data["deadline"],
            description=data["description"],
        )
        if ok:
            messages.success(request, _("وظیفه ثبت شد و در کارتابل مسئول قرار گرفت."))
            return after_save(
                request,
                DUTY_CHECK,
                object_ids=[duty.pk],
                next_url=reverse("web:program_detail", kwargs={"pk": program.pk}),
                territory_id=program.territory_id,
            )
    return _page(request, program, form, status=400)


@login_required
@require_POST
def goal_create(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    if not access.can_manage_program(request.user, program):
        raise Http404
    form = GoalForm(request.POST)
    if form.is_valid():
        ok, _goal = call_service(
            form, duties.goal_add, user=request.user, program=program, title=form.cleaned_data["title"]
        )
        if ok:
            messages.success(request, _("هدف افزوده شد."))
            return redirect("web:program_detail", pk=program.pk)
    messages.error(request, _("هدف ثبت نشد: عنوان را وارد کنید."))
    return redirect("web:program_detail", pk=program.pk)
