"""S4.3 and S1.3: unannounced inspections in the demo.

Kerman (seed 003): «در راستای سند امنیت غذایی هر ماه به صورت سرزده از کشتارگاهها و مراکز ارائه مواد
غذایی در شهرستان خود بازدید کنند، در راستای سند ورزش، از مکانهای ورزشی ... در راستای اجرای سند
سلامت، از مراکز نگهداری کودکان، سالمندان، متکدیان و کمپهای ترک اعتیاد بازدید کنند.» — each county
deputy gets monthly plans under the province's documents, last month's draw is done and published,
this month's is sealed and under way (done visits with findings, a missed one).

Yazd (seed 000): «تیم مشترک بازرسی با استانداری ... از مراکز مهم نظیر بیمارستانها، شهرداری و ساير
دستگاههای خدمات رسان بازدید نماید» — the governorate and the Management and Planning Organization
inspect hospitals and the municipality's offices quarterly with a citizens'-rights checklist.

Everything goes through the services, under the demo's clock, so the seals, actions and histories are
the ones the product would have written.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password

from peygir.core.text import to_persian_digits
from peygir.inspections import checklists, drafts, facilities, plans, visits
from peygir.inspections.checklists import QuestionSpec as Q
from peygir.inspections.checklists import SectionSpec as S
from peygir.inspections.models import InspectionPlan, Visit
from peygir.inspections.periods import period_containing
from peygir.organizations.models import Membership, Organization
from peygir.organizations.services import membership_add, organization_create, user_create
from peygir.programs.models import PolicyDocument

from .clock import at, clock
from .organizations import Directory
from .personas import DEMO_PASSWORD

Role = Membership.Role
Kind = Organization.Kind

# Kinds of which a county has several places in the demo: their names carry a number.
NUMBERED_KINDS = ("slaughterhouse", "food_centre", "sports_venue")

FOOD = [
    S(
        "بهداشت ذبح و نگهداری",
        [
            Q(
                "vet",
                "ذبح زیر نظر ناظر بهداشتی دامپزشکی انجام می‌شود",
                weight=3,
                is_critical=True,
                allows_na=False,
                requires_reinspection=True,
                deadline_days=5,
            ),
            Q("cards", "کارکنان کارت بهداشت معتبر دارند", weight=2),
            Q("cold", "دمای سردخانه (درجه سانتی‌گراد)", kind="number", pass_max=Decimal(4), weight=2),
            Q("clean", "پاکیزگی سالن و تجهیزات", kind="scale", pass_min=Decimal(3), weight=2),
        ],
    ),
    S(
        "مستندات",
        [
            Q("licence", "پروانه بهره‌برداری معتبر در معرض دید است", evidence_required=False),
            Q("photo", "عکس سالن", kind="photo"),
            Q("note", "توضیح بازرس", kind="text"),
        ],
    ),
]
SPORT = [
    S(
        "ایمنی و دسترسی",
        [
            Q("safety", "تجهیزات ایمنی و جعبه کمک‌های اولیه موجود است", weight=3, is_critical=True),
            Q("coach", "مربی دارای مدرک معتبر حاضر است", weight=2),
            Q("women", "برنامه ساعت‌های ویژه بانوان اعلام شده است", weight=1),
            Q("state", "وضعیت کف و تجهیزات", kind="scale", pass_min=Decimal(3), weight=2),
        ],
    )
]
HEALTH = [
    S(
        "نگهداری و مراقبت",
        [
            Q(
                "permit",
                "مجوز فعالیت از بهزیستی معتبر است",
                weight=3,
                is_critical=True,
                requires_reinspection=True,
            ),
            Q("staff", "نسبت مراقب به مددجو رعایت شده است", weight=2),
            Q("food", "تغذیه مطابق برنامه غذایی مصوب است", weight=2),
            Q("rooms", "تعداد مددجویان حاضر", kind="number", pass_max=Decimal(40), weight=1),
            Q("hygiene", "بهداشت اتاق‌ها و سرویس‌ها", kind="scale", pass_min=Decimal(3), weight=2),
        ],
    )
]
RIGHTS = [
    S(
        "حقوق شهروندی در نظام اداری",
        [
            Q("charter", "منشور حقوق شهروندی در معرض دید مراجعان نصب شده است", weight=1),
            Q("answer", "به مراجعان در مهلت مقرر پاسخ داده می‌شود", weight=3, is_critical=True),
            Q("complaints", "سامانه رسیدگی به شکایات فعال است", weight=2),
            Q("access", "دسترسی افراد دارای معلولیت فراهم است", weight=2),
            Q(
                "waiting",
                "میانگین زمان انتظار مراجعان (دقیقه)",
                kind="number",
                pass_max=Decimal(30),
                weight=2,
            ),
        ],
    )
]


def _user(cast: dict[str, Any], username: str, first: str, last: str, org: Organization, role: str) -> Any:
    if username in cast:  # a persona of the demo already (Kerman's deputy supervises NGO projects too)
        return cast[username]
    user = user_create(username=username, first_name=first, last_name=last)
    user.password = make_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    membership_add(user=user, organization=org, role=role)
    cast[username] = user
    return user


def _answers(visit: Visit, fail: set[str]) -> dict[int, dict]:
    out = {}
    for q in visit.checklist_version.questions.all():
        bad = q.code in fail
        if q.kind == "yes_no":
            raw: dict[str, Any] = {"value": not bad}
        elif q.kind == "scale":
            raw = {"value": 2 if bad else 4}
        elif q.kind == "number":
            raw = {"value": str((q.pass_max or 0) + 5 if bad else (q.pass_max or 10) - 1)}
        elif q.kind == "text":
            raw = {"value": "بازدید سرزده بدون اطلاع قبلی انجام شد."}
        else:
            raw = {}
        out[q.pk] = raw
    return out


def _play(
    plan: InspectionPlan, period_day: dt.date, today: dt.date, failing: list[set[str]], leave: int
) -> None:
    """Draw the period containing `period_day` as of the day before it began, then do its visits up to
    yesterday (the first `leave` of them left undone: they become missed visits)."""
    period = period_containing(period_day, plan.period)
    drawn_on = period.start - dt.timedelta(days=1)
    with clock(at(drawn_on, 9)):
        sealed = plans.do_draw_period(user=None, plan=plan, period=period, today=drawn_on)
    past = [v for v in sealed.visits.order_by("scheduled_on", "pk") if v.scheduled_on < today]
    for index, visit in enumerate(past):
        if index < leave:
            continue
        with clock(at(visit.scheduled_on, 11, index % 60)):
            visits.do_visit_submit(
                user=visit.inspector,
                visit=visit,
                submission_id=uuid.uuid4(),
                answers=_answers(visit, failing[index % len(failing)]),
                today=visit.scheduled_on,
            )


def setup(d: Directory, cast: dict[str, Any], today: dt.date) -> None:
    office_user = cast.get("office_kerman")
    kerman = d.territories["kerman"]
    agencies = {
        key: organization_create(name=name, kind=Kind.AGENCY, territory=kerman, supervisor=d["kerman.office"])
        for key, name in [
            ("vet", "اداره کل دامپزشکی استان کرمان"),
            ("food", "معاونت غذا و دارو دانشگاه علوم پزشکی کرمان"),
            ("sports", "اداره کل ورزش و جوانان استان کرمان"),
            ("welfare", "اداره کل بهزیستی استان کرمان"),
        ]
    }
    documents = {
        theme: PolicyDocument.objects.create(
            title=title,
            level="provincial",
            theme=theme,
            territory=kerman,
            issuer=d["kerman.office"],
            year=1402,
        )
        for theme, title in [
            ("food_security", "سند امنیت غذایی استان کرمان"),
            ("sport", "سند ورزش استان کرمان"),
            ("health", "سند سلامت استان کرمان"),
            ("citizens_rights", "سند حقوق شهروندی استان کرمان"),
        ]
    }
    t = {
        "food": checklists.template_create(
            user=None,
            document=documents["food_security"],
            title="چک‌لیست بازدید سرزده از کشتارگاه و مرکز مواد غذایی",
            facility_kinds=["slaughterhouse", "food_centre"],
            sections=FOOD,
        ),
        "sport": checklists.template_create(
            user=None,
            document=documents["sport"],
            title="چک‌لیست بازدید از اماکن ورزشی",
            facility_kinds=["sports_venue"],
            sections=SPORT,
        ),
        "health": checklists.template_create(
            user=None,
            document=documents["health"],
            title="چک‌لیست بازدید از مراکز نگهداری و کمپ‌ها",
            facility_kinds=["child_care", "elderly_care", "beggars_centre", "addiction_camp"],
            sections=HEALTH,
        ),
    }
    places = {"kerman": ("کرمان", 30.2839, 57.0834), "rafsanjan": ("رفسنجان", 30.4067, 55.9939)}
    kinds = [
        ("slaughterhouse", "کشتارگاه صنعتی دام", "vet", "food"),
        ("slaughterhouse", "کشتارگاه طیور", "vet", "food"),
        ("food_centre", "فروشگاه زنجیره‌ای مواد غذایی", "food", "food"),
        ("food_centre", "مرکز توزیع گوشت و مرغ", "food", "food"),
        ("sports_venue", "مجموعه ورزشی", "sports", "sport"),
        ("sports_venue", "سالن ورزشی بانوان", "sports", "sport"),
        ("child_care", "مرکز نگهداری کودکان بی‌سرپرست", "welfare", "health"),
        ("elderly_care", "خانه سالمندان", "welfare", "health"),
        ("beggars_centre", "مرکز ساماندهی متکدیان", "welfare", "health"),
        ("addiction_camp", "کمپ ترک اعتیاد", "welfare", "health"),
    ]
    for county_key, (name, lat, lng) in places.items():
        county = d.territories[f"kerman.{county_key}"]
        county_gov = d[f"kerman.county_gov.{county_key}"]
        deputy = _user(
            cast,
            f"deputy_{county_key}",
            "معاون سیاسی اجتماعی",
            f"فرمانداری {name}",
            county_gov,
            Role.COUNTY_DEPUTY,
        )
        for n, (kind, label, agency, _doc) in enumerate(kinds):
            facilities.do_facility_create(
                # Numbered as people write it, in Persian digits: a Latin «1» read oddly in the
                # Persian pages' titles of missed visits.
                name=f"{label} {name}"
                + (f" شماره {to_persian_digits(n + 1)}" if kind in NUMBERED_KINDS else ""),
                kind=kind,
                territory=county,
                responsible_agency=agencies[agency],
                licence_number=f"{county_key[:3].upper()}-{n + 1:03d}",
                latitude=Decimal(str(round(lat + 0.01 * (n % 5), 4))),
                longitude=Decimal(str(round(lng + 0.012 * (n // 5), 4))),
            )
        inspectors = [deputy] + ([office_user] if office_user else [])
        for doc_key, title, plan_kinds in [
            ("food", "امنیت غذایی", ["slaughterhouse", "food_centre"]),
            ("sport", "ورزش", ["sports_venue"]),
            ("health", "سلامت", ["child_care", "elderly_care", "beggars_centre", "addiction_camp"]),
        ]:
            plan = plans.do_plan_create(
                user=None,
                title=f"بازدید سرزده ماهانه {name} — سند {title}",
                organization=county_gov,
                territory=county,
                document=t[doc_key].document,
                inspectors=inspectors,
                partners=[d["kerman.office"]],
                rules=[plans.RuleSpec(k, t[doc_key]) for k in plan_kinds],
                back_check_percent=10,
            )
            first = period_containing(today, plan.period)
            previous = period_containing(first.start - dt.timedelta(days=1), plan.period)
            with clock(at(previous.start - dt.timedelta(days=3), 9)):
                InspectionPlan.objects.filter(pk=plan.pk).update(status=InspectionPlan.Status.APPROVED)
            _play(plan, previous.start, today, [set(), {"cards"}, {"vet"}, set(), {"clean", "cold"}], leave=1)
            _play(plan, first.start, today, [set(), {"coach"}, {"permit"}, {"cards"}], leave=1)
    _kerman_in_review(d, t, documents, office_user, today)
    _yazd(d, cast, today)
    with clock(at(today, 7)):
        visits.visits_mark_missed(as_of=today, by=office_user)


def _kerman_in_review(
    d: Directory, t: dict[str, Any], documents: dict[str, Any], office_user: Any, today: dt.date
) -> None:
    """What the authoring pages show: the food checklist's next version in draft (one question more),
    a citizens'-rights checklist still a draft, and a quarterly provincial plan sent for approval."""
    with clock(at(today - dt.timedelta(days=2), 10)):
        draft = drafts.draft_start(user=None, template=t["food"])
        drafts.draft_question_add(
            user=None,
            version=draft,
            section_title="زنجیره سرد",
            spec=Q("cold_log", "دفتر ثبت روزانه دمای سردخانه نگهداری می‌شود", weight=2, deadline_days=7),
        )
        rights = drafts.template_create_draft(
            user=None,
            document=documents["citizens_rights"],
            title="چک‌لیست حقوق شهروندی در مراکز نگهداری",
            facility_kinds=["child_care", "elderly_care"],
        )
        drafts.draft_question_add(
            user=None,
            version=rights.draft_version(),
            section_title="حقوق مراجعان",
            spec=Q("charter", "منشور حقوق شهروندی در معرض دید مراجعان است", weight=1),
        )
    if office_user is None:
        return
    with clock(at(today - dt.timedelta(days=1), 11)):
        plan = plans.do_plan_create(
            user=office_user,
            title="بازدید سرزده فصلی اماکن ورزشی استان کرمان",
            organization=d["kerman.office"],
            territory=d.territories["kerman"],
            document=t["sport"].document,
            inspectors=[office_user],
            rules=[plans.RuleSpec("sports_venue", t["sport"], sample_percent=30)],
            period=InspectionPlan.Period.QUARTER,
            back_check_percent=5,
        )
        plans.plan_submit(user=None, plan=plan)
        InspectionPlan.objects.filter(pk=plan.pk).update(submitted_by=office_user)


