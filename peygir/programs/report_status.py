# ruff: noqa: S608 - the SQL text is built from constants and model metadata; every value is a bound parameter
"""The reports of indicator values as of a day — on time, late or missing — counted and listed from one
SQL statement, so the list behind a number always has exactly that many rows.

A report is the total value of one indicator for one entry-level territory and one reporting period,
due on its period's last day plus its definition's grace (`reporting.Deadlines`). Read as of day R:

- **on time**: first entered on or before its due date (and by R); a later correction, return for
  correction or approval does not move the day it was first entered;
- **late**: first entered after its due date (by R), late by that many days;
- **missing**: not entered by R although its due date has passed — from the day after it, whether
  or not the period has been closed — or its period was closed by R without it; late by the days
  since its due date;
- not yet due (nothing entered by R, the due date still to come, the period not closed by R): not
  counted yet.

Which reports a period expects: once it is closed in a province, what the closing recorded there
(`ExpectedValue`, kept as it was, whatever changed since); while it is open, each active indicator
whose definition in force when the period ended has that period type (a definition made later does
not reach back), times each active territory of that definition's entry level, answered for by the
reporter of `reporting.py` (computed here in SQL: the indicator's reporting organization, else the
territory's governing one). Only the day R is read, never the day it is run: the same record and the
same R always give the same reports, and what was entered after R is not seen.

The statement is a union of three parts — the values entered, the reports the closings expected and
did not get, and the reports open periods expect and did not get (indicator periods × territories
without a value) — filtered by territory, reporter and status; `report_counts` groups it,
`ReportList` pages through it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db import connection
from django.utils import timezone

from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from .models import ExpectedValue, Indicator, IndicatorValue, PeriodClosure
from .periods import MONTH, SEASON, YEAR, Period
from .reporting import GOVERNING, Deadlines

ON_TIME, LATE, MISSING = "on_time", "late", "missing"
STATUSES = (ON_TIME, LATE, MISSING)
_STATUS_SQL = {
    ON_TIME: "r.reported_on IS NOT NULL AND r.reported_on <= r.due_on",
    LATE: "r.reported_on IS NOT NULL AND r.reported_on > r.due_on",
    MISSING: "r.reported_on IS NULL",
}
_COLUMNS = (
    "value_id", "closure_id", "indicator_id", "territory_id", "territory_path", "period_type", "year",
    "number", "due_on", "reported_on", "reporter_id",
)  # fmt: skip


@dataclass(frozen=True)
class Scope:
    """Whose reports: under a territory path ("" everywhere) — or of that territory itself (`exact`) —
    and/or answered for by one organization."""

    path: str = ""
    reporter_id: int | None = None
    exact: bool = False


@dataclass
class ReportCounts:
    reports: int = 0  # on time + late + missing
    submitted: int = 0  # on time + late
    on_time: int = 0

    @property
    def late(self) -> int:
        return self.submitted - self.on_time

    @property
    def missing(self) -> int:
        return self.reports - self.submitted


@dataclass(frozen=True)
class Report:
    """One report as of `read_on`, with the names a page shows."""

    indicator_id: int
    indicator_name: str
    territory_id: int
    territory_name: str
    period: Period
    due_on: dt.date
    reported_on: dt.date | None
    reporter_id: int | None
    reporter_name: str
    value_id: int | None  # the value entered (on time or late)
    closure_id: int | None  # missing when its period was closed (the closing's record)
    read_on: dt.date

    @property
    def status(self) -> str:
        if self.reported_on is None:
            return MISSING
        return ON_TIME if self.reported_on <= self.due_on else LATE

    @property
    def days_late(self) -> int:
        """After the due date: the days until it was entered, or (missing) until the day read."""
        end = self.reported_on or self.read_on
        return max(0, (end - self.due_on).days)


# ---------------------------------------------------------------- the statement


def _table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _date(value: dt.date) -> Any:
    return connection.ops.adapt_datefield_value(value)


def _within(alias: str, period: Period) -> tuple[str, list[Any]]:
    """The reporting periods inside `period` (reporting.periods_within), as an SQL condition."""
    if period.type == YEAR:
        return f"{alias}.year = %s", [period.year]
    sql = f"({alias}.period_type = %s AND {alias}.year = %s AND {alias}.number BETWEEN %s AND %s)"
    params: list[Any] = [MONTH, period.year, period.first_month, period.last_month]
    if period.type == SEASON:
        sql = f"({sql} OR ({alias}.period_type = %s AND {alias}.year = %s AND {alias}.number = %s))"
        params += [SEASON, period.year, period.number]
    return sql, params


def _due_rows(period: Period, read_on: dt.date, deadlines: Deadlines) -> list[tuple[Any, ...]]:
    """(indicator, period type, year, number, due date, entry level, reporting organization and its
    territory path) of every reporting period inside `period` whose due date has passed by `read_on`."""
    rows = []
    for indicator_id in sorted(deadlines.definitions):
        org_id, org_path = deadlines.responsible.get(indicator_id) or (None, None)
        for inner, definition in deadlines.expected_periods(indicator_id, period):
            due = deadlines.due_on(indicator_id, inner)
            if due is not None and due < read_on:
                rows.append(
                    (indicator_id, inner.type, inner.year, inner.number, due, definition.entry_level,
                     org_id, org_path)
                )  # fmt: skip
    return rows


@dataclass(frozen=True)
class Statement:
    """The reports as SQL: a WITH clause (the due periods of open reports) and the union of the reports
    (the columns of `_COLUMNS`), each with its parameters, in the order they appear."""

    with_clause: str
    with_params: list[Any]
    union: str
    union_params: list[Any]


def _statement(period: Period, read_on: dt.date, scope: Scope, deadlines: Deadlines) -> Statement:
    values, expected, closures = _table(IndicatorValue), _table(ExpectedValue), _table(PeriodClosure)
    territories, organizations = _table(Territory), _table(Organization)
    day = _date(read_on)
    # Closed by the day read: before the next day begins, in the project's time zone.
    next_day = timezone.make_aware(dt.datetime.combine(read_on + dt.timedelta(days=1), dt.time.min))
    closed_before = connection.ops.adapt_datetimefield_value(next_day)
    path = scope.path if scope.exact else f"{scope.path}%"  # paths hold digits and slashes only
    due = _due_rows(period, read_on, deadlines)
    with_clause, with_params = "", []
    if due:
        with_clause = (
            "WITH due (indicator_id, period_type, year, number, due_on, entry_level, responsible_id, "
            "responsible_path) AS (VALUES "
            + ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s)"] * len(due))
            + ") "
        )
        for row in due:
            with_params += [*row[:4], _date(row[4]), *row[5:]]
    params: list[Any] = []

    within_v, within_params = _within("v", period)
    entered = (
        "SELECT v.id AS value_id, CAST(NULL AS BIGINT) AS closure_id, v.indicator_id AS indicator_id, "
        "v.territory_id AS territory_id, v.territory_path AS territory_path, v.period_type AS period_type, "
        "v.year AS year, v.number AS number, v.due_on AS due_on, v.reported_on AS reported_on, "
        f"v.reporter_id AS reporter_id FROM {values} v "
        "WHERE v.disaggregation = '' AND v.due_on IS NOT NULL AND v.reported_on IS NOT NULL "
        f"AND v.reported_on <= %s AND {within_v} AND v.territory_path LIKE %s"
    )
    params += [day, *within_params, path]

    # The same condition as `entered`, so a report is never both entered and missing.
    entered_for = (
        f"SELECT 1 FROM {values} v WHERE v.indicator_id = {{a}}.indicator_id AND v.territory_id = {{t}} "
        "AND v.period_type = {a}.period_type AND v.year = {a}.year AND v.number = {a}.number "
        "AND v.disaggregation = '' AND v.reported_on IS NOT NULL AND v.reported_on <= %s"
    )
    within_e, within_params = _within("e", period)
    recorded = (
        "SELECT CAST(NULL AS BIGINT), e.closure_id, e.indicator_id, e.territory_id, e.territory_path, "
        "e.period_type, e.year, e.number, e.due_on, CAST(NULL AS DATE), e.reporter_id "
        f"FROM {expected} e JOIN {closures} c ON c.id = e.closure_id "
        f"WHERE (e.due_on < %s OR c.closed_at < %s) AND {within_e} AND e.territory_path LIKE %s "
        f"AND NOT EXISTS ({entered_for.format(a='e', t='e.territory_id')} AND v.due_on IS NOT NULL)"
    )
    params += [day, closed_before, *within_params, path, day]
    parts = [entered, recorded]

    if due:
        governing = " ".join("WHEN %s THEN %s" for _kind in GOVERNING)
        open_missing = (
            "SELECT CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), d.indicator_id, t.id, t.path, d.period_type, "
            "d.year, d.number, d.due_on, CAST(NULL AS DATE), "
            # reporting.reporters: the indicator's reporting organization under its own territory, else
            # the organization governing the territory (the oldest active one).
            "CASE WHEN t.path LIKE d.responsible_path || '%%' THEN CAST(d.responsible_id AS BIGINT) "
            f"ELSE (SELECT MIN(o.id) FROM {organizations} o WHERE o.territory_id = t.id AND o.is_active = %s "
            f"AND o.kind = CASE t.kind {governing} END) END "
            f"FROM due d JOIN {territories} t ON t.kind = d.entry_level "
            "WHERE t.is_active = %s AND t.path LIKE %s "
            # A value entered by the day read (even one kept from before its report was recorded).
            f"AND NOT EXISTS (SELECT 1 FROM {values} v WHERE v.indicator_id = d.indicator_id "
            "AND v.territory_id = t.id AND v.period_type = d.period_type AND v.year = d.year "
            "AND v.number = d.number AND v.disaggregation = '' "
            "AND (v.reported_on IS NULL OR v.reported_on <= %s)) "
            # A period closed in the territory's province: its closing's record counts instead.
            f"AND NOT EXISTS (SELECT 1 FROM {closures} c JOIN {territories} ct ON ct.id = c.territory_id "
            "WHERE c.period_type = d.period_type AND c.year = d.year AND c.number = d.number "
            "AND t.path LIKE ct.path || '%%')"
        )
        params.append(True)
        for kind, organization_kind in GOVERNING.items():
            params += [str(kind), str(organization_kind)]  # plain text: a driver may bind enums by name
        params += [True, path, day]
        parts.append(open_missing)
    return Statement(with_clause, with_params, " UNION ALL ".join(parts), params)


def _where(scope: Scope, statuses: Iterable[str] = STATUSES) -> tuple[str, list[Any]]:
    conditions, params = [], []
    statuses = tuple(statuses)
    if set(statuses) != set(STATUSES):
        conditions.append("(" + " OR ".join(f"({_STATUS_SQL[s]})" for s in statuses) + ")")
    if scope.reporter_id is not None:
        conditions.append("r.reporter_id = %s")
        params.append(scope.reporter_id)
    return (" WHERE " + " AND ".join(conditions)) if conditions else "", params


def _as_date(value: Any) -> dt.date | None:
    """SQLite hands raw dates back as text."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


