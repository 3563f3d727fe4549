"""Persona-matrix rows of the office's administration (peygir/administration, pages under /manage/).

Who (peygir/administration/access.py), for the objects of `world`:
- office administrators: the provincial office's staff and head; the office staff of the other
  province («foreign_staff») administers that province — its own lists answer, the world's objects 404;
- the agency's head manages the agency's people only;
- direct instructions: whoever manages some organization (organizations.access managing_org_ids).
"""

from __future__ import annotations

from typing import Any

from .matrix_cases import REDIRECT, Case
from .matrix_table import rule, same

OFFICE_ADMINS = {"office_staff", "office_head"}
ANY_OFFICE_ADMIN = OFFICE_ADMINS | {"foreign_staff"}
PEOPLE_ADMINS = ANY_OFFICE_ADMIN | {"agency_head"}
# Who manages the liaison's person: the office over the agency's province, and the agency's head.
LIAISON_ADMINS = OFFICE_ADMINS | {"agency_head"}
DIRECTORS = ANY_OFFICE_ADMIN | {"governor", "county_deputy"}
ENTRANTS = PEOPLE_ADMINS | DIRECTORS


def pk_of(fn: Any, name: str = "pk"):
    return lambda w: {name: fn(w).pk}


def _liaison(w):
    return w.users["liaison"]


def _liaison_membership(w):
    return w.users["liaison"].memberships.get()


def _agency_seat(w):
    return w.committee.members.get(organization=w.agency)


def _calendar(w):
    from peygir.core.models import CalendarOverride

    return CalendarOverride.objects.order_by("pk").first()


def _kind(kind: str):
    return lambda w: {"kind": kind}


IMPORT_WHO = {"organizations": ANY_OFFICE_ADMIN, "people": PEOPLE_ADMINS, "register": DIRECTORS}

