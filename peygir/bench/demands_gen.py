"""Citizens' demands for the generator: categories, routing rules, demands, routes, events, ratings.

Written directly in bulk (the demand services are someone else's and check a phone code per demand).
A demand still open at an agency (routed, planned, done) carries its Action — the spine — in the
agency's inbox, as the services would create it; older resolved demands keep their routes and events.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from peygir.actions.models import Action
from peygir.demands.codes import ALPHABET, CODE_LENGTH, format_tracking_code
from peygir.demands.models import Demand, DemandCategory, DemandEvent, DemandRoute, RoutingRule

from . import vocab
from .context import Context
from .work import CHUNK, History, _normalized, action_row

D = Demand.Status
TRACK_MULTIPLIER = 7919  # coprime with len(ALPHABET) ** CODE_LENGTH: id → tracking code is one-to-one
RECENT = ((D.UNCONFIRMED, 5), (D.TRIAGE, 15), (D.ROUTED, 30), (D.PLANNED, 20), (D.DONE, 10))
RECENT += ((D.RESOLVED, 15), (D.MERGED, 3), (D.REJECTED, 2))
OLD = ((D.UNCONFIRMED, 1), (D.TRIAGE, 1), (D.ROUTED, 3), (D.PLANNED, 3), (D.DONE, 3), (D.RESOLVED, 80))
OLD += ((D.MERGED, 5), (D.REJECTED, 4))
PATH = (D.TRIAGE, D.ROUTED, D.PLANNED, D.DONE, D.RESOLVED)
ACTION_STATUS = {D.ROUTED: "open", D.PLANNED: "in_progress", D.DONE: "reported_done"}
DEMAND_FIELDS = [
    "id", "tracking_code", "office", "category", "neighbourhood", "latitude", "longitude", "title",
    "description", "text_normalized", "channel", "on_behalf_of_group", "citizen_name", "citizen_mobile",
    "mobile_last4", "consent", "status", "agency", "current_action", "expected_on", "proposed_date",
    "public_note", "duplicate_of", "supporters_count", "rating", "reopened_count", "version", "created_by",
    "created_at", "updated_at", "confirmed_at", "routed_at", "resolved_at", "anonymized_at",
]  # fmt: skip


def tracking_code(demand_id: int) -> str:
    """A unique code in the services' printed form (XXXX-XXXX over their alphabet), one-to-one with the id."""
    base = len(ALPHABET)
    value = (demand_id * TRACK_MULTIPLIER + 1_234_567) % base**CODE_LENGTH
    chars = []
    for _ in range(CODE_LENGTH):
        value, digit = divmod(value, base)
        chars.append(ALPHABET[digit])
    return format_tracking_code("".join(chars))


def _categories(ctx: Context) -> list[tuple[int, str, str, int]]:
    """(id, top code, name, service days) of each leaf category; creates what is missing."""
    writer = ctx.writer
    existing = dict(DemandCategory.objects.values_list("code", "id"))
    next_id = writer.first_id(DemandCategory)
    rows, leaves = [], []
    for order, (code, name, children) in enumerate(vocab.DEMAND_CATEGORIES):
        top = existing.get(code)
        if top is None:
            top = next_id
            next_id += 1
            rows.append((top, name, None, code, 15, "", True, order))
        for child_order, (child_code, child_name) in enumerate(children):
            cid = existing.get(child_code)
            days = 10 + 5 * (child_order % 3)
            if cid is None:
                cid = next_id
                next_id += 1
                rows.append((cid, child_name, top, child_code, days, "", True, child_order))
            leaves.append((cid, code, child_name, days))
    fields = ["id", "name", "parent", "code", "service_level_days", "description", "is_active", "order"]
    writer.write(DemandCategory, fields, rows)
    writer.allocate(DemandCategory, next_id - writer.first_id(DemandCategory))
    return leaves


def _rules(ctx: Context, leaves: list[tuple[int, str, str, int]]) -> dict[tuple[int, int], tuple[int, int]]:
    """(province index, category id) → (rule id, agency id): each province routes to its own DG."""
    rule_id = ctx.writer.allocate(RoutingRule, len(leaves) * len(ctx.provinces))
    existing = {(t, c): r for r, t, c in RoutingRule.objects.values_list("id", "territory_id", "category_id")}
    rows, result = [], {}
    for pi, p in enumerate(ctx.provinces):
        for cid, top, _name, _days in leaves:
            agency = p.agency_by_type.get(vocab.CATEGORY_AGENCY[top]) or p.agencies[0]
            known = existing.get((p.territory.pk, cid))
            if known is not None:  # a second deployment in the same province keeps the earlier rule
                result[(pi, cid)] = (known, agency)
                continue
            rows.append((rule_id, cid, p.territory.pk, agency.id, True, ctx.now))
            result[(pi, cid)] = (rule_id, agency)
            rule_id += 1
    ctx.writer.write(RoutingRule, ["id", "category", "territory", "agency", "is_active", "created_at"], rows)
    return result


