"""A territory's scorecard, its agencies' and its child territories' from one grouped aggregate per kind
of record, instead of one for each of the three.

Every number of a scorecard is a count (or a sum) of records under conditions (measures.py), so the
counts of the territory are the sums of its cells — the records split by (responsible organization,
child territory) — and so are an agency's and a child's. One query over the cells reads the records
once; the sums are made here. The conditions are the very ones `scorecard.action_counts`,
`rating_counts` and `report_counts` use (the same helpers build them), so the figures, and the drill-down
lists behind them, agree with the per-subject aggregates (tests/evaluation compare the two).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When

from peygir.actions.models import Action
from peygir.core import dataversion
from peygir.demands.models import Demand
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from . import targets as targets_source
from .measures import Period, rating_q, reporting_period, year_q
from .scorecard import (
    Scorecard,
    Subject,
    _action_fields,
    _days,
    _targets,
    build,
    rank,
    report_fields,
)
from .weights import Weights

Cells = dict[tuple[Any, Any], dict[str, Any]]  # (organization id, child territory id) → counts


def _group_expression(groups: list[Subject], field_name: str) -> Case:
    """The group a row belongs to, by the first territory path it starts with."""
    return Case(
        *[When(**{f"{field_name}__startswith": g.path}, then=Value(g.pk)) for g in groups],
        default=Value(None),
        output_field=IntegerField(),
    )


def _cells(
    qs: Any, children: list[Subject], *, org_field: str, path_field: str, by_org: bool, **fields: Any
) -> Cells:
    """`fields` aggregated per (organization, child territory) — per child alone without `by_org`
    (the national comparison shows no agency's card)."""
    none = Value(None, output_field=IntegerField())
    rows = (
        qs.order_by()
        .annotate(
            org=F(org_field) if by_org else none,
            child=_group_expression(children, path_field) if children else none,
        )
        .values("org", "child")
        .annotate(**fields)
    )
    return {(row.pop("org"), row.pop("child")): row for row in rows}


def action_cells(
    parent: Subject, children: list[Subject], period: Period, by_org: bool = True, *, exact: bool = False
) -> Cells:
    where = Q(territory_id=parent.territory_id) if exact else parent.action_q()
    qs = Action.objects.filter(where & year_q(period))
    return _cells(
        qs,
        children,
        org_field="responsible_organization_id",
        path_field="territory_path",
        by_org=by_org,
        **_action_fields(period),
    )


def rating_cells(
    parent: Subject, children: list[Subject], period: Period, by_org: bool = True, *, exact: bool = False
) -> Cells:
    where = Q(neighbourhood_id=parent.territory_id) if exact else parent.demand_q()
    qs = Demand.objects.filter(where & rating_q(period))
    return _cells(
        qs,
        children,
        org_field="agency_id",
        path_field="neighbourhood__path",
        by_org=by_org,
        rated=Count("pk"),
        rating_total=Sum("rating"),
    )


def report_cells(parent: Subject, children: list[Subject], period: Period, *, exact: bool = False) -> Cells:
    from peygir.programs import selectors

    counts = selectors.report_counts(
        reporting_period(period),
        period.reports_read_on,
        selectors.Scope(*parent.report_scope(), exact=exact),
        by="reporter_territory",
        groups=[(g.pk, g.path) for g in children],
    )
    return {key: report_fields(c) for key, c in counts.items()}


# ---------------------------------------------------------------- kept between reads

Inputs = tuple[Cells, Cells, Cells]  # the cells of actions, ratings and indicator reports
KINDS = ("actions", "ratings", "reports")


def _scopes(kind: str, path: str) -> list[int]:
    """The data-version scopes one kind of cells depends on, each kept apart so a write of one kind
    keeps the others: the actions' and the ratings' under their province's scope (every action or
    demand lying in it, or answered for by an organization in it, moves it; for the country the
    actions' or demands' app), the ratings' also under the territories' (a demand's neighbourhood
    path); the indicator reports' under the programs', organizations' and territories' apps (who
    answers for a report). Never people or sessions: a sign-in keeps every kind."""
    if kind == "reports":
        return [dataversion.app_scope(a) for a in ("programs", "organizations", "territory")]
    province = dataversion.province_scope(path)
    own = (
        province
        if province != dataversion.GLOBAL
        else dataversion.app_scope("actions" if kind == "actions" else "demands")
    )
    return [own] if kind == "actions" else [own, dataversion.app_scope("territory")]


def _computed(
    parent: Subject, kind: str, children: list[Subject], period: Period, by_org: bool, exact: bool
) -> Cells:
    if kind == "actions":
        return action_cells(parent, children, period, by_org, exact=exact)
    if kind == "ratings":
        return rating_cells(parent, children, period, by_org, exact=exact)
    return report_cells(parent, children, period, exact=exact)


def _kept(
    parent: Subject, children: list[Subject], period: Period, by_org: bool, exact: bool = False
) -> Inputs:
    key = f"{parent!r}:{[(c.pk, c.path) for c in children]!r}:{period!r}:{by_org}:{exact}"
    actions, ratings, reports = (
        dataversion.keyed(
            f"evaluation-{kind}:{key}",
            _scopes(kind, parent.path),
            lambda kind=kind: _computed(parent, kind, children, period, by_org, exact),
        )
        for kind in KINDS
    )
    return actions, ratings, reports


def _relabel(cells: Cells, child: Any) -> Cells:
    return {(org, child): row for (org, _none), row in cells.items()}


def inputs(parent: Subject, children: list[Subject], period: Period, by_org: bool = True) -> Inputs:
    """The cells of a territory's page, kept between reads under the versions of what they read
    (`dataversion.keyed`: computed on the first read after a write, never stale).

    The country's are each province's own, kept per province, and the records lying in no province,
    so a write in one province recomputes that province's part alone."""
    country = parent.organization_id is None and dataversion.province_scope(parent.path) == dataversion.GLOBAL
    if not (country and parent.territory_id and children):
        return _kept(parent, children, period, by_org)
    listed = {c.pk for c in children}
    others = [
        Subject.for_territory(t)
        for t in Territory.objects.filter(parent_id=parent.territory_id)
        .exclude(pk__in=listed)
        .only("id", "name_fa", "path", "kind")
    ]
    parts: list[tuple[Any, Inputs]] = [(c.pk, _kept(c, [], period, by_org)) for c in children]
    parts += [(None, _kept(o, [], period, by_org)) for o in others]
    parts.append((None, _kept(parent, [], period, by_org, exact=True)))
    found: list[Cells] = [{}, {}, {}]
    for child, cells in parts:
        for total, part in zip(found, cells, strict=True):
            for key, row in _relabel(part, child).items():
                _add(total.setdefault(key, {}), row)
    return found[0], found[1], found[2]


def _kept_targets(territory_ids: list[int], year: int) -> dict[int, Any]:
    return dataversion.keyed(
        f"evaluation-targets:{territory_ids!r}:{year}",
        [dataversion.app_scope(a) for a in ("programs", "territory")],
        lambda: targets_source.targets_met_many(territory_ids, year),
    )


def _add(total: dict[str, Any], row: dict[str, Any]) -> None:
    for name, value in row.items():
        if value is None:
            continue
        if name == "overdue_days":  # a duration (or a backend's raw number): summed in days
            value = dt.timedelta(days=_days(value))
        total[name] = total[name] + value if name in total else value


def sums(cells: Cells, axis: int | None) -> dict[Any, dict[str, Any]]:
    """The cells summed: over everything (key None, `axis` None), or per organization (`axis` 0) or per
    child territory (`axis` 1), leaving out the cells with no key on that axis."""
    found: dict[Any, dict[str, Any]] = {}
    for key, row in cells.items():
        group = None if axis is None else key[axis]
        if axis is not None and group is None:
            continue
        _add(found.setdefault(group, {}), row)
    return found


def _agencies(parent: Subject, keys: Iterable[Any]) -> list[Subject]:
    found = Organization.objects.filter(pk__in=set(keys) - {None}).only("name", "kind")
    return [Subject.for_agency_under(org, parent.path) for org in found]


def territory_cards(
    parent: Subject,
    children: list[Subject],
    period: Period,
    weights: Weights,
    *,
    with_agencies: bool = True,
) -> tuple[Scorecard, list[Scorecard], list[Scorecard]]:
    """(the territory's scorecard, its agencies' ranked, its children's ranked): three grouped
    aggregates (actions, ratings, reports), the targets of the territory and its children in one read,
    and the agencies' names."""
    actions, ratings, reports = inputs(parent, children, period, with_agencies)
    targets = (
        _targets(period, lambda: _kept_targets([parent.territory_id, *(c.pk for c in children)], period.year))
        if parent.territory_id
        else None
    ) or {}
    whole = {
        name: sums(cells, None).get(None) for name, cells in (("a", actions), ("r", ratings), ("p", reports))
    }
    card = build(
        parent, period, weights, whole["a"], whole["r"], targets.get(parent.territory_id), whole["p"]
    )
    agencies: list[Scorecard] = []
    if with_agencies:
        by_org = [sums(cells, 0) for cells in (actions, ratings, reports)]
        agencies = rank(
            [
                build(g, period, weights, by_org[0].get(g.pk), by_org[1].get(g.pk), None, by_org[2].get(g.pk))
                for g in _agencies(parent, [k for cells in by_org for k in cells])
            ]
        )
    child_cards: list[Scorecard] = []
    if children:
        by_child = [sums(cells, 1) for cells in (actions, ratings, reports)]
        child_cards = rank(
            [
                build(
                    g,
                    period,
                    weights,
                    by_child[0].get(g.pk),
                    by_child[1].get(g.pk),
                    targets.get(g.pk),
                    by_child[2].get(g.pk),
                )
                for g in children
            ]
        )
    return card, agencies, child_cards
