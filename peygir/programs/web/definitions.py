"""Defining indicators, their yearly targets, and closing a reporting period, from pages.

- `indicators/new/`: national staff, and a program's managers for their program;
- `indicators/<id>/edit/`: the same people; while no value exists the definition is corrected in
  place, afterwards the edit is a new version (values keep theirs); a stale form is refused;
- `indicators/<id>/targets/`: every target of the indicator (paginated) and, for the territories the
  user manages, a new target or an edit of one (with the version it read);
- `indicators/closure/<province>/?period=`: what is still missing for the period, the closings of the
  province, and (for its approvers) closing the period.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from peygir.core.jalali import today as local_today
from peygir.core.web.views import call_service, paginate
from peygir.organizations.access import get_for_user, get_scope
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from .. import access, closures, selectors
from .. import indicators as definitions
from ..models import Goal, Indicator, IndicatorTarget, PeriodClosure, Program
from ..periods import MONTH, SEASON, YEAR, Period, period_of
from .definition_forms import CloseForm, IndicatorForm, TargetForm
from .indicators import _nearby, _period, _place

Kind = Organization.Kind
REPORTING_KINDS = (Kind.AGENCY, Kind.SOCIAL_OFFICE, Kind.NATIONAL, Kind.COUNTY_GOVERNORATE)


def _managed_programs(request: HttpRequest):
    return (
        Program.objects.filter(access.programs_managed_q(request.user), is_active=True)
        .select_related("territory")
        .order_by("-start_year", "title")
    )


def _reporting_organizations(request: HttpRequest):
    """Who may report an indicator: agencies and offices at the province or country level (county
    governorates too), where the user manages — national staff anywhere."""
    scope = get_scope(request.user)
    qs = Organization.objects.filter(is_active=True, kind__in=REPORTING_KINDS).select_related("territory")
    if not (scope.is_superuser or access.can_define_indicators(request.user)):
        qs = qs.filter(scope.path_q("territory__path", scope.manage_paths))
    return qs.order_by("name")


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest) -> HttpResponse:
    if not access.may_define_some_indicator(request.user):
        raise Http404
    programs = _managed_programs(request)
    form = IndicatorForm(
        request.POST or None,
        programs=programs,
        organizations=_reporting_organizations(request),
        initial={"program": request.GET.get("program")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["program"] is None and not access.can_define_indicators(request.user):
            form.add_error("program", _("شاخص را برای یکی از برنامه‌هایی که مدیریت می‌کنید تعریف کنید."))
        else:
            ok, indicator = call_service(
                form, definitions.indicator_create, user=request.user, code=data["code"], name=data["name"],
                theme=data["theme"], program=data["program"], responsible=data["responsible"], **form.definition(),
            )  # fmt: skip
            if ok:
                messages.success(request, _("شاخص تعریف شد."))
                return redirect("web:indicator_detail", pk=indicator.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "web/programs/indicator_form.html", {"form": form, "indicator": None}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_for_user(
        access.indicators_visible_to(request.user, selectors.indicators_for()).select_related("program__territory"), pk
    )  # fmt: skip
    if not access.can_edit_indicator(request.user, indicator):
        raise Http404
    has_values = indicator.current_version is not None and indicator.current_version.values.exists()
    form = IndicatorForm(
        request.POST or None,
        programs=Program.objects.none(),
        organizations=_reporting_organizations(request),
        editing=True,
        initial=IndicatorForm.initial_for(indicator),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, version = call_service(
            form, definitions.indicator_edit, user=request.user, indicator=indicator,
            expected_version=data.get("version"), name=data["name"], theme=data["theme"],
            responsible=data["responsible"], **form.definition(),
        )  # fmt: skip
        if ok:
            if has_values:
                messages.success(request, _("نسخهٔ تازهٔ تعریف ثبت شد؛ مقادیر پیشین نسخهٔ خود را نگه می‌دارند."))
            else:
                messages.success(request, _("تعریف شاخص اصلاح شد."))
            return redirect("web:indicator_detail", pk=indicator.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "indicator": indicator, "has_values": has_values}
    return render(request, "web/programs/indicator_form.html", context, status=status)


# ---------------------------------------------------------------- targets


def _target_territories(request: HttpRequest, indicator: Indicator) -> QuerySet[Territory]:
    """The territories the user may set this indicator's targets for (at or above its entry level)."""
    version = indicator.current_version
    kinds = definitions.TARGET_KINDS.get(version.entry_level if version else "county", ())
    scope = get_scope(request.user)
    qs = Territory.objects.filter(kind__in=kinds, is_active=True)
    if scope.is_superuser:
        return qs.order_by("path")
    allowed = scope.path_q("path", scope.manage_paths) & ~Q(kind=Territory.Kind.COUNTRY)
    if access.can_define_indicators(request.user):
        allowed |= Q(kind=Territory.Kind.COUNTRY)
    return qs.filter(allowed).order_by("path")


