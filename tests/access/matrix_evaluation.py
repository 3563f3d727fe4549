"""Persona-matrix rows of the evaluation pages and API (concatenated into matrix_table.py).

A scorecard lists every action it counts, so it is for who reads the whole territory (the province's
readers for `world.province`; the county deputy reads only Arak) and, for an agency's own scorecard,
its members. Provinces side by side: the national organization. Weights: the province's managers
write a new version; its readers see them.
"""

from __future__ import annotations

from typing import Any

from .matrix_cases import REDIRECT, Case

# national_admin: the head of the national organization reads every territory (issue 14).
PROVINCE_READERS = {"office_staff", "office_head", "governor", "inspector", "national", "national_admin"}
NATIONAL = {"national", "national_admin"}
PROVINCE_MANAGERS = {"office_staff", "office_head", "governor"}
AGENCY = {"liaison", "agency_head"}
# Who has a territory of their own to open a map or roadmap on.
TERRITORIAL = PROVINCE_READERS | {"county_deputy", "foreign_staff"}
SIGNED_IN_MEMBERS = TERRITORIAL | AGENCY | {"other_liaison", "facilitator", "other_facilitator", "ngo"}


def pages(rule: Any) -> list[Case]:
    """`rule` is matrix_table's (passed in, so that neither module imports the other)."""
    province = lambda w: {"pk": w.province.pk}  # noqa: E731
    agency = lambda w: {"pk": w.agency.pk}  # noqa: E731
    return [
        Case("web:evaluation_home", "GET", rule(REDIRECT, SIGNED_IN_MEMBERS)),
        # the start page's block: whoever has a territory of their own (404 for the others)
        Case("web:evaluation_start", "GET", rule(200, TERRITORIAL)),
        Case("web:scorecard_territory", "GET", rule(200, PROVINCE_READERS), kwargs=province),
        Case("web:scorecard_xlsx", "GET", rule(200, PROVINCE_READERS), kwargs=province),
        Case(
            "web:scorecard_drill_territory",
            "GET",
            rule(200, PROVINCE_READERS),
            kwargs=lambda w: {"pk": w.province.pk, "key": "on_time"},
        ),
        Case("web:scorecard_weights", "GET", rule(200, PROVINCE_READERS), kwargs=province),
        # an empty form: the readers who may write get its errors (400); the others 404, nothing written
        Case("web:scorecard_weights", "POST", rule(400, PROVINCE_MANAGERS), kwargs=province),
        Case("web:yearend_pdf", "GET", rule(200, PROVINCE_READERS), kwargs=province),
        Case("web:yearend_xlsx", "GET", rule(200, PROVINCE_READERS), kwargs=province),
        Case("web:scorecard_agency", "GET", rule(200, PROVINCE_READERS | AGENCY), kwargs=agency),
        Case(
            "web:scorecard_drill_agency",
            "GET",
            rule(200, PROVINCE_READERS | AGENCY),
            kwargs=lambda w: {"pk": w.agency.pk, "key": "overdue"},
        ),
        Case("web:evaluation_compare", "GET", rule(200, NATIONAL)),
        Case("web:evaluation_compare_xlsx", "GET", rule(200, NATIONAL)),
        Case("web:evaluation_map", "GET", rule(200, TERRITORIAL)),
        Case("web:evaluation_map_data", "GET", rule(200, TERRITORIAL)),
        Case("web:evaluation_roadmap", "GET", rule(200, TERRITORIAL)),
    ]


def operations(api: Any) -> list[Case]:
    """`api` is matrix_table's (401 without credentials)."""
    return [
        Case(
            "GET /api/v1/scorecards/territories/{id}/",
            "GET",
            api(200, PROVINCE_READERS),
            kwargs=lambda w: {"id": w.province.pk},
        ),
        Case(
            "GET /api/v1/scorecards/organizations/{id}/",
            "GET",
            api(200, PROVINCE_READERS | AGENCY),
            kwargs=lambda w: {"id": w.agency.pk},
        ),
    ]
