"""Kerman (S4.2): 230 million tomans spread over the NGOs of the province's counties.

What the seed says: the office distributes 230 million tomans among NGOs of the province's 23
counties; NGOs take on projects in defined domains (sport, health, culture, organizing beggars,
informal settlements) and have three months to implement them; the county governorate supervises and
the provincial office is high supervisor; counties whose projects succeed get support next Farvardin.
It names no NGO, project or split, so the demo spreads the total equally over the counties the
territory data holds for Kerman and invents plausible NGOs and projects, placed so that a visitor
meets every state: a draft, a proposal returned for changes, one rejected, one under review, projects
fresh, overdue and past their window, one with a milestone awaiting verification, one whose instalment
the office withheld, one paid, one with its final report, one completed — and one guard match: the
county governorate had already asked the Kerman facilitation office for the same sport classes.

The story runs on the simulated clock (clock.py), relative to today: the call opened ten weeks ago.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from peygir.actions import services as action_services
from peygir.actions.models import Action
from peygir.grants.checks import national_id_check_digit, sheba_with_check_digits
from peygir.grants.models import Call, Envelope, NgoProfile, Project, Proposal
from peygir.grants.services import allocation, calls, ngo_codes, projects, proposals, reviews
from peygir.grants.services import ngos as ngo_services
from peygir.grants.services.proposals import Plan
from peygir.organizations.models import Membership, Organization
from peygir.organizations.services import membership_add, organization_create, user_create
from peygir.territory.models import Territory

from .clock import at, clock
from .organizations import Directory
from .personas import DEMO_PASSWORD

TOMAN = 10
TOTAL_TOMANS = 230_000_000
CRITERIA = [
    ("اثرگذاری بر آسیب‌های اجتماعی شهرستان", 3),
    ("توان و سابقه اجرایی سمن", 2),
    ("مشارکت مردم محله", 2),
    ("هزینه‌اثربخشی", 1),
]
THEMES = ["sport", "health", "culture", "begging", "informal_settlements", "addiction"]
# The call's own questions (the office's form, as data): answered in every proposal, shown to reviewers.
QUESTIONS = [
    {"name": "partners", "label": "دستگاه‌ها و نهادهای همکار", "kind": "text", "required": False},
    {
        "name": "women",
        "label": "شمار زنان و دختران بهره‌مند",
        "kind": "integer",
        "required": True,
        "min_value": 0,
        "max_value": 5000,
    },
    {
        "name": "experience",
        "label": "سابقه اجرای طرح مشابه",
        "kind": "choice",
        "required": True,
        "choices": ["ندارد", "یک بار", "بیش از یک بار"],
        "help": "طرح‌های اجراشده در سه سال گذشته",
    },
]
PDF = b"%PDF-1.4\n% demo licence scan\n"
# NGOs that registered themselves from the public page (key, name as typed — the seeds' Arabic ي/ك
# included —, county, national-id seed, what happened: unconfirmed (the SMS code not typed back yet) /
# pending / refused / verified).
REGISTRATIONS = [
    ("kar", "انجمن حمايت از كودكان كار كرمان", "کرمان", 71, "pending"),
    ("mahan", "کانون گردشگری اجتماعی ماهان", "کرمان", 72, "pending"),
    ("rabor", "جمعیت زنان روستایی رابر", "رابر", 73, "refused"),
    ("manujan", "انجمن سلامت خانواده منوجان", "منوجان", 74, "verified"),
    ("bam", "کانون همیاران کودکان بم", "بم", 75, "unconfirmed"),
]

# (key, NGO, county name, project title, theme, tomans, final state)
PROJECTS: list[tuple[str, str, str, str, str, int, str]] = [
    ("alghadir", "", "کرمان", "کلاس‌های ورزشی رایگان نوجوانان شهرک الغدیر", "sport", 10_000_000, "paid"),
    (
        "rafsanjan",
        "انجمن جوانان سبز رفسنجان",
        "رفسنجان",
        "پاتوق کتاب‌خوانی کودکان کار رفسنجان",
        "culture",
        10_000_000,
        "completed",
    ),
    (
        "sirjan",
        "جمعیت امداد دانشجویی سیرجان",
        "سیرجان",
        "ساماندهی کودکان متکدی سیرجان با آموزش مهارت",
        "begging",
        10_000_000,
        "final_reported",
    ),
    (
        "jiroft",
        "انجمن زنان کارآفرین جیرفت",
        "جیرفت",
        "کارگاه پیشگیری از اعتیاد برای مادران جیرفت",
        "addiction",
        10_000_000,
        "overdue",
    ),
    (
        "bam",
        "کانون فرهنگی ارگ بم",
        "بم",
        "آموزش بهداشت خانواده در حاشیه شهر بم",
        "health",
        10_000_000,
        "withheld",
    ),
    (
        "zarand",
        "انجمن ورزش همگانی زرند",
        "زرند",
        "ورزش صبحگاهی سالمندان زرند",
        "sport",
        10_000_000,
        "awaiting",
    ),
    (
        "kahnuj",
        "سمن توسعه محلی کهنوج",
        "کهنوج",
        "بهسازی فضای بازی کودکان سکونتگاه‌های غیررسمی کهنوج",
        "informal_settlements",
        10_000_000,
        "fresh",
    ),
]
# Proposals that end elsewhere than a project (key, NGO, county, title, theme, tomans, state).
OTHERS: list[tuple[str, str, str, str, str, int, str]] = [
    (
        "baft",
        "انجمن هنرهای سنتی بافت",
        "بافت",
        "جشنواره قصه‌گویی محلی بافت",
        "culture",
        8_000_000,
        "under_review",
    ),
    (
        "shahrbabak",
        "جمعیت حامیان سلامت شهربابک",
        "شهربابک",
        "غربالگری فشار خون در روستاهای شهربابک",
        "health",
        9_000_000,
        "returned",
    ),
    ("ravar", "کانون جوانان راور", "راور", "اردوی تفریحی جوانان راور", "sport", 12_000_000, "rejected"),
    (
        "khajoo",
        "خیریه یاوران سالمندان خواجو",
        "کرمان",
        "ایستگاه سلامت سالمندان محله خواجو",
        "health",
        6_000_000,
        "submitted",
    ),
    (
        "anar",
        "انجمن نیکوکاری انار",
        "انار",
        "آموزش مهارت خیاطی به زنان سرپرست خانوار انار",
        "informal_settlements",
        7_000_000,
        "draft",
    ),
]


@dataclass
class GrantsDemo:
    call: Call
    projects: dict[str, Project] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)


def _county(province: Territory, name: str) -> Territory | None:
    return Territory.objects.filter(
        parent=province, kind=Territory.Kind.COUNTY, name_fa=f"شهرستان {name}", is_active=True
    ).first()


def _national_id(n: int) -> str:
    first = f"1086{n:06d}"
    return first + str(national_id_check_digit(first))


def _ngo(
    d: Directory, key: str, name: str, county: Territory, n: int, on: dt.date
) -> tuple[Organization, Any]:
    """The NGO, its profile (a licence valid for a year) and its representative."""
    staff_user = None
    if key == "alghadir":
        org = d["kerman.ngo"]
    else:
        org = organization_create(name=name, kind=Organization.Kind.NGO, territory=county)
    # Registered directly: the directory's NGO exists already, and the demo's IDs are made valid.
    profile = NgoProfile(
        organization=org,
        national_id=_national_id(n),
        registration_number=str(4100 + n),
        licence_issuer="وزارت کشور" if n % 2 else "اداره کل بهزیستی استان کرمان",
        licence_expires_on=on + dt.timedelta(days=365),
        activity_territory=county,
        themes=[],
        board_contacts=[],
        sheba=sheba_with_check_digits(f"0170000000{n:012d}"),
        status=NgoProfile.Status.VERIFIED,
        verified_at=timezone.now(),
    )
    profile.full_clean()
    profile.save()
    if key != "alghadir":
        staff_user = user_create(
            username=f"ngo_kerman_{key}", first_name="نماینده", last_name=name[:40], title=""
        )
        membership_add(user=staff_user, organization=org, role=Membership.Role.NGO_REP)
    return org, staff_user


def _governorates(d: Directory, province: Territory) -> dict[int, Organization]:
    """A county governorate (the projects' supervisor) for every county of the province."""
    office = d["kerman.office"]
    existing = {
        o.territory_id: o
        for o in Organization.objects.filter(
            kind=Organization.Kind.COUNTY_GOVERNORATE, territory__parent=province, is_active=True
        )
    }
    for county in Territory.objects.filter(parent=province, kind=Territory.Kind.COUNTY, is_active=True):
        if county.pk not in existing:
            existing[county.pk] = organization_create(
                name=f"فرمانداری {county.name_fa.removeprefix('شهرستان ')}",
                kind=Organization.Kind.COUNTY_GOVERNORATE,
                territory=county,
                supervisor=office,
            )
    return existing


def _plan(county: Territory, title: str, theme: str, rials: int, start: dt.date, hood=None) -> Plan:
    third = rials // 3
    return Plan(
        title=title,
        summary=f"{title}؛ با همراهی معتمدان محله و زیر نظر فرمانداری.",
        county=county,
        theme=theme,
        starts_on=start,
        ends_on=start + dt.timedelta(days=90),
        requested_rials=rials,
        budget_lines=[("حق‌الزحمه مربیان و مددکاران", third * 2), ("لوازم و اجاره فضا", rials - third * 2)],
        milestones=[
            ("آغاز کار و ثبت‌نام بهره‌مندان", start + dt.timedelta(days=20), third),
            ("اجرای میانی و گزارش حضور", start + dt.timedelta(days=45), third),
            ("پایان کار، گزارش پایانی و شمارش بهره‌مندان", start + dt.timedelta(days=90), rials - 2 * third),
        ],
        neighbourhoods=[hood] if hood is not None else [],
        beneficiaries_planned=100,
        answers={
            "partners": "فرمانداری، اداره ورزش و جوانان و شورای اسلامی محله",
            "women": str(30 + rials % 7 * 5),
            "experience": ["ندارد", "یک بار", "بیش از یک بار"][rials % 3],
        },
    )


def run_story(d: Directory, cast: dict[str, Any], today: dt.date) -> GrantsDemo | None:
    province = d.territories["kerman"]
    office_user = cast["office_kerman"]
    deputy = cast.get("deputy_kerman")
    opened = today - dt.timedelta(days=70)
    start = opened + dt.timedelta(days=22)  # projects start after the call closes and decisions
    if start + dt.timedelta(days=20) >= today:
        return None
    with clock(at(opened, 9)):
        governorates = _governorates(d, province)
        call = calls.call_create(
            user=office_user,
            office=d["kerman.office"],
            title="فراخوان حمایت از طرح‌های اجتماعی سازمان‌های مردم‌نهاد استان کرمان",
            description="توزیع ۲۳۰ میلیون تومان اعتبار میان سازمان‌های مردم‌نهاد شهرستان‌های استان؛ "
            "هر سمن سه ماه فرصت اجرای طرح دارد، فرمانداری ناظر و اداره‌کل امور اجتماعی و فرهنگی ناظر عالی است.",
            total_rials=TOTAL_TOMANS * TOMAN,
            opens_on=opened,
            closes_on=opened + dt.timedelta(days=14),
            themes=THEMES,
            criteria=CRITERIA,
            eligibility="سمن دارای مجوز معتبر و فعال در همان شهرستان؛ طرح در یکی از حوزه‌های فراخوان.",
            form_fields=QUESTIONS,
        )
        calls.call_envelopes_set(user=office_user, call=call, method="equal")
        call = calls.call_publish(user=office_user, call=call)
        calls.call_reviewer_add(user=office_user, call=call, reviewer=office_user)
    story = GrantsDemo(call=call)

    # The same work another body already asked for: sport classes in al-Ghadir (the guard's match).
    kerman_county = _county(province, "کرمان")
    if deputy is not None:
        with clock(at(opened + dt.timedelta(days=3), 11)):
            action_services.action_create(
                title="برگزاری کلاس‌های ورزشی رایگان برای نوجوانان شهرک الغدیر",
                responsible=d["kerman.facilitation"],
                issuer=governorates[kerman_county.pk],
                deadline=today + dt.timedelta(days=30),
                created_by=deputy,
            )

    reps: dict[str, Any] = {}
    for n, (key, name, county_name, title, theme, tomans, state) in enumerate(PROJECTS + OTHERS, start=1):
        county = _county(province, county_name)
        if county is None:
            continue
        with clock(at(opened + dt.timedelta(days=2), 10, n)):
            org, rep = _ngo(d, key, name, county, n, opened)
            rep = rep or cast.get("ngo_kerman")
            if rep is None:
                continue
            reps[key] = rep
            hood = d.territories.get("kerman.kerman_city") if key == "alghadir" else None
            # Within the county's share whatever the number of counties the data holds.
            share = Envelope.objects.get(call=call, county=county).amount_rials
            rials = min(tomans * TOMAN, share // 10_000 * 10_000)
            proposal = proposals.proposal_create(
                user=rep, call=call, ngo=org, plan=_plan(county, title, theme, rials, start, hood)
            )
            story.proposals[key] = proposal
        if state == "draft":
            continue
        with clock(at(opened + dt.timedelta(days=10), 12, n)):
            proposal = proposals.proposal_submit(user=rep, proposal=proposal)
        if state == "submitted":
            continue
        with clock(at(opened + dt.timedelta(days=15), 9, n)):
            if state == "returned":
                proposals.proposal_return(
                    user=office_user,
                    proposal=proposal,
                    reason="جدول زمانی مراحل و فهرست روستاها را روشن کنید.",
                )
                continue
            proposal = proposals.proposal_start_review(user=office_user, proposal=proposal)
            if state == "under_review":
                continue
            reviews.review_submit(
                user=office_user,
                proposal=proposal,
                scores={c.pk: 6 + (n % 4) for c in call.criteria.all()},
                comment="روشن و شدنی",
            )
        with clock(at(opened + dt.timedelta(days=20), 10, n)):
            if state == "rejected":
                proposals.proposal_reject(
                    user=office_user, proposal=proposal, reason="اردوی تفریحی در حوزه‌های فراخوان نیست."
                )
                continue
            if allocation.guard.undecided(proposal, allocation.guard.find_matches(proposal)):
                allocation.guard_decide(
                    user=office_user,
                    proposal=proposal,
                    decision="co_funded",
                    reason="دفتر تسهیلگری سالن را می‌دهد و سمن مربی را؛ تأمین مشترک و آگاهانه است.",
                )
            proposal = allocation.proposal_approve(user=office_user, proposal=proposal)
            story.projects[key] = proposal.project
        _progress(story.projects[key], state, rep, deputy, office_user, start, today)
    # The call closed at its deadline (the daily scan's work, on the day after its closing date).
    with clock(at(call.closes_on + dt.timedelta(days=1), 0, 5)):
        calls.close_due_calls(call.closes_on + dt.timedelta(days=1))
    _registrations(d, province, office_user, today)
    return story


def _registrations(d: Directory, province: Territory, office_user: Any, today: dt.date) -> None:
    """NGOs that registered themselves from the public page: two waiting in the office's queue, one
    refused with what to correct, one verified, and one whose representative has not typed back the
    code texted to them yet (out of the queue). The applicant of the first signs in as `ngo_apply_kerman`."""
    for n, (key, name, county_name, seed, outcome) in enumerate(REGISTRATIONS, start=1):
        county = _county(province, county_name) or _county(province, "کرمان")
        if county is None:
            continue
        with clock(at(today - dt.timedelta(days=6 - n), 10, n)):
            username = "ngo_apply_kerman" if n == 1 else f"ngo_apply_kerman_{n}"
            applicant = user_create(
                username=username, first_name="نماینده", last_name=name[-30:], mobile=f"0913{seed:07d}"
            )
            applicant.password = make_password(DEMO_PASSWORD)
            applicant.save(update_fields=["password"])
            profile = ngo_services.ngo_apply(
                user=applicant,
                name=name,
                county=county,
                national_id=_national_id(seed),
                registration_number=str(5200 + seed),
                licence_issuer="اداره کل بهزیستی استان کرمان" if n % 2 else "وزارت کشور",
                licence_expires_on=today + dt.timedelta(days=300 + n * 30),
                themes=THEMES[n % 3 : n % 3 + 2],
                board_contacts=[
                    {"name": "فاطمه رضایی", "role": "رئیس هیئت مدیره", "phone": f"0913{seed:07d}"},
                    {"name": "علی محمدی", "role": "خزانه‌دار", "phone": ""},
                ],
                sheba=sheba_with_check_digits(f"0170000000{seed:012d}"),
                phone=f"0343{seed:07d}",
                documents=[("پروانه فعالیت", SimpleUploadedFile(f"parvaneh-{key}.pdf", PDF))],
            )
            if outcome != "unconfirmed":
                # The representative typed back the SMS code (the demo reads no phone).
                profile = ngo_codes.do_ngo_mobile_confirmed(profile=profile)
        with clock(at(today - dt.timedelta(days=1), 11, n)):
            if outcome == "refused":
                ngo_services.ngo_refuse(
                    user=office_user,
                    profile=profile,
                    reason="تصویر پروانه خوانا نیست و تاریخ اعتبار آن با فرم نمی‌خواند؛ تصویر روشن پیوست کنید.",
                )
            elif outcome == "verified":
                ngo_services.ngo_verify(user=office_user, profile=profile)


def _verify(action: Action, project: Project, deputy: Any, office_user: Any, text: str) -> None:
    """The county deputy where the demo has one; elsewhere the office as high supervisor."""
    if deputy is not None and project.county_id == deputy_county(deputy):
        action_services.action_verify(action=action, user=deputy, text=text)
    else:
        projects.milestone_overrule(
            user=office_user, milestone=action.milestone, decision="verify", reason=text
        )


def deputy_county(user: Any) -> int | None:
    m = user.memberships.filter(role=Membership.Role.COUNTY_DEPUTY).select_related("organization").first()
    return m.organization.territory_id if m else None


def _progress(
    project: Project, state: str, rep: Any, deputy: Any, office_user: Any, start: dt.date, today: dt.date
) -> None:
    """Move a project to its state, each step on its day."""
    steps = list(project.milestones.order_by("number"))
    actions = [m.actions.get() for m in steps]
    if state == "fresh":
        return
    if state == "overdue":
        # Nothing reported; the window was shortened by an amendment and has passed: the overrun shows.
        with clock(at(start + dt.timedelta(days=1), 9)):
            projects.project_amend(
                user=office_user,
                project=project,
                reason="به درخواست سمن، اجرای فشرده پیش از فصل گرما",
                ends_on=today - dt.timedelta(days=5),
            )
        return
    done = 3 if state in ("completed", "final_reported") else 1
    for i in range(done):
        due = steps[i].due_on
        report_day = min(due, today - dt.timedelta(days=2))
        with clock(at(report_day - dt.timedelta(days=1), 15)):
            action_services.action_report_done(
                action=actions[i],
                user=rep,
                text=f"مرحله «{steps[i].title}» انجام شد؛ گزارش تصویری پیوست است.",
            )
        if state == "awaiting":
            return
        with clock(at(report_day, 11)):
            _verify(actions[i], project, deputy, office_user, "با بازدید میدانی تأیید شد.")
    if state == "withheld":
        with clock(at(today - dt.timedelta(days=1), 10)):
            projects.milestone_overrule(
                user=office_user,
                milestone=steps[0],
                decision="withhold",
                reason="فهرست حاضران با گزارش تصویری نمی‌خواند؛ تا بازدید دوم قسط متوقف است.",
            )
    if state == "paid":
        with clock(at(today - dt.timedelta(days=1), 12)):
            instalment = steps[0].instalment
            instalment.refresh_from_db()
            projects.instalment_release(user=office_user, instalment=instalment, reference="۱۴۰۵-۲۳۱")
    if state in ("completed", "final_reported"):
        with clock(at(today - dt.timedelta(days=1), 16)):
            project = projects.project_final_report(
                user=rep,
                project=project,
                text="۹۰ کودک در پاتوق عضو شدند و ۶۰ نفر تا پایان ماندند.",
                beneficiaries_counted=90,
            )
        if state == "completed":
            with clock(at(today - dt.timedelta(days=1), 17)):
                projects.project_close(user=office_user, project=project)