@login_required
@require_http_methods(["GET", "POST"])
def indicator_targets(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_for_user(access.indicators_visible_to(request.user, selectors.indicators_for()), pk)
    territories = _target_territories(request, indicator)
    goals = Goal.objects.filter(program__in=_managed_programs(request)).select_related("program")
    if indicator.program_id:
        goals = goals.filter(program_id=indicator.program_id)
    can_set = territories.exists()
    editing = None
    if request.GET.get("edit"):
        editing = get_for_user(IndicatorTarget.objects.filter(indicator=indicator), request.GET["edit"])
    initial = (
        {"territory": editing.territory_id, "year": editing.year, "value": editing.value,
         "goal": editing.goal_id, "target": editing.pk, "version": editing.version}
        if editing else {"version": definitions.NEW}
    )  # fmt: skip
    form = TargetForm(request.POST or None, territories=territories, goals=goals, initial=initial)
    status = 200
    if request.method == "POST":
        if not can_set:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            territory, year = data["territory"], data["year"]
            if data.get("target"):  # an edit changes the value (and goal) of that very target
                current = get_for_user(IndicatorTarget.objects.filter(indicator=indicator), data["target"])
                territory, year = current.territory, current.year
            version = data.get("version")
            ok, _target = call_service(
                form, definitions.target_set, user=request.user, indicator=indicator, territory=territory,
                year=year, value=data["value"], goal=data["goal"],
                expected_version=definitions.NEW if version is None else version,
            )  # fmt: skip
            if ok:
                messages.success(request, _("هدف ثبت شد."))
                return redirect("web:indicator_targets", pk=indicator.pk)
        status = 400
    targets = IndicatorTarget.objects.filter(indicator=indicator).select_related(
        "territory", "goal", "updated_by"
    )
    context = {
        "indicator": indicator,
        "version": indicator.current_version,
        "page": paginate(request, targets.order_by("-year", "territory__path", "id")),
        "form": form if can_set else None,
        "editing": editing,
        "manageable": set(territories.values_list("pk", flat=True)) if can_set else set(),
    }
    return render(request, "web/programs/targets.html", context, status=status)


# ---------------------------------------------------------------- closing a period


@login_required
@require_http_methods(["GET", "POST"])
def period_closure(request: HttpRequest, territory_pk: int) -> HttpResponse:
    province = _place(request, str(territory_pk))
    if province is None or province.kind != Territory.Kind.PROVINCE:
        raise Http404
    period = _period(request, SEASON)
    can_close = access.can_approve(request.user, province, "province")
    closed = closures.find(province, period)
    # The form carries the version of the period's record it showed: values entered or approved in
    # between make the closing refuse, rather than record a list of missing values nobody saw.
    version = closures.period_version(province, period) if can_close and closed is None else None
    form = CloseForm(request.POST or None, initial={"version": version})
    status = 200
    if request.method == "POST":
        if not can_close:
            raise Http404
        if form.is_valid():
            ok, closure = call_service(
                form, closures.period_close, user=request.user, province=province, period=period,
                reason=form.cleaned_data["reason"], expected_version=form.cleaned_data.get("version"),
            )  # fmt: skip
            if ok:
                messages.success(
                    request,
                    _("دورهٔ %(period)s بسته شد. %(summary)s")
                    % {"period": period.label, "summary": closures.closure_summary(closure)},
                )
                return redirect(f"{reverse('web:period_closure', args=[province.pk])}?period={period.key}")
        status = 400
        closed = closures.find(province, period)
        if closed is None and can_close:  # refused: the form shows the list as it is now, and its version
            form.data = form.data.copy()
            form.data["version"] = closures.period_version(province, period)
    history = PeriodClosure.objects.filter(territory=province).select_related("closed_by")
    context = {
        "territory": province,
        "period": period,
        "periods": _period_choices(period),
        "closed": closed,
        "missing": closed.missing if closed else closures.missing_values(province, period),
        "form": form if can_close and closed is None else None,
        "refused": form if status == 400 else None,  # closed meanwhile: the form's message, no form
        "history": paginate(request, history.order_by("-closed_at", "-id")),
    }
    return render(request, "web/programs/closure.html", context, status=status)


def _period_choices(period: Period) -> list[Period]:
    """Nearby periods of the same type, then the last whole month, season and year."""
    today = local_today()
    last = [period_of(today, kind).previous() for kind in (MONTH, SEASON, YEAR)]
    return [*_nearby(period), *(p for p in last if p.type != period.type)]
