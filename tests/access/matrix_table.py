"""The persona matrix: for every page (by URL name) and every operation of the OpenAPI schema, what
each persona of the shared `world` gets (DESIGN §6). test_persona_matrix.py plays every row.

An outcome is a status code, LOGIN (redirect to the login page) or REDIRECT (elsewhere). Allowed
writes are sent with an empty or invalid body where that is enough to show the permission check was
passed (400 with the form's errors, not 404); refused ones (404 for "not found or forbidden", 403/401
on the API without an account, LOGIN on pages) must change nothing — the test checks the data version
and the row counts.

Groups are named after the rule that makes them (peygir/organizations/access.py, access_demands.py,
facilitation/permissions.py) for the objects of `world`: its province «مرکزی», county «اراک», the
office's directive `world.action` to `world.agency`, the committee of the provincial office on which
the agency sits, the facilitation office «شهید بهشتی» in Arak and its demand routed to the agency.
A `# FIXME:` marks an answer the code gives today that looks wrong; the table records it so that the
matrix passes, and the report lists it.
"""

from __future__ import annotations

from typing import Any

from tests.personas import ALL_PERSONAS, PUBLIC_PERSONAS, SIGNED_IN

from .matrix_cases import LOGIN, REDIRECT, Case
from .matrix_evaluation import operations as evaluation_operations
from .matrix_evaluation import pages as evaluation_pages

# ---------------------------------------------------------------- who, for the world's objects

# Read the whole province (territorial read roles, head of a governing organization, national staff).
PROVINCE_READERS = {"office_staff", "office_head", "governor", "inspector", "national", "national_admin"}
# Manage in the province: issue, verify, run committees (the office's staff and head, the governor).
PROVINCE_MANAGERS = {"office_staff", "office_head", "governor"}
COUNTY_READERS = PROVINCE_READERS | {"county_deputy"}
COUNTY_MANAGERS = PROVINCE_MANAGERS | {"county_deputy"}
AGENCY = {"liaison", "agency_head"}  # the responsible agency's reporters
ACTION_READERS = PROVINCE_READERS | AGENCY
VERIFIERS = PROVINCE_MANAGERS
# The committee: territorial readers, its secretariat (the office) and the organizations that sit on
# it (the agency; the governorate as chair — the inspector is a member of the governorate).
COMMITTEE_READERS = PROVINCE_READERS | AGENCY
COMMITTEE_MANAGERS = PROVINCE_MANAGERS
# The facilitation office (in Arak county) and its demand (routed to the agency).
OFFICE_READERS = COUNTY_READERS | {"facilitator"}
OFFICE_WORKERS = COUNTY_MANAGERS | {"facilitator"}
PERSONAL_DATA = {"facilitator", "office_staff", "office_head"}  # households, citizens' names
DEMAND_READERS = COUNTY_READERS | {"facilitator"} | AGENCY
DEMAND_HANDLERS = COUNTY_MANAGERS | {"facilitator"}  # office side: route, verify, merge …
DEMAND_ANSWERERS = AGENCY  # agency side: not ours, planned, done
STAFF = set(SIGNED_IN) - {"nobody", "ngo"}  # … every signed-in persona with a reading role somewhere
EVERYONE_SIGNED_IN = set(SIGNED_IN)


def rule(allowed: Any, who: set[str], *, others: Any = 404, public: Any = LOGIN, **exceptions: Any) -> dict:
    """`allowed` for the personas in `who`, `others` for the other signed-in ones, `public` for the
    anonymous visitor and the citizen; `exceptions` name single personas."""
    table = {p: (allowed if p in who else others) for p in SIGNED_IN}
    table.update({p: (allowed if p in who else public) for p in PUBLIC_PERSONAS})
    table.update(exceptions)
    return table


def same(outcome: Any) -> dict:
    return dict.fromkeys(ALL_PERSONAS, outcome)


def api(allowed: Any, who: set[str], *, others: Any = 404, **exceptions: Any) -> dict:
    """The API: a request without credentials is answered 401 (token authentication comes first)."""
    return rule(allowed, who, others=others, public=401, **exceptions)


