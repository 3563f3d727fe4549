"""Committees: list, create, edit (kind, secretariat, parent council) and seats with positions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from peygir.administration import access, selectors, services
from peygir.committees import access as committee_access
from peygir.committees.models import Committee, CommitteeMember
from peygir.core.web.forms import SearchForm
from peygir.core.web.views import call_service, paginate
from peygir.organizations.access import get_for_user

from .common import by_pk, form_page, require, run
from .forms import CommitteeForm, CommitteeMemberForm


def _choices(user) -> dict:
    return {
        "territories": list(selectors.territories(user)),
        "organizations": list(selectors.organization_choices(user, groups=False)),
        "councils": list(selectors.committees(user).exclude(kind=Committee.Kind.WORKING_GROUP)),
    }


def _committee(user, pk) -> Committee:
    require(access.can_manage_committees(user))
    committee = get_for_user(selectors.committees(user), pk)
    require(committee_access.can_manage_committee(user, committee))
    return committee


@login_required
def committee_list(request: HttpRequest) -> HttpResponse:
    require(access.can_manage_committees(request.user))
    search = SearchForm(request.GET or None)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    page = paginate(request, selectors.committees(request.user, q))
    return render(request, "web/administration/committee_list.html", {"page": page, "search": search})


@login_required
@require_http_methods(["GET", "POST"])
def committee_create(request: HttpRequest) -> HttpResponse:
    require(access.can_manage_committees(request.user))
    choices = _choices(request.user)
    form = CommitteeForm(request.POST if request.method == "POST" else None, **choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, committee = call_service(
            form,
            services.committee_create,
            user=request.user,
            name=data["name"],
            kind=data["kind"],
            territory=by_pk(choices["territories"])[data["territory"]],
            secretariat=by_pk(choices["organizations"])[data["secretariat"]],
            parent=by_pk(choices["councils"]).get(data["parent"]),
            description=data["description"],
        )
        if ok:
            messages.success(request, _("کمیته ثبت شد؛ اکنون اعضای آن را بیفزایید."))
            return redirect("web:admin_committee_edit", committee.pk)
    return form_page(request, form, title=_("کمیته جدید"), back="web:admin_committee_list")


def _edit_page(request, committee, form=None, member_form=None, status=200) -> HttpResponse:
    choices = _choices(request.user)
    choices["councils"] = [c for c in choices["councils"] if c.pk != committee.pk]
    if form is None:
        form = CommitteeForm(
            initial={
                "name": committee.name,
                "kind": committee.kind,
                "secretariat": committee.secretariat_id,
                "parent": committee.parent_id,
                "description": committee.description,
                "is_active": committee.is_active,
            },
            editing=True,
            **choices,
        )
    members = list(committee.members.select_related("organization").order_by("order", "id"))
    seated = {m.organization_id for m in members}
    if member_form is None:
        member_form = CommitteeMemberForm(
            organizations=[o for o in choices["organizations"] if o.pk not in seated], prefix="member"
        )
    context = {"committee": committee, "form": form, "member_form": member_form, "members": members}
    return render(request, "web/administration/committee_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def committee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _committee(request.user, pk)
    if request.method == "GET":
        return _edit_page(request, committee)
    choices = _choices(request.user)
    choices["councils"] = [c for c in choices["councils"] if c.pk != committee.pk]
    form = CommitteeForm(request.POST, editing=True, **choices)
    if form.is_valid():
        data = form.cleaned_data
        ok, _saved = call_service(
            form,
            services.committee_update,
            user=request.user,
            committee=committee,
            name=data["name"],
            kind=data["kind"],
            secretariat=by_pk(choices["organizations"])[data["secretariat"]],
            parent=by_pk(choices["councils"]).get(data["parent"]),
            description=data["description"],
            is_active=data["is_active"],
        )
        if ok:
            messages.success(request, _("تغییرات کمیته ثبت شد."))
            return redirect("web:admin_committee_edit", committee.pk)
    return _edit_page(request, committee, form=form, status=400)


@login_required
@require_POST
def committee_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _committee(request.user, pk)
    organizations = list(selectors.organization_choices(request.user, groups=False))
    form = CommitteeMemberForm(request.POST, organizations=organizations, prefix="member")
    if form.is_valid():
        data = form.cleaned_data
        ok, _member = call_service(
            form,
            services.committee_member_add,
            user=request.user,
            committee=committee,
            organization=by_pk(organizations)[data["organization"]],
            position=data["position"],
            representative_title=data["representative_title"],
        )
        if ok:
            messages.success(request, _("عضو به کمیته افزوده شد."))
            return redirect("web:admin_committee_edit", committee.pk)
    return _edit_page(request, committee, member_form=form, status=400)


@login_required
@require_POST
def committee_member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(
        CommitteeMember.objects.select_related("committee__territory", "organization"), pk=pk
    )
    committee = _committee(request.user, member.committee_id)
    if run(request, services.committee_member_remove, user=request.user, member=member):
        messages.success(request, _("«%(o)s» از اعضای کمیته برداشته شد.") % {"o": member.organization.name})
    return redirect("web:admin_committee_edit", committee.pk)
