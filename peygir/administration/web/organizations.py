"""Organizations of the province: agencies, county branches, councils' bodies, groups of agencies."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from peygir.administration import access, selectors, services
from peygir.core.web.forms import SearchForm
from peygir.core.web.views import call_service, paginate
from peygir.organizations.access import get_for_user
from peygir.organizations.models import Organization

from .common import by_pk, form_page, require
from .forms import OrganizationForm


@login_required
def organization_list(request: HttpRequest) -> HttpResponse:
    require(access.is_office_admin(request.user))
    search = SearchForm(request.GET or None)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    page = paginate(request, selectors.organizations(request.user, q))
    return render(request, "web/administration/organization_list.html", {"page": page, "search": search})


def _choices(user) -> dict:
    return {
        "territories": list(selectors.territories(user)),
        "organizations": list(selectors.organization_choices(user)),
    }


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request: HttpRequest) -> HttpResponse:
    require(access.is_office_admin(request.user))
    choices = _choices(request.user)
    form = OrganizationForm(request.POST if request.method == "POST" else None, **choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        orgs = by_pk(choices["organizations"])
        ok, org = call_service(
            form,
            services.organization_create,
            user=request.user,
            name=data["name"],
            short_name=data["short_name"],
            kind=data["kind"],
            territory=by_pk(choices["territories"])[data["territory"]],
            parent=orgs.get(data["parent"]),
            supervisor=orgs.get(data["supervisor"]),
            email=data["email"],
            phone=data["phone"],
            members=[orgs[pk] for pk in data["members"] if pk in orgs],
        )
        if ok:
            messages.success(request, _("سازمان ثبت شد."))
            return redirect("web:admin_organization_edit", org.pk)
    return form_page(request, form, title=_("سازمان جدید"), back="web:admin_organization_list")


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.is_office_admin(request.user))
    org = get_for_user(selectors.organizations(request.user), pk)
    choices = _choices(request.user)
    choices["organizations"] = [o for o in choices["organizations"] if o.pk != org.pk]
    initial = {
        "name": org.name,
        "short_name": org.short_name,
        "parent": org.parent_id,
        "supervisor": org.supervisor_id,
        "email": org.email,
        "phone": org.phone,
        "is_active": org.is_active,
        "members": list(org.members_of_group.values_list("pk", flat=True)),
    }
    form = OrganizationForm(
        request.POST if request.method == "POST" else None, initial=initial, editing=True, **choices
    )
    if org.kind != Organization.Kind.GROUP:
        del form.fields["members"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        orgs = by_pk(choices["organizations"])
        ok, _saved = call_service(
            form,
            services.organization_update,
            user=request.user,
            organization=org,
            members=[orgs[pk] for pk in data.get("members", []) if pk in orgs],
            name=data["name"],
            short_name=data["short_name"],
            parent=orgs.get(data["parent"]),
            supervisor=orgs.get(data["supervisor"]),
            email=data["email"],
            phone=data["phone"],
            is_active=data["is_active"],
        )
        if ok:
            messages.success(request, _("تغییرات سازمان ثبت شد."))
            return redirect("web:admin_organization_edit", org.pk)
    return form_page(
        request,
        form,
        title=org.name,
        back="web:admin_organization_list",
        obj=org,
        extra={"kind": org.get_kind_display()},
    )
