"""The office's lists: demand categories with their service levels, routing rules, the working
calendar's corrections and the facilitation offices' particulars."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from peygir.administration import access, selectors, services
from peygir.core.models import CalendarOverride
from peygir.core.money import RIALS_PER_TOMAN
from peygir.core.web.views import call_service, paginate
from peygir.demands import categories as demand_categories
from peygir.demands.models import DemandCategory
from peygir.organizations.access import get_for_user
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from .common import by_pk, form_page, require, run
from .forms import CalendarOverrideForm, CategoryForm, OfficeForm, RoutingRuleForm


def _list(request, template: str, queryset) -> HttpResponse:
    return render(request, f"web/administration/{template}", {"page": paginate(request, queryset)})


# ---------------------------------------------------------------- categories (service levels)


def _can_categories(user) -> bool:
    return access.is_office_admin(user) and demand_categories.can_manage_categories(user)


@login_required
def category_list(request: HttpRequest) -> HttpResponse:
    require(_can_categories(request.user))
    return _list(request, "category_list.html", selectors.categories())


@login_required
@require_http_methods(["GET", "POST"])
def category_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(_can_categories(request.user))
    category = get_object_or_404(DemandCategory, pk=pk) if pk else None
    others = [c for c in selectors.categories() if category is None or c.pk != category.pk]
    initial = {}
    if category:
        initial = {
            f: getattr(category, f)
            for f in ("name", "service_level_days", "description", "order", "is_active")
        }
        initial["parent"] = category.parent_id
    form = CategoryForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        categories=others,
        editing=bool(category),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["parent"] = by_pk(others).get(data["parent"])
        data["order"] = data.get("order") or 0
        if category:
            ok, saved = call_service(
                form, services.category_update, user=request.user, category=category, **data
            )
        else:
            ok, saved = call_service(form, services.category_create, user=request.user, **data)
        if ok:
            messages.success(request, _("دسته مطالبه ثبت شد."))
            return redirect("web:admin_category_list")
    title = category.name if category else _("دسته مطالبه جدید")
    return form_page(request, form, title=title, back="web:admin_category_list", obj=category)


# ---------------------------------------------------------------- routing rules


def _rule_choices(user) -> dict:
    return {
        "categories": list(selectors.categories().filter(is_active=True)),
        "territories": list(selectors.territories(user)),
        "agencies": list(
            selectors.organization_choices(user, groups=False).exclude(
                kind=Organization.Kind.FACILITATION_OFFICE
            )
        ),
    }


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    require(access.is_office_admin(request.user))
    return _list(request, "rule_list.html", selectors.routing_rules(request.user))


@login_required
@require_http_methods(["GET", "POST"])
def rule_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(access.is_office_admin(request.user))
    rule = get_for_user(selectors.routing_rules(request.user), pk) if pk else None
    choices = _rule_choices(request.user)
    initial = (
        {
            "category": rule.category_id,
            "territory": rule.territory_id,
            "agency": rule.agency_id,
            "is_active": rule.is_active,
        }
        if rule
        else {}
    )
    form = RoutingRuleForm(request.POST if request.method == "POST" else None, initial=initial, **choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kwargs = {
            "category": by_pk(choices["categories"])[data["category"]],
            "territory": by_pk(choices["territories"])[data["territory"]],
            "agency": by_pk(choices["agencies"])[data["agency"]],
        }
        if rule:
            ok, _saved = call_service(
                form,
                services.routing_rule_update,
                user=request.user,
                rule=rule,
                is_active=data["is_active"],
                **kwargs,
            )
        else:
            ok, _saved = call_service(form, services.routing_rule_create, user=request.user, **kwargs)
        if ok:
            messages.success(request, _("قاعده ارجاع ثبت شد."))
            return redirect("web:admin_rule_list")
    title = str(rule) if rule else _("قاعده ارجاع جدید")
    return form_page(
        request,
        form,
        title=title,
        back="web:admin_rule_list",
        obj=rule,
        extra={"delete_url": "web:admin_rule_delete"},
    )


@login_required
@require_POST
def rule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.is_office_admin(request.user))
    rule = get_for_user(selectors.routing_rules(request.user), pk)
    if run(request, services.routing_rule_delete, user=request.user, rule=rule):
        messages.success(request, _("قاعده ارجاع حذف شد."))
    return redirect("web:admin_rule_list")


# ---------------------------------------------------------------- the working calendar


@login_required
def calendar_list(request: HttpRequest) -> HttpResponse:
    require(access.is_office_admin(request.user))
    return _list(request, "calendar_list.html", selectors.calendar_overrides())


@login_required
@require_http_methods(["GET", "POST"])
def calendar_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(access.is_office_admin(request.user))
    override = get_object_or_404(CalendarOverride, pk=pk) if pk else None
    initial = (
        {"date": override.date, "is_holiday": "1" if override.is_holiday else "0", "title": override.title}
        if override
        else {}
    )
    form = CalendarOverrideForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if override:
            ok, _saved = call_service(
                form,
                services.calendar_override_update,
                user=request.user,
                override=override,
                **form.cleaned_data,
            )
        else:
            ok, _saved = call_service(
                form, services.calendar_override_create, user=request.user, **form.cleaned_data
            )
        if ok:
            messages.success(request, _("اصلاح تقویم کاری ثبت شد."))
            return redirect("web:admin_calendar_list")
    title = _("اصلاح تقویم کاری")
    return form_page(
        request,
        form,
        title=title,
        back="web:admin_calendar_list",
        obj=override,
        extra={"delete_url": "web:admin_calendar_delete"},
    )


@login_required
@require_POST
def calendar_delete(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.is_office_admin(request.user))
    override = get_object_or_404(CalendarOverride, pk=pk)
    if run(request, services.calendar_override_delete, user=request.user, override=override):
        messages.success(request, _("اصلاح تقویم کاری حذف شد."))
    return redirect("web:admin_calendar_list")


# ---------------------------------------------------------------- facilitation offices


@login_required
def office_list(request: HttpRequest) -> HttpResponse:
    require(access.is_office_admin(request.user))
    return _list(request, "office_list.html", selectors.offices(request.user))


@login_required
@require_http_methods(["GET", "POST"])
def office_form(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.is_office_admin(request.user))
    office = get_for_user(selectors.offices(request.user), pk)
    place = office.organization.territory
    neighbourhoods = list(
        Territory.objects.filter(path__startswith=place.path, kind=Territory.Kind.NEIGHBOURHOOD)
        .only("pk", "name_fa")
        .order_by("name_fa")[:2000]
    )
    operators = list(
        selectors.organization_choices(request.user, groups=False).filter(
            kind__in=[Organization.Kind.NGO, Organization.Kind.AGENCY, Organization.Kind.COUNCIL_BODY]
        )
    )
    initial = {
        "opened_on": office.opened_on,
        "budget_tomans": office.budget_rials // RIALS_PER_TOMAN,
        "operator": office.operator_id,
        "is_pilot": office.is_pilot,
        "neighbourhoods": list(office.neighbourhoods.values_list("pk", flat=True)),
    }
    form = OfficeForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        operators=operators,
        neighbourhoods=neighbourhoods,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        hoods = by_pk(neighbourhoods)
        ok, _saved = call_service(
            form,
            services.office_update,
            user=request.user,
            office=office,
            opened_on=data["opened_on"],
            budget_rials=form.budget_rials,
            operator=by_pk(operators).get(data["operator"]),
            is_pilot=data["is_pilot"],
            neighbourhoods=[hoods[pk] for pk in data["neighbourhoods"] if pk in hoods],
        )
        if ok:
            messages.success(request, _("مشخصات دفتر ثبت شد."))
            return redirect("web:admin_office_list")
    return form_page(request, form, title=office.organization.name, back="web:admin_office_list", obj=office)
