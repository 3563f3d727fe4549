"""The facilitation offices' list and page: each office with the demands it received and resolved.

They show this domain's figures beside the office (the office's own pages — households, activities —
are the facilitation domain's)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from peygir.core.web.forms import SearchForm
from peygir.core.web.views import is_htmx, paginate
from peygir.facilitation import access as office_access
from peygir.facilitation import selectors
from peygir.organizations import access

from .. import offices as demand_offices


@login_required
def office_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    page = paginate(request, demand_offices.office_list(user=request.user, q=q))
    scope = access.get_scope(request.user)
    context = {
        "page": page,
        "form": form,
        "can_create": bool(scope.manage_paths) or scope.is_superuser,
        "province_totals": [] if is_htmx(request) else selectors.office_totals_by_province(user=request.user),
    }
    template = "web/offices/_table.html" if is_htmx(request) else "web/offices/list.html"
    return render(request, template, context)


@login_required
def office_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    office = selectors.office_detail(user=user, pk=pk)
    context = {
        "office": office,
        "neighbourhoods": list(office.neighbourhoods.order_by("name_fa")),
        "summary": demand_offices.office_summary(office),
        "staff": selectors.office_staff(office),
        "activities": list(selectors.activity_list(user=user, office=office)[:5]),
        "can_see_households": office_access.can_see_households(user, office),
        "can_work": office_access.can_work_in_office(user, office),
    }
    return render(request, "web/offices/detail.html", context)