# ---------------------------------------------------------------- kwargs from the world


def pk(attr: str, name: str = "pk"):
    return lambda w: {name: getattr(w, attr).pk}


def pk_op(attr: str, op: str):
    return lambda w: {"pk": getattr(w, attr).pk, "op": op}


def op_id(attr: str):
    return lambda w: {"id": getattr(w, attr).pk}


# ---------------------------------------------------------------- pages (URL names)

ACTION_OPS_REPORT = ["progress", "done"]
ACTION_OPS_VERIFY = ["verify", "reject", "cancel", "deadline"]
MEETING_OPS = ["header", "agenda", "attendance", "note", "resolution", "refer", "held", "approve"]
MEETING_ROW_OPS = ["agenda-edit", "agenda-delete"]
DEMAND_OFFICE_OPS = ["assign", "reroute", "accept_plan", "decline_plan", "close", "merge", "verify"]
DEMAND_OFFICE_OPS += ["reject_done", "public_note"]
DEMAND_AGENCY_OPS = ["planned", "done", "not_ours"]

PAGES: list[Case] = [
    Case("healthz", "GET", same(200)),
    Case("readyz", "GET", same(200)),
    Case("login", "GET", rule(REDIRECT, EVERYONE_SIGNED_IN, public=200)),
    Case("login", "POST", rule(REDIRECT, EVERYONE_SIGNED_IN, public=200)),
    Case("logout", "POST", same(REDIRECT)),  # to the login page, without `next`
    Case("set_language", "POST", same(REDIRECT), data=lambda w: {"language": "en", "next": "/"}),
    # The schema and its docs are public (they describe the API, no data).
    Case("api:api-schema", "GET", same(200)),
    Case("api:api-docs", "GET", same(200)),
    Case("web:home", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("web:inbox", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("web:inbox_xlsx", "GET", rule(200, EVERYONE_SIGNED_IN)),  # what each may see, as on the page
    Case("web:action_detail", "GET", rule(200, ACTION_READERS), kwargs=pk("action")),
    *[
        Case("web:action_op", "POST", rule(400, AGENCY), kwargs=pk_op("action", op), variant=op)
        for op in ACTION_OPS_REPORT
    ],
    *[
        Case("web:action_op", "POST", rule(400, VERIFIERS), kwargs=pk_op("action", op), variant=op)
        for op in ACTION_OPS_VERIFY
    ],
    Case("web:evidence_download", "GET", rule(200, ACTION_READERS), kwargs=pk("evidence")),
    Case("web:committee_list", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("web:committee_detail", "GET", rule(200, COMMITTEE_READERS), kwargs=pk("committee")),
    Case("web:meeting_create", "POST", rule(400, COMMITTEE_MANAGERS), kwargs=pk("committee")),
    Case("web:meeting_detail", "GET", rule(200, COMMITTEE_READERS), kwargs=pk("meeting")),
    Case("web:meeting_minutes_pdf", "GET", rule(200, COMMITTEE_READERS), kwargs=pk("meeting")),
    Case("web:meeting_minutes_docx", "GET", rule(200, COMMITTEE_READERS), kwargs=pk("meeting")),
    *[
        Case("web:meeting_op", "POST", rule(400, COMMITTEE_MANAGERS), kwargs=pk_op("meeting", op), variant=op)
        for op in MEETING_OPS
        if op not in ("refer", "approve")
    ],
    # Referring an item to a working group: only a council that has working groups offers it; the
    # world's committee has none, so there is no such form for anyone (404).
    Case("web:meeting_op", "POST", rule(404, set()), kwargs=pk_op("meeting", "refer"), variant="refer"),
    # An empty "approve" is a valid one (the meeting is held): done, back to the meeting.
    Case(
        "web:meeting_op",
        "POST",
        rule(REDIRECT, COMMITTEE_MANAGERS),
        kwargs=pk_op("meeting", "approve"),
        variant="approve",
    ),
    *[
        Case(
            "web:meeting_op",
            "POST",
            rule(400, COMMITTEE_MANAGERS),
            kwargs=pk_op("meeting", op),
            data=lambda w: {"row": w.agenda_item.pk, "item": w.agenda_item.pk},
            variant=op,
        )
        for op in MEETING_ROW_OPS
    ],
    Case("web:organization_list", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("web:organization_list_xlsx", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("web:organization_detail", "GET", rule(200, EVERYONE_SIGNED_IN), kwargs=pk("agency")),
    Case("web:notifications", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("web:notifications_mark_read", "POST", rule(REDIRECT, EVERYONE_SIGNED_IN)),
    # Each person's own channels: anyone signed in keeps theirs; the Bale webhook needs its secret
    # (none is configured in the tests, so it is not found for anyone).
    Case("web:notification_preferences", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("web:notification_preferences", "POST", rule(REDIRECT, EVERYONE_SIGNED_IN)),
    Case("web:notification_bale_link", "POST", rule(REDIRECT, EVERYONE_SIGNED_IN)),
    Case(
        "web:bale_webhook",
        "POST",
        rule(404, set(), public=404),
        kwargs=lambda w: {"secret": "guess"},
    ),
    Case("web:demand_list", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("web:demand_list_xlsx", "GET", rule(200, EVERYONE_SIGNED_IN)),
    # Whoever registers for some office: its facilitators (each their own office), the managers over it.
    Case("web:demand_new", "GET", rule(200, DEMAND_HANDLERS | {"other_facilitator"})),
    Case("web:demand_new", "POST", rule(400, DEMAND_HANDLERS | {"other_facilitator"})),
    Case("web:demand_similar", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("web:triage", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("web:triage_xlsx", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("web:demand_detail", "GET", rule(200, DEMAND_READERS), kwargs=pk("demand")),
    Case("web:demand_attachment", "GET", rule(200, DEMAND_READERS), kwargs=pk("attachment")),
    # Every field is optional (a co-requester may give no name or number): an empty form adds one.
    Case("web:demand_add_supporter", "POST", rule(REDIRECT, DEMAND_HANDLERS), kwargs=pk("demand")),
    *[
        Case("web:demand_op", "POST", rule(400, DEMAND_HANDLERS), kwargs=pk_op("demand", op), variant=op)
        for op in DEMAND_OFFICE_OPS
    ],
    *[
        Case("web:demand_op", "POST", rule(400, DEMAND_ANSWERERS), kwargs=pk_op("demand", op), variant=op)
        for op in DEMAND_AGENCY_OPS
    ],
    Case("web:demand_public_submit", "GET", same(200)),
    Case("web:demand_public_submit", "POST", same(400)),
    Case("web:demand_public_confirm", "GET", same(200)),
    Case("web:demand_public_confirm", "POST", same(400)),
    Case("web:demand_public_status", "GET", same(200)),
    Case("web:demand_public_status", "POST", same(400)),
    Case(
        "web:demand_public_rate", "POST", rule(REDIRECT, set(), others=REDIRECT, public=REDIRECT, citizen=400)
    ),
    Case("web:demand_track", "GET", same(200)),
    Case("web:office_list", "GET", rule(200, EVERYONE_SIGNED_IN)),
    # Territorial managers anywhere (the foreign office's staff in their own province); an invalid form
    # answers 200, not 400 like the other forms.
    Case("web:office_create", "GET", rule(200, COUNTY_MANAGERS | {"foreign_staff"})),
    Case("web:office_create", "POST", rule(200, COUNTY_MANAGERS | {"foreign_staff"})),
    Case("web:office_detail", "GET", rule(200, OFFICE_READERS), kwargs=pk("facilitation_office")),
    Case("web:office_review", "GET", rule(200, OFFICE_READERS), kwargs=pk("facilitation_office")),
    Case("web:office_review_xlsx", "GET", rule(200, OFFICE_READERS), kwargs=pk("facilitation_office")),
    Case("web:household_list", "GET", rule(200, PERSONAL_DATA), kwargs=pk("facilitation_office")),
    Case("web:household_create", "GET", rule(200, PERSONAL_DATA), kwargs=pk("facilitation_office")),
    Case("web:household_create", "POST", rule(200, PERSONAL_DATA), kwargs=pk("facilitation_office")),
    Case("web:activity_list", "GET", rule(200, OFFICE_READERS), kwargs=pk("facilitation_office")),
    Case("web:activity_create", "POST", rule(400, OFFICE_WORKERS), kwargs=pk("facilitation_office")),
    Case("web:household_detail", "GET", rule(200, PERSONAL_DATA), kwargs=pk("household")),
    Case("web:household_edit", "GET", rule(200, PERSONAL_DATA), kwargs=pk("household")),
    Case("web:household_edit", "POST", rule(200, PERSONAL_DATA), kwargs=pk("household")),
    # The provincial offices' staff and heads (each their own province's log).
    Case("web:sensitive_access_log", "GET", rule(200, {"office_staff", "office_head", "foreign_staff"})),
    Case("web:report_demands", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("web:report_demands_xlsx", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("web:report_activities", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("web:report_map", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("web:report_map_data", "GET", rule(200, EVERYONE_SIGNED_IN)),
]

# ---------------------------------------------------------------- API operations (OpenAPI schema)
# Writes carry a valid body, so that a refusal is the permission's and not the serializer's.


def version(obj: Any) -> int:
    """The row's version as stored now: every API write on a versioned object requires it."""
    return type(obj).objects.values_list("version", flat=True).get(pk=obj.pk)


ACTION_BODIES = {
    "progress": lambda w: {"text": "دو مدرسه بازسازی شد", "progress": 60, "version": version(w.action)},
    "report-done": lambda w: {"text": "انجام شد", "version": version(w.action)},
    "verify": lambda w: {"text": "تأیید شد", "version": version(w.action)},
    "reject": lambda w: {"reason": "گزارش ناقص است", "version": version(w.action)},
    "cancel": lambda w: {"reason": "تکراری", "version": version(w.action)},
    "change-deadline": lambda w: {
        "deadline": "1410/01/15",
        "reason": "تمدید به درخواست دستگاه",
        "version": version(w.action),
    },
}


def demand_body(w: Any) -> dict:
    """Every demand step's fields at once (each serializer reads its own)."""
    return {
        "agency": w.other_agency.pk,
        "reason": "مربوط به دانشگاه علوم پزشکی است",
        "text": "در دست بررسی",
        "public_note": "رسیدگی شد",
        "date": "2099-01-01",
        "note": "در برنامه سال بعد",
        "citizen_name": "علی کریمی",
        "citizen_mobile": "09351112233",
        "consent": True,
        "into": w.demand.pk,  # itself: refused by the service (400) once the permission allowed it
        "tracking_code": w.online_demand.tracking_code,
        "version": version(w.demand),
    }


def intake_body(w: Any) -> dict:
    return {
        "office": w.facilitation_office.pk,
        "category": w.categories["health"].pk,
        "neighbourhood": w.neighbourhood.pk,
        "title": "روشنایی کوچه",
        "description": "کوچه شب‌ها تاریک است.",
        "citizen_name": "مریم رضایی",
        "citizen_mobile": "09121112233",
        "consent": True,
    }


def meeting_body(w: Any) -> dict:
    return {
        "title": "دستور تازه",
        "person_name": "مهمان",
        "text": "مصوبه تازه",
        "responsible": [w.agency.pk],
        "deadline_text": "یک ماه",
        "agenda_item": w.agenda_item.pk,
        "item": w.agenda_item.pk,
        "speaker_name": "مریم حسینی",
        "summary": "گزارش ارائه شد",
        "version": version(w.meeting),
    }


def demand_params(w: Any) -> dict:
    return {"id": w.demand.pk}


# The demand is routed, nothing planned or done yet: these steps are refused by its state (400) …
API_DEMAND_OFFICE = ["accept-plan", "assign", "decline-plan", "merge", "reject-done", "verify"]
# … and these are done (200).
API_DEMAND_OFFICE_OK = ["close-rejected", "public-note", "reroute", "route"]
API_DEMAND_AGENCY = ["done", "not-ours", "planned"]


def post(path: str, expect: dict, **kw: Any) -> Case:
    return Case(f"POST {path}", "POST", expect, json=True, **kw)


OPERATIONS: list[Case] = [
    Case("GET /api/v1/actions/", "GET", api(200, EVERYONE_SIGNED_IN)),
    Case("GET /api/v1/actions/{id}/", "GET", api(200, ACTION_READERS), kwargs=op_id("action")),
    *[
        post(
            f"/api/v1/actions/{{id}}/{op}/",
            api(400, VERIFIERS),
            kwargs=op_id("action"),
            data=ACTION_BODIES[op],
        )
        for op in ("reject", "verify")  # the action is in progress, not reported done: 400
    ],
    *[
        post(
            f"/api/v1/actions/{{id}}/{op}/",
            api(200, VERIFIERS),
            kwargs=op_id("action"),
            data=ACTION_BODIES[op],
        )
        for op in ("cancel", "change-deadline")
    ],
    *[
        post(
            f"/api/v1/actions/{{id}}/{op}/", api(200, AGENCY), kwargs=op_id("action"), data=ACTION_BODIES[op]
        )
        for op in ("progress", "report-done")
    ],
    Case(
        "GET /api/v1/actions/{id}/evidence/{evidence_id}/",
        "GET",
        api(200, ACTION_READERS),
        kwargs=lambda w: {"id": w.action.pk, "evidence_id": w.evidence.pk},
    ),
    Case("GET /api/v1/committees/", "GET", api(200, EVERYONE_SIGNED_IN)),
    Case("GET /api/v1/committees/{id}/", "GET", api(200, COMMITTEE_READERS), kwargs=op_id("committee")),
    Case("GET /api/v1/demand-categories/", "GET", api(200, EVERYONE_SIGNED_IN)),
    Case(
        "GET /api/v1/demand-categories/{id}/",
        "GET",
        api(200, EVERYONE_SIGNED_IN),
        kwargs=lambda w: {"id": w.categories["education"].pk},
    ),
    Case("GET /api/v1/demand-categories/tree/", "GET", api(200, EVERYONE_SIGNED_IN)),
    Case("GET /api/v1/demands/", "GET", api(200, EVERYONE_SIGNED_IN)),
    post("/api/v1/demands/", api(201, DEMAND_HANDLERS), data=intake_body),
    Case("GET /api/v1/demands/{id}/", "GET", api(200, DEMAND_READERS), kwargs=demand_params),
    *[
        post(
            f"/api/v1/demands/{{id}}/{op}/", api(400, DEMAND_HANDLERS), kwargs=demand_params, data=demand_body
        )
        for op in API_DEMAND_OFFICE
    ],
    *[
        post(
            f"/api/v1/demands/{{id}}/{op}/", api(200, DEMAND_HANDLERS), kwargs=demand_params, data=demand_body
        )
        for op in API_DEMAND_OFFICE_OK
    ],
    *[
        post(
            f"/api/v1/demands/{{id}}/{op}/",
            api(200, DEMAND_ANSWERERS),
            kwargs=demand_params,
            data=demand_body,
        )
        for op in API_DEMAND_AGENCY
    ],
    Case(
        "GET /api/v1/demands/{id}/attachments/{attachment_id}/",
        "GET",
        api(200, DEMAND_READERS),
        kwargs=lambda w: {"id": w.demand.pk, "attachment_id": w.attachment.pk},
    ),
    post(
        "/api/v1/demands/{id}/supporters/", api(200, DEMAND_HANDLERS), kwargs=demand_params, data=demand_body
    ),
    # The citizen's rating: public (tracking code and last four digits); an empty body is refused.
    post("/api/v1/demands/rate/", same(400)),
    Case(
        "GET /api/v1/demands/similar/",
        "GET",
        api(200, EVERYONE_SIGNED_IN),
        query=lambda w: {"neighbourhood": w.neighbourhood.pk, "text": "سرویس بهداشتی دبستان"},
    ),
    Case("GET /api/v1/meetings/", "GET", api(200, EVERYONE_SIGNED_IN)),
    post(
        "/api/v1/meetings/",
        api(201, COMMITTEE_MANAGERS),
        data=lambda w: {"committee": w.committee.pk, "starts_at": "2024-01-10T09:00:00Z"},
    ),
    Case("GET /api/v1/meetings/{id}/", "GET", api(200, COMMITTEE_READERS), kwargs=op_id("meeting")),
    *[
        post(
            f"/api/v1/meetings/{{id}}/{op}/",
            api(201, COMMITTEE_MANAGERS),
            kwargs=op_id("meeting"),
            data=meeting_body,
        )
        for op in ("agenda-items", "attendance", "notes", "resolutions")
    ],
    *[
        post(
            f"/api/v1/meetings/{{id}}/{op}/",
            api(200, COMMITTEE_MANAGERS),
            kwargs=op_id("meeting"),
            data=meeting_body,
        )
        for op in ("approve",)
    ],
    # The meeting is held already: marking it held again is refused by its state.
    post(
        "/api/v1/meetings/{id}/mark-held/",
        api(400, COMMITTEE_MANAGERS),
        kwargs=op_id("meeting"),
        data=meeting_body,
    ),
    Case(
        "GET /api/v1/meetings/{id}/minutes.docx", "GET", api(200, COMMITTEE_READERS), kwargs=op_id("meeting")
    ),
    Case(
        "GET /api/v1/meetings/{id}/minutes.pdf", "GET", api(200, COMMITTEE_READERS), kwargs=op_id("meeting")
    ),
    Case("GET /api/v1/offices/", "GET", api(200, EVERYONE_SIGNED_IN)),
    Case("GET /api/v1/offices/{id}/", "GET", api(200, OFFICE_READERS), kwargs=op_id("facilitation_office")),
    Case("GET /api/v1/organizations/", "GET", api(200, EVERYONE_SIGNED_IN)),
    Case("GET /api/v1/organizations/{id}/", "GET", api(200, EVERYONE_SIGNED_IN), kwargs=op_id("agency")),
    Case("GET /api/v1/resolutions/", "GET", api(200, EVERYONE_SIGNED_IN)),
    Case("GET /api/v1/resolutions/{id}/", "GET", api(200, COMMITTEE_READERS), kwargs=op_id("resolution")),
    # Routing rules: the provincial office's staff and head (can_manage_rule: the category managers —
    # office staff and heads, national staff — who also manage the rule's territory).
    Case("GET /api/v1/routing-rules/", "GET", api(200, EVERYONE_SIGNED_IN)),
    post(
        "/api/v1/routing-rules/",
        api(201, {"office_staff", "office_head"}),
        data=lambda w: {
            "category": w.categories["health"].pk,
            "territory": w.province.pk,
            "agency": w.other_agency.pk,
        },
    ),
    Case(
        "GET /api/v1/routing-rules/{id}/", "GET", api(200, EVERYONE_SIGNED_IN), kwargs=op_id("routing_rule")
    ),
    Case(
        "PATCH /api/v1/routing-rules/{id}/",
        "PATCH",
        api(200, {"office_staff", "office_head"}),
        kwargs=op_id("routing_rule"),
        data=lambda w: {"agency": w.other_agency.pk},
        json=True,
    ),
    Case(
        "DELETE /api/v1/routing-rules/{id}/",
        "DELETE",
        api(204, {"office_staff", "office_head"}),
        kwargs=op_id("routing_rule"),
    ),
    Case("GET /api/v1/territories/", "GET", api(200, EVERYONE_SIGNED_IN)),
    Case("GET /api/v1/territories/{id}/", "GET", api(200, EVERYONE_SIGNED_IN), kwargs=op_id("province")),
    Case(
        "GET /api/v1/territories/{id}/boundary/",
        "GET",
        api(200, EVERYONE_SIGNED_IN),
        kwargs=op_id("province"),
    ),
    # Open311: services and submissions are public; reading requests needs a staff api_key (a token,
    # not the session): without one every persona gets 403.
    *[Case(f"GET /open311/v2/services.{fmt}", "GET", same(200)) for fmt in ("json", "xml")],
    *[Case(f"GET /open311/v2/requests.{fmt}", "GET", same(403)) for fmt in ("json", "xml")],
    *[Case(f"POST /open311/v2/requests.{fmt}", "POST", same(400)) for fmt in ("json", "xml")],
    *[
        Case(
            f"GET /open311/v2/requests/{{service_request_id}}.{fmt}",
            "GET",
            same(403),
            kwargs=lambda w: {"service_request_id": w.demand.tracking_code},
        )
        for fmt in ("json", "xml")
    ],
    # … or the extension `mobile_last4`: whoever knows the code and the digits (the citizen) reads it.
    *[
        Case(
            f"GET /open311/v2/requests/{{service_request_id}}.{fmt}",
            "GET",
            same(200),
            kwargs=lambda w: {"service_request_id": w.demand.tracking_code},
            query=lambda w: {"mobile_last4": w.citizen[1]},
            variant="mobile_last4",
        )
        for fmt in ("json", "xml")
    ],
    *[
        Case(
            f"POST /open311/v2/requests/{{service_request_id}}/confirm.{fmt}",
            "POST",
            same(400),
            kwargs=lambda w: {"service_request_id": w.demand.tracking_code},
        )
        for fmt in ("json", "xml")
    ],
]

# ---------------------------------------------------------------- refused, and yet something is written

# (case id, persona) → why. The test checks these still write (so a fix shows up as a failure here,
# and the entry is removed); every other refused write must change nothing.
REFUSED_BUT_WRITES: dict[tuple[str, str], str] = {}

from .matrix_accounts import ACCOUNT_PAGES, NATIONWIDE_OPERATIONS  # noqa: E402 - issue 14

PAGES += ACCOUNT_PAGES
from .matrix_trust import TRUST_PAGES  # noqa: E402 - issue 14 §5

PAGES += TRUST_PAGES
OPERATIONS += NATIONWIDE_OPERATIONS
# Each domain added after the platform keeps its rows in tests/access/matrix_<domain>.py.
from . import matrix_administration as _administration  # noqa: E402

PAGES += _administration.PAGES
OPERATIONS += _administration.OPERATIONS
# ---------------------------------------------------------------- issue 9: the daily work
from .matrix_daily import DAILY_OPERATIONS, DAILY_PAGES  # noqa: E402

PAGES += DAILY_PAGES
OPERATIONS += DAILY_OPERATIONS
# ---- other domains' rows (one module each)
from .matrix_programs import PROGRAM_OPERATIONS, PROGRAM_PAGES  # noqa: E402

PAGES += PROGRAM_PAGES
OPERATIONS += PROGRAM_OPERATIONS
# ---------------------------------------------------------------- the domains' own rows
PAGES += evaluation_pages(rule)
OPERATIONS += evaluation_operations(api)

# Each domain added after the platform keeps its rows in matrix_<domain>.py.
from .matrix_grants import OPERATIONS as _GRANT_OPERATIONS  # noqa: E402
from .matrix_grants import PAGES as _GRANT_PAGES  # noqa: E402

PAGES += _GRANT_PAGES
OPERATIONS += _GRANT_OPERATIONS
from . import matrix_inspections  # noqa: E402

PAGES += matrix_inspections.PAGES
OPERATIONS += matrix_inspections.OPERATIONS
from . import matrix_search  # noqa: E402

PAGES += matrix_search.PAGES
OPERATIONS += matrix_search.OPERATIONS
CASES = PAGES + OPERATIONS
from . import matrix_coordination  # noqa: E402

PAGES += matrix_coordination.pages(rule)
OPERATIONS += matrix_coordination.operations(api)
CASES = PAGES + OPERATIONS