def generate_demands(ctx: Context) -> int:
    """Write `plan.demands` demands; returns how many actions they created."""
    total = ctx.plan.demands
    if total == 0:
        return 0
    rng, writer = ctx.rng, ctx.writer
    leaves = _categories(ctx)
    rules = _rules(ctx, leaves)
    weights = [len(p.neighbourhoods) for p in ctx.provinces]
    first_id = writer.allocate(Demand, total)
    route_id = writer.first_id(DemandRoute)
    event_id = writer.first_id(DemandEvent)
    action_id = writer.first_id(Action)
    history = History(ctx)
    demands, routes, events = [], [], []
    actions = 0
    span = 5 * 365
    for index in range(total):
        did = first_id + index
        pi = rng.choices(range(len(ctx.provinces)), weights)[0]
        p = ctx.provinces[pi]
        hood_id, _path, county_index = rng.choice(p.neighbourhoods)
        cid, _top, cname, days = rng.choice(leaves)
        rule_id, agency = rules[(pi, cid)]
        age = int(span * rng.random() ** 1.6)
        created = ctx.now - dt.timedelta(days=age, minutes=rng.randrange(600))
        status = rng.choices(*zip(*(RECENT if age < 60 else OLD), strict=True))[0]
        office_index = p.office_of_neighbourhood.get(hood_id)
        office_org, office_id = p.facilitation[office_index] if office_index is not None else (None, None)
        by_office = office_id is not None and status != D.UNCONFIRMED and rng.random() < 0.7
        channel = Demand.Channel.OFFICE if by_office else Demand.Channel.ONLINE
        title = rng.choice(vocab.DEMAND_TITLES).format(x=cname)
        description = f"اهالی درخواست {cname} دارند؛ نزدیک {rng.choice(vocab.PLACES)}."
        mobile = f"09{rng.randrange(10**9):09d}"
        routed = created + dt.timedelta(days=rng.randrange(1, 6)) if status in PATH[1:] else None
        resolved = routed + dt.timedelta(days=rng.randrange(5, 90)) if status == D.RESOLVED else None
        if resolved and resolved > ctx.now:
            resolved = ctx.now
        proposed = (
            (routed + dt.timedelta(days=rng.randrange(20, 120))).date() if status == D.PLANNED else None
        )
        current = None
        if status in ACTION_STATUS:
            current = action_id
            deadline = proposed or (routed + dt.timedelta(days=days * 7 // 5)).date()
            issuer = office_org or p.office
            astatus = ACTION_STATUS[status]
            derived = history.build(
                action_id=action_id,
                status=astatus,
                created=routed,
                deadline=deadline,
                responsible=agency,
                author=None,
                verifier=p.staff_user_ids[0] if p.staff_user_ids else None,
                rejected=False,
            )
            fields = {
                "title": title,
                "source_kind": "demand",
                "demand": did,
                "responsible": agency.id,
                "issuer": issuer.id,
                "supervisor": p.county_governorates[county_index].id,
                "verifier": None,
                "territory": issuer.territory_id,
                "territory_path": issuer.path,
                "deadline": deadline,
                "deadline_text": "",
                "status": astatus,
                "escalation_level": history.escalate(action_id, deadline, astatus),
                "author": None,
                "created": routed,
            }
            history.actions.append(action_row(ctx, action_id, fields, derived))
            action_id += 1
            actions += 1
        rating = (
            rng.choices((1, 2, 3, 4, 5), (5, 8, 15, 30, 42))[0] if resolved and rng.random() < 0.7 else None
        )
        merged_into = first_id + rng.randrange(index) if status == D.MERGED and index else None
        if status == D.MERGED and merged_into is None:
            status = D.REJECTED
        last = resolved or routed or created
        demands.append(
            (did, tracking_code(did), office_id if by_office else None)
            + (cid, hood_id, None, None, title, description, _normalized(f"{title} {description}"), channel)
            + (rng.random() < 0.1, ctx.person(), mobile, mobile[-4:], True, status)
            + (agency.id if routed else None, current, None, proposed, "", merged_into, 1 + int(rng.expovariate(1.5)))
            + (rating, 0, 1, None, created, last, None if status == D.UNCONFIRMED else created, routed, resolved, None)
        )  # fmt: skip
        # Routes: one in ten went first to the wrong agency and came back through triage.
        if routed:
            if rng.random() < 0.1:
                wrong = rng.choice(p.agencies)
                routes.append((route_id, did, wrong.id, None, None, "ارجاع اولیه", None, routed))
                route_id += 1
                routes.append(
                    (
                        route_id,
                        did,
                        agency.id,
                        rule_id,
                        current,
                        "اصلاح ارجاع: «مربوط به ما نیست»",
                        None,
                        routed,
                    )
                )
            else:
                routes.append((route_id, did, agency.id, rule_id, current, "", None, routed))
            route_id += 1
        # Public history: created, then each step it reached.
        first = D.UNCONFIRMED if status == D.UNCONFIRMED else D.TRIAGE
        events.append((event_id, did, "created", "", first, "مطالبه ثبت شد.", True, None, {}, created))
        event_id += 1
        previous = first
        reached = (
            PATH[1 : PATH.index(status) + 1] if status in PATH[1:] else ((status,) if first != status else ())
        )
        for step in reached:
            if status == D.RESOLVED and step in (D.PLANNED, D.DONE) and rng.random() < 0.5:
                continue
            at = resolved if step == D.RESOLVED else (routed or created)
            events.append((event_id, did, "status", previous, step, "", True, None, {}, at))
            event_id += 1
            previous = step
        if len(demands) >= CHUNK:
            _write(ctx, demands, routes, events, history)
            demands, routes, events = [], [], []
    _write(ctx, demands, routes, events, history)
    writer.allocate(Action, actions)
    writer.allocate(DemandRoute, route_id - writer.first_id(DemandRoute))
    writer.allocate(DemandEvent, event_id - writer.first_id(DemandEvent))
    return actions


def _write(ctx: Context, demands: list, routes: list, events: list, history: Any) -> None:
    writer = ctx.writer
    writer.write(Demand, DEMAND_FIELDS, demands)
    writer.write(
        DemandRoute, ["id", "demand", "agency", "rule", "action", "reason", "routed_by", "created_at"], routes
    )
    fields = ["id", "demand", "kind", "from_status", "to_status", "public_text", "is_public", "actor", "data"]
    writer.write(DemandEvent, [*fields, "created_at"], events)
    history.flush()
