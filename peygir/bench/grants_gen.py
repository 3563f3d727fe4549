"""NGO grants for the generator (issue 10): at S = 1, 11,000 NGOs with their registry rows, 31
provinces × 4 calls a year × 5 years with their county envelopes, 60,000 proposals, 20,000 projects
and 80,000 milestones — each milestone an action of its NGO (source kind "milestone") with its
history, issued by the county governorate and supervised by the provincial office — and one
instalment per milestone, paid where the milestone is verified.

Written directly in bulk, like the other generators; every envelope is at least what its county
approved, so the generated data keeps the services' rules.
"""

from __future__ import annotations

import datetime as dt

from peygir.actions.models import Action
from peygir.grants.checks import national_id_check_digit
from peygir.grants.models import Call, Envelope, Instalment, Milestone, NgoProfile, Project, Proposal
from peygir.organizations.models import Organization
from peygir.programs.models import Theme

from .context import Context
from .work import ACTION_FIELDS, History, _normalized, action_row

NGOS = 11_000
CALLS_PER_YEAR, YEARS = 4, 5
PROPOSALS = 60_000
PROJECT_SHARE = 1 / 3  # 20,000 of 60,000
MILESTONES = 4  # per project: 80,000
TOMAN = 10
THEMES = [t for t in Theme.values if t != "other"]
TITLES = [
    "کلاس‌های ورزشی رایگان نوجوانان محله",
    "کارگاه پیشگیری از اعتیاد برای خانواده‌ها",
    "پاتوق کتاب‌خوانی کودکان کار",
    "آموزش مهارت به زنان سرپرست خانوار",
    "ساماندهی کودکان متکدی با آموزش و حمایت",
    "بهسازی فضای بازی کودکان سکونتگاه غیررسمی",
    "غربالگری سلامت سالمندان محله",
    "جشنواره فرهنگی محله",
]
MILESTONE_TITLES = ["آغاز کار و ثبت‌نام", "اجرای میانی", "گزارش حضور و تصاویر", "پایان کار و گزارش پایانی"]
P = Proposal.Status
ORG_FIELDS = [
    "id", "name", "short_name", "name_normalized", "kind", "territory", "parent", "supervisor", "email",
    "phone", "is_active", "created_at",
]  # fmt: skip
GRANT_ACTION_FIELDS = [f for f in ACTION_FIELDS if f not in ("resolution", "demand")] + ["milestone"]


def _national_id(n: int) -> str:
    first = f"19{n:08d}"
    return first + str(national_id_check_digit(first))


