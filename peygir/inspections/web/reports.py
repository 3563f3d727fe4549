"""Coverage for any Jalali period (and its Excel file), and the map of facilities by last score."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from peygir.core.jalali import format_jalali

from .. import selectors
from ..xlsx import coverage_xlsx
from .forms import CoverageForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def coverage(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    form = CoverageForm(request.GET or None)
    start, end, group_by = form.values()
    data = selectors.coverage(request.user, start=start, end=end, group_by=group_by)
    if fmt == "xlsx":
        name = f"coverage-{group_by}-{format_jalali(start, persian=False)}-{format_jalali(end, persian=False)}".replace(
            "/", ""
        )
        response = HttpResponse(coverage_xlsx(data, start=start, end=end), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    return render(
        request,
        "web/inspections/coverage.html",
        {"form": form, "data": data, "start": start, "end": end, "query": request.GET.urlencode()},
    )


@login_required
def inspection_map(request: HttpRequest) -> HttpResponse:
    return render(request, "web/inspections/map.html", {"map_data": selectors.map_data(request.user)})


@login_required
def inspection_map_data(request: HttpRequest) -> JsonResponse:
    return JsonResponse(selectors.map_data(request.user))
