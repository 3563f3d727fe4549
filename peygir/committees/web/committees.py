"""Committees: the list, a committee's page (members, meetings, council/working groups, referrals)
and the «new meeting» form."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peygir.committees import access as committee_access
from peygir.committees import selectors, services
from peygir.committees.models import AgendaItem, Committee
from peygir.core.text import normalize_text
from peygir.core.web.forms import SearchForm
from peygir.core.web.views import call_service, is_htmx, paginate

from .forms import MeetingCreateForm


@login_required
def committee_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    qs = selectors.committee_list(user=request.user)
    if form.is_valid() and form.cleaned_data["q"]:
        qs = qs.filter(name_normalized__contains=normalize_text(form.cleaned_data["q"]))
    page = paginate(request, qs)
    template = "web/committees/_list_table.html" if is_htmx(request) else "web/committees/list.html"
    return render(request, template, {"page": page, "form": form})


def _committee_page(request: HttpRequest, committee: Committee, form: MeetingCreateForm | None = None):
    user = request.user
    can_manage = committee_access.can_manage_committee(user, committee)
    meetings = paginate(request, selectors.meeting_list(user=user, committee=committee))
    referrals = (
        AgendaItem.objects.filter(referred_to=committee)
        .select_related("meeting__committee")
        .order_by("-meeting__starts_at")[:20]
    )
    context = {
        "committee": committee,
        "members": list(committee.members.all()),
        "working_groups": list(committee_access.committees_visible_to(user, committee.working_groups.all())),
        "meetings": meetings,
        "referrals": list(referrals),
        "can_manage": can_manage,
        "meeting_form": (form or MeetingCreateForm(auto_id="id_meeting_%s")) if can_manage else None,
    }
    return render(request, "web/committees/detail.html", context, status=400 if form else 200)


@login_required
def committee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    committee = selectors.committee_detail(user=request.user, pk=pk)
    return _committee_page(request, committee)


@login_required
@require_POST
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    committee = selectors.committee_detail(user=request.user, pk=pk)
    if not committee_access.can_manage_committee(request.user, committee):
        raise Http404
    form = MeetingCreateForm(request.POST, auto_id="id_meeting_%s")
    if form.is_valid():
        data = form.cleaned_data
        starts_at = timezone.make_aware(dt.datetime.combine(data["date"], data["time"]))
        ok, meeting = call_service(
            form,
            services.meeting_create,
            user=request.user,
            committee=committee,
            starts_at=starts_at,
            place=data["place"],
            title=data["title"],
            chair_name=data["chair_name"],
            chair_title=data["chair_title"],
            quorum_note=data["quorum_note"],
        )
        if ok:
            messages.success(request, _("جلسه ثبت شد."))
            return redirect("web:meeting_detail", pk=meeting.pk)
    return _committee_page(request, committee, form)