def generate_grants(ctx: Context) -> None:
    rng, writer, plan = ctx.rng, ctx.writer, ctx.plan
    share = plan.scale * plan.provinces / 31
    created = ctx.at(ctx.today - dt.timedelta(days=YEARS * 365 + 10))

    # NGOs: organizations of kind NGO in a county of each province, with their registry rows.
    n_ngos = max(2 * len(ctx.provinces), round(NGOS * share))
    org_id = writer.allocate(Organization, n_ngos)
    profile_id = writer.allocate(NgoProfile, n_ngos)
    org_rows, profile_rows = [], []
    ngos_of: list[list[tuple[int, int, int]]] = [[] for _ in ctx.provinces]  # (org, county idx, county id)
    for i in range(n_ngos):
        pi = i % len(ctx.provinces)
        p = ctx.provinces[pi]
        ci = rng.randrange(len(p.counties))
        county = p.counties[ci]
        name = f"انجمن مردم‌نهاد {rng.choice(('مهر', 'امید', 'همراه', 'نیکان', 'سپیده'))} {county.name_fa} {i + 1}"
        oid = org_id + i
        org_rows.append((oid, name, "", normalize(name), "ngo", county.pk, None, None, "", "", True, created))
        profile_rows.append(
            (profile_id + i, oid, _national_id(oid), str(1000 + i), "وزارت کشور",
             ctx.today + dt.timedelta(days=rng.randrange(-60, 700)), county.pk, [rng.choice(THEMES)], [], "",
             "verified", "", 1, created, created)
        )  # fmt: skip
        ngos_of[pi].append((oid, ci, county.pk))
    writer.write(Organization, ORG_FIELDS, org_rows)
    writer.write(
        NgoProfile,
        ["id", "organization", "national_id", "registration_number", "licence_issuer", "licence_expires_on",
         "activity_territory", "themes", "board_contacts", "sheba", "status", "status_reason", "version",
         "created_at", "updated_at"],
        profile_rows,
    )  # fmt: skip

    # Calls: a quarter apart over five years, per province.
    calls_per_province = max(2, round(CALLS_PER_YEAR * YEARS * plan.scale))  # one recent, one past
    n_calls = calls_per_province * len(ctx.provinces)
    call_id = writer.allocate(Call, n_calls)
    calls: list[tuple[int, int, dt.date]] = []  # (call id, province idx, opens_on)
    for pi, _p in enumerate(ctx.provinces):
        for k in range(calls_per_province):
            opens = ctx.today - dt.timedelta(days=91 * k + 30)
            calls.append((call_id + len(calls), pi, opens))

    n_proposals = max(n_calls * 3, round(PROPOSALS * share))
    proposal_id = writer.allocate(Proposal, n_proposals)
    approved: dict[tuple[int, int], int] = {}
    proposal_rows, projects = [], []
    for i in range(n_proposals):
        cid, pi, opens = calls[i % n_calls]
        p = ctx.provinces[pi]
        oid, ci, county_id = rng.choice(ngos_of[pi])
        title = f"{rng.choice(TITLES)} {p.counties[ci].name_fa}"
        starts = opens + dt.timedelta(days=30)
        ends = starts + dt.timedelta(days=90)
        requested = rng.randrange(5, 40) * 1_000_000 * TOMAN
        status = proposal_status(i, n_calls, recent=opens > ctx.today - dt.timedelta(days=60))
        pid = proposal_id + i
        submitted_at = None if status == P.DRAFT else ctx.at(opens + dt.timedelta(days=10))
        decided = ctx.at(opens + dt.timedelta(days=25)) if status in (P.APPROVED, P.REJECTED) else None
        proposal_rows.append(
            (pid, cid, oid, county_id, p.county_paths.get(county_id, p.counties[ci].path), None, {}, title,
             "", _normalized(title), rng.choice(THEMES), 100, starts, ends, requested,
             requested if status == P.APPROVED else None, status, "", submitted_at, decided, 1, None,
             ctx.at(opens + dt.timedelta(days=3)), ctx.at(opens + dt.timedelta(days=3)))
        )  # fmt: skip
        if status == P.APPROVED:
            approved[(cid, county_id)] = approved.get((cid, county_id), 0) + requested
            projects.append((pid, cid, pi, oid, ci, county_id, title, requested, starts, ends))
    writer.write(
        Proposal,
        ["id", "call", "ngo", "county", "county_path", "form_version", "answers", "title", "summary",
         "text_normalized", "theme", "beneficiaries_planned", "starts_on", "ends_on", "requested_rials",
         "approved_rials", "status", "decision_reason", "submitted_at", "decided_at", "version", "created_by",
         "created_at", "updated_at"],
        proposal_rows,
    )  # fmt: skip

    # Envelopes: every county of the call's province, at least what it approved; the call's total is
    # their sum (so no envelope is ever exceeded).
    envelope_rows, totals = [], {}
    envelope_id = writer.first_id(Envelope)
    for cid, pi, _opens in calls:
        for county in ctx.provinces[pi].counties:
            amount = approved.get((cid, county.pk), 0) + 20_000_000 * TOMAN
            envelope_rows.append((envelope_id, cid, county.pk, amount, None, ctx.now))
            envelope_id += 1
            totals[cid] = totals.get(cid, 0) + amount
    writer.allocate(Envelope, len(envelope_rows))
    call_rows = []
    for cid, pi, opens in calls:
        p = ctx.provinces[pi]
        call_rows.append(
            (cid, f"فراخوان حمایت از طرح‌های اجتماعی سمن‌های {p.territory.name_fa} — {cid}", "", p.office.id,
             p.territory.pk, p.territory.path, THEMES[:6], None, totals[cid], "equal", opens,
             opens + dt.timedelta(days=14), 90, "", "published", 1, None, ctx.at(opens), ctx.at(opens))
        )  # fmt: skip
    writer.write(
        Call,
        ["id", "title", "description", "office", "territory", "territory_path", "themes", "policy_document",
         "total_rials", "allocation_method", "opens_on", "closes_on", "window_days", "eligibility", "status",
         "version", "created_by", "created_at", "updated_at"],
        call_rows,
    )  # fmt: skip
    writer.write(
        Envelope, ["id", "call", "county", "amount_rials", "need_indicator", "updated_at"], envelope_rows
    )

    # Projects, milestones (actions of the NGO), instalments.
    project_id = writer.allocate(Project, len(projects))
    milestone_id = writer.allocate(Milestone, len(projects) * MILESTONES)
    instalment_id = writer.allocate(Instalment, len(projects) * MILESTONES)
    action_id = writer.allocate(Action, len(projects) * MILESTONES)
    history = History(ctx)
    project_rows, milestone_rows, instalment_rows, action_rows = [], [], [], []
    staff = {pi: p.staff_user_ids for pi, p in enumerate(ctx.provinces)}
    for n, (pid, cid, pi, oid, ci, county_id, title, amount, starts, ends) in enumerate(projects):
        p = ctx.provinces[pi]
        supervisor = p.county_governorates[ci]
        jid = project_id + n
        verified_all = ends < ctx.today - dt.timedelta(days=20)
        status = "completed" if verified_all else "active"
        project_rows.append(
            (jid, pid, cid, oid, county_id, supervisor.path, supervisor.id, p.office.id, title, amount, starts,
             ends, status, "", 90 if verified_all else None, None, ctx.at(ends) if verified_all else None, 1,
             ctx.at(starts), ctx.at(starts))
        )  # fmt: skip
        part = amount // MILESTONES
        for k in range(MILESTONES):
            mid = milestone_id + n * MILESTONES + k
            due = starts + dt.timedelta(days=(k + 1) * 90 // MILESTONES)
            milestone_rows.append((mid, jid, k + 1, MILESTONE_TITLES[k], due))
            if verified_all or due < ctx.today - dt.timedelta(days=15):
                a_status = Action.Status.VERIFIED
            elif due < ctx.today:
                a_status = rng.choice((Action.Status.REPORTED_DONE, Action.Status.IN_PROGRESS))
            else:
                a_status = rng.choice((Action.Status.OPEN, Action.Status.IN_PROGRESS))
            verifier = rng.choice(staff[pi]) if staff[pi] else None
            aid = action_id + n * MILESTONES + k
            created_at = ctx.at(starts)
            derived = history.build(
                action_id=aid, status=a_status, created=created_at, deadline=due,
                responsible=_org(oid, supervisor), author=verifier, verifier=verifier, rejected=False,
            )  # fmt: skip
            fields = {
                "title": f"{title} — مرحله {k + 1}: {MILESTONE_TITLES[k]}"[:500],
                "source_kind": "milestone",
                "responsible": oid,
                "issuer": supervisor.id,
                "supervisor": p.office.id,
                "verifier": verifier,
                "territory": county_id,
                "territory_path": supervisor.path,
                "deadline": due,
                "deadline_text": "",
                "status": a_status,
                "escalation_level": history.escalate(aid, due, a_status),
                "author": verifier,
                "created": created_at,
            }
            row = action_row(ctx, aid, fields, derived)
            # action_row's columns follow ACTION_FIELDS: drop resolution and demand, add the milestone.
            action_rows.append(
                tuple(v for f, v in zip(ACTION_FIELDS, row, strict=True) if f not in ("resolution", "demand"))
                + (mid,)
            )
            paid = a_status == Action.Status.VERIFIED and k < MILESTONES - 1 or verified_all
            i_status = (
                "released" if paid else ("releasable" if a_status == Action.Status.VERIFIED else "pending")
            )
            instalment_rows.append(
                (instalment_id + n * MILESTONES + k, jid, mid, part if k < MILESTONES - 1 else amount - 3 * part,
                 i_status, "", ctx.at(due + dt.timedelta(days=10)) if paid else None, None, "", 1)
            )  # fmt: skip
    writer.write(
        Project,
        ["id", "proposal", "call", "ngo", "county", "county_path", "supervisor", "high_supervisor", "title",
         "amount_rials", "starts_on", "ends_on", "status", "final_report", "beneficiaries_counted",
         "final_reported_at", "closed_at", "version", "created_at", "updated_at"],
        project_rows,
    )  # fmt: skip
    writer.write(Milestone, ["id", "project", "number", "title", "due_on"], milestone_rows)
    writer.write(Action, GRANT_ACTION_FIELDS, action_rows)
    history.flush()
    writer.write(
        Instalment,
        ["id", "project", "milestone", "amount_rials", "status", "reason", "released_at", "released_by",
         "reference", "version"],
        instalment_rows,
    )  # fmt: skip
    _ngo_representatives(ctx, projects)


def _ngo_representatives(ctx: Context, projects: list[tuple]) -> None:
    """A representative who signs in (the NGO portal) for the NGO with the most projects in each
    province: the bench measures the portal as that person sees it."""
    from peygir.organizations.models import Membership

    from .generator import write_people

    counts: dict[tuple[int, int], int] = {}
    for _pid, _cid, pi, oid, *_rest in projects:
        counts[(pi, oid)] = counts.get((pi, oid), 0) + 1
    busiest: dict[int, tuple[int, int]] = {}
    for (pi, oid), n in sorted(counts.items()):
        if n > busiest.get(pi, (0, 0))[0]:
            busiest[pi] = (n, oid)
    representatives = [(oid, Membership.Role.NGO_REP) for _pi, (_n, oid) in sorted(busiest.items())]
    if representatives:
        write_people(ctx, representatives, ctx.at(ctx.today - dt.timedelta(days=400)))


def proposal_status(i: int, n_calls: int, *, recent: bool) -> str:
    """The status of the i-th proposal (proposals go to the calls in turn): a third approved, the rest
    waiting or returned in a call still open (`recent`), rejected or returned in an older one.

    It follows the proposal's rank within its call, not i: i modulo a small number is the same for
    every proposal of one call whenever the number of calls shares a factor with it (at national scale
    no call had a proposal waiting for a decision)."""
    j = i // n_calls
    if j % 3 == 0:
        return P.APPROVED
    if recent:
        return (P.DRAFT, P.SUBMITTED, P.UNDER_REVIEW, P.RETURNED)[j % 4]
    return (P.REJECTED, P.REJECTED, P.RETURNED)[j % 3 - 1 + (j // 3) % 2]


def normalize(text: str) -> str:
    return _normalized(text)


def _org(org_id: int, near):  # the History needs an Org-like responsible (id, for the liaison lookup)
    from .context import Org

    return Org(org_id, "ngo", "", near.territory_id, near.path, near.province)
