"""Inspections at scale S (S = 1: 100,000 facilities, 500,000 visits over five years, 1,000,000
findings, each an action of the facility's agency with its history).

Per province: a food-security document and one checklist (12 yes/no questions). Per county: one
monthly plan of the county governorate (its office's first expert as inspector, the rule for every
facility kind) and one sealed draw per Jalali month of the five years. The seals are placeholders
(random hex): benchmark data is not meant to be verified; `peygir bench` times a real draw of next
month over these plans (inspections_measure.py). Visits before today are done (or 7 % missed), later ones scheduled;
findings go to done visits (at most one per question), and each makes a finding action whose history
follows the spine's state machine.
"""

from __future__ import annotations

import datetime as dt

from peygir.actions.models import Action, ActionEvent
from peygir.core.text import normalize_text
from peygir.inspections.models import (
    ChecklistQuestion,
    ChecklistSection,
    ChecklistTemplate,
    ChecklistVersion,
    Draw,
    Facility,
    FacilityKind,
    Finding,
    InspectionPlan,
    PlanRule,
    Visit,
)
from peygir.inspections.periods import MONTH, Period, period_containing
from peygir.programs.models import PolicyDocument

from .context import Context
from .work import History

FACILITIES = 100_000
VISITS = 500_000
FINDINGS = 1_000_000
MONTHS = 60
QUESTIONS = [
    "کارکنان کارت بهداشت معتبر دارند",
    "ذبح زیر نظر ناظر دامپزشکی انجام می‌شود",
    "دمای سردخانه مناسب است",
    "پاکیزگی سالن و تجهیزات رعایت شده است",
    "پروانه بهره‌برداری معتبر است",
    "تجهیزات ایمنی و آتش‌نشانی موجود است",
    "تهویه و نور کافی است",
    "پسماند به‌درستی دفع می‌شود",
    "آب آشامیدنی سالم است",
    "سرویس‌های بهداشتی پاکیزه است",
    "منشور حقوق شهروندی نصب شده است",
    "دفتر رسیدگی به شکایات فعال است",
]
KINDS = [k for k in FacilityKind.values if k != FacilityKind.OTHER]
S = Action.Status
ACTION_FIELDS = [
    "id", "title", "description", "title_normalized", "source_kind", "finding",
    "responsible_organization", "issuer_organization", "territory", "deadline", "deadline_text", "status",
    "progress", "cancel_reason", "escalation_level", "version", "created_at", "updated_at",
    "reported_done_at", "closed_at", "territory_path",
]  # fmt: skip


def _months(today: dt.date) -> list[Period]:
    period = period_containing(today, MONTH)
    out = [period]
    for _ in range(MONTHS - 1):
        period = period_containing(period.start - dt.timedelta(days=1), MONTH)
        out.append(period)
    return list(reversed(out))


