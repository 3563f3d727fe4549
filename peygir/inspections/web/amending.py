"""The plan manager's page of a sealed draw: its coming visits (facility and inspector, never a date),
each with an amendment form, and the amendments already made with their reasons."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from peygir.core.errors import ConflictError, NotAllowed, ValidationError
from peygir.core.web.views import paginate

from .. import amendments, plans, schedule
from .authoring import AmendForm

AMENDMENTS_PER_PAGE = 25


def _page_number(value: str | None) -> str:
    return value if value and value.isdigit() and len(value) < 7 else "1"


@login_required
@require_http_methods(["GET", "POST"])
def draw_amend(request: HttpRequest, pk: int) -> HttpResponse:
    sealed = schedule.draw_for_manager(request.user, pk)
    visits = schedule.coming_visits(draw=sealed)
    form = AmendForm(request.POST or None, draw=sealed, visits=visits)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                amendments.visit_amend(
                    user=request.user,
                    visit=d["visit"],
                    reason=d["reason"],
                    inspector=d["inspector"],
                    redraw_date=d["redraw_date"],
                    expected_version=d["version"],
                )
            except NotAllowed as exc:
                raise Http404 from exc
            except (ValidationError, ConflictError) as exc:
                for text in exc.messages:
                    form.add_error(None, text)
            else:
                # The confirmation names the facility, never the (new) date: the one who amends does
                # not learn it either.
                messages.success(
                    request,
                    _(
                        "اصلاحیه بازدید «%(f)s» ثبت شد. تاریخ بازدید به شما نشان داده نمی‌شود؛ بازرس آن را از روز "
                        "پیش از بازدید می‌بیند و اصلاحیه پس از پایان دوره با برنامه منتشر می‌شود."
                    )
                    % {"f": d["visit"].facility.name},
                )
                url = reverse("web:draw_amend", args=[sealed.pk])
                return redirect(f"{url}?page={_page_number(request.POST.get('page'))}")
        status = 400
    page = paginate(request, visits)
    amended = Paginator(schedule.draw_amendments(sealed), AMENDMENTS_PER_PAGE).get_page(
        request.GET.get("amendments")
    )
    failed_visit = form.data.get("visit") if form.is_bound else None
    chosen = getattr(form, "cleaned_data", {}).get("visit") if form.is_bound else None
    return render(
        request,
        "web/inspections/draw_amend.html",
        {
            "draw": sealed,
            "plan": sealed.plan,
            "page": page,
            "amended": amended,
            "inspectors": schedule.plan_inspectors(sealed.plan),
            "form": form,
            "failed_visit": failed_visit,
            "failed_facility": chosen.facility.name if chosen is not None else "",
            "published": plans.is_published(sealed),
        },
        status=status,
    )