# ---------------------------------------------------------------- counts


def report_counts(
    period: Period,
    read_on: dt.date,
    scope: Scope,
    *,
    by: str = "",
    groups: Sequence[tuple[int, str]] | None = None,
    deadlines: Deadlines | None = None,
) -> dict[Any, ReportCounts]:
    """The reports in the scope, counted: as a whole (`by` "": key None), per reporting organization
    (`by` "reporter": every one found, or only `groups`' ids), per territory (`by` "territory":
    `groups` of (key, path), each report in the first path it lies under), or per (reporter, territory)
    (`by` "reporter_territory": every pair found, None where either is missing). Two queries: the
    definitions (unless given) and one grouped aggregate."""
    statement = _statement(period, read_on, scope, deadlines or Deadlines.load())
    where, where_params = _where(scope)
    key_sql, key_params = "NULL", []
    if by == "reporter":
        key_sql = "r.reporter_id"
        if groups is not None:
            ids = [key for key, _path in groups]
            if not ids:
                return {}
            where += (" AND " if where else " WHERE ") + f"r.reporter_id IN ({', '.join(['%s'] * len(ids))})"
            where_params += ids
    elif by == "territory":
        if not groups:
            return {}
        key_sql, key_params = _territory_key(groups)
    elif by == "reporter_territory":
        # Both at once, keyed (reporter, territory): the cells a caller sums per reporter, per
        # territory and over everything (no report is dropped: either key may be None).
        second_sql, key_params = _territory_key(groups) if groups else ("NULL", [])
        key_sql = f"r.reporter_id AS k1, {second_sql}"
    sql = (
        f"{statement.with_clause}SELECT {key_sql} AS k, COUNT(*), "
        "SUM(CASE WHEN r.reported_on IS NOT NULL THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {_STATUS_SQL[ON_TIME]} THEN 1 ELSE 0 END) "
        f"FROM ({statement.union}) r{where}"
        + {"": "", "reporter_territory": " GROUP BY k1, k"}.get(by, " GROUP BY k")
    )
    params = [*statement.with_params, *key_params, *statement.union_params, *where_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found: dict[Any, ReportCounts] = {}
    for row in rows:
        if by == "reporter_territory":
            key, (reports, submitted, on_time) = (row[0], row[1]), row[2:]
        else:
            key, (reports, submitted, on_time) = row[0], row[1:]
            if by and key is None:
                continue
        found[key] = ReportCounts(int(reports or 0), int(submitted or 0), int(on_time or 0))
    return found


def _territory_key(groups: Sequence[tuple[int, str]]) -> tuple[str, list[Any]]:
    """The first group whose path the report lies under (or NULL), as SQL and its parameters."""
    params: list[Any] = []
    for key, path in groups:
        params += [f"{path}%", key]
    return "CASE " + " ".join("WHEN r.territory_path LIKE %s THEN %s" for _g in groups) + " END", params


# ---------------------------------------------------------------- the list


class ReportList:
    """The reports in the scope with some statuses, in due-date order, read a page at a time (a
    paginator's object list: `count()` and slices, one query each)."""

    ordered = True

    def __init__(
        self,
        period: Period,
        read_on: dt.date,
        scope: Scope,
        statuses: Iterable[str] = STATUSES,
        deadlines: Deadlines | None = None,
    ) -> None:
        self.period, self.read_on, self.scope = period, read_on, scope
        self.statuses = tuple(statuses)
        self.deadlines = deadlines or Deadlines.load()
        self._count: int | None = None

    def _query(self, select: str, tail: str = "", tail_params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """`select` (columns and joins) over the reports, filtered; then `tail` (order, limit)."""
        statement = _statement(self.period, self.read_on, self.scope, self.deadlines)
        where, where_params = _where(self.scope, self.statuses)
        sql = f"{statement.with_clause}SELECT {select.format(reports=f'({statement.union}) r')}{where}{tail}"
        params = [*statement.with_params, *statement.union_params, *where_params, *tail_params]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def count(self) -> int:
        if self._count is None:
            self._count = int(self._query("COUNT(*) FROM {reports}")[0][0])
        return self._count

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> Report: ...
    @overload
    def __getitem__(self, index: slice) -> list[Report]: ...
    def __getitem__(self, index: int | slice) -> Report | list[Report]:
        if isinstance(index, int):
            found = self._page(index, 1)
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop, step = index.indices(self.count())
        if step != 1:
            raise ValueError("step")
        return self._page(start, max(0, stop - start))

    def __iter__(self) -> Any:
        return iter(self._page(0, self.count()))

    def _page(self, offset: int, limit: int) -> list[Report]:
        if limit <= 0:
            return []
        columns = ", ".join(f"r.{c}" for c in _COLUMNS)
        select = (
            f"{columns}, i.name, t.name_fa, o.name FROM {{reports}} "
            f"JOIN {_table(Indicator)} i ON i.id = r.indicator_id "
            f"JOIN {_table(Territory)} t ON t.id = r.territory_id "
            f"LEFT JOIN {_table(Organization)} o ON o.id = r.reporter_id"
        )
        tail = (
            " ORDER BY r.due_on, r.territory_path, r.indicator_id, r.period_type, r.year, r.number"
            " LIMIT %s OFFSET %s"
        )
        return [self._report(row) for row in self._query(select, tail, [limit, offset])]

    def _report(self, row: Sequence[Any]) -> Report:
        data = dict(zip(_COLUMNS, row[: len(_COLUMNS)], strict=True))
        indicator_name, territory_name, reporter_name = row[len(_COLUMNS) :]
        return Report(
            indicator_id=data["indicator_id"],
            indicator_name=indicator_name,
            territory_id=data["territory_id"],
            territory_name=territory_name,
            period=Period(data["period_type"], data["year"], data["number"]),
            due_on=_as_date(data["due_on"]),  # type: ignore[arg-type]
            reported_on=_as_date(data["reported_on"]),
            reporter_id=data["reporter_id"],
            reporter_name=reporter_name or "",
            value_id=data["value_id"],
            closure_id=data["closure_id"],
            read_on=self.read_on,
        )
