"""Persona-matrix rows of inspections (concatenated into PAGES / OPERATIONS in matrix_table.py).

The world's plan (tests/inspections/world.py) is the county deputy's in Arak: it is the inspector of
every visit. A visit's date is known to its inspector from the day before and to the plan's readers
once it is past; the secret visit (five days ahead) is 404 for everyone, its own inspector included,
and the facility's agency never sees a visit at all.
"""

from __future__ import annotations

from typing import Any

from tests.personas import SIGNED_IN

from .matrix_cases import LOGIN, REDIRECT, Case

# national_admin: the head of the national organization reads like `national` (issue 14).
PROVINCE_READERS = {"office_staff", "office_head", "governor", "inspector", "national", "national_admin"}
COUNTY_READERS = PROVINCE_READERS | {"county_deputy"}
COUNTY_MANAGERS = {"office_staff", "office_head", "governor", "county_deputy"}
PROVINCE_MANAGERS = {"office_staff", "office_head", "governor"}  # the documents' (and checklists') managers
ANY_MANAGER = COUNTY_MANAGERS | {"foreign_staff"}  # manages somewhere (the import page)
AGENCY = {"liaison", "agency_head"}  # the facility's responsible agency
INSPECTOR = {"county_deputy"}  # the visits' inspector
EVERYONE_SIGNED_IN = set(SIGNED_IN)
PUBLIC = ("anonymous", "citizen")


def _rule(allowed: Any, who: set[str], *, others: Any = 404, public: Any = LOGIN) -> dict:
    table = {p: (allowed if p in who else others) for p in SIGNED_IN}
    table.update(dict.fromkeys(PUBLIC, public))
    return table


def _part(attr: str):
    return lambda w: {"pk": getattr(w.inspections, attr).pk}


def _amend_form(w: Any) -> dict:
    visit = w.inspections.visit_secret
    return {
        "visit": visit.pk,
        "version": visit.version,
        "redraw_date": "on",
        "reason": "بازرس در مأموریت است",
    }


def _amend_body(w: Any) -> dict:
    visit = w.inspections.visit_secret
    return {"version": visit.version, "redraw_date": True, "reason": "بازرس در مأموریت است"}


