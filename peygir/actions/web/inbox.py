"""The inbox: an organization's actions with filters, sorting, pagination and htmx refresh."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from peygir.actions import access as action_access
from peygir.actions import selectors as action_selectors
from peygir.core.pagecache import cached_page
from peygir.core.web.views import is_htmx, paginate, with_states
from peygir.organizations import access

from .filters import InboxFilterForm
from .queries import inbox_organizations, user_organizations


@login_required
@cached_page
def inbox(request: HttpRequest) -> HttpResponse:
    user = request.user
    scope = access.get_scope(user)
    organizations = inbox_organizations(user)
    form = InboxFilterForm(request.GET or None, organizations=organizations, user=user)
    filters = form.values()
    tab = filters.pop("tab", "all")
    organization_id = filters.pop("org", None)
    if organization_id is None and "org" not in request.GET and not scope.read_paths:
        # An agency's liaison lands on their own organization's actions.
        own = user_organizations(user)
        organization_id = own[0].pk if len(own) == 1 else None
    if not form.is_bound and organization_id:
        form.initial["org"] = organization_id
    sort = filters.pop("sort", "deadline")
    horizon = action_selectors.Horizon.for_day()
    actions = action_selectors.action_list(
        user=user, organization_id=organization_id, filters=filters, horizon=horizon, sort=sort
    )
    if tab == "mine":
        actions = actions.filter(
            Q(responsible_organization_id__in=scope.org_ids) | action_access.verifiable_actions_q(user)
        )
    page = paginate(request, actions)
    rows = with_states(page.object_list, horizon)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "tab": tab,
        "organization_id": organization_id,
        "selected_org": next((o for o in organizations if o.pk == organization_id), None),
    }
    template = "web/inbox/_table.html" if is_htmx(request) else "web/inbox/inbox.html"
    return render(request, template, context)
