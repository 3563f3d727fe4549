"""Persona-matrix rows of programs, duties and indicators (concatenated in matrix_table.py).

The world's objects: `world.program` (the province's, owned by the provincial office), its
`world.duty` for `world.agency`, `world.indicator` (a seasonal rate entered per county) and its
`world.indicator_value` for Arak county, spring 1403, approved at county level (so it can be returned
for correction).
"""

from __future__ import annotations

from .matrix_cases import REDIRECT, Case
from .matrix_table import (
    AGENCY,
    COUNTY_MANAGERS,
    COUNTY_READERS,
    EVERYONE_SIGNED_IN,
    PROVINCE_MANAGERS,
    PROVINCE_READERS,
    api,
    op_id,
    pk,
    rule,
)

# Readers of a program: territorial readers of its province, and the organizations with duties in it.
PROGRAM_READERS = PROVINCE_READERS | AGENCY
PROGRAM_MANAGERS = PROVINCE_MANAGERS
FOUNDERS = COUNTY_MANAGERS | {"national", "foreign_staff"}
# The county's values: its readers (the county deputy too); entry and county approval: its managers.
VALUE_READERS = COUNTY_READERS
VALUE_MANAGERS = COUNTY_MANAGERS
# Returning an approved value for correction: whoever may approve at its level or above — the county's
# managers and national staff (who approve the province's values).
VALUE_CORRECTORS = COUNTY_MANAGERS | {"national"}


# Targets of a county-level indicator: the managers of a county, a province or (national) the country.
TARGET_SETTERS = FOUNDERS
# Closing a period: who approves at the province's level.
CLOSERS = PROVINCE_MANAGERS
# The closing in the world is the other province's (world.indicator_value makes it): its readers.
OTHER_PROVINCE_READERS = {"foreign_staff", "national", "national_admin"}


def other_closure(w):
    from peygir.programs.models import PeriodClosure

    return {"id": PeriodClosure.objects.filter(territory=w.other_province).values_list("pk", flat=True)[0]}


def close_spring(w, stale: bool = False):
    """Closing the province's spring 1403 (over; Arak's value entered and approved by the county) with
    the version of its state — or one behind it (a value changed since it was read: 409)."""
    from peygir.programs.closures import period_version
    from peygir.programs.periods import Period

    version = period_version(w.province, Period("season", 1403, 1))
    return {"territory": w.province.pk, "period": "1403-S1", "reason": "پایان مهلت گزارش فصل",
            "version": version - 1 if stale else version}  # fmt: skip


def county(w):
    return {"territory_pk": w.county.pk}


def province(w):
    return {"territory_pk": w.province.pk}


PROGRAM_PAGES: list[Case] = [
    Case("web:program_list", "GET", rule(200, EVERYONE_SIGNED_IN)),
    # A new program: whoever manages an organization (territorial managers, each in their own place)
    # and national staff.
    Case("web:program_create", "GET", rule(200, FOUNDERS)),
    Case("web:program_create", "POST", rule(400, FOUNDERS)),
    Case("web:program_detail", "GET", rule(200, PROGRAM_READERS), kwargs=pk("program")),
    Case("web:duty_create", "POST", rule(400, PROGRAM_MANAGERS), kwargs=pk("program")),
    # An empty goal: the page says so and goes back to the program.
    Case("web:goal_create", "POST", rule(REDIRECT, PROGRAM_MANAGERS), kwargs=pk("program")),
    Case("web:indicator_list", "GET", rule(200, EVERYONE_SIGNED_IN)),
    # Defining an indicator: national staff, and whoever manages a program (for that program).
    Case("web:indicator_create", "GET", rule(200, FOUNDERS)),
    Case("web:indicator_create", "POST", rule(400, FOUNDERS)),
    # world.indicator belongs to no program: only national staff edit its definition.
    Case("web:indicator_edit", "GET", rule(200, {"national"}), kwargs=pk("indicator")),
    Case("web:indicator_edit", "POST", rule(400, {"national"}), kwargs=pk("indicator")),
    # Targets: everyone reads them; the territories' managers (national staff for the country) set them.
    Case("web:indicator_targets", "GET", rule(200, EVERYONE_SIGNED_IN), kwargs=pk("indicator")),
    Case("web:indicator_targets", "POST", rule(400, TARGET_SETTERS), kwargs=pk("indicator")),
    # Closing the province's period: its readers see what is missing; its approvers close. A period
    # not yet begun is refused with a message, nothing written.
    Case("web:period_closure", "GET", rule(200, PROVINCE_READERS), kwargs=province),
    Case(
        "web:period_closure",
        "POST",
        rule(400, CLOSERS),
        kwargs=province,
        data=lambda w: {"period": "1499-S1", "reason": "پایان مهلت"},
    ),
    Case("web:indicator_detail", "GET", rule(200, EVERYONE_SIGNED_IN), kwargs=pk("indicator")),
    Case("web:indicator_import", "GET", rule(200, EVERYONE_SIGNED_IN), kwargs=pk("indicator")),
    # No file: a Persian message; each row of a file is then checked against who may enter where.
    Case("web:indicator_import", "POST", rule(400, EVERYONE_SIGNED_IN), kwargs=pk("indicator")),
    Case("web:indicator_template", "GET", rule(200, EVERYONE_SIGNED_IN), kwargs=pk("indicator")),
    Case("web:indicator_entry", "GET", rule(200, VALUE_READERS), kwargs=county),
    # An empty grid saves nothing and goes back to the grid; readers who may not enter get 404.
    Case("web:indicator_entry", "POST", rule(REDIRECT, VALUE_MANAGERS), kwargs=county),
    Case("web:indicator_approval", "GET", rule(200, VALUE_READERS), kwargs=county),
    # Approving the county's last season, which has no values: refused with a message, nothing locked.
    Case(
        "web:indicator_approval",
        "POST",
        rule(REDIRECT, VALUE_MANAGERS),
        kwargs=county,
        data=lambda w: {"level": "county"},
    ),
    Case("web:value_history", "GET", rule(200, VALUE_READERS), kwargs=pk("indicator_value")),
    # An empty comment: the page says so and goes back to the value.
    Case("web:value_comment", "POST", rule(REDIRECT, VALUE_READERS), kwargs=pk("indicator_value")),
    # No reason given: the page says so; the value stays approved.
    Case("web:value_reopen", "POST", rule(REDIRECT, VALUE_CORRECTORS), kwargs=pk("indicator_value")),
]

