"""Report pages: demands per office/agency/category for a Jalali period, the six-month review of
an office, their Excel files, activities per office, and the map of demands."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed
from peygir.core.jalali import format_jalali
from peygir.demands import reports
from peygir.demands.reports_xlsx import report_xlsx, review_xlsx
from peygir.facilitation import selectors as office_selectors

from .forms.reports import PeriodForm, ReportForm, ReviewForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _period_name(start: dt.date, end: dt.date) -> str:
    return f"{format_jalali(start, persian=False)}_{format_jalali(end, persian=False)}".replace("/", "-")


@login_required
def report_demands(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    form = ReportForm(request.GET or None)
    start, end = form.period()
    group_by = (form.cleaned_data.get("group_by") if form.is_valid() else "") or "office"
    try:
        rows, total = reports.demand_report_with_total(
            user=request.user, group_by=group_by, period_from=start, period_to=end
        )
    except ValidationError as exc:
        rows, total = [], None
        form.add_error(None, exc.messages)
    if fmt == "xlsx" and total is not None:
        content = report_xlsx(rows, group_by=group_by, period_from=start, period_to=end, total=total)
        return _xlsx_response(content, f"demands-{group_by}-{_period_name(start, end)}")
    context = {
        "form": form,
        "rows": rows,
        "total": total,
        "group_by": group_by,
        "period_from": start,
        "period_to": end,
        "query": request.GET.urlencode(),
    }
    return render(request, "web/reports/demands.html", context)


def _review(request: HttpRequest, pk: int) -> tuple[reports.OfficeReview | None, ReviewForm]:
    office = office_selectors.office_detail(user=request.user, pk=pk)
    form = ReviewForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    try:
        review = reports.office_review(
            user=request.user, office=office, months=data.get("months") or 6, start=data.get("start")
        )
    except NotAllowed as exc:
        raise Http404 from exc
    return review, form


@login_required
def office_review(request: HttpRequest, pk: int) -> HttpResponse:
    review, form = _review(request, pk)
    return render(
        request,
        "web/reports/review.html",
        {"review": review, "office": review.office, "form": form, "query": request.GET.urlencode()},
    )


@login_required
def office_review_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    review, _form = _review(request, pk)
    return _xlsx_response(
        review_xlsx(review), f"review-{review.office.pk}-{_period_name(review.period_from, review.period_to)}"
    )


@login_required
def report_activities(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    rows, total = office_selectors.activity_totals(user=request.user, period_from=start, period_to=end)
    return render(
        request,
        "web/reports/activities.html",
        {"form": form, "rows": rows, "total": total, "period_from": start, "period_to": end},
    )


@login_required
def report_map(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    data = reports.demand_map_data(user=request.user, period_from=start, period_to=end)
    return render(
        request,
        "web/reports/map.html",
        {
            "form": form,
            "neighbourhoods": data["neighbourhoods"],
            "map_data": {k: data[k] for k in ("counties", "points", "max_count")},
            "period_from": start,
            "period_to": end,
            "labels": {"demands": _("مطالبه"), "attribution": _("مرزها: © مشارکت‌کنندگان OpenStreetMap")},
        },
    )


@login_required
def report_map_data(request: HttpRequest) -> JsonResponse:
    """The same data as JSON, for agencies' dashboards (no personal data, no free text)."""
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    return JsonResponse(reports.demand_map_data(user=request.user, period_from=start, period_to=end))