PAGES: list[Case] = [
    Case("web:admin_home", "GET", rule(200, ENTRANTS)),
    Case("web:admin_change_log", "GET", rule(200, ANY_OFFICE_ADMIN)),
    Case(
        "web:admin_history",
        "GET",
        rule(200, OFFICE_ADMINS),
        kwargs=lambda w: {"label": "committees.committee", "pk": w.committee.pk},
    ),
    Case(
        "web:admin_history",
        "GET",
        rule(200, LIAISON_ADMINS),
        kwargs=lambda w: {"label": "accounts.user", "pk": _liaison(w).pk},
        variant="person",
    ),
    # A label that has no history page: nobody.
    Case(
        "web:admin_history",
        "GET",
        rule(404, set()),
        kwargs=lambda w: {"label": "actions.action", "pk": w.action.pk},
        variant="other",
    ),
    Case("web:admin_directive", "GET", rule(200, DIRECTORS)),
    Case("web:admin_directive", "POST", rule(400, DIRECTORS)),
    # committees
    Case("web:admin_committee_list", "GET", rule(200, ANY_OFFICE_ADMIN)),
    Case("web:admin_committee_create", "GET", rule(200, ANY_OFFICE_ADMIN)),
    Case("web:admin_committee_create", "POST", rule(400, ANY_OFFICE_ADMIN)),
    Case("web:admin_committee_edit", "GET", rule(200, OFFICE_ADMINS), kwargs=pk_of(lambda w: w.committee)),
    Case("web:admin_committee_edit", "POST", rule(400, OFFICE_ADMINS), kwargs=pk_of(lambda w: w.committee)),
    Case(
        "web:admin_committee_member_add",
        "POST",
        rule(400, OFFICE_ADMINS),
        kwargs=pk_of(lambda w: w.committee),
    ),
    Case(
        "web:admin_committee_member_remove", "POST", rule(REDIRECT, OFFICE_ADMINS), kwargs=pk_of(_agency_seat)
    ),
    # organizations
    Case("web:admin_organization_list", "GET", rule(200, ANY_OFFICE_ADMIN)),
    Case("web:admin_organization_create", "GET", rule(200, ANY_OFFICE_ADMIN)),
    Case("web:admin_organization_create", "POST", rule(400, ANY_OFFICE_ADMIN)),
    Case("web:admin_organization_edit", "GET", rule(200, OFFICE_ADMINS), kwargs=pk_of(lambda w: w.agency)),
    Case("web:admin_organization_edit", "POST", rule(400, OFFICE_ADMINS), kwargs=pk_of(lambda w: w.agency)),
    # people
    Case("web:admin_person_list", "GET", rule(200, PEOPLE_ADMINS)),
    Case("web:admin_person_create", "GET", rule(200, PEOPLE_ADMINS)),
    Case("web:admin_person_create", "POST", rule(400, PEOPLE_ADMINS)),
    Case("web:admin_person_edit", "GET", rule(200, LIAISON_ADMINS), kwargs=pk_of(_liaison)),
    Case("web:admin_person_edit", "POST", rule(400, LIAISON_ADMINS), kwargs=pk_of(_liaison)),
    Case("web:admin_membership_add", "POST", rule(400, LIAISON_ADMINS), kwargs=pk_of(_liaison)),
    Case(
        "web:admin_membership_end", "POST", rule(REDIRECT, LIAISON_ADMINS), kwargs=pk_of(_liaison_membership)
    ),
    Case("web:admin_password_link", "POST", rule(REDIRECT, LIAISON_ADMINS), kwargs=pk_of(_liaison)),
    # The one-time link is public; a wrong token shows "not valid" to everyone and writes nothing.
    Case("web:admin_set_password", "GET", same(200), kwargs=lambda w: {"uidb64": "MQ", "token": "x-y"}),
    Case("web:admin_set_password", "POST", same(200), kwargs=lambda w: {"uidb64": "MQ", "token": "x-y"}),
    # demand categories (shared by every office), routing rules (the world's is in the province)
    Case("web:admin_category_list", "GET", rule(200, ANY_OFFICE_ADMIN)),
    Case("web:admin_category_create", "GET", rule(200, ANY_OFFICE_ADMIN)),
    Case("web:admin_category_create", "POST", rule(400, ANY_OFFICE_ADMIN)),
    Case(
        "web:admin_category_edit",
        "GET",
        rule(200, ANY_OFFICE_ADMIN),
        kwargs=pk_of(lambda w: w.categories["health"]),
    ),
    Case(
        "web:admin_category_edit",
        "POST",
        rule(400, ANY_OFFICE_ADMIN),
        kwargs=pk_of(lambda w: w.categories["health"]),
    ),
    Case("web:admin_rule_list", "GET", rule(200, ANY_OFFICE_ADMIN)),
    Case("web:admin_rule_create", "GET", rule(200, ANY_OFFICE_ADMIN)),
    Case("web:admin_rule_create", "POST", rule(400, ANY_OFFICE_ADMIN)),
    Case("web:admin_rule_edit", "GET", rule(200, OFFICE_ADMINS), kwargs=pk_of(lambda w: w.routing_rule)),
    Case("web:admin_rule_edit", "POST", rule(400, OFFICE_ADMINS), kwargs=pk_of(lambda w: w.routing_rule)),
    Case(
        "web:admin_rule_delete", "POST", rule(REDIRECT, OFFICE_ADMINS), kwargs=pk_of(lambda w: w.routing_rule)
    ),
    # the working calendar (one for the country)
    Case("web:admin_calendar_list", "GET", rule(200, ANY_OFFICE_ADMIN)),
    Case("web:admin_calendar_create", "GET", rule(200, ANY_OFFICE_ADMIN)),
    Case("web:admin_calendar_create", "POST", rule(400, ANY_OFFICE_ADMIN)),
    Case("web:admin_calendar_edit", "GET", rule(200, ANY_OFFICE_ADMIN), kwargs=pk_of(_calendar)),
    Case("web:admin_calendar_edit", "POST", rule(400, ANY_OFFICE_ADMIN), kwargs=pk_of(_calendar)),
    Case("web:admin_calendar_delete", "POST", rule(REDIRECT, ANY_OFFICE_ADMIN), kwargs=pk_of(_calendar)),
    # facilitation offices (the world's is in the province)
    Case("web:admin_office_list", "GET", rule(200, ANY_OFFICE_ADMIN)),
    Case(
        "web:admin_office_edit",
        "GET",
        rule(200, OFFICE_ADMINS),
        kwargs=pk_of(lambda w: w.facilitation_office),
    ),
    Case(
        "web:admin_office_edit",
        "POST",
        rule(400, OFFICE_ADMINS),
        kwargs=pk_of(lambda w: w.facilitation_office),
        data=lambda w: {"budget_tomans": "-1"},
    ),
    # imports
    *[
        Case("web:admin_import", "GET", rule(200, who), kwargs=_kind(k), variant=k)
        for k, who in IMPORT_WHO.items()
    ],
    *[
        Case("web:admin_import", "POST", rule(400, who), kwargs=_kind(k), variant=k)
        for k, who in IMPORT_WHO.items()
    ],
    *[
        Case("web:admin_import_confirm", "POST", rule(400, who), kwargs=_kind(k), variant=k)
        for k, who in IMPORT_WHO.items()
    ],
    *[
        Case("web:admin_import_template", "GET", rule(200, who), kwargs=_kind(k), variant=k)
        for k, who in IMPORT_WHO.items()
    ],
    Case("web:admin_import", "GET", rule(404, set()), kwargs=_kind("nothing"), variant="unknown"),
    # The meeting page's «all members present, then the absent ones» (committees; an empty form is
    # valid: everyone present).
    Case(
        "web:meeting_op",
        "POST",
        rule(REDIRECT, OFFICE_ADMINS | {"governor"}),
        kwargs=lambda w: {"pk": w.meeting.pk, "op": "attendance_all"},
        variant="attendance_all",
    ),
]

# The API: a request without credentials is 401; an empty body passes the permission check (400).
OPERATIONS: list[Case] = [
    Case("POST /api/v1/directives/", "POST", rule(400, DIRECTORS, public=401), json=True),
]