PROGRAM_OPERATIONS: list[Case] = [
    Case("GET /api/v1/programs/", "GET", api(200, EVERYONE_SIGNED_IN)),
    Case("POST /api/v1/programs/", "POST", api(400, FOUNDERS)),
    Case("GET /api/v1/programs/{id}/", "GET", api(200, PROGRAM_READERS), kwargs=op_id("program")),
    Case("POST /api/v1/programs/{id}/goals/", "POST", api(400, PROGRAM_MANAGERS), kwargs=op_id("program")),
    Case("GET /api/v1/duties/", "GET", api(200, EVERYONE_SIGNED_IN)),
    Case("POST /api/v1/duties/", "POST", api(400, FOUNDERS)),
    Case("GET /api/v1/duties/{id}/", "GET", api(200, PROGRAM_READERS), kwargs=op_id("duty")),
    Case("GET /api/v1/indicators/", "GET", api(200, EVERYONE_SIGNED_IN)),
    # Definitions: national staff, and whoever manages a program (for it); versions: who may edit it.
    Case("POST /api/v1/indicators/", "POST", api(400, FOUNDERS)),
    Case(
        "POST /api/v1/indicators/{id}/versions/",
        "POST",
        api(201, {"national"}),
        kwargs=op_id("indicator"),
        json=True,
        data=lambda w: {"note": "بازبینی تعریف"},
    ),
    Case("GET /api/v1/indicators/{id}/", "GET", api(200, EVERYONE_SIGNED_IN), kwargs=op_id("indicator")),
    # Targets of the province: its managers.
    Case(
        "POST /api/v1/indicators/{id}/targets/",
        "POST",
        api(201, PROVINCE_MANAGERS),
        kwargs=op_id("indicator"),
        json=True,
        data=lambda w: {"territory": w.province.pk, "year": 1404, "value": "1.5"},
    ),
    Case(
        "GET /api/v1/indicators/{id}/figure/",
        "GET",
        api(200, VALUE_READERS),
        kwargs=op_id("indicator"),
        query=lambda w: {"territory": w.county.pk, "period": "1403-S1"},
    ),
    Case("GET /api/v1/indicator-values/", "GET", api(200, EVERYONE_SIGNED_IN)),
    Case("POST /api/v1/indicator-values/approve/", "POST", api(400, EVERYONE_SIGNED_IN)),
    Case("POST /api/v1/indicator-values/bulk/", "POST", api(400, EVERYONE_SIGNED_IN)),
    Case(
        "GET /api/v1/indicator-values/{id}/", "GET", api(200, VALUE_READERS), kwargs=op_id("indicator_value")
    ),
    Case(
        "POST /api/v1/indicator-values/{id}/comments/",
        "POST",
        api(400, VALUE_READERS),
        kwargs=op_id("indicator_value"),
    ),
    Case(
        "POST /api/v1/indicator-values/{id}/reopen/",
        "POST",
        api(400, VALUE_CORRECTORS),
        kwargs=op_id("indicator_value"),
    ),
    # Closed periods: each reader sees the closings of the provinces they read (a list for everyone).
    Case("GET /api/v1/period-closures/", "GET", api(200, EVERYONE_SIGNED_IN)),
    Case("GET /api/v1/period-closures/{id}/", "GET", api(200, OTHER_PROVINCE_READERS), kwargs=other_closure),
    Case(
        "GET /api/v1/period-closures/state/",
        "GET",
        api(200, PROVINCE_READERS),
        query=lambda w: {"territory": w.province.pk, "period": "1403-S1"},
    ),
    # Closing: the province's approvers, as on the page; the others 404 and nothing is written.
    Case("POST /api/v1/period-closures/", "POST", api(201, CLOSERS), json=True, data=close_spring),
    Case(
        "POST /api/v1/period-closures/",
        "POST",
        api(409, CLOSERS),
        json=True,
        data=lambda w: close_spring(w, stale=True),
        variant="stale version",
    ),
]