PAGES: list[Case] = [
    Case("web:inspector_home", "GET", _rule(200, EVERYONE_SIGNED_IN)),
    Case("web:inspections_sw", "GET", _rule(200, EVERYONE_SIGNED_IN, public=200)),
    Case("web:inspections_bundle", "GET", _rule(200, EVERYONE_SIGNED_IN)),
    Case("web:visit_detail", "GET", _rule(200, INSPECTOR), kwargs=_part("visit_today")),
    Case("web:visit_detail", "GET", _rule(200, set()), kwargs=_part("visit_secret"), variant="secret"),
    Case("web:visit_detail", "GET", _rule(200, COUNTY_READERS), kwargs=_part("visit_done"), variant="done"),
    Case("web:visit_detail", "POST", _rule(400, INSPECTOR), kwargs=_part("visit_today")),
    Case("web:visit_detail", "POST", _rule(400, set()), kwargs=_part("visit_secret"), variant="secret"),
    Case("web:visit_sync", "POST", _rule(400, INSPECTOR), kwargs=_part("visit_today")),
    Case("web:visit_sync", "POST", _rule(400, set()), kwargs=_part("visit_secret"), variant="secret"),
    Case("web:visit_photo", "POST", _rule(400, INSPECTOR), kwargs=_part("visit_today")),
    Case("web:facility_list", "GET", _rule(200, EVERYONE_SIGNED_IN)),
    Case("web:facility_import", "GET", _rule(200, ANY_MANAGER)),
    Case("web:facility_import", "POST", _rule(400, ANY_MANAGER)),
    Case("web:facility_detail", "GET", _rule(200, COUNTY_READERS | AGENCY), kwargs=_part("facility")),
    Case("web:checklist_list", "GET", _rule(200, EVERYONE_SIGNED_IN)),
    Case(
        "web:checklist_detail",
        "GET",
        _rule(200, EVERYONE_SIGNED_IN),
        kwargs=lambda w: {"pk": w.inspections.template.pk},
    ),
    # Authoring checklists: a draft is edited and published by the managers of its document's territory.
    Case("web:checklist_create", "GET", _rule(200, ANY_MANAGER)),
    Case("web:checklist_create", "POST", _rule(400, ANY_MANAGER)),
    Case("web:checklist_draft", "GET", _rule(200, PROVINCE_MANAGERS), kwargs=_part("draft_template")),
    Case("web:checklist_draft", "POST", _rule(400, PROVINCE_MANAGERS), kwargs=_part("draft_template")),
    # The published template has no draft: its managers start one (a copy of the latest version).
    Case("web:checklist_draft_start", "POST", _rule(REDIRECT, PROVINCE_MANAGERS), kwargs=_part("template")),
    Case(
        "web:checklist_question_remove",
        "POST",
        _rule(REDIRECT, PROVINCE_MANAGERS),
        kwargs=lambda w: {"pk": w.inspections.draft_template.pk, "question": w.inspections.draft_question.pk},
    ),
    Case("web:checklist_publish", "POST", _rule(REDIRECT, PROVINCE_MANAGERS), kwargs=_part("draft_template")),
    Case("web:plan_list", "GET", _rule(200, EVERYONE_SIGNED_IN)),
    Case("web:plan_create", "GET", _rule(200, ANY_MANAGER)),
    Case("web:plan_create", "POST", _rule(400, ANY_MANAGER)),
    # The world's plan is approved: its managers are sent back to it (nothing changes), others 404.
    Case("web:plan_edit", "GET", _rule(REDIRECT, COUNTY_MANAGERS), kwargs=_part("plan")),
    Case("web:plan_edit", "POST", _rule(400, COUNTY_MANAGERS), kwargs=_part("plan")),
    Case("web:plan_submit", "POST", _rule(REDIRECT, COUNTY_MANAGERS), kwargs=_part("plan")),
    Case("web:plan_return", "POST", _rule(REDIRECT, COUNTY_MANAGERS), kwargs=_part("plan")),
    Case("web:plan_detail", "GET", _rule(200, COUNTY_READERS), kwargs=_part("plan")),
    # Closing the approved plan (no later period drawn): its managers; without a reason they are sent
    # back to it with a message and nothing changes.
    Case(
        "web:plan_close",
        "POST",
        _rule(REDIRECT, COUNTY_MANAGERS),
        kwargs=_part("plan"),
        data=lambda w: {"reason": "سند امنیت غذایی این سال به پایان رسید"},
    ),
    Case(
        "web:plan_close",
        "POST",
        _rule(REDIRECT, COUNTY_MANAGERS),
        kwargs=_part("plan"),
        data=lambda w: {"reason": ""},
        variant="no reason",
    ),
    # The plan is approved already: its managers are sent back to it with the refusal in a message.
    Case("web:plan_approve", "POST", _rule(REDIRECT, COUNTY_MANAGERS), kwargs=_part("plan")),
    # The current period's draw is not published (404 for all); last period's is, to the plan's readers.
    Case("web:draw_detail", "GET", _rule(200, set()), kwargs=_part("draw")),
    Case(
        "web:draw_detail",
        "GET",
        _rule(200, COUNTY_READERS),
        kwargs=_part("published_draw"),
        variant="published",
    ),
    # Amending the sealed draw: its managers only (the coming visits by facility and inspector, never a
    # date); the read-only inspector, the facility's agency, another province and the public are refused.
    Case("web:draw_amend", "GET", _rule(200, COUNTY_MANAGERS), kwargs=_part("draw")),
    Case("web:draw_amend", "POST", _rule(REDIRECT, COUNTY_MANAGERS), kwargs=_part("draw"), data=_amend_form),
    Case(
        "web:draw_amend",
        "POST",
        _rule(400, COUNTY_MANAGERS),
        kwargs=_part("draw"),
        data=lambda w: {**_amend_form(w), "reason": ""},
        variant="no reason",
    ),
    Case("web:inspection_coverage", "GET", _rule(200, EVERYONE_SIGNED_IN)),
    Case("web:inspection_coverage_xlsx", "GET", _rule(200, EVERYONE_SIGNED_IN)),
    Case("web:inspection_map", "GET", _rule(200, EVERYONE_SIGNED_IN)),
    Case("web:inspection_map_data", "GET", _rule(200, EVERYONE_SIGNED_IN)),
]


