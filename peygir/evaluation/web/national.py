"""Provinces side by side, the choropleth map (provinces, then a province's counties), the year-end
evaluation of agency managers (PDF and Excel) and the five-harms roadmap page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from peygir.core.jalali import format_jalali
from peygir.evaluation import access, roadmap, selectors
from peygir.evaluation.mapdata import ATTRIBUTION, as_json, map_data
from peygir.evaluation.xlsx import ranking_xlsx, weights_text
from peygir.evaluation.yearend import year_end, year_end_pdf, year_end_xlsx
from peygir.territory.models import Territory

from .forms import MeasureForm, YearForm
from .views import chart_rows, xlsx_response


def _country() -> Territory:
    country = (
        Territory.objects.filter(parent__isnull=True, kind=Territory.Kind.COUNTRY).order_by("pk").first()
    )
    if country is None:
        raise Http404
    return country


@login_required
def compare(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    """Every province with the same measures and the national weights (S5.1)."""
    if not access.can_compare_nation(request.user):
        raise Http404
    country = _country()
    form = MeasureForm(request.GET or None)
    values = form.values()
    measure = form.measure_key()
    view = selectors.territory_view(country, national=True, with_agencies=False, **values)
    if fmt == "xlsx":
        content = ranking_xlsx(
            view.children,
            title=_("مقایسه استان‌ها"),
            subject_header=_("استان"),
            subheading=_("%(p)s، تا تاریخ %(d)s — %(w)s")
            % {
                "p": view.period.label,
                "d": format_jalali(view.period.as_of, persian=False),
                "w": weights_text(view.weights),
            },
        )
        return xlsx_response(content, f"provinces-{view.period.key}")
    context = {
        "form": form,
        "view": view,
        "card": view.card,
        "measure": measure,
        "chart": chart_rows(view.children, measure),
        "query": request.GET.urlencode(),
    }
    return render(request, "web/evaluation/compare.html", context)


def _map_territory(request: HttpRequest) -> Territory:
    raw = request.GET.get("territory")
    if raw:
        return access.territory_for(request.user, raw)
    return access.home_territory(request.user)


@login_required
def evaluation_map(request: HttpRequest) -> HttpResponse:
    territory = _map_territory(request)
    form = MeasureForm(request.GET or None, indicators=True)
    config = {
        "data_url": reverse("web:evaluation_map_data"),
        "territory": territory.pk,
        "query": {k: v for k, v in request.GET.items() if k in ("year", "period", "as_of", "measure")},
        "attribution": ATTRIBUTION,
        "labels": {"back": _("بازگشت"), "no_value": _("بی‌داده"), "rank": _("رتبه")},
    }
    context = {"form": form, "territory": territory, "config": config}
    return render(request, "web/evaluation/map.html", context)


@login_required
def evaluation_map_data(request: HttpRequest) -> HttpResponse:
    territory = _map_territory(request)
    form = MeasureForm(request.GET or None, indicators=True)
    data = map_data(territory, measure=form.measure_key(), **form.values())
    return HttpResponse(as_json(data), content_type="application/json")


@login_required
def yearend_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    territory = access.territory_for(request.user, pk)
    data = year_end(territory, **YearForm(request.GET or None).values())
    response = HttpResponse(year_end_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="year-end-{territory.pk}-{data.view.period.year}.pdf"'
    )
    return response


@login_required
def yearend_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    territory = access.territory_for(request.user, pk)
    data = year_end(territory, **YearForm(request.GET or None).values())
    return xlsx_response(year_end_xlsx(data), f"year-end-{territory.pk}-{data.view.period.year}")


@login_required
def roadmap_page(request: HttpRequest) -> HttpResponse:
    """The five social harms: each harm's indicators per territory and period, with targets and trend."""
    territory = _map_territory(request)
    form = YearForm(request.GET or None)
    context = {
        "territory": territory,
        "form": form,
        "roadmap": roadmap.roadmap(territory, year=form.values()["year"], user=request.user),
    }
    return render(request, "web/evaluation/roadmap.html", context)
