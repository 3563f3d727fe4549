"""Pages of facilitation offices, their vulnerable households and empowerment activities.

Thin: selectors read (and log reads of households), services write; NotAllowed becomes 404 like a
missing office. Household pages answer 404 to anyone but the office and the provincial office's
authorized staff — even to a governor who may see the office itself.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from peygir.core.web.views import call_service, paginate
from peygir.facilitation import access as office_access
from peygir.facilitation import selectors, services
from peygir.facilitation.models import FacilitationOffice
from peygir.organizations import access
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from .forms import ActivityForm, HouseholdForm, OfficeForm

OFFICE_KINDS = (
    Territory.Kind.COUNTY,
    Territory.Kind.DISTRICT,
    Territory.Kind.CITY,
    Territory.Kind.NEIGHBOURHOOD,
)


def _office_form_choices(user) -> dict:
    """Places the user manages: where they may open an office, which neighbourhoods it may serve."""
    scope = access.get_scope(user)
    if not scope.is_superuser and not scope.manage_paths:
        raise Http404
    places = Territory.objects.filter(is_active=True, kind__in=OFFICE_KINDS)
    operators = Organization.objects.filter(is_active=True, kind=Organization.Kind.NGO)
    if not scope.is_superuser:
        places = places.filter(scope.path_q("path", scope.manage_paths))
        operators = operators.filter(scope.path_q("territory__path", scope.manage_paths))
    places = list(places.order_by("path")[:2000])
    return {
        "territories": [t for t in places if t.kind != Territory.Kind.NEIGHBOURHOOD]
        + [t for t in places if t.kind == Territory.Kind.NEIGHBOURHOOD],
        "neighbourhoods": [t for t in places if t.kind == Territory.Kind.NEIGHBOURHOOD],
        "operators": list(operators.order_by("name")[:500]),
    }


@login_required
@require_http_methods(["GET", "POST"])
def office_create(request: HttpRequest) -> HttpResponse:
    choices = _office_form_choices(request.user)
    form = OfficeForm(request.POST or None, **choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        by_id = {t.pk: t for t in choices["territories"]}
        operators = {o.pk: o for o in choices["operators"]}
        ok, office = call_service(
            form,
            services.office_create,
            user=request.user,
            name=data["name"],
            territory=by_id[data["territory"]],
            neighbourhoods=[by_id[pk] for pk in data["neighbourhoods"] if pk in by_id],
            opened_on=data["opened_on"],
            budget_rials=form.budget_rials,
            operator=operators.get(data["operator"]),
            is_pilot=data["is_pilot"],
        )
        if ok:
            messages.success(request, _("دفتر تسهیلگری ثبت شد."))
            return redirect("web:office_detail", office.pk)
    return render(request, "web/offices/form.html", {"form": form})


# ---------------------------------------------------------------- households


def _household_form(office: FacilitationOffice, data=None, **kwargs) -> HouseholdForm:
    return HouseholdForm(data, neighbourhoods=list(office.neighbourhoods.order_by("name_fa")), **kwargs)


@login_required
def household_list(request: HttpRequest, pk: int) -> HttpResponse:
    office = selectors.office_for_households(user=request.user, pk=pk)
    page = selectors.household_list(user=request.user, office=office, page=request.GET.get("page"))
    return render(
        request,
        "web/offices/households.html",
        {"office": office, "page": page, "form": _household_form(office)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def household_create(request: HttpRequest, pk: int) -> HttpResponse:
    office = selectors.office_for_households(user=request.user, pk=pk)
    form = _household_form(office, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        hoods = {t.pk: t for t in office.neighbourhoods.all()}
        ok, household = call_service(
            form,
            services.household_create,
            user=request.user,
            office=office,
            neighbourhood=hoods[data["neighbourhood"]],
            needs=data["needs"],
            reference=data["reference"],
            members_count=data["members_count"],
            programs=data["programs"],
            note=data["note"],
        )
        if ok:
            messages.success(request, _("خانوار با شناسه %(ref)s ثبت شد.") % {"ref": household.reference})
            return redirect("web:household_list", office.pk)
    return render(request, "web/offices/household_form.html", {"office": office, "form": form})


@login_required
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    household = selectors.household_detail(user=request.user, pk=pk)
    return render(
        request, "web/offices/household_detail.html", {"household": household, "office": household.office}
    )


@login_required
@require_http_methods(["GET", "POST"])
def household_edit(request: HttpRequest, pk: int) -> HttpResponse:
    household = selectors.household_detail(user=request.user, pk=pk)
    office = household.office
    initial = {
        "reference": household.reference,
        "neighbourhood": household.neighbourhood_id,
        "needs": household.needs,
        "members_count": household.members_count,
        "programs": household.programs,
        "note": household.note,
        "is_active": household.is_active,
    }
    form = _household_form(office, request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        hoods = {t.pk: t for t in office.neighbourhoods.all()}
        ok, _result = call_service(
            form,
            services.household_update,
            user=request.user,
            household=household,
            neighbourhood=hoods.get(data["neighbourhood"]),
            needs=data["needs"],
            members_count=data["members_count"],
            programs=data["programs"],
            note=data["note"],
            is_active=data["is_active"],
        )
        if ok:
            messages.success(request, _("تغییرات ثبت شد."))
            return redirect("web:household_detail", household.pk)
    return render(
        request,
        "web/offices/household_form.html",
        {"office": office, "form": form, "household": household},
    )


@login_required
def sensitive_access_log(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.sensitive_access_log(user=request.user), per_page=50)
    return render(request, "web/offices/access_log.html", {"page": page})


# ---------------------------------------------------------------- activities


@login_required
def activity_list(request: HttpRequest, pk: int) -> HttpResponse:
    office = selectors.office_detail(user=request.user, pk=pk)
    can_work = office_access.can_work_in_office(request.user, office)
    page = paginate(request, selectors.activity_list(user=request.user, office=office))
    _rows, total = selectors.activity_totals(user=request.user, office=office)
    return render(
        request,
        "web/offices/activities.html",
        {
            "office": office,
            "page": page,
            "total": total,
            "form": ActivityForm() if can_work else None,
        },
    )


@login_required
@require_POST
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    office = selectors.office_detail(user=request.user, pk=pk)
    if not office_access.can_work_in_office(request.user, office):
        raise Http404
    form = ActivityForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        ok, _result = call_service(
            form,
            services.activity_create,
            user=request.user,
            office=office,
            kind=data["kind"],
            title=data["title"],
            held_on=data["held_on"],
            participants=data["participants"],
            women_participants=data["women_participants"] or 0,
            note=data["note"],
        )
        if ok:
            messages.success(request, _("فعالیت ثبت شد."))
            return redirect("web:activity_list", office.pk)
    page = paginate(request, selectors.activity_list(user=request.user, office=office))
    _rows, total = selectors.activity_totals(user=request.user, office=office)
    return render(
        request,
        "web/offices/activities.html",
        {"office": office, "page": page, "total": total, "form": form},
        status=400,
    )
