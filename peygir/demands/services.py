"""Writes of citizens' demands: one import for views, API and commands.

The work lives in submodules — phones, codes, similarity, categories, routing, intake, supporters, answers,
citizen, ratelimit, sms, anonymize — and `sync` keeps a demand in step with its action. Every service
is keyword-only, checks permission through peygir.organizations.access (raising NotAllowed with
nothing written), raises a field-keyed Persian ValidationError for bad input and ConflictError for a
stale `expected_version`.
"""

from .anonymize import demand_anonymize
from .answers import (
    demand_accept_plan,
    demand_answer_done,
    demand_answer_not_ours,
    demand_answer_planned,
    demand_close_rejected,
    demand_decline_plan,
    demand_reject_done,
    demand_set_public_note,
    demand_verify,
)
from .categories import (
    DEFAULT_CATEGORIES,
    can_manage_categories,
    can_manage_rule,
    category_create,
    category_update,
    ensure_default_categories,
    routing_rule_create,
    routing_rule_delete,
    routing_rule_update,
)
from .citizen import PublicEvent, PublicStatus, demand_public_status, demand_rate
from .codes import format_tracking_code, generate_tracking_code, normalize_tracking_code
from .intake import (
    can_register_for,
    demand_confirm,
    demand_intake,
    demand_resend_code,
    demand_submit_online,
    office_for_neighbourhood,
)
from .phones import mask_mobile, normalize_mobile
from .ratelimit import RateLimited
from .routing import (
    county_governorate_for,
    demand_assign_from_triage,
    demand_reroute,
    demand_route,
    provincial_office_for,
    resolve_rule,
    service_deadline,
)
from .similarity import demand_find_similar
from .supporters import demand_add_supporter, demand_merge

__all__ = [
    "DEFAULT_CATEGORIES",
    "PublicEvent",
    "PublicStatus",
    "RateLimited",
    "can_manage_categories",
    "can_manage_rule",
    "can_register_for",
    "category_create",
    "category_update",
    "county_governorate_for",
    "demand_accept_plan",
    "demand_add_supporter",
    "demand_anonymize",
    "demand_answer_done",
    "demand_answer_not_ours",
    "demand_answer_planned",
    "demand_assign_from_triage",
    "demand_close_rejected",
    "demand_confirm",
    "demand_decline_plan",
    "demand_find_similar",
    "demand_intake",
    "demand_merge",
    "demand_public_status",
    "demand_rate",
    "demand_reject_done",
    "demand_resend_code",
    "demand_reroute",
    "demand_route",
    "demand_set_public_note",
    "demand_submit_online",
    "demand_verify",
    "ensure_default_categories",
    "format_tracking_code",
    "generate_tracking_code",
    "mask_mobile",
    "normalize_mobile",
    "normalize_tracking_code",
    "office_for_neighbourhood",
    "provincial_office_for",
    "resolve_rule",
    "routing_rule_create",
    "routing_rule_delete",
    "routing_rule_update",
    "service_deadline",
]
