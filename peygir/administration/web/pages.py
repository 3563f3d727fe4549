"""The administration's start page, direct instructions, the change log and an object's history."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from peygir.administration import access, directives, selectors
from peygir.coordination.web.entry import EntrySpec, after_save
from peygir.core import audit
from peygir.core.web.views import call_service, paginate
from peygir.organizations.models import Organization

from .common import by_pk, form_page, require
from .forms import DirectiveForm

# The entry check (coordination): other bodies' similar work while the instruction is typed.
DIRECTIVE_CHECK = EntrySpec(
    kind="directive", title="title", body="description", organizations="responsible", ends="deadline"
)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(access.can_enter(user) or access.can_issue_directives(user))
    context = {
        "office_admin": access.is_office_admin(user),
        "people_admin": access.can_enter(user),
        "can_direct": access.can_issue_directives(user),
    }
    return render(request, "web/administration/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def directive(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(access.can_issue_directives(user))
    issuers = list(access.issuer_organizations(user).order_by("name"))
    require(bool(issuers))
    # Responsible organizations: the active organizations under the issuers' territories.
    paths = tuple({i.territory.path for i in access.issuer_organizations(user).select_related("territory")})
    scope = access.get_scope(user)
    organizations = list(
        Organization.objects.filter(scope.path_q("territory__path", paths), is_active=True)
        .select_related("territory")
        .only("pk", "name", "kind", "territory__path")
        .order_by("name")
    )
    form = DirectiveForm(
        request.POST if request.method == "POST" else None, issuers=issuers, organizations=organizations
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        orgs = by_pk(organizations)
        ok, actions = call_service(
            form,
            directives.directive_issue,
            user=user,
            issuer=by_pk(issuers)[data["issuer"]],
            responsible=[orgs[pk] for pk in data["responsible"] if pk in orgs],
            deadline=data["deadline"].date,
            deadline_text=data["deadline"].text,
            title=data["title"],
            description=data["description"],
        )
        if ok:
            messages.success(request, _("ابلاغ شد: %(n)s اقدام ساخته شد.") % {"n": len(actions)})
            issuer = by_pk(issuers)[data["issuer"]]
            return after_save(
                request,
                DIRECTIVE_CHECK,
                object_ids=[a.pk for a in actions],
                next_url=reverse("web:inbox"),
                territory_id=issuer.territory_id,
            )
    check = {"coordination_spec": DIRECTIVE_CHECK, "coordination_territory": issuers[0].territory_id}
    return form_page(request, form, title=_("ابلاغ مستقیم"), back="web:admin_home", extra=check)


@login_required
def change_log(request: HttpRequest) -> HttpResponse:
    require(access.can_see_change_log(request.user))
    page = paginate(request, selectors.change_log(request.user), per_page=50)
    return render(request, "web/administration/change_log.html", {"page": page})


# Which objects have a history page here, and who may read it: the same rule as their edit page.
def _history_target(user, label: str, pk: int):
    from peygir.organizations.access import get_for_user

    if label == "committees.committee":
        require(access.can_manage_committees(user))
        return get_for_user(selectors.committees(user), pk)
    if label == "organizations.organization":
        require(access.is_office_admin(user))
        return get_for_user(selectors.organizations(user), pk)
    if label == "accounts.user":
        require(access.can_enter(user))
        return selectors.person(user, pk)
    if label == "demands.routingrule":
        require(access.is_office_admin(user))
        return get_for_user(selectors.routing_rules(user), pk)
    if label == "facilitation.facilitationoffice":
        require(access.is_office_admin(user))
        return get_for_user(selectors.offices(user), pk)
    if label in ("demands.demandcategory", "core.calendaroverride"):
        require(access.is_office_admin(user))
        model = apps.get_model(label)
        return get_for_user(model.objects.all(), pk)
    raise Http404


@login_required
def history(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    obj = _history_target(request.user, label, pk)
    page = paginate(request, audit.history_for(obj), per_page=50)
    return render(request, "web/administration/history.html", {"page": page, "obj": obj})
