"""`peygir generate`: programs, duties and indicators at national scale (issue 12 §6).

At S = 1: the national five-harms roadmap with 20 indicators per harm (100), a value for every county
and every one of the last 60 Jalali months, yearly targets per province, and 150,000 program duties,
each an action (source kind "duty") with its history and its occurrence row. Totals shrink with the
scale and the number of provinces like the rest of the plan. Rows are written the way the services
write them (values keep their version, numerator and denominator, approval status and an "entered"
event; duties get their DutyOccurrence and their action) through the COPY writer.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from peygir.actions.models import Action
from peygir.programs.indicators_models import DEFAULT_GRACE_DAYS
from peygir.programs.models import (
    Duty,
    DutyOccurrence,
    Goal,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    IndicatorVersion,
    PolicyDocument,
    Program,
    ValueEvent,
)
from peygir.programs.periods import MONTH, Period, period_of
from peygir.programs.selectors import FIVE_HARMS, ROADMAP_TITLE
from peygir.territory.models import Territory

from . import vocab
from .context import Context
from .work import ACTION_FIELDS, History, action_row, pick_status

INDICATORS_PER_HARM = 20
MONTHS = 60
DUTIES = 150_000
HARM_NAMES = {
    "addiction": ("اعتیاد", ["پذیرش در مراکز درمان", "آموزش پیشگیری در مدارس", "مرگ ناشی از مواد"]),
    "divorce": ("طلاق", ["طلاق ثبت‌شده", "مشاوره پیش از ازدواج", "سازش در شورای حل اختلاف"]),
    "informal_settlements": ("حاشیه‌نشینی", ["جمعیت سکونتگاه‌های غیررسمی", "طرح‌های بازآفرینی", "سند مالکیت"]),
    "violence": ("خشونت و نزاع", ["نزاع منجر به جرح", "تماس با اورژانس اجتماعی", "همسرآزاری"]),
    "begging": ("تکدی‌گری", ["متکدیان ساماندهی‌شده", "بازگشت به تکدی", "کودکان کار شناسایی‌شده"]),
}
KINDS = (IndicatorVersion.Kind.NUMBER, IndicatorVersion.Kind.PERCENTAGE, IndicatorVersion.Kind.RATE)
VALUE_FIELDS = [
    "id", "indicator", "version", "territory", "territory_path", "period_type", "year", "number", "period_start",
    "disaggregation", "value", "numerator", "denominator", "status", "flags", "organization", "entered_by",
    "entered_at", "approved_by", "approved_at", "row_version", "reported_on", "due_on", "reporter",
]  # fmt: skip
Q4 = Decimal("0.000001")


def generate_programs(ctx: Context) -> None:
    writer, plan = ctx.writer, ctx.plan
    share = plan.scale * plan.provinces / 31
    per_harm = max(1, round(INDICATORS_PER_HARM * plan.scale))
    created = ctx.at(ctx.today - dt.timedelta(days=5 * 365 + 10))
    country = Territory.objects.get(parent=None, kind=Territory.Kind.COUNTRY)
    national_org = ctx.provinces[0].governorate.id - 1  # written first (generator._organizations)

    # The roadmap: document, national program, a goal per harm, its indicators with one version each.
    document_id = writer.allocate(PolicyDocument, 1)
    this_year = period_of(ctx.today, "year").year
    writer.write(
        PolicyDocument,
        ["id", "title", "level", "theme", "territory", "issuer", "year", "summary", "is_active", "created_at"],
        [(document_id, ROADMAP_TITLE, "national", "addiction", country.pk, national_org, this_year - 5, "", True,
          created)],
    )  # fmt: skip
    program_fields = ["id", "title", "level", "theme", "document", "territory", "owner", "adopted_from"]
    program_fields += ["start_year", "end_year", "summary", "is_active", "created_at"]
    programs = [(ROADMAP_TITLE, "national", "addiction", document_id, country.pk, national_org)]
    for p in ctx.provinces:
        for harm in FIVE_HARMS:
            title = f"برنامه کنترل {HARM_NAMES[harm][0]} استان {p.territory.name_fa}"
            programs.append((title, "provincial", harm, document_id, p.territory.pk, p.office.id))
    program_id = writer.allocate(Program, len(programs))
    writer.write(
        Program,
        program_fields,
        [
            (program_id + i, *row, None, this_year - 5, this_year + 1, "", True, created)
            for i, row in enumerate(programs)
        ],
    )
    goal_id = writer.allocate(Goal, len(programs))
    writer.write(
        Goal,
        ["id", "program", "title", "order"],
        [(goal_id + i, program_id + i, f"کاهش {HARM_NAMES[row[2]][0]}", 1) for i, row in enumerate(programs)],
    )
    indicators = []  # (id, version id, kind, harm)
    indicator_id = writer.allocate(Indicator, per_harm * len(FIVE_HARMS))
    # Codes are unique: a deployment generated next to an earlier one (allow_existing) marks its own.
    batch = "" if indicator_id == 1 else f"-{indicator_id}"
    version_id = writer.allocate(IndicatorVersion, per_harm * len(FIVE_HARMS))
    ind_rows, version_rows = [], []
    for h, harm in enumerate(FIVE_HARMS):
        label, subjects = HARM_NAMES[harm]
        for n in range(per_harm):
            index = h * per_harm + n
            kind = KINDS[n % 3]
            name = f"{subjects[n % 3]} ({label}) — شاخص {n + 1}"
            ind_rows.append(
                (indicator_id + index, f"H{h + 1}-{n + 1:02d}{batch}", name, harm, document_id, None,
                 version_id + index, True, created)
            )  # fmt: skip
            version_rows.append(
                (version_id + index, indicator_id + index, 1, kind, "lower" if n % 2 else "higher",
                 {"number": "مورد", "percentage": "درصد", "rate": "در هزار نفر"}[kind],
                 "موارد" if kind != "number" else "", "جمعیت" if kind == "rate" else ("کل" if kind == "percentage" else ""),
                 False, {}, "county", MONTH, "sum", Decimal(0), None, 60, DEFAULT_GRACE_DAYS, "", None, created)
            )  # fmt: skip
            indicators.append((indicator_id + index, version_id + index, kind))
    writer.write(
        Indicator,
        [
            "id",
            "code",
            "name",
            "theme",
            "document",
            "responsible",
            "current_version",
            "is_active",
            "created_at",
        ],
        ind_rows,
    )
    writer.write(
        IndicatorVersion,
        ["id", "indicator", "number", "kind", "direction", "unit", "numerator_label", "denominator_label",
         "population_denominator", "disaggregations", "entry_level", "period_type", "time_aggregation",
         "min_value", "max_value", "jump_percent", "grace_days", "note", "created_by", "created_at"],
        version_rows,
    )  # fmt: skip
    _values(ctx, indicators, created)
    _targets(ctx, indicators)
    _duties(ctx, program_id, goal_id, round(DUTIES * share) or 10)


def _values(ctx: Context, indicators: list[tuple], created: dt.datetime) -> None:
    """Every county × every month × every indicator; the two last months still climbing the chain."""
    rng, writer = ctx.rng, ctx.writer
    last = period_of(ctx.today, MONTH).previous()
    months = [last]
    for _ in range(MONTHS - 1):
        months.insert(0, months[0].previous())
    counties = [(c, p) for p in ctx.provinces for c in p.counties]
    total = len(indicators) * len(months) * len(counties)
    value_id = writer.allocate(IndicatorValue, total)
    event_id = writer.allocate(ValueEvent, total)
    population = {c.pk: rng.randrange(30_000, 2_000_000) for c, _p in counties}
    # Who answers for a county's report when the indicator names nobody: its county governorate.
    governorate = {
        c.pk: g.id for p in ctx.provinces for c, g in zip(p.counties, p.county_governorates, strict=False)
    }
    level = {(i[0], c.pk): rng.uniform(0.5, 1.5) for i in indicators for c, _p in counties}
    values, events = [], []
    for month_index, month in enumerate(months):
        age = len(months) - 1 - month_index
        status = "national" if age >= 3 else ("province" if age == 2 else ("county" if age == 1 else "draft"))
        start = month.start
        entered_on = min(ctx.today, month.end + dt.timedelta(days=5))
        entered = ctx.at(entered_on, 11)
        due = month.end + dt.timedelta(days=DEFAULT_GRACE_DAYS)
        for c, p in counties:
            staff = p.staff_user_ids[0] if p.staff_user_ids else None
            pop = population[c.pk]
            for ind, version, kind in indicators:
                x = level[(ind, c.pk)] * rng.uniform(0.85, 1.15)
                if kind == "rate":
                    num = Decimal(max(0, round(x * pop / 12_000)))
                    den = Decimal(pop)
                    value = (num / den * 1000).quantize(Q4)
                elif kind == "percentage":
                    den = Decimal(max(10, pop // 1000))
                    num = min(den, Decimal(round(float(den) * x * 0.3)))
                    value = (num / den * 100).quantize(Q4)
                else:
                    num = den = None
                    value = Decimal(round(x * pop / 10_000))
                approved = status != "draft"
                values.append(
                    (value_id, ind, version, c.pk, c.path, MONTH, month.year, month.number, start, "", value,
                     num, den, status, [], p.office.id, staff, entered, staff if approved else None,
                     entered + dt.timedelta(days=3) if approved else None, 1, entered_on, due,
                     governorate.get(c.pk))
                )  # fmt: skip
                events.append((event_id, value_id, "entered", staff, "", {}, entered))
                value_id += 1
                event_id += 1
            if len(values) >= 50_000:
                _flush_values(ctx, values, events)
                values, events = [], []
    _flush_values(ctx, values, events)


def _flush_values(ctx: Context, values: list[tuple], events: list[tuple]) -> None:
    ctx.writer.write(IndicatorValue, VALUE_FIELDS, values)
    ctx.writer.write(ValueEvent, ["id", "value", "kind", "actor", "text", "data", "created_at"], events)


def _targets(ctx: Context, indicators: list[tuple]) -> None:
    """A yearly target per indicator and province, for the five years."""
    rng, writer = ctx.rng, ctx.writer
    this_year = period_of(ctx.today, "year").year
    rows = []
    target_id = writer.allocate(IndicatorTarget, len(indicators) * len(ctx.provinces) * 5)
    for ind, _version, kind in indicators:
        for p in ctx.provinces:
            for year in range(this_year - 4, this_year + 1):
                base = {"rate": 1.0, "percentage": 30.0, "number": 100.0 * len(p.counties)}[kind]
                rows.append(
                    (
                        target_id,
                        ind,
                        p.territory.pk,
                        year,
                        Decimal(str(round(base * rng.uniform(0.8, 1.2), 2))),
                        None,
                        1,
                    )
                )
                target_id += 1
    writer.write(IndicatorTarget, ["id", "indicator", "territory", "year", "value", "goal", "version"], rows)


def _duties(ctx: Context, program_id: int, goal_id: int, count: int) -> None:
    """One-off duties of the provincial programs for the province's agencies and county deputies,
    each with its occurrence and its action (history and escalation as the spine would have them)."""
    rng, writer = ctx.rng, ctx.writer
    duty_id = writer.allocate(Duty, count)
    occurrence_id = writer.allocate(DutyOccurrence, count)
    action_id = writer.allocate(Action, count)
    history = History(ctx)
    duties, occurrences, actions = [], [], []
    harms = len(FIVE_HARMS)
    for index in range(count):
        province_index = index % len(ctx.provinces)
        p = ctx.provinces[province_index]
        harm = rng.randrange(harms)
        program = program_id + 1 + province_index * harms + harm
        responsible = rng.choice(p.agencies + p.county_governorates)
        created_day = ctx.today - dt.timedelta(days=rng.randrange(10, 5 * 365))
        deadline = created_day + dt.timedelta(days=rng.choice((30, 90, 180, 365)))
        created = ctx.at(created_day, 9)
        title = f"{rng.choice(vocab.TASKS)} ({HARM_NAMES[FIVE_HARMS[harm]][0]})"[:500]
        duties.append(
            (duty_id, program, goal_id + 1 + province_index * harms + harm, title, "", responsible.id, "once",
             deadline, created_day, None, True, None, created)
        )  # fmt: skip
        occurrences.append((occurrence_id, duty_id, "once", 0, 0, action_id, created))
        status = pick_status(rng, deadline, ctx.today)
        staff = p.staff_user_ids or [None]
        author, verifier = rng.choice(staff), rng.choice(staff)
        derived = history.build(
            action_id=action_id, status=status, created=created, deadline=deadline, responsible=responsible,
            author=author, verifier=verifier, rejected=False,
        )  # fmt: skip
        inside = responsible.path.startswith(p.office.path)
        fields = {
            "title": title, "source_kind": "duty", "responsible": responsible.id, "issuer": p.office.id,
            "verifier": verifier, "territory": responsible.territory_id if inside else p.office.territory_id,
            "territory_path": responsible.path if inside else p.office.path, "deadline": deadline,
            "deadline_text": "", "status": status, "escalation_level": history.escalate(action_id, deadline, status),
            "author": author, "created": created,
        }  # fmt: skip
        actions.append((*action_row(ctx, action_id, fields, derived), duty_id))
        duty_id += 1
        occurrence_id += 1
        action_id += 1
        if len(actions) >= 20_000:
            _flush_duties(ctx, duties, occurrences, actions, history)
            duties, occurrences, actions = [], [], []
    _flush_duties(ctx, duties, occurrences, actions, history)


def _flush_duties(ctx: Context, duties: list, occurrences: list, actions: list, history: History) -> None:
    w = ctx.writer
    w.write(Duty, ["id", "program", "goal", "title", "description", "responsible", "recurrence", "deadline",
                   "starts_on", "ends_on", "is_active", "created_by", "created_at"], duties)  # fmt: skip
    w.write(Action, [*ACTION_FIELDS, "duty"], actions)
    w.write(
        DutyOccurrence, ["id", "duty", "period_type", "year", "number", "action", "created_at"], occurrences
    )
    history.flush()


__all__ = ["generate_programs", "Period"]
