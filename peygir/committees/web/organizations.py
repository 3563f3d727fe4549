"""The directory of organizations and an organization's record (its actions' figures, committee seats)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from peygir.actions import selectors as action_selectors
from peygir.committees import access as committee_access
from peygir.committees.models import CommitteeMember
from peygir.core.text import normalize_text
from peygir.core.web.forms import SearchForm
from peygir.core.web.views import is_htmx, paginate, with_states
from peygir.core.xlsx import table_workbook, xlsx_response
from peygir.organizations import access
from peygir.organizations.models import Organization


@login_required
def organization_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    qs = access.organizations_visible_to(
        request.user, Organization.objects.filter(is_active=True).select_related("territory")
    )
    if form.is_valid() and form.cleaned_data["q"]:
        qs = qs.filter(name_normalized__contains=normalize_text(form.cleaned_data["q"]))
    page = paginate(request, qs.order_by("name", "id"))
    template = "web/organizations/_table.html" if is_htmx(request) else "web/organizations/list.html"
    return render(request, template, {"page": page, "form": form})


@login_required
def organization_list_xlsx(request: HttpRequest) -> HttpResponse:
    """The directory as searched on the page, as an Excel sheet (organizations only, no people)."""
    form = SearchForm(request.GET or None)
    qs = access.organizations_visible_to(
        request.user, Organization.objects.filter(is_active=True).select_related("territory", "parent")
    )
    if form.is_valid() and form.cleaned_data["q"]:
        qs = qs.filter(name_normalized__contains=normalize_text(form.cleaned_data["q"]))
    headers = [_("نام"), _("نوع"), _("قلمرو"), _("سازمان بالادست")]
    rows = (
        [o.name, o.get_kind_display(), o.territory.name_fa, o.parent.name if o.parent_id else ""]
        for o in qs.order_by("name", "id").iterator(chunk_size=2000)
    )
    return xlsx_response(table_workbook(_("سازمان‌ها"), headers, rows), "organizations.xlsx")


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    organization = access.get_for_user(
        access.organizations_visible_to(user, Organization.objects.select_related("territory", "parent")), pk
    )
    context: dict = {"organization": organization, "has_record": False}
    if access.can_view_organization_record(user, organization):
        horizon = action_selectors.Horizon.for_day()
        rows = action_selectors.organization_scorecard(
            user=user, horizon=horizon, organization_id=organization.pk
        )
        counts = action_selectors.scorecard_totals(rows)
        on_time = rows[0]["on_time_rate"] if rows else None
        overdue = action_selectors.action_list(
            user=user, organization_id=organization.pk, filters={"state": "overdue"}, horizon=horizon
        )[:20]
        seats = CommitteeMember.objects.filter(
            organization=organization,
            committee__in=committee_access.committees_visible_to(user).values("pk"),
        ).select_related("committee")
        context.update(
            has_record=True,
            counts=counts,
            on_time=on_time,
            overdue=with_states(overdue, horizon),
            seats=list(seats),
            members=list(organization.members_of_group.all()) if organization.kind == "group" else [],
        )
    return render(request, "web/organizations/detail.html", context)
