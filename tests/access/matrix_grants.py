"""The grants rows of the persona matrix (pages and API), for `world.grants` (tests/grants/world.py):
the provincial office's published call, its proposal under review from the world's NGO in Arak, the
NGO's draft, the approved project with its first milestone verified and its instalment releasable.

Who is who: the NGO (`ngo`) writes its proposals and reports; the county governorate's deputy
(`county_deputy`) is the supervisor (ناظر); the provincial office's staff and head and the governor
run the call and are the high supervisor (ناظر عالی); the inspector sits on the review panel; the
foreign office's staff are another province's.
"""

from __future__ import annotations

from typing import Any

from .matrix_cases import REDIRECT, Case
from .matrix_table import COUNTY_MANAGERS, COUNTY_READERS, EVERYONE_SIGNED_IN, PROVINCE_MANAGERS, api, rule

# national_admin: the head of the national organization reads like `national` (issue 14).
PROVINCE_READERS = {"office_staff", "office_head", "governor", "inspector", "national", "national_admin"}
NGO = {"ngo"}
RUN_CALL = PROVINCE_MANAGERS  # the call's managers, the projects' high supervisor
SEE_PROPOSAL = COUNTY_READERS | NGO  # the inspector also as a reviewer
SEE_PROJECT = COUNTY_READERS | NGO
OFFICE_MANAGERS_ANYWHERE = PROVINCE_MANAGERS | {"foreign_staff"}  # may open a call in their province


def g(attr: str, name: str = "pk"):
    return lambda w: {name: getattr(w.grants, attr).pk}


def g_op(attr: str, op: str):
    return lambda w: {"pk": getattr(w.grants, attr).pk, "op": op}


def gid(attr: str):
    return g(attr, "id")


CALL_OPS = ["publish", "envelopes", "reviewer"]  # published already / empty forms: 400
DECIDE_OPS = ["start_review", "return", "reject", "guard"]  # under review already / empty forms: 400
HIGH_OPS = ["release", "overrule", "amend", "guard"]  # empty forms: 400


def review_of(w: Any) -> dict:
    return {"id": w.grants.project.proposal.reviews.get().pk}


