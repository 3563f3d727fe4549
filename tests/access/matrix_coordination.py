"""Persona-matrix rows of coordination's pages and API (concatenated into matrix_table.py).

`world.coordination`: an open candidate pair in Arak (a project of the world's NGO and a duty of the
other agency) and a current decision there, taken by the office's staff. The coordination view is
for who reads a territory; the review (deciding pairs, undoing any decision) for the provincial
office's staff and head; the entry check for every member of an organization. The entry decision
pages answer only the person who just saved a record (a token in their own session): 404 here.
"""

from __future__ import annotations

from typing import Any

from tests.personas import SIGNED_IN

from .matrix_cases import REDIRECT, Case

PROVINCE_READERS = {"office_staff", "office_head", "governor", "inspector", "national", "national_admin"}
COUNTY_READERS = PROVINCE_READERS | {"county_deputy"}
TERRITORIAL = COUNTY_READERS | {"foreign_staff"}
OFFICE = {"office_staff", "office_head"}  # the province's office: reviews Arak's pairs
OFFICES = OFFICE | {"foreign_staff"}  # every province's office (its own review list)
MEMBERS = set(SIGNED_IN) - {"nobody"}  # whoever enters work for an organization
# The decision in Arak: its territory's readers, and the office's staff who took it.
DECISION_READERS = COUNTY_READERS


def pages(rule: Any) -> list[Case]:
    pair = lambda w: {"pk": w.coordination.pair.pk}  # noqa: E731
    decision = lambda w: {"pk": w.coordination.decision.pk}  # noqa: E731
    token = lambda w: {"token": "no-such-token"}  # noqa: E731
    return [
        Case("web:coordination_view", "GET", rule(200, TERRITORIAL)),
        Case("web:coordination_map_data", "GET", rule(200, TERRITORIAL)),
        Case(
            "web:coordination_check",
            "GET",
            rule(200, MEMBERS),
            query=lambda w: {"title": "ساماندهی کودکان کار"},
        ),
        Case("web:coordination_entry", "GET", rule(200, set()), kwargs=token),
        Case("web:coordination_entry_decide", "POST", rule(400, set()), kwargs=token),
        Case("web:coordination_review", "GET", rule(200, OFFICES)),
        # an empty form: the office gets its errors (400); the others 404, nothing written
        Case("web:coordination_review_decide", "POST", rule(400, OFFICE), kwargs=pair),
        Case("web:coordination_decisions", "GET", rule(200, MEMBERS)),
        # an undo needs no reason: the office undoes (and is sent back to the list)
        Case("web:coordination_undo", "POST", rule(REDIRECT, OFFICE), kwargs=decision),
    ]


def operations(api: Any) -> list[Case]:
    pair = lambda w: {"id": w.coordination.pair.pk}  # noqa: E731
    decision = lambda w: {"id": w.coordination.decision.pk}  # noqa: E731
    return [
        Case("GET /api/v1/coordination/candidates/", "GET", api(200, set(SIGNED_IN))),
        Case("GET /api/v1/coordination/candidates/{id}/", "GET", api(200, OFFICE), kwargs=pair),
        Case(
            "POST /api/v1/coordination/candidates/{id}/decide/",
            "POST",
            api(400, OFFICE),
            kwargs=pair,
            json=True,
        ),
        Case("GET /api/v1/coordination/decisions/", "GET", api(200, set(SIGNED_IN))),
        Case("POST /api/v1/coordination/decisions/", "POST", api(400, MEMBERS), json=True),
        Case("GET /api/v1/coordination/decisions/{id}/", "GET", api(200, DECISION_READERS), kwargs=decision),
        Case(
            "POST /api/v1/coordination/decisions/{id}/undo/",
            "POST",
            api(200, OFFICE),
            kwargs=decision,
            json=True,
        ),
        Case("GET /api/v1/coordination/check/", "GET", api(400, MEMBERS)),
    ]
