"""Scorecard pages: a territory's (with its agencies and child territories), an agency's, the records
behind every number, the office's weights and the Excel of a scorecard."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from peygir.core.web.views import call_service, paginate
from peygir.evaluation import access, selectors, weights
from peygir.evaluation.measures import MEASURES, year_period
from peygir.evaluation.scorecard import Scorecard, Subject
from peygir.evaluation.xlsx import scorecard_xlsx as build_scorecard_xlsx
from peygir.organizations.access import get_scope
from peygir.territory.models import Territory

from .forms import WeightsForm, YearForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def chart_rows(cards: list[Scorecard], key: str = "score") -> list[dict[str, Any]]:
    """What a chart draws (names and numbers only: JSON through json_script, drawn on a canvas)."""
    rows = []
    for card in cards:
        value = (
            card.score
            if key == "score"
            else card.quality_score
            if key == "quality"
            else card.measure(key).score
        )
        rows.append({"id": card.subject.pk, "name": card.subject.name, "value": value})
    return rows


@login_required
def evaluation_home(request: HttpRequest) -> HttpResponse:
    """To the widest scorecard the user may read: their territory's, else their organization's."""
    scope = get_scope(request.user)
    if scope.read_paths or scope.is_superuser:
        territory = access.home_territory(request.user)
        return redirect("web:scorecard_territory", pk=territory.pk)
    if scope.org_ids:
        return redirect("web:scorecard_agency", pk=min(scope.org_ids))
    raise Http404


@login_required
def start_block(request: HttpRequest) -> HttpResponse:
    """The start page's evaluation block on its own: the start page asks for it when the figures
    were not yet cached, so the rest of the page does not wait for them."""
    figures = selectors.start_figures_for(request.user)
    if figures is None:
        raise Http404
    return render(request, "web/evaluation/_start.html", {"evaluation": figures})


@login_required
def scorecard_territory(request: HttpRequest, pk: int) -> HttpResponse:
    territory = access.territory_for(request.user, pk)
    form = YearForm(request.GET or None)
    view = selectors.territory_view(territory, **form.values())
    context = {
        "form": form,
        "view": view,
        "card": view.card,
        "territory": territory,
        "query": request.GET.urlencode(),
        "agency_chart": chart_rows(view.agencies),
        "children_chart": chart_rows(view.children),
        "can_set_weights": weights.can_set_weights(request.user, territory),
        "is_province": territory.kind == Territory.Kind.PROVINCE,
    }
    return render(request, "web/evaluation/territory.html", context)


def _within(request: HttpRequest) -> Territory | None:
    """?within=<territory>: the agency's actions inside that territory only (a county's row)."""
    raw = request.GET.get("within")
    if not raw:
        return None
    try:
        return Territory.objects.get(pk=int(raw))
    except (ValueError, Territory.DoesNotExist) as exc:
        raise Http404 from exc


@login_required
def scorecard_agency(request: HttpRequest, pk: int) -> HttpResponse:
    within = _within(request)
    organization = access.agency_for(request.user, pk, within)
    form = YearForm(request.GET or None)
    card = selectors.agency_card(organization, within=within, **form.values())
    context = {
        "form": form,
        "card": card,
        "organization": organization,
        "within": within,
        "query": request.GET.urlencode(),
    }
    return render(request, "web/evaluation/agency.html", context)


def _drill(request: HttpRequest, subject: Subject, key: str, back: str) -> HttpResponse:
    measure = MEASURES.get(key)
    if measure is None or measure.records == "values":
        raise Http404
    part = request.GET.get("part") if request.GET.get("part") in selectors.PARTS else "den"
    if part == "gap" and not measure.quality:  # what falls short is shown for data quality only
        part = "den"
    form = YearForm(request.GET or None)
    values = form.values()
    period = year_period(values["year"], values["as_of"], values["part"])
    records = selectors.drill_records(subject, period, key, part)
    context = {
        "form": form,
        "subject": subject,
        "measure": measure,
        "part": part,
        "period": period,
        "page": paginate(request, records),
        "is_demands": measure.records == "demands",
        "is_reports": measure.records == "reports",
        "part_label": _part_label(measure, part),
        "back": back,
        "query": request.GET.urlencode(),
    }
    return render(request, "web/evaluation/drill.html", context)


def _part_label(measure: Any, part: str) -> str:
    if part == "num":
        return _("صورت")
    if part == "den":
        return _("مخرج")
    return {
        "timely_values": _("گزارش‌های دیرهنگام: ثبت‌شده پس از مهلت، یا مهلت گذشته و ثبت‌نشده"),
        "complete_values": _("گزارش‌های ناقص: مهلت گذشته و ثبت‌نشده، یا ثبت‌نشده هنگام بستن دوره"),
    }.get(measure.key, _("کمبود: در مخرج و نه در صورت"))


@login_required
def scorecard_drill_territory(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    territory = access.territory_for(request.user, pk)
    back = reverse("web:scorecard_territory", args=[territory.pk])
    return _drill(request, Subject.for_territory(territory), key, back)


@login_required
def scorecard_drill_agency(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    within = _within(request)
    organization = access.agency_for(request.user, pk, within)
    back = reverse("web:scorecard_agency", args=[organization.pk])
    return _drill(request, Subject.for_agency(organization, within), key, back)


@login_required
def scorecard_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    territory = access.territory_for(request.user, pk)
    form = YearForm(request.GET or None)
    view = selectors.territory_view(territory, **form.values())
    return xlsx_response(build_scorecard_xlsx(view), f"scorecard-{territory.pk}-{view.period.key}")


@login_required
@require_http_methods(["GET", "POST"])
def scorecard_weights(request: HttpRequest, pk: int) -> HttpResponse:
    """The weights in force, their history, and (for the province's managers) a new version."""
    territory = access.territory_for(request.user, pk)
    if territory.kind not in (Territory.Kind.PROVINCE, Territory.Kind.COUNTRY):
        raise Http404
    can_set = weights.can_set_weights(request.user, territory)
    current = weights.weights_for(territory)
    status = 200
    if request.method == "POST":
        if not can_set:
            raise Http404
        form = WeightsForm(request.POST)
        if form.is_valid():
            done, _row = call_service(
                form,
                weights.weights_set,
                user=request.user,
                territory=territory,
                values=form.values(),
                overdue_cap_days=form.cleaned_data["overdue_cap_days"],
                note=form.cleaned_data.get("note") or "",
            )
            if done:
                return redirect("web:scorecard_territory", pk=territory.pk)
        status = 400
    else:
        initial = {f"w_{k}": v for k, v in current.values.items()}
        form = WeightsForm(initial={**initial, "overdue_cap_days": current.overdue_cap_days})
    context = {
        "territory": territory,
        "current": current,
        "history": weights.weight_history(territory),
        "form": form if can_set else None,
        "measures": MEASURES,
    }
    return render(request, "web/evaluation/weights.html", context, status=status)