def _api(allowed: Any, who: set[str], *, others: Any = 404) -> dict:
    return _rule(allowed, who, others=others, public=401)


def _op(attr: str):
    return lambda w: {"id": getattr(w.inspections, attr).pk}


def _submit_body(w: Any) -> dict:
    visit = w.inspections.visit_today
    answers = [{"question": pk, **raw} for pk, raw in w.inspections.base.answers(visit).items()]
    return {"submission_id": "6f1c1f9e-5d3b-4a55-9d1e-4c1e7d7c0a11", "answers": answers}


def _photo_body(w: Any) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.inspections.factories import PNG

    return {
        "client_id": "matrix-photo",
        "file": SimpleUploadedFile("hall.png", PNG, content_type="image/png"),
    }


V = "/api/v1/inspection-visits/{id}/"
OPERATIONS: list[Case] = [
    Case("GET /api/v1/inspection-facilities/", "GET", _api(200, EVERYONE_SIGNED_IN)),
    Case(
        "GET /api/v1/inspection-facilities/{id}/",
        "GET",
        _api(200, COUNTY_READERS | AGENCY),
        kwargs=_op("facility"),
    ),
    Case("GET /api/v1/inspection-checklists/", "GET", _api(200, EVERYONE_SIGNED_IN)),
    Case(
        "GET /api/v1/inspection-checklists/{id}/",
        "GET",
        _api(200, EVERYONE_SIGNED_IN),
        kwargs=lambda w: {"id": w.inspections.template.pk},
    ),
    Case("GET /api/v1/inspection-plans/", "GET", _api(200, EVERYONE_SIGNED_IN)),
    Case("GET /api/v1/inspection-plans/{id}/", "GET", _api(200, COUNTY_READERS), kwargs=_op("plan")),
    Case(
        "GET /api/v1/inspection-plans/{id}/coming-visits/",
        "GET",
        _api(200, COUNTY_MANAGERS),
        kwargs=_op("plan"),
    ),
    Case("GET /api/v1/inspection-visits/", "GET", _api(200, EVERYONE_SIGNED_IN)),
    Case(f"GET {V}", "GET", _api(200, INSPECTOR), kwargs=_op("visit_today")),
    Case(f"GET {V}", "GET", _api(200, set()), kwargs=_op("visit_secret"), variant="secret"),
    Case(f"GET {V}", "GET", _api(200, COUNTY_READERS), kwargs=_op("visit_done"), variant="done"),
    Case(
        f"POST {V}submit/",
        "POST",
        _api(200, INSPECTOR),
        kwargs=_op("visit_today"),
        data=_submit_body,
        json=True,
    ),
    Case(
        f"POST {V}submit/",
        "POST",
        _api(200, set()),
        kwargs=_op("visit_secret"),
        data=_submit_body,
        json=True,
        variant="secret",
    ),
    # Amending a coming visit: the plan's managers (the secret visit is 404 to everyone else); a visit
    # already done is refused to them with a message, and stays 404 to the others.
    Case(
        f"POST {V}amend/",
        "POST",
        _api(200, COUNTY_MANAGERS),
        kwargs=_op("visit_secret"),
        data=_amend_body,
        json=True,
    ),
    Case(
        f"POST {V}amend/",
        "POST",
        _api(400, COUNTY_MANAGERS),
        kwargs=_op("visit_done"),
        data=lambda w: {**_amend_body(w), "version": w.inspections.visit_done.version},
        json=True,
        variant="done",
    ),
    Case(f"POST {V}photos/", "POST", _api(201, INSPECTOR), kwargs=_op("visit_today"), data=_photo_body),
    Case("GET /api/v1/inspection-findings/", "GET", _api(200, EVERYONE_SIGNED_IN)),
    Case(
        "GET /api/v1/inspection-findings/{id}/",
        "GET",
        _api(200, COUNTY_READERS | AGENCY),
        kwargs=_op("finding"),
    ),
]