def _yazd(d: Directory, cast: dict[str, Any], today: dt.date) -> None:
    yazd = d.territories["yazd"]
    county = d.territories["yazd.yazd"]
    document = PolicyDocument.objects.create(
        title="سند حقوق شهروندی در نظام اداری",
        level="provincial",
        theme="citizens_rights",
        territory=yazd,
        issuer=d["yazd.office"],
        year=1402,
    )
    template = checklists.template_create(
        user=None,
        document=document,
        title="چک‌لیست حقوق شهروندی در دستگاه‌های خدمات‌رسان",
        facility_kinds=["hospital", "municipal_office", "service_office"],
        sections=RIGHTS,
    )
    health = organization_create(
        name="دانشگاه علوم پزشکی شهید صدوقی یزد",
        kind=Kind.AGENCY,
        territory=yazd,
        supervisor=d["yazd.office"],
    )
    for n, (kind, name, agency, lat, lng) in enumerate(
        [
            ("hospital", "بیمارستان شهید صدوقی یزد", health, 31.8722, 54.3385),
            ("hospital", "بیمارستان افشار یزد", health, 31.8905, 54.3690),
            ("hospital", "بیمارستان شهید رهنمون یزد", health, 31.8969, 54.3570),
            (
                "municipal_office",
                "دفتر خدمات شهری منطقه یک شهرداری یزد",
                d["yazd.municipality"],
                31.8974,
                54.3569,
            ),
            (
                "municipal_office",
                "دفتر خدمات شهری منطقه دو شهرداری یزد",
                d["yazd.municipality"],
                31.8810,
                54.3420,
            ),
            (
                "municipal_office",
                "دفتر خدمات شهری منطقه سه شهرداری یزد",
                d["yazd.municipality"],
                31.9050,
                54.3800,
            ),
        ]
    ):
        facilities.do_facility_create(
            name=name,
            kind=kind,
            territory=county,
            responsible_agency=agency,
            licence_number=f"YZD-{n + 1:03d}",
            latitude=Decimal(str(lat)),
            longitude=Decimal(str(lng)),
        )
    team_gov = _user(cast, "inspector_yazd", "بازرس", "استانداری یزد", d["yazd.governorate"], Role.INSPECTOR)
    team_mpo = _user(
        cast, "inspector_yazd_mpo", "بازرس", "سازمان مدیریت و برنامه‌ریزی یزد", d["yazd.mpo"], Role.INSPECTOR
    )
    plan = plans.do_plan_create(
        user=None,
        title="بازدید تیم مشترک حقوق شهروندی (استانداری و سازمان مدیریت و برنامه‌ریزی)",
        organization=d["yazd.governorate"],
        partners=[d["yazd.mpo"]],
        territory=yazd,
        document=document,
        inspectors=[team_gov, team_mpo],
        period=InspectionPlan.Period.QUARTER,
        rules=[plans.RuleSpec("hospital", template), plans.RuleSpec("municipal_office", template)],
    )
    InspectionPlan.objects.filter(pk=plan.pk).update(status=InspectionPlan.Status.APPROVED)
    _play(plan, today, today, [set(), {"answer"}, {"charter", "waiting"}, {"access"}], leave=1)
