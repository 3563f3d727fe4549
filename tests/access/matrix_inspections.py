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

PROVINCE_READERS = {"office_staff", "office_head", "governor", "inspector", "national"}
COUNTY_READERS = PROVINCE_READERS | {"county_deputy"}
COUNTY_MANAGERS = {"office_staff", "office_head", "governor", "county_deputy"}
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
    Case("web:plan_list", "GET", _rule(200, EVERYONE_SIGNED_IN)),
    Case("web:plan_detail", "GET", _rule(200, COUNTY_READERS), kwargs=_part("plan")),
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
    Case("web:inspection_coverage", "GET", _rule(200, EVERYONE_SIGNED_IN)),
    Case("web:inspection_coverage_xlsx", "GET", _rule(200, EVERYONE_SIGNED_IN)),
    Case("web:inspection_map", "GET", _rule(200, EVERYONE_SIGNED_IN)),
    Case("web:inspection_map_data", "GET", _rule(200, EVERYONE_SIGNED_IN)),
]

OPERATIONS: list[Case] = []