PAGES: list[Case] = [
    Case("web:grant_call_list", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("web:grant_call_create", "GET", rule(200, OFFICE_MANAGERS_ANYWHERE)),
    Case("web:grant_call_create", "POST", rule(400, OFFICE_MANAGERS_ANYWHERE)),
    Case("web:grant_call_detail", "GET", rule(200, EVERYONE_SIGNED_IN), kwargs=g("call")),
    *[
        Case("web:grant_call_op", "POST", rule(400, RUN_CALL), kwargs=g_op("call", op), variant=op)
        for op in CALL_OPS
    ],
    Case("web:grant_review_board", "GET", rule(200, RUN_CALL | {"inspector"}), kwargs=g("call")),
    Case("web:grant_allocation", "GET", rule(200, PROVINCE_READERS), kwargs=g("call")),
    Case("web:grant_county_ranking", "GET", rule(200, EVERYONE_SIGNED_IN), kwargs=g("call")),
    Case("web:grant_allocations_xlsx", "GET", rule(200, PROVINCE_READERS), kwargs=g("call")),
    Case("web:grant_open_data", "GET", rule(200, EVERYONE_SIGNED_IN), kwargs=g("call")),
    Case("web:grant_proposal_create", "GET", rule(200, NGO), kwargs=g("call")),
    Case("web:grant_proposal_create", "POST", rule(400, NGO), kwargs=g("call")),
    Case("web:grant_proposal_detail", "GET", rule(200, SEE_PROPOSAL), kwargs=g("proposal")),
    Case("web:grant_proposal_detail", "GET", rule(200, NGO), kwargs=g("draft"), variant="draft"),
    Case("web:grant_proposal_edit", "GET", rule(200, NGO), kwargs=g("draft")),
    Case("web:grant_proposal_edit", "POST", rule(400, NGO), kwargs=g("draft")),
    # Submitted already: the NGO is told it cannot submit again; nobody else may.
    Case(
        "web:grant_proposal_op", "POST", rule(400, NGO), kwargs=g_op("proposal", "submit"), variant="submit"
    ),
    *[
        Case("web:grant_proposal_op", "POST", rule(400, RUN_CALL), kwargs=g_op("proposal", op), variant=op)
        for op in DECIDE_OPS
    ],
    Case(
        "web:grant_proposal_op",
        "POST",
        rule(400, RUN_CALL),
        kwargs=g_op("proposal", "approve"),
        data=lambda w: {"amount": "بسیار"},
        variant="approve",
    ),
    # A file attached to the approved project's proposal: whoever reads the proposal downloads it.
    Case(
        "web:grant_proposal_attachment",
        "GET",
        rule(200, SEE_PROPOSAL),
        kwargs=lambda w: {"pk": w.grants.project.proposal.attachments.get().pk},
    ),
    # The reviewer has not scored this one yet: scores missing, 400.
    Case("web:grant_review_submit", "POST", rule(400, {"inspector"}), kwargs=g("proposal")),
    Case("web:grant_project_list", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("web:grant_project_detail", "GET", rule(200, SEE_PROJECT), kwargs=g("project")),
    *[
        Case("web:grant_project_op", "POST", rule(400, RUN_CALL), kwargs=g_op("project", op), variant=op)
        for op in HIGH_OPS
    ],
    Case(
        "web:grant_project_op",
        "POST",
        rule(400, NGO),
        kwargs=g_op("project", "final_report"),
        variant="final_report",
    ),
    # The supervisor and those above it; the project has no final report yet: 400.
    Case(
        "web:grant_project_op",
        "POST",
        rule(400, COUNTY_MANAGERS),
        kwargs=g_op("project", "close"),
        variant="close",
    ),
    # The call's questions: its managers; a stale version is refused (400), nothing written.
    Case("web:grant_call_questions", "GET", rule(200, RUN_CALL), kwargs=g("call")),
    Case(
        "web:grant_call_questions",
        "POST",
        rule(400, RUN_CALL),
        kwargs=g("call"),
        data=lambda w: {"version": "999"},
    ),
    # Registration is open to anyone (no account needed); an empty form is refused.
    Case("web:grant_ngo_register", "GET", rule(200, EVERYONE_SIGNED_IN, public=200)),
    Case("web:grant_ngo_register", "POST", rule(400, EVERYONE_SIGNED_IN, public=400)),
    # Nobody of the world has a registration waiting for its SMS code: back to the registration page.
    Case("web:grant_ngo_confirm", "GET", rule(REDIRECT, EVERYONE_SIGNED_IN, public=REDIRECT)),
    Case("web:grant_ngo_confirm", "POST", rule(REDIRECT, EVERYONE_SIGNED_IN, public=REDIRECT)),
    # The queue lists what each may see (empty for most): a page for every signed-in person.
    Case("web:grant_ngo_list", "GET", rule(200, EVERYONE_SIGNED_IN)),
    # The world's NGO is verified already: the provincial office is told so (400); refusing needs a
    # reason (400); sending again is the NGO's (and its territory's managers'), only after a refusal.
    Case("web:grant_ngo_op", "POST", rule(400, RUN_CALL), kwargs=g_op("profile", "verify"), variant="verify"),
    Case("web:grant_ngo_op", "POST", rule(400, RUN_CALL), kwargs=g_op("profile", "refuse"), variant="refuse"),
    Case(
        "web:grant_ngo_op",
        "POST",
        rule(400, COUNTY_MANAGERS | NGO),
        kwargs=g_op("profile", "resubmit"),
        variant="resubmit",
    ),
    Case(
        "web:grant_ngo_document",
        "GET",
        rule(200, COUNTY_READERS | NGO),
        kwargs=lambda w: {"pk": w.grants.profile.documents.first().pk},
    ),
    Case("web:grant_ngo_portal", "GET", rule(200, NGO)),
    Case("web:grant_ngo_profile", "GET", rule(200, COUNTY_READERS | NGO), kwargs=g("profile")),
    Case("web:grant_ngo_profile", "POST", rule(400, COUNTY_MANAGERS | NGO), kwargs=g("profile")),
]


def post(path: str, expect: dict, **kw: Any) -> Case:
    return Case(f"POST {path}", "POST", expect, json=True, **kw)


RESOURCES = [
    ("grant-calls", "call", EVERYONE_SIGNED_IN),
    ("grant-proposals", "proposal", SEE_PROPOSAL),
    ("grant-projects", "project", SEE_PROJECT),
    ("grant-milestones", "milestone", SEE_PROJECT),
    ("grant-instalments", "instalment", SEE_PROJECT),
    # The NGO's registration: territorial readers over its county and the NGO, as on its page.
    ("grant-ngos", "profile", COUNTY_READERS | NGO),
]

OPERATIONS: list[Case] = [
    *[Case(f"GET /api/v1/{name}/", "GET", api(200, EVERYONE_SIGNED_IN)) for name, _a, _w in RESOURCES],
    *[
        Case(f"GET /api/v1/{name}/{{id}}/", "GET", api(200, who), kwargs=gid(attr))
        for name, attr, who in RESOURCES
    ],
    Case("GET /api/v1/grant-reviews/", "GET", api(200, EVERYONE_SIGNED_IN)),
    # Blind: the reviewer's own; the call's managers off the panel.
    Case("GET /api/v1/grant-reviews/{id}/", "GET", api(200, RUN_CALL | {"inspector"}), kwargs=review_of),
    # Only an NGO's representative writes proposals: an empty body is 400 for them, 404 for others.
    post("/api/v1/grant-proposals/", api(400, NGO), data=lambda w: {}),
    # The proposal is submitted already: the NGO without a version gets 400; nobody else may.
    post("/api/v1/grant-proposals/{id}/submit/", api(400, NGO), kwargs=gid("proposal"), data=lambda w: {}),
    # The panel's reviewer has not scored it yet: scores missing, 400; nobody else may review.
    post(
        "/api/v1/grant-proposals/{id}/review/",
        api(400, {"inspector"}),
        kwargs=gid("proposal"),
        data=lambda w: {},
    ),
    # More than requested: 400 once the permission let the office through.
    post(
        "/api/v1/grant-proposals/{id}/approve/",
        api(400, RUN_CALL),
        kwargs=gid("proposal"),
        data=lambda w: {"amount_rials": 10**15},
    ),
    # The office returns or rejects a proposal: without a version, 400 once the permission let it
    # through; the NGO (which sees its proposal), the county supervisor (who reads it), another
    # province and everyone else: 404, nothing changed.
    *[
        post(
            f"/api/v1/grant-proposals/{{id}}/{op}/",
            api(400, RUN_CALL),
            kwargs=gid("proposal"),
            data=lambda w: {"reason": "بودجه را اصلاح کنید"},
        )
        for op in ("return", "reject")
    ],
    # The NGO edits its draft: without a version, 400; the draft is nobody else's to see (404).
    Case(
        "PATCH /api/v1/grant-proposals/{id}/",
        "PATCH",
        api(400, NGO),
        kwargs=gid("draft"),
        data=lambda w: {"title": "جشنواره کتاب‌خوانی کودکان محله"},
        json=True,
    ),
    # The proposal under review, with its version: refused to the NGO by the service (400, in
    # Persian); those who read it may not edit it (404).
    Case(
        "PATCH /api/v1/grant-proposals/{id}/",
        "PATCH",
        api(400, NGO),
        kwargs=gid("proposal"),
        data=lambda w: {"title": "عنوان تازه", "version": w.grants.proposal.version},
        json=True,
        variant="submitted",
    ),
    # The world's NGO is verified already: the provincial office is told so (400, with the right
    # version); refusing it without a reason is 400 too. The NGO, the county supervisor who reads it,
    # another province: 404.
    post(
        "/api/v1/grant-ngos/{id}/verify/",
        api(400, RUN_CALL),
        kwargs=gid("profile"),
        data=lambda w: {"version": w.grants.profile.version},
    ),
    post(
        "/api/v1/grant-ngos/{id}/refuse/",
        api(400, RUN_CALL),
        kwargs=gid("profile"),
        data=lambda w: {"version": w.grants.profile.version},
    ),
    # A stale version: 409 once the permission let the high supervisor through.
    post(
        "/api/v1/grant-instalments/{id}/release/",
        api(409, RUN_CALL),
        kwargs=gid("instalment"),
        data=lambda w: {"version": 999},
    ),
]

__all__ = ["OPERATIONS", "PAGES", "REDIRECT"]
