"""The inbox: an organization's actions with filters, sorting, pagination and htmx refresh."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from peygir.actions import access as action_access
from peygir.actions import selectors as action_selectors
from peygir.actions.models import Action
from peygir.core.jalali import format_jalali
from peygir.core.pagecache import cached_page
from peygir.core.planner import joins_as_written
from peygir.core.web.views import is_htmx, paginate, with_states
from peygir.core.xlsx import table_workbook, xlsx_response
from peygir.organizations import access

from .filters import InboxFilterForm
from .queries import inbox_organizations, user_organizations


def _inbox_query(request: HttpRequest) -> dict:
    """The inbox's form and filtered actions, shared by the page and its Excel export."""
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
    mine = None
    if tab == "mine":
        mine = Q(responsible_organization_id__in=scope.org_ids) | action_access.verifiable_actions_q(user)
        actions = actions.filter(mine)

    def count() -> int:
        return action_selectors.action_list_count(
            user=user, organization_id=organization_id, filters=filters, horizon=horizon, extra=mine
        )

    return {
        "form": form,
        "actions": actions,
        "count": count,
        "tab": tab,
        "organization_id": organization_id,
        "organizations": organizations,
        "horizon": horizon,
    }


# The inbox's fields a phone always shows (the rest fold away until asked for or in use).
FOLDLESS = ("tab", "org", "q", "escalated")


@login_required
@cached_page
def inbox(request: HttpRequest) -> HttpResponse:
    query = _inbox_query(request)
    form, actions, tab = query["form"], query["actions"], query["tab"]
    organization_id, organizations, horizon = (
        query["organization_id"],
        query["organizations"],
        query["horizon"],
    )
    page = paginate(request, actions, count=query["count"])
    with joins_as_written():
        rows = with_states(page.object_list, horizon)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "tab": tab,
        "organization_id": organization_id,
        "selected_org": next((o for o in organizations if o.pk == organization_id), None),
        # On a phone the selects fold away under one button; a filter in use keeps them open.
        "filters_open": any(request.GET.get(name) for name in form.fields if name not in FOLDLESS),
    }
    template = "web/inbox/_table.html" if is_htmx(request) else "web/inbox/inbox.html"
    return render(request, template, context)


@login_required
def inbox_xlsx(request: HttpRequest) -> HttpResponse:
    """The inbox as filtered on the page, as an Excel sheet (actions carry no personal data)."""
    query = _inbox_query(request)
    horizon = query["horizon"]
    headers = [
        _("عنوان"),
        _("منشأ"),
        _("منبع"),
        _("مسئول پیگیری"),
        _("صادرکننده"),
        _("مهلت اقدام"),
        _("وضعیت"),
        _("معوق"),
        _("پیشرفت (درصد)"),
        _("سطح ارجاع"),
    ]

    def rows():
        for action in query["actions"].iterator(chunk_size=2000):
            overdue = bool(
                action.deadline
                and action.status not in Action.CLOSED_STATUSES
                and action.deadline < horizon.today
            )
            yield [
                action.title,
                action.get_source_kind_display(),
                action.source_adapter.describe(action),
                action.responsible_organization.name,
                action.issuer_organization.name if action.issuer_organization_id else "",
                format_jalali(action.deadline) if action.deadline else "",
                action.get_status_display(),
                _("بله") if overdue else "",
                action.progress,
                action.escalation_level,
            ]

    return xlsx_response(table_workbook(_("کارتابل اقدامات"), headers, rows()), "inbox.xlsx")