def generate_inspections(ctx: Context) -> dict[str, int]:
    w, rng, plan = ctx.writer, ctx.rng, ctx.plan
    share = plan.scale * plan.provinces / 31
    n_facilities = max(2 * plan.provinces, round(FACILITIES * share))
    n_visits = max(4 * plan.provinces, round(VISITS * share))
    n_findings = max(4 * plan.provinces, round(FINDINGS * share))
    months = _months(ctx.today)
    created = ctx.at(months[0].start - dt.timedelta(days=10))
    provinces = [p for p in ctx.provinces if p.counties and p.agencies and p.staff_user_ids]
    if not provinces:
        return {}

    # Documents, checklists (one version, one section, twelve questions) per province.
    doc_id = w.allocate(PolicyDocument, len(provinces))
    template_id = w.allocate(ChecklistTemplate, len(provinces))
    version_id = w.allocate(ChecklistVersion, len(provinces))
    section_id = w.allocate(ChecklistSection, len(provinces))
    question_id = w.allocate(ChecklistQuestion, len(provinces) * len(QUESTIONS))
    docs, templates, versions, sections, questions = [], [], [], [], []
    for i, p in enumerate(provinces):
        title = f"سند امنیت غذایی استان {p.territory.name_fa}"
        docs.append(
            (
                doc_id + i,
                title,
                "provincial",
                "food_security",
                p.territory.pk,
                p.office.id,
                None,
                1402,
                "",
                True,
                created,
            )
        )
        templates.append((template_id + i, doc_id + i, "چک‌لیست بازدید سرزده", KINDS, 70, True, created))
        versions.append((version_id + i, template_id + i, 1, "نسخه نخست", 70, None, created, created, 1))
        sections.append((section_id + i, version_id + i, 1, "بهداشت و ایمنی"))
        for j, text in enumerate(QUESTIONS):
            qid = question_id + i * len(QUESTIONS) + j
            questions.append(
                (
                    qid,
                    version_id + i,
                    section_id + i,
                    j + 1,
                    f"Q{j + 1}",
                    text,
                    "yes_no",
                    1 + j % 3,
                    j == 1,
                    True,
                    5,
                    None,
                    None,
                    10,
                    True,
                    j == 1,
                )
            )
    w.write(
        PolicyDocument,
        [
            "id",
            "title",
            "level",
            "theme",
            "territory",
            "issuer",
            "adopted_from",
            "year",
            "summary",
            "is_active",
            "created_at",
        ],
        docs,
    )
    w.write(
        ChecklistTemplate,
        ["id", "document", "title", "facility_kinds", "pass_score", "is_active", "created_at"],
        templates,
    )
    w.write(
        ChecklistVersion,
        [
            "id",
            "template",
            "number",
            "note",
            "pass_score",
            "created_by",
            "created_at",
            "published_at",
            "revision",
        ],
        versions,
    )
    w.write(ChecklistSection, ["id", "version", "order", "title"], sections)
    qfields = [
        "id",
        "version",
        "section",
        "order",
        "code",
        "text",
        "kind",
        "weight",
        "is_critical",
        "allows_na",
    ]
    qfields += [
        "scale_max",
        "pass_min",
        "pass_max",
        "deadline_days",
        "evidence_required",
        "requires_reinspection",
    ]
    w.write(ChecklistQuestion, qfields, questions)

    # Plans: one per county, every kind; inspectors; draws per month.
    counties = [
        (i, p, c, p.county_governorates[k]) for i, p in enumerate(provinces) for k, c in enumerate(p.counties)
    ]
    plan_id = w.allocate(InspectionPlan, len(counties))
    rule_id = w.allocate(PlanRule, len(counties) * len(KINDS))
    through = InspectionPlan.inspectors.through
    through_id = w.allocate(through, len(counties))
    draw_id = w.allocate(Draw, len(counties) * len(months))
    plans_rows, rules, inspectors, draws = [], [], [], []
    county_info = []
    for n, (i, p, county, cg) in enumerate(counties):
        pid = plan_id + n
        path = p.county_paths.get(county.pk, county.path)
        inspector = p.staff_user_ids[0]
        plans_rows.append(
            (
                pid,
                f"بازدید سرزده ماهانه {county.name_fa}",
                cg.id,
                county.pk,
                path,
                doc_id + i,
                "month",
                7,
                "approved",
                created,
                inspector,
                inspector,
                1,
                created,
                created,
            )
        )
        rules += [
            (rule_id + n * len(KINDS) + k, pid, kind, template_id + i, 1, 100) for k, kind in enumerate(KINDS)
        ]
        inspectors.append((through_id + n, pid, inspector))
        for m, period in enumerate(months):
            draws.append(
                (
                    draw_id + n * len(months) + m,
                    pid,
                    period.start,
                    period.end,
                    period.label,
                    f"{rng.getrandbits(256):064x}",
                    f"{rng.getrandbits(256):064x}",
                    "{}",
                    f"{rng.getrandbits(256):064x}",
                    0,
                    inspector,
                    ctx.at(period.start - dt.timedelta(days=1), 9),
                )
            )
        county_info.append((i, p, county, cg, path, inspector, pid))
    pfields = [
        "id",
        "title",
        "organization",
        "territory",
        "territory_path",
        "document",
        "period",
        "back_check_percent",
    ]
    pfields += ["status", "approved_at", "approved_by", "created_by", "version", "created_at", "updated_at"]
    w.write(InspectionPlan, pfields, plans_rows)
    w.write(
        PlanRule, ["id", "plan", "facility_kind", "template", "visits_per_period", "sample_percent"], rules
    )
    w.write(through, ["id", "inspectionplan", "user"], inspectors)
    dfields = ["id", "plan", "period_start", "period_end", "period_label", "seed_hex", "seed_commitment"]
    dfields += ["schedule_json", "seal", "visits_count", "drawn_by", "drawn_at"]
    w.write(Draw, dfields, draws)

    # Facilities, spread over the counties.
    # Every county gets a facility, whatever the scale: its visits are drawn among them.
    n_facilities = max(n_facilities, len(county_info))
    facility_id = w.allocate(Facility, n_facilities)
    facilities, by_county = [], {}
    for f in range(n_facilities):
        c = f % len(county_info)
        i, p, county, _cg, path, _insp, _pid = county_info[c]
        kind = KINDS[f % len(KINDS)]
        agency = p.agencies[rng.randrange(len(p.agencies))]
        fid = facility_id + f
        facilities.append(
            [
                fid,
                f"{FacilityKind(kind).label} {county.name_fa} {f + 1}",
                kind,
                county.pk,
                path,
                agency.id,
                f"B-{fid}",
                "",
                None,
                None,
                True,
                None,
                None,
                None,
                created,
            ]
        )
        by_county.setdefault(c, []).append(f)

    # Visits: a county, a month, a facility of the county, a day of the month.
    visit_id = w.allocate(Visit, n_visits)
    visit_rows = []
    done: list[int] = []
    for v in range(n_visits):
        c = v % len(county_info)
        i, p, county, cg, path, inspector, _pid = county_info[c]
        # One visit per county still to come this month (the inspector's page has something ahead).
        m = len(months) - 1 if v < len(county_info) else rng.randrange(len(months))
        period = months[m]
        first = max(period.start, ctx.today) if v < len(county_info) else period.start
        day = first + dt.timedelta(days=rng.randrange((period.end - first).days + 1))
        f = by_county[c][rng.randrange(len(by_county[c]))]
        if day < ctx.today:
            status = "missed" if rng.random() < 0.07 else "completed"
        else:
            status = "scheduled"
        visit_rows.append(
            [
                visit_id + v,
                draw_id + c * len(months) + m,
                facility_id + f,
                path,
                inspector,
                cg.id,
                version_id + i,
                day,
                status,
                i,
            ]
        )
        if status == "completed":
            done.append(v)
    # Findings: over done visits, one per question at most.
    finding_count: dict[int, list[int]] = {}
    for _ in range(n_findings if done else 0):
        for _attempt in range(5):
            v = done[rng.randrange(len(done))]
            taken = finding_count.setdefault(v, [])
            if len(taken) < len(QUESTIONS):
                taken.append(len(taken))
                break
    vfields = [
        "id",
        "draw",
        "kind",
        "facility",
        "territory_path",
        "inspector",
        "organization",
        "checklist_version",
    ]
    vfields += [
        "scheduled_on",
        "status",
        "completed_at",
        "score",
        "passed",
        "critical_failed",
        "note",
        "version",
        "created_at",
    ]
    rows = []
    for v, (vid, did, fid, path, inspector, org, ver, day, status, _i) in enumerate(visit_rows):
        k = len(finding_count.get(v, ()))
        at = ctx.at(day, 11) if status == "completed" else None
        score = max(0, 100 - 9 * k) if status == "completed" else None
        rows.append(
            (
                vid,
                did,
                "scheduled",
                fid,
                path,
                inspector,
                org,
                ver,
                day,
                status,
                at,
                score,
                (k == 0) if status == "completed" else None,
                1 in finding_count.get(v, ()),
                "",
                1,
                ctx.at(day - dt.timedelta(days=20), 9),
            )
        )
        if status == "completed":
            facility = facilities[fid - facility_id]
            if facility[13] is None or day > facility[13]:
                facility[11], facility[12], facility[13] = score, k == 0, day
    w.write(Facility, ["id", "name", "kind", "territory", "territory_path", "responsible_agency", "licence_number", "address",
                       "latitude", "longitude", "is_active", "last_score", "last_passed", "last_visited_on", "created_at"],
            [tuple(f) for f in facilities])  # fmt: skip
    w.write(Visit, vfields, rows)

    # Findings and their actions, with the created and status events.
    total = sum(len(x) for x in finding_count.values())
    finding_id = w.allocate(Finding, total)
    action_id = w.allocate(Action, total)
    # The events, and the rungs a daily scan would have recorded up to yesterday, as for the other
    # sources (without the rungs the benchmark's first scan climbs every old finding's whole ladder).
    history = History(ctx)
    findings, actions = [], []
    n = 0
    for v, slots in sorted(finding_count.items()):
        vid, _did, fid, path, inspector, org, _ver, day, _status, i = visit_rows[v]
        facility = facilities[fid - facility_id]
        for j in slots:
            text = QUESTIONS[j]
            title = f"رفع نقص «{text}» در {facility[1]}"[:500]
            deadline = day + dt.timedelta(days=14)
            if deadline < ctx.today:
                r = rng.random()
                status = (
                    S.VERIFIED
                    if r < 0.75
                    else S.CANCELLED
                    if r < 0.8
                    else S.IN_PROGRESS
                    if r < 0.9
                    else S.OPEN
                )
            else:
                status = S.OPEN if rng.random() < 0.6 else S.IN_PROGRESS
            made = ctx.at(day, 12)
            moved = ctx.at(min(deadline, ctx.today - dt.timedelta(days=1)), 15)
            findings.append((finding_id + n, vid, fid, question_id + i * len(QUESTIONS) + j, title, j == 1, True, j == 1, None,
                             status not in (S.VERIFIED, S.CANCELLED), made))  # fmt: skip
            aid = action_id + n
            level = history.escalate(aid, deadline, status)
            actions.append((aid, title, text, normalize_text(title), "finding", finding_id + n, facility[5], org, facility[3], deadline,
                            "۱۰ روز کاری", status, 100 if status == S.VERIFIED else (50 if status == S.IN_PROGRESS else 0),
                            "تکراری" if status == S.CANCELLED else "", level, 1, made, moved if status != S.OPEN else made,
                            moved if status == S.VERIFIED else None, moved if status in (S.VERIFIED, S.CANCELLED) else None, path))  # fmt: skip
            history.event(aid, ActionEvent.Kind.CREATED, inspector, made)
            steps = {
                S.IN_PROGRESS: [S.IN_PROGRESS],
                S.VERIFIED: [S.IN_PROGRESS, S.REPORTED_DONE, S.VERIFIED],
                S.CANCELLED: [S.CANCELLED],
            }
            previous = S.OPEN
            for to in steps.get(status, []):
                history.event(aid, ActionEvent.Kind.STATUS, None, moved, previous, to)
                previous = to
            n += 1
    w.write(Finding, ["id", "visit", "facility", "question", "title", "is_critical", "evidence_required", "requires_reinspection",
                      "resolved_by", "is_open", "created_at"], findings)  # fmt: skip
    w.write(Action, ACTION_FIELDS, actions)
    history.flush()
    return {"facilities": n_facilities, "visits": n_visits, "findings": total}
