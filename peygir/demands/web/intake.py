"""The facilitator's intake page: register a citizen's demand in under a minute, with the open
demands of the same neighbourhood that say nearly the same thing offered first (htmx), so that the
citizen joins one ("also requested by") instead of creating a duplicate."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from peygir.core.errors import NotAllowed
from peygir.core.text import to_persian_digits
from peygir.core.web.views import call_service, is_htmx
from peygir.demands import access as demand_access
from peygir.demands import services
from peygir.demands.models import Demand
from peygir.facilitation.models import FacilitationOffice
from peygir.organizations import access
from peygir.territory.models import Territory

from .forms import demands as df


def intake_offices_q(user: Any) -> Any:
    """Offices the user registers demands for (the rule of demands.services.can_register_for, as a
    query): their own office (facilitators and its staff), or for territorial managers the offices
    inside their territory."""
    scope = access.get_scope(user)
    qs = FacilitationOffice.objects.filter(organization__is_active=True)
    if not scope.is_authenticated:
        return qs.none()
    if not scope.is_superuser:
        qs = qs.filter(
            Q(organization_id__in=scope.reporting_org_ids | scope.managing_org_ids)
            | scope.path_q("organization__territory__path", scope.manage_paths)
        )
    return qs


def intake_offices(user: Any) -> list[FacilitationOffice]:
    """The offices with their neighbourhoods, for the intake form."""
    return list(
        intake_offices_q(user)
        .select_related("organization")
        .prefetch_related("neighbourhoods__parent")
        .order_by("organization__name")
    )


@login_required
def demand_new(request: HttpRequest) -> HttpResponse:
    """The facilitator registers a citizen's demand; similar open demands are offered as they type."""
    offices = intake_offices(request.user)
    if not offices:
        raise Http404
    if request.method == "POST":
        form = df.DemandIntakeForm(request.POST, request.FILES, offices=offices)
        if form.is_valid():
            data = form.cleaned_data
            ok, demand = call_service(
                form,
                services.demand_intake,
                user=request.user,
                office=data["office"],
                category=data["category"],
                neighbourhood=data["neighbourhood"],
                title=data["title"],
                description=data["description"],
                citizen_name=data["citizen_name"],
                citizen_mobile=data["citizen_mobile"],
                consent=data["consent"],
                on_behalf_of_group=data["on_behalf_of_group"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                files=data["files"],
            )
            if ok:
                messages.success(
                    request,
                    _("درخواست ثبت شد. کد رهگیری برای شهروند: %(code)s") % {"code": demand.tracking_code},
                )
                return redirect("web:demand_detail", pk=demand.pk)
        status = 400
    else:
        form = df.DemandIntakeForm(offices=offices)
        status = 200
    context = {"form": form, "supporter_form": df.SupporterForm(auto_id="id_sup_%s")}
    return render(request, "web/demands/new.html", context, status=status)


def _similar_neighbourhood(user: Any, pk: int | None) -> Territory | None:
    if pk is None:
        return None
    for office in intake_offices(user):
        for n in office.neighbourhoods.all():
            if n.pk == pk:
                return n
    return None


@login_required
@require_GET
def demand_similar(request: HttpRequest) -> HttpResponse:
    """htmx: open demands in the same neighbourhood that say nearly the same thing."""
    form = df.SimilarQueryForm(request.GET)
    results: list[tuple[Demand, float]] = []
    if form.is_valid():
        data = form.cleaned_data
        neighbourhood = _similar_neighbourhood(request.user, data.get("neighbourhood"))
        text = f"{data.get('title') or ''} {data.get('description') or ''}".strip()
        if neighbourhood is not None and len(text) >= 3:
            # Not narrowed by category: two facilitators may file the same need under different ones.
            results = list(services.demand_find_similar(neighbourhood=neighbourhood, text=text))
    visible = set(
        demand_access.demands_visible_to(request.user)
        .filter(pk__in=[d.pk for d, _ in results])
        .values_list("pk", flat=True)
    )
    rows = [{"demand": d, "score": round(score * 100), "visible": d.pk in visible} for d, score in results]
    return render(request, "web/demands/_similar.html", {"rows": rows})


@login_required
@require_POST
def demand_add_supporter(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Also requested by": the citizen joins an open demand instead of creating a duplicate."""
    offices = intake_offices(request.user)
    neighbourhood_ids = {n.pk for o in offices for n in o.neighbourhoods.all()}
    demand = access.get_for_user(
        Demand.objects.filter(
            status__in=Demand.OPEN_STATUSES, neighbourhood_id__in=neighbourhood_ids
        ).select_related("neighbourhood", "office__organization", "category"),
        pk,
    )
    form = df.SupporterForm(request.POST, auto_id="id_sup_%s")
    error = ""
    if form.is_valid():
        try:
            demand = services.demand_add_supporter(
                user=request.user,
                demand=demand,
                citizen_name=form.cleaned_data["citizen_name"],
                citizen_mobile=form.cleaned_data["citizen_mobile"],
                note=form.cleaned_data["note"],
                consent=form.cleaned_data["consent"],
            )
        except NotAllowed as exc:
            raise Http404 from exc
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("شهروند به درخواست %(code)s اضافه شد؛ اکنون %(n)s نفر آن را خواسته‌اند.")
                % {
                    "code": demand.tracking_code,
                    "n": to_persian_digits(demand.supporters_count),
                },
            )
            visible = demand_access.demands_visible_to(request.user).filter(pk=demand.pk).exists()
            target = reverse("web:demand_detail", args=[demand.pk]) if visible else reverse("web:demand_new")
            if is_htmx(request):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return redirect(target)
    else:
        error = " ".join(m for errors in form.errors.values() for m in errors)
    if is_htmx(request):
        return render(request, "web/demands/_similar_error.html", {"error": error})
    messages.error(request, error)
    return redirect("web:demand_new")
