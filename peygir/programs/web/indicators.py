"""Indicators: the list, an indicator's page (definition, versions, figures by province and county),
the entry grid of a territory's period, the approval page, corrections, and the Excel import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.jalali import today as local_today
from peygir.core.text import to_persian_digits
from peygir.core.web.views import paginate
from peygir.organizations.access import get_for_user, get_scope
from peygir.territory.models import Territory

from .. import access, approvals, imports, selectors
from ..models import IndicatorValue, ValueEvent
from ..periods import SEASON, Period, PeriodError, parse_period, period_of
from ..values import BulkError, Row, closure_reason, find_closure, lock_reason, value_comment, values_enter
from .forms import ReopenForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _indicators(request: HttpRequest):
    return access.indicators_visible_to(request.user, selectors.indicators_for())


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    theme = request.GET.get("theme") or None
    qs = selectors.indicators_for(theme).order_by("theme", "code")
    page = paginate(request, access.indicators_visible_to(request.user, qs))
    context = {
        "page": page,
        "places": _my_places(request),
        "can_define": access.may_define_some_indicator(request.user),
    }
    return render(request, "web/programs/indicator_list.html", context)


def _my_places(request: HttpRequest) -> list[Territory]:
    """The provinces and counties the user may read, for the entry and approval links (a few)."""
    scope = get_scope(request.user)
    if scope.is_superuser:
        qs = Territory.objects.filter(kind=Territory.Kind.PROVINCE)
    else:
        qs = Territory.objects.filter(path__in=scope.read_paths).exclude(kind=Territory.Kind.COUNTRY)
    return list(qs.order_by("path")[:20])


@login_required
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_for_user(_indicators(request), pk)
    version = indicator.current_version
    scope = get_scope(request.user)
    # The user's widest readable territory: the country for national staff, else their province.
    place = _place(request, request.GET.get("territory")) or _widest(request)
    try:
        period = parse_period(request.GET.get("period", "")) if request.GET.get("period") else None
    except PeriodError:
        period = None
    period = period or Period("year", period_of(local_today(), "year").year - 1)
    figures, total = {}, None
    if place is not None and version is not None and scope.reads_path(place.path):
        children = list(Territory.objects.filter(parent=place, is_active=True).order_by("name_fa"))
        figures = selectors.aggregate_children(indicator, place, period)
        total = selectors.aggregate_value(indicator, place, period)
    else:
        children = []
    context = {
        "indicator": indicator,
        "version": version,
        "versions": list(indicator.versions.order_by("-number")),
        "place": place,
        "period": period,
        "children": children,
        "figures": figures,
        "total": total,
        "targets": list(indicator.targets.filter(year=period.year).select_related("territory")[:50]),
        "can_edit": access.can_edit_indicator(request.user, indicator),
    }
    return render(request, "web/programs/indicator_detail.html", context)


def _widest(request: HttpRequest) -> Territory | None:
    scope = get_scope(request.user)
    if scope.is_superuser or "/" in scope.read_paths:
        return Territory.objects.filter(kind=Territory.Kind.COUNTRY).first()
    paths = sorted(scope.read_paths, key=len)
    return Territory.objects.filter(path=paths[0]).first() if paths else None


def _place(request: HttpRequest, value: str | None) -> Territory | None:
    if not value:
        return None
    try:
        territory = Territory.objects.get(pk=int(value))
    except (ValueError, Territory.DoesNotExist) as exc:
        raise Http404 from exc
    if not access.can_open_territory(request.user, territory):
        raise Http404
    return territory


def _period(request: HttpRequest, default_type: str = SEASON) -> Period:
    text = request.GET.get("period") or request.POST.get("period")
    if not text:
        return period_of(local_today(), default_type).previous()
    try:
        return parse_period(text)
    except PeriodError as exc:
        raise Http404 from exc


# ---------------------------------------------------------------- the entry grid


def _grid(request: HttpRequest, territory: Territory, period: Period) -> list[dict]:
    indicators = list(
        selectors.indicators_for()
        .filter(current_version__period_type=period.type, current_version__entry_level=territory.kind)
        .order_by("theme", "code")
    )
    values = {
        v.indicator_id: v
        for v in IndicatorValue.objects.filter(
            indicator__in=indicators,
            territory=territory,
            period_type=period.type,
            year=period.year,
            number=period.number,
            disaggregation="",
        ).select_related("approved_by")
    }
    closure = find_closure(territory.path, period)
    rows = []
    for indicator in indicators:
        value = values.get(indicator.pk)
        # A value returned for correction in a closed period is open once; a missing one stays closed.
        reason = lock_reason(value, closure) if value else (closure_reason(closure) if closure else "")
        rows.append(
            {
                "indicator": indicator,
                "version": indicator.current_version,
                "value": value,
                "lock": reason,
                "can_enter": access.can_enter_values(request.user, indicator, territory),
            }
        )
    return rows


@login_required
def value_entry(request: HttpRequest, territory_pk: int) -> HttpResponse:
    territory = _place(request, str(territory_pk))
    if territory is None or territory.kind not in (Territory.Kind.COUNTY, Territory.Kind.PROVINCE):
        raise Http404
    period = _period(request)
    rows = _grid(request, territory, period)
    errors: dict[int, list[str]] = {}
    status = 200
    if request.method == "POST":
        if not any(row["can_enter"] for row in rows):
            raise Http404
        errors, saved, flagged = _save_grid(request, territory, period, rows)
        if not errors:
            messages.success(request, _("%(count)s شاخص ثبت شد.") % {"count": to_persian_digits(saved)})
            for text in flagged:
                messages.warning(request, text)
            return redirect(f"{request.path}?period={period.key}")
        status = 400
    context = {
        "territory": territory,
        "period": period,
        "rows": rows,
        "errors": errors,
        "post": request.POST if request.method == "POST" else {},
        "periods": _nearby(period),
        "approve_levels": access.approval_levels(request.user, territory),
    }
    return render(request, "web/programs/entry.html", context, status=status)


def _nearby(period: Period) -> list[Period]:
    items, p = [], period
    for _i in range(4):
        p = p.previous()
    for _i in range(6):
        items.append(p)
        p = p.next()
    return [x for x in items if x.start <= local_today()]


def _save_grid(request, territory, period, rows) -> tuple[dict[int, list[str]], int, list[str]]:
    errors: dict[int, list[str]] = {}
    flagged: list[str] = []
    saved = 0
    try:
        with transaction.atomic():
            for row in rows:
                indicator = row["indicator"]
                prefix = f"i{indicator.pk}_"
                fields = {
                    k: request.POST.get(prefix + k, "").strip()
                    for k in ("value", "numerator", "denominator", "comment")
                }
                if not any(fields[k] for k in ("value", "numerator", "denominator")):
                    continue
                try:
                    result = values_enter(
                        user=request.user, indicator=indicator, period=period, rows=[Row(territory, **fields)]
                    )
                except BulkError as exc:
                    errors[indicator.pk] = [m for ms in exc.rows.values() for m in ms]
                except ValidationError as exc:
                    errors[indicator.pk] = exc.messages
                else:
                    saved += 1
                    flagged += [f"{indicator.name}: {m}" for ms in result.flagged.values() for m in ms]
            if errors:
                raise _Rollback
    except _Rollback:
        pass
    return errors, saved, flagged


class _Rollback(Exception):  # noqa: N818 - internal signal: undo the whole grid
    pass


# ---------------------------------------------------------------- approval and corrections


@login_required
def approval(request: HttpRequest, territory_pk: int) -> HttpResponse:
    territory = _place(request, str(territory_pk))
    if territory is None or territory.kind not in (Territory.Kind.COUNTY, Territory.Kind.PROVINCE):
        raise Http404
    period = _period(request)
    levels = [lv for lv in access.approval_levels(request.user, territory) if lv in approvals.LEVELS]
    indicators = list(
        selectors.indicators_for().filter(current_version__period_type=period.type).order_by("theme", "code")
    )
    if request.method == "POST":
        level = request.POST.get("level", "")
        if level not in levels:
            raise Http404
        chosen = [i for i in indicators if str(i.pk) in request.POST.getlist("indicator")] or indicators
        try:
            count = approvals.values_approve(
                user=request.user, indicators=chosen, territory=territory, period=period, level=level
            )
        except NotAllowed as exc:
            raise Http404 from exc
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(
                request, _("%(count)s مقدار تأیید و قفل شد.") % {"count": to_persian_digits(count)}
            )
        return redirect(f"{request.path}?period={period.key}")
    counts = selectors.status_counts(indicators, territory, period)
    context = {
        "territory": territory,
        "period": period,
        "levels": levels,
        "indicators": indicators,
        "counts": counts,
        "periods": _nearby(period),
        "values": _values_page(request, territory, period),
    }
    return render(request, "web/programs/approval.html", context)


def _values_page(request, territory, period):
    qs = (
        access.values_visible_to(request.user)
        .filter(
            territory_path__startswith=territory.path,
            period_type=period.type,
            year=period.year,
            number=period.number,
        )
        .select_related("indicator", "territory", "approved_by")
        .order_by("indicator__code", "territory_path", "id")
    )
    return paginate(request, qs)


@login_required
@require_POST
def value_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    value = get_for_user(access.values_visible_to(request.user).select_related("territory"), pk)
    if not approvals.can_reopen(request.user, value, _closure_of(value)):
        raise Http404
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("دلیل بازگرداندن را بنویسید."))
    else:
        try:
            approvals.value_reopen(user=request.user, value=value, reason=form.cleaned_data["reason"])
        except NotAllowed as exc:
            raise Http404 from exc
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("مقدار برای اصلاح بازگردانده شد."))
    return redirect("web:value_history", pk=value.pk)


@login_required
@require_POST
def value_comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    value = get_for_user(access.values_visible_to(request.user), pk)
    try:
        value_comment(user=request.user, value=value, text=request.POST.get("text", ""))
    except NotAllowed as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("یادداشت ثبت شد."))
    return redirect("web:value_history", pk=value.pk)


def _closure_of(value: IndicatorValue):
    return find_closure(value.territory_path, Period(value.period_type, value.year, value.number))


@login_required
def value_history(request: HttpRequest, pk: int) -> HttpResponse:
    value = get_for_user(
        access.values_visible_to(request.user).select_related(
            "indicator", "territory", "version", "approved_by"
        ),
        pk,
    )
    events = ValueEvent.objects.filter(value=value).select_related("actor").order_by("id")
    closure = _closure_of(value)
    context = {
        "value": value,
        "events": events,
        "lock": lock_reason(value, closure),
        "can_reopen": approvals.can_reopen(request.user, value, closure),
        "form": ReopenForm(),
        "period": Period(value.period_type, value.year, value.number),
    }
    return render(request, "web/programs/value_history.html", context)


# ---------------------------------------------------------------- Excel


@login_required
def value_import(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_for_user(_indicators(request), pk)
    report, status = None, 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            report = {"error": _("پرونده‌ای انتخاب نشده است.")}
            status = 400
        else:
            try:
                result = imports.values_import(user=request.user, indicator=indicator, upload=upload)
            except BulkError as exc:
                report, status = {"rows": exc.rows}, 400
            except ValidationError as exc:
                report, status = {"error": " ".join(exc.messages)}, 400
            else:
                report = {"result": result}
    return render(
        request, "web/programs/import.html", {"indicator": indicator, "report": report}, status=status
    )


@login_required
def value_template(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_for_user(_indicators(request), pk)
    version = indicator.current_version
    if version is None:
        raise Http404
    scope = get_scope(request.user)
    places = Territory.objects.filter(kind=version.entry_level, is_active=True)
    if not scope.is_superuser:
        places = places.filter(scope.path_q("path", scope.manage_paths or scope.read_paths))
    period = period_of(local_today(), version.period_type).previous()
    content = imports.template_workbook(indicator, list(places.order_by("path")[:2000]), period)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="indicator-{indicator.code}.xlsx"'
    return response
