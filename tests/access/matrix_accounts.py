"""Persona-matrix rows of issue 14: the person's own account pages (every signed-in persona, for
their own account only) and nationwide demand routing rules (the national organization's
administrator only; national staff read them)."""

from __future__ import annotations

from typing import Any

from tests.personas import SIGNED_IN

from .matrix_cases import LOGIN, REDIRECT, Case

EVERYONE_SIGNED_IN = set(SIGNED_IN)
NATIONAL_ADMIN = {"national_admin"}


def rule(allowed: Any, who: set[str], *, others: Any = 404, public: Any = LOGIN) -> dict:
    from .matrix_table import rule as table_rule

    return table_rule(allowed, who, others=others, public=public)


def api(allowed: Any, who: set[str], *, others: Any = 404) -> dict:
    return rule(allowed, who, others=others, public=401)


ACCOUNT_PAGES: list[Case] = [
    Case("account:security", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("account:password_change", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("account:password_change", "POST", rule(400, EVERYONE_SIGNED_IN)),  # an empty form
    Case("account:otp_enrol", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("account:otp_enrol", "POST", rule(400, EVERYONE_SIGNED_IN)),  # no code
    Case("account:otp_verify", "GET", rule(200, EVERYONE_SIGNED_IN)),
    Case("account:otp_verify", "POST", rule(400, EVERYONE_SIGNED_IN)),
    Case("account:recovery_codes", "POST", rule(200, EVERYONE_SIGNED_IN)),  # new codes, shown once
    # Turning two-factor off: done for whoever may (back to the page), refused with a message for the
    # roles that require it — both redirect; test_account_pages checks which is which.
    Case("account:otp_disable", "POST", rule(REDIRECT, EVERYONE_SIGNED_IN)),
    Case("account:sign_out_everywhere", "POST", rule(REDIRECT, EVERYONE_SIGNED_IN)),
]


def nationwide_body(w: Any) -> dict:
    return {"category": w.categories["school"].pk, "territory": None, "agency": w.other_agency.pk}


def post(path: str, expect: dict, **kw: Any) -> Case:
    return Case(f"POST {path}", "POST", expect, json=True, **kw)


NATIONWIDE_OPERATIONS: list[Case] = [
    post("/api/v1/routing-rules/", api(201, NATIONAL_ADMIN), data=nationwide_body, variant="nationwide"),
    Case(
        "PATCH /api/v1/routing-rules/{id}/",
        "PATCH",
        api(200, NATIONAL_ADMIN),
        kwargs=lambda w: {"id": w.nationwide_rule.pk},
        data=lambda w: {"agency": w.agency.pk},
        json=True,
        variant="nationwide",
    ),
    Case(
        "DELETE /api/v1/routing-rules/{id}/",
        "DELETE",
        api(204, NATIONAL_ADMIN),
        kwargs=lambda w: {"id": w.nationwide_rule.pk},
        variant="nationwide",
    ),
]
