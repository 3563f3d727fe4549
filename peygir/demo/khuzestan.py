"""Khuzestan (S2): the province's pilot facilitation and local development offices, and their demands.

The pilot as announced: five offices in underprivileged areas of Ahvaz — Zovieh and Molashieh opened
on Sunday 24 Tir 1397 — and two in other counties. It names no other neighbourhood, so the other three
Ahvaz offices take real, well-known underprivileged neighbourhoods of Ahvaz (Hasirabad, Manba-e Ab,
Kuy-e Alavi) and the county offices Dezful and Shushtar; their opening dates, the demands, households
and activities are the demo's own. Everything goes through the services, at the moment of the story it
belongs to (clock.py), so the demands' events, actions and SMS outbox are real.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from peygir.core.jalali import today as local_today
from peygir.demands import services as demands
from peygir.demands.models import Demand, DemandCategory
from peygir.facilitation import services as facilitation
from peygir.facilitation.models import EmpowermentActivity, FacilitationOffice
from peygir.organizations.models import Organization
from peygir.organizations.services import organization_create
from peygir.territory.models import Territory
from peygir.territory.services import territory_create

from .clock import at, clock
from .organizations import Directory, _county
from .timeline import Timeline

Kind = Organization.Kind
PILOT_OPENED = dt.date(2018, 7, 15)  # یکشنبه ۲۴ تیر ۱۳۹۷
CLIENT_IP = "127.0.0.1"

# (key, neighbourhood, county key, underprivileged, informal settlement, opened on)
OFFICES: list[tuple[str, str, str, bool, bool, dt.date]] = [
    ("zovieh", "زویه", "ahvaz", True, True, PILOT_OPENED),
    ("molashieh", "ملاشیه", "ahvaz", True, True, PILOT_OPENED),
    ("hasirabad", "حصیرآباد", "ahvaz", True, True, dt.date(2018, 8, 12)),
    ("manba_ab", "منبع آب", "ahvaz", True, False, dt.date(2018, 8, 12)),
    ("kuy_alavi", "کوی علوی", "ahvaz", True, True, dt.date(2018, 9, 2)),
    ("dezful", "سیاه‌پوشان دزفول", "dezful", True, False, dt.date(2018, 9, 16)),
    ("shushtar", "شهرک دانشگاه شوشتر", "shushtar", True, True, dt.date(2018, 9, 16)),
]
# Agencies the default categories route to: (key, name, short name, county key or None).
AGENCIES: list[tuple[str, str, str, str | None]] = [
    ("education", "اداره کل آموزش و پرورش استان خوزستان", "آموزش و پرورش", None),
    ("health", "دانشگاه علوم پزشکی جندی‌شاپور اهواز", "علوم پزشکی جندی‌شاپور", None),
    ("municipality_ahvaz", "شهرداری اهواز", "شهرداری اهواز", "ahvaz"),
    ("employment", "اداره کل تعاون، کار و رفاه اجتماعی استان خوزستان", "تعاون، کار و رفاه اجتماعی", None),
    ("sports", "اداره کل ورزش و جوانان استان خوزستان", "ورزش و جوانان", None),
    ("electricity", "شرکت توزیع نیروی برق اهواز", "توزیع برق اهواز", "ahvaz"),
]
# Default category code → agency key (welfare already exists in the directory); construction only
# in Ahvaz county (the municipality); environment has no rule, so it waits in the office's triage.
RULES: list[tuple[str, str, str]] = [
    ("education", "education", "province"),
    ("health", "health", "province"),
    ("construction", "municipality_ahvaz", "ahvaz"),
    ("welfare", "welfare", "province"),
    ("employment", "employment", "province"),
    ("culture-sport", "sports", "province"),
]
LOGINS: dict[str, str] = {key: f"facilitator_{key}" for key, *_rest in OFFICES}


@dataclass
class KhuzestanStory:
    offices: dict[str, FacilitationOffice] = field(default_factory=dict)
    categories: dict[str, DemandCategory] = field(default_factory=dict)
    demands: dict[str, Demand] = field(default_factory=dict)


def extend_directory(d: Directory) -> None:
    """Neighbourhoods, office organizations, a county governorate and agencies, before the logins exist."""
    province = d.territories["khuzestan"]
    d.territories["khuzestan.shushtar"] = _county(province, "شوشتر")
    d.orgs["khuzestan.county_gov.shushtar"] = organization_create(
        name="فرمانداری شوشتر",
        kind=Kind.COUNTY_GOVERNORATE,
        territory=d.territories["khuzestan.shushtar"],
        supervisor=d["khuzestan.office"],
    )
    for key, name, county_key, poor, informal, _opened in OFFICES:
        if f"khuzestan.facilitation.{key}" in d.orgs:
            continue  # Zovieh and Molashieh are in the directory already (organizations.py)
        hood = territory_create(
            kind=Territory.Kind.NEIGHBOURHOOD,
            name_fa=f"منطقه {name}" if county_key == "ahvaz" else f"محله {name}",
            code=f"IR-06-demo-{key}",
            parent=d.territories[f"khuzestan.{county_key}"],
            is_underprivileged=poor,
            is_informal_settlement=informal,
        )
        d.territories[f"khuzestan.{key}"] = hood
        d.orgs[f"khuzestan.facilitation.{key}"] = organization_create(
            name=f"دفتر تسهیلگری و توسعه محلی {hood.name_fa}",
            kind=Kind.FACILITATION_OFFICE,
            territory=hood,
            supervisor=d[f"khuzestan.county_gov.{county_key}"],
        )
    for key, name, short, county_key in AGENCIES:
        territory = d.territories[f"khuzestan.{county_key}"] if county_key else province
        supervisor = d[f"khuzestan.county_gov.{county_key}"] if county_key else d["khuzestan.office"]
        d.orgs[f"khuzestan.{key}"] = organization_create(
            name=name, kind=Kind.AGENCY, territory=territory, supervisor=supervisor, short_name=short
        )


def setup(d: Directory, cast: dict[str, Any]) -> KhuzestanStory:
    """The offices (opened by the provincial office's expert), the categories and the routing rules."""
    story = KhuzestanStory()
    staff = cast["office_khuzestan"]
    for key, _name, _county_key, _poor, _informal, opened in OFFICES:
        story.offices[key] = facilitation.office_create(
            user=staff,
            organization=d[f"khuzestan.facilitation.{key}"],
            neighbourhoods=[d.territories[f"khuzestan.{key}"]],
            opened_on=opened,
            is_pilot=True,
        )
    story.categories = {c.code: c for c in demands.ensure_default_categories()}
    for code, agency_key, place in RULES:
        territory = d.territories["khuzestan" if place == "province" else f"khuzestan.{place}"]
        demands.routing_rule_create(
            user=staff,
            category=story.categories[code],
            agency=d[f"khuzestan.{agency_key}"],
            territory=territory,
        )
    return story


# ---------------------------------------------------------------- the story


@dataclass(frozen=True)
class Intake:
    key: str
    office: str
    category: str
    days_ago: int
    title: str
    description: str
    citizen: str
    mobile: str
    group: bool = False
    point: tuple[float, float] | None = None


INTAKES: list[Intake] = [
    Intake(
        "classrooms",
        "zovieh",
        "education",
        60,
        "کمبود کلاس درس در دبستان دخترانه محله زویه",
        "کلاس‌های دبستان دخترانه محله بیش از ظرفیت است و دانش‌آموزان پایه اول در نوبت سوم درس می‌خوانند.",
        "زهرا عبیات",
        "۰۹۱۶۱۲۳۴۵۰۱",
        point=(31.3012, 48.6431),
    ),
    Intake(
        "sewage",
        "zovieh",
        "construction",
        75,
        "پس‌زدن فاضلاب و آب‌گرفتگی کوچه‌های زویه",
        "پس از هر بارندگی فاضلاب در کوچه‌های اصلی محله پس می‌زند و رفت‌وآمد کودکان به مدرسه دشوار می‌شود.",
        "علی ساکی",
        "09161234502",
        group=True,
        point=(31.2987, 48.6452),
    ),
    Intake(
        "health_house",
        "zovieh",
        "health",
        20,
        "نبود خانه بهداشت فعال در محله زویه",
        "نزدیک‌ترین مرکز بهداشت دور است و مادران برای مراقبت کودکان باید چند کیلومتر بروند.",
        "مریم چنانی",
        "+989161234503",
    ),
    Intake(
        "female_headed",
        "zovieh",
        "welfare",
        15,
        "حمایت از زنان سرپرست خانوار محله زویه",
        "جمعی از زنان سرپرست خانوار محله برای دریافت حمایت و پوشش بیمه درخواست دارند.",
        "فاطمه نیسی",
        "00989161234504",
        group=True,
    ),
    Intake(
        "rubble",
        "zovieh",
        "environment",
        5,
        "جمع‌آوری نخاله و زباله‌های رهاشده در حاشیه محله",
        "زمین‌های بایر حاشیه محله محل تخلیه نخاله و زباله شده است.",
        "حسین عساکره",
        "09161234505",
    ),
    Intake(
        "school_bus",
        "molashieh",
        "education",
        40,
        "سرویس مدرسه برای دانش‌آموزان دختر ملاشیه",
        "دبیرستان دخترانه دور از محله است و خانواده‌ها توان پرداخت سرویس را ندارند.",
        "سکینه حیدری",
        "09161234506",
    ),
    Intake(
        "street_lights",
        "molashieh",
        "construction",
        30,
        "روشنایی معابر اصلی منطقه ملاشیه",
        "چراغ‌های معابر اصلی ماه‌هاست خاموش است و شب‌ها رفت‌وآمد ناامن شده است.",
        "عبدالله موسوی",
        "09161234507",
        group=True,
        point=(31.2846, 48.6893),
    ),
    Intake(
        "youth_skills",
        "molashieh",
        "employment",
        10,
        "دوره مهارت‌آموزی برای جوانان بیکار ملاشیه",
        "جوانان بیکار محله خواستار دوره‌های فنی‌وحرفه‌ای در محل هستند.",
        "رضا باوی",
        "09161234508",
    ),
    Intake(
        "vaccination",
        "hasirabad",
        "health",
        30,
        "مراقبت و واکسیناسیون کودکان حصیرآباد",
        "تعدادی از کودکان محله واکسن‌های نوبتی را دریافت نکرده‌اند.",
        "لیلا زرگانی",
        "09161234509",
    ),
    Intake(
        "sports_field",
        "manba_ab",
        "culture-sport",
        18,
        "زمین ورزشی برای نوجوانان منبع آب",
        "محله فضای ورزشی ندارد و نوجوانان در خیابان بازی می‌کنند.",
        "محمد طرفی",
        "09161234510",
    ),
    Intake(
        "school_toilets",
        "dezful",
        "education",
        12,
        "تعمیر سرویس‌های بهداشتی مدرسه محله سیاه‌پوشان",
        "سرویس‌های بهداشتی مدرسه ابتدایی محله خراب است.",
        "نرگس دزفولی‌نژاد",
        "09161234511",
    ),
    Intake(
        "elderly",
        "shushtar",
        "welfare",
        8,
        "حمایت از سالمندان تنهای محله",
        "چند سالمند تنها در محله بدون مراقب زندگی می‌کنند.",
        "جواد شوشتری",
        "09161234512",
    ),
]


def _days_ago(t: Timeline, days: int) -> dt.date:
    return t.today - dt.timedelta(days=days)


def _liaison(cast: dict[str, Any], agency_key: str) -> Any:
    return cast[f"liaison_khz_{agency_key}"]


def run_story(d: Directory, cast: dict[str, Any], story: KhuzestanStory, t: Timeline) -> None:
    """A dozen demands in various states, households and activities, in the order they happened."""
    events: list[tuple[dt.date, int, Any]] = []
    for index, item in enumerate(INTAKES):
        events.append((_days_ago(t, item.days_ago), index, lambda item=item: _intake(cast, story, item)))

    def later(days: int, run: Any) -> None:
        events.append((_days_ago(t, days), 100 + len(events), run))

    # Resolved and rated: education answers, the office verifies, the citizen gives five stars.
    later(35, lambda: _done(cast, story, "classrooms", "education", "دو کلاس کانکسی استاندارد نصب شد."))
    later(33, lambda: _verify(cast, story, "classrooms", "zovieh"))
    later(30, lambda: _rate(story, "classrooms", 5))
    # Resolved and rated lower in Hasirabad.
    later(
        12,
        lambda: _done(cast, story, "vaccination", "health", "تیم سیار واکسیناسیون دو نوبت در محله مستقر شد."),
    )
    later(10, lambda: _verify(cast, story, "vaccination", "hasirabad"))
    later(9, lambda: _rate(story, "vaccination", 3))
    # Planned: the university proposes a date, the office accepts it.
    later(15, lambda: _plan(cast, story, "health_house", t.today + dt.timedelta(days=45)))
    # Supporters: neighbours ask for the same thing.
    later(14, lambda: _support(cast, story, "female_headed", "خدیجه سواری", "09161234521"))
    later(12, lambda: _support(cast, story, "female_headed", "", ""))
    later(30, lambda: _support(cast, story, "sewage", "کریم بیت‌سیاح", "09161234522"))
    # Done, awaiting the office's check.
    later(
        10,
        lambda: _done(cast, story, "school_bus", "education", "سرویس رایگان از ابتدای ماه آینده برقرار است."),
    )
    # Wrong agency: the municipality says «not ours», the office sends it to the power company.
    later(28, lambda: _not_ours(cast, story, "street_lights"))
    later(27, lambda: _assign(cast, story, "street_lights", d["khuzestan.electricity"]))
    # Households and activities.
    later(58, lambda: _households(cast, story))
    later(
        40,
        lambda: _activity(
            cast, story, "zovieh", "skills", "دوره آموزش خیاطی برای زنان سرپرست خانوار", 25, 25
        ),
    )
    later(
        21,
        lambda: _activity(
            cast, story, "zovieh", "empowerment", "کارگاه مهارت‌های زندگی برای نوجوانان", 40, 18
        ),
    )
    later(16, lambda: _activity(cast, story, "molashieh", "skills", "دوره تعمیر لوازم خانگی", 15, 2))
    later(
        6, lambda: _activity(cast, story, "hasirabad", "awareness", "جلسه آگاه‌سازی پیشگیری از اعتیاد", 60, 31)
    )
    # Intakes in the morning (09:00 + one minute each), the follow-ups in the afternoon, in list order.
    for day, order, run in sorted(events, key=lambda e: (e[0], e[1])):
        with clock(at(day, 9, order) if order < 100 else at(day, 14, order - 100)):
            run()


def _intake(cast: dict[str, Any], story: KhuzestanStory, item: Intake) -> None:
    office = story.offices[item.office]
    extra = {}
    if item.point:
        extra = {"latitude": item.point[0], "longitude": item.point[1]}
    story.demands[item.key] = demands.demand_intake(
        user=cast[LOGINS[item.office]],
        office=office,
        category=story.categories[item.category],
        neighbourhood=office.neighbourhoods.get(),
        title=item.title,
        description=item.description,
        citizen_name=item.citizen,
        citizen_mobile=item.mobile,
        consent=True,
        on_behalf_of_group=item.group,
        **extra,
    )


def _fresh(story: KhuzestanStory, key: str) -> Demand:
    story.demands[key] = Demand.objects.select_related("office__organization", "neighbourhood").get(
        pk=story.demands[key].pk
    )
    return story.demands[key]


def _done(cast: dict[str, Any], story: KhuzestanStory, key: str, agency_key: str, text: str) -> None:
    demands.demand_answer_done(user=_liaison(cast, agency_key), demand=_fresh(story, key), text=text)


def _verify(cast: dict[str, Any], story: KhuzestanStory, key: str, office_key: str) -> None:
    demands.demand_verify(
        user=cast[LOGINS[office_key]], demand=_fresh(story, key), public_note="با سپاس از همراهی شما."
    )


def _rate(story: KhuzestanStory, key: str, rating: int) -> None:
    demand = _fresh(story, key)
    demands.demand_rate(
        tracking_code=demand.tracking_code,
        mobile_last4=demand.mobile_last4,
        rating=rating,
        resolved=True,
        client_ip=CLIENT_IP,
    )


def _plan(cast: dict[str, Any], story: KhuzestanStory, key: str, date: dt.date) -> None:
    demands.demand_answer_planned(
        user=_liaison(cast, "health"), demand=_fresh(story, key), date=date, note="در برنامه سال جاری است."
    )
    demands.demand_accept_plan(user=cast[LOGINS["zovieh"]], demand=_fresh(story, key))


def _support(cast: dict[str, Any], story: KhuzestanStory, key: str, name: str, mobile: str) -> None:
    demands.demand_add_supporter(
        user=cast[LOGINS["zovieh"]],
        demand=_fresh(story, key),
        citizen_name=name,
        citizen_mobile=mobile,
        consent=True,  # the neighbour agreed, at the office, that their number is kept to follow it
    )


def _not_ours(cast: dict[str, Any], story: KhuzestanStory, key: str) -> None:
    demands.demand_answer_not_ours(
        user=_liaison(cast, "municipality_ahvaz"),
        demand=_fresh(story, key),
        reason="روشنایی معابر با شرکت توزیع نیروی برق است.",
    )


def _assign(cast: dict[str, Any], story: KhuzestanStory, key: str, agency: Organization) -> None:
    demands.demand_assign_from_triage(
        user=cast[LOGINS["molashieh"]],
        demand=_fresh(story, key),
        agency=agency,
        reason="بنا به پاسخ شهرداری، روشنایی معابر با شرکت توزیع نیروی برق است.",
    )


def _households(cast: dict[str, Any], story: KhuzestanStory) -> None:
    """The least personal data: a reference code, the needs, the size, the programmes that helped."""
    for office_key, needs, members, programs in [
        ("zovieh", ["female_headed", "food"], 4, "کمیته امداد امام خمینی (ره)"),
        ("zovieh", ["education"], 6, ""),
        ("zovieh", ["disability", "health"], 3, "بهزیستی"),
        ("zovieh", ["employment", "housing"], 5, ""),
        ("molashieh", ["addiction"], 4, "مرکز درمان اعتیاد بهزیستی"),
        ("molashieh", ["female_headed"], 2, ""),
    ]:
        office = story.offices[office_key]
        facilitation.household_create(
            user=cast[LOGINS[office_key]],
            office=office,
            neighbourhood=office.neighbourhoods.get(),
            needs=needs,
            members_count=members,
            programs=programs,
        )


def _activity(
    cast: dict[str, Any], story: KhuzestanStory, office_key: str, kind: str, title: str, n: int, women: int
) -> None:
    facilitation.activity_create(
        user=cast[LOGINS[office_key]],
        office=story.offices[office_key],
        kind=EmpowermentActivity.Kind(kind),
        title=title,
        held_on=local_today(),
        participants=n,
        women_participants=women,
    )
