"""Persona-matrix rows of issue 9 (the daily work): extension requests and obstacles on an action, the
dispatch («ابلاغ») of a meeting's resolutions and the office's opinion on a council's item.

Played on `world.action` (the office's directive to the agency, in progress, no request pending, no
obstacle open) and `world.meeting` (held, its resolutions already dispatched). Allowed writes get an
empty body and answer 400 with the form's or the service's Persian message; refused ones 404 and
change nothing.
"""

from __future__ import annotations

from .matrix_cases import Case
from .matrix_table import AGENCY, COMMITTEE_MANAGERS, VERIFIERS, api, op_id, pk_op, post, rule

DAILY_PAGES: list[Case] = [
    # The responsible agency asks for more time or reports an obstacle.
    *[
        Case("web:action_op", "POST", rule(400, AGENCY), kwargs=pk_op("action", op), variant=op)
        for op in ("extension", "obstacle")
    ],
    # The issuer answers a request (none pending: the empty form is refused as invalid).
    Case(
        "web:action_op",
        "POST",
        rule(400, VERIFIERS),
        kwargs=pk_op("action", "extension-decide"),
        variant="extension-decide",
    ),
    # Either side says an obstacle is gone.
    Case(
        "web:action_op",
        "POST",
        rule(400, AGENCY | VERIFIERS),
        kwargs=pk_op("action", "obstacle-clear"),
        variant="obstacle-clear",
    ),
    # «ابلاغ مصوبات»: the committee's managers; the world's rows are dispatched already (400).
    Case(
        "web:meeting_op",
        "POST",
        rule(400, COMMITTEE_MANAGERS),
        kwargs=pk_op("meeting", "dispatch"),
        variant="dispatch",
    ),
    # The office's opinion is given on a council's item; the world's committee is a working group.
    Case("web:meeting_op", "POST", rule(404, set()), kwargs=pk_op("meeting", "opinion"), variant="opinion"),
]

DAILY_OPERATIONS: list[Case] = [
    post(
        "/api/v1/actions/{id}/request-extension/", api(400, AGENCY), kwargs=op_id("action"), data=lambda w: {}
    ),
    post(
        "/api/v1/actions/{id}/report-obstacle/", api(400, AGENCY), kwargs=op_id("action"), data=lambda w: {}
    ),
    post(
        "/api/v1/actions/{id}/decide-extension/",
        api(400, VERIFIERS),
        kwargs=op_id("action"),
        data=lambda w: {"accept": True},
    ),
    post(
        "/api/v1/actions/{id}/clear-obstacle/",
        api(400, AGENCY | VERIFIERS),
        kwargs=op_id("action"),
        data=lambda w: {},
    ),
    post(
        "/api/v1/meetings/{id}/dispatch/",
        api(400, COMMITTEE_MANAGERS),
        kwargs=op_id("meeting"),
        data=lambda w: {},
    ),
]
