"""Programs and indicators in the demo (S1.4, S3.5, S4.4, S5.2).

- The national roadmap of the five social harms (peygir/demo/five_harms.py).
- Markazi's Transformation and Excellence Program (S3): its goals, from the office's presentation in
  the minutes, and a seasonal duty for each member agency — each an action in the agency's inbox.
- Kerman's strategies for sport, health, culture, organizing beggars and informal settlements (S4.4),
  handed to the county deputies as programs whose monthly duties sit with each county governorate;
  from the begging strategy the office defines a monthly indicator of its own, sets yearly targets per
  county (one corrected: version 2) and closes last month with two counties' reports missing.
- The Yazd education council's picture of public and non-public schools by county (S1.4).

The seeds give no figures: values are illustrative, generated deterministically from each county's
code (so every load shows the same picture). County populations are not in the shipped boundary data,
so the demo's rates per 1,000 carry their population as an entered denominator.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from peygir.core.jalali import jalali_year
from peygir.programs import closures, duties
from peygir.programs import indicators as definitions
from peygir.programs.models import Indicator, PolicyDocument, Theme
from peygir.programs.periods import MONTH, YEAR, Period, period_of
from peygir.programs.values import Row, values_enter

from .five_harms import (
    HARM_INDICATORS,
    SEASONS,
    K,
    counties_of,
    five_harms,
    make_indicator,
    seeded_rng,
)
from .organizations import Directory
from .timeline import Timeline

MARKAZI_GOALS = [
    "حذف موازی‌کاری‌ها و تضاد کارکردها میان دستگاه‌های اجرایی حوزه اجتماعی و فرهنگی",
    "ایفای وظایف دستگاه‌های اجرایی در قبال موضوعات اجتماعی و فرهنگی برنامه تحول مردمی",
    "ارزیابی مستمر تحقق اهداف برنامه توسط دبیرخانه کارگروه",
]
MARKAZI_DUTIES = {
    "education": "اجرای سهم آموزش و پرورش از برنامه تحول و تعالی و گزارش فصلی پیشرفت",
    "health": "اجرای سهم دانشگاه علوم پزشکی از برنامه تحول و تعالی و گزارش فصلی پیشرفت",
    "welfare": "اجرای سهم بهزیستی از برنامه تحول و تعالی و گزارش فصلی پیشرفت",
    "culture": "اجرای سهم فرهنگ و ارشاد اسلامی از برنامه تحول و تعالی و گزارش فصلی پیشرفت",
    "sports": "اجرای سهم ورزش و جوانان از برنامه تحول و تعالی و گزارش فصلی پیشرفت",
    "municipality": "اجرای سهم شهرداری اراک از برنامه تحول و تعالی و گزارش فصلی پیشرفت",
}


def markazi_program(d: Directory, cast: dict[str, Any], t: Timeline) -> Any:
    year = jalali_year(t.s3_meeting)
    document = PolicyDocument.objects.create(
        title="برنامه تحول و تعالی حوزه اجتماعی و فرهنگی استان مرکزی",
        level="provincial",
        theme=Theme.CULTURE,
        territory=d.territories["markazi"],
        issuer=d["markazi.office"],
        year=year,
        summary="برنامه تحول و تعالی یک میثاق بین دستگاه‌های اجرایی و فعالان حوزه فرهنگی و اجتماعی استان است "
        "که ذیل اسناد بالادستی به‌خصوص برنامه تحول مردمی دولت سیزدهم تهیه شده است.",
    )
    program = duties.do_program_create(
        title="برنامه تحول و تعالی حوزه اجتماعی و فرهنگی استان",
        theme=Theme.CULTURE,
        territory=d.territories["markazi"],
        owner=d["markazi.office"],
        document=document,
        start_year=year,
        end_year=year + 1,
        summary=document.summary,
    )
    goals = [duties.goal_add(user=None, program=program, title=g) for g in MARKAZI_GOALS]
    for key, title in MARKAZI_DUTIES.items():
        duties.do_duty_create(
            program=program,
            title=title,
            responsible=d[f"markazi.{key}"],
            recurrence="season",
            starts_on=t.s3_meeting,
            goal=goals[1],
            user=cast.get("office_markazi"),
            today=t.today,
        )
    return program


KERMAN_STRATEGIES = [
    (Theme.SPORT, "راهبرد ورزش شهرستان", "بازدید سرزده ماهانه از مکان‌های ورزشی شهرستان (سند ورزش)"),
    (
        Theme.HEALTH,
        "راهبرد سلامت شهرستان",
        "بازدید ماهانه از مراکز نگهداری کودکان، سالمندان، متکدیان و کمپ‌های ترک اعتیاد (سند سلامت)",
    ),
    (Theme.CULTURE, "راهبرد فرهنگ و اجتماع شهرستان", "گزارش ماهانه برنامه‌های فرهنگی و اجتماعی شهرستان"),
    (Theme.BEGGING, "راهبرد ساماندهی متکدیان شهرستان", "گزارش ماهانه ساماندهی متکدیان شهرستان"),
    (
        Theme.INFORMAL_SETTLEMENTS,
        "راهبرد ساماندهی حاشیه‌نشینی شهرستان",
        "گزارش ماهانه اقدامات محله‌های حاشیه‌نشین شهرستان",
    ),
]


def kerman_strategies(d: Directory, cast: dict[str, Any], t: Timeline) -> list[Any]:
    """The strategies presented to the county deputies, each a program of the office with a monthly duty
    for each county governorate (S4.4)."""
    year = jalali_year(t.today)
    deputies = [org for key, org in d.orgs.items() if key.startswith("kerman.county_gov.")]
    programs = []
    for theme, title, duty_title in KERMAN_STRATEGIES:
        program = duties.do_program_create(
            title=f"{title} — استان کرمان",
            theme=theme,
            territory=d.territories["kerman"],
            owner=d["kerman.office"],
            start_year=year,
            end_year=year,
            summary="راهبردهای حوزه اجتماعی به معاونین سیاسی اجتماعی فرمانداران ارائه شد تا بدانند در حوزه "
            "اجتماعی در خصوص ورزش، سلامت، فرهنگ و اجتماع همچنین ساماندهی متکدیان و حاشیه‌نشینی چه باید بکنند.",
        )
        for deputy in deputies:
            duties.do_duty_create(
                program=program,
                title=duty_title,
                responsible=deputy,
                recurrence="month",
                starts_on=t.setup,
                today=t.today,
            )
        programs.append(program)
    return programs


def kerman_beggingmake_indicator(
    d: Directory, cast: dict[str, Any], t: Timeline, programs: list[Any]
) -> dict[str, Any]:
    """The Kerman office defines, from its begging strategy, a monthly indicator of its own (the page
    path: a program's managers define for their program), sets a yearly target per county (one of them
    corrected — version 2), and the county deputies report last month — all but two counties, so that
    the office's closing of the month lists who was missing."""
    staff = cast.get("office_kerman")
    program = next((p for p in programs if p.theme == Theme.BEGGING), None)
    if staff is None or program is None:
        return {}
    indicator = definitions.indicator_create(
        user=staff,
        code="KRM-BEG-1",
        name="شمار متکدیان شناسایی و ساماندهی‌شده",
        theme=Theme.BEGGING,
        program=program,
        responsible=d["kerman.office"],
        kind=K.NUMBER,
        direction="higher",
        unit="نفر",
        entry_level="county",
        period_type=MONTH,
        time_aggregation="sum",
        min_value=Decimal(0),
        max_value=Decimal(5000),
        jump_percent=80,
        disaggregations={"جنس": ["زن", "مرد"], "گروه سنی": ["کودک", "بزرگسال"]},
        note="تعریف شده در راهبرد ساماندهی متکدیان استان کرمان",
    )
    counties = counties_of(d.territories["kerman"])
    year = jalali_year(t.today)
    targets = []
    for county in counties:
        goal = seeded_rng("KRM-BEG-1", county.code).randint(3, 12) * 10
        targets.append(
            definitions.target_set(
                user=staff, indicator=indicator, territory=county, year=year, value=goal,
                expected_version=definitions.NEW,
            )
        )  # fmt: skip
    if targets:  # a correction after the governor's meeting: the page shows version 2
        first = targets[0]
        definitions.target_set(
            user=staff, indicator=indicator, territory=first.territory, year=year,
            value=first.value + 20, expected_version=first.version,
        )  # fmt: skip
    last_month = period_of(t.today, MONTH).previous()
    reporting = counties[:-2] if len(counties) > 2 else counties
    rows = [
        Row(
            county,
            value=seeded_rng("KRM-BEG-1", county.code, last_month.key).randint(2, 40),
            comment="گزارش ماهانه",
        )
        for county in reporting
    ]
    if rows:
        values_enter(user=None, indicator=indicator, period=last_month, rows=rows, today=t.today)
    closure = closures.period_close(
        user=staff,
        province=d.territories["kerman"],
        period=last_month,
        reason="پایان مهلت گزارش ماهانه؛ شهرستان‌های بی‌گزارش در جلسهٔ کارگروه پیگیری می‌شوند.",
        today=t.today,
    )
    return {"indicator": indicator, "closure": closure}


def yazd_schools(d: Directory, cast: dict[str, Any], t: Timeline) -> list[Indicator]:
    """Public and non-public schools per county, yearly, for the education council (S1.4)."""
    common = {
        "period_type": YEAR,
        "entry_level": "county",
        "time_aggregation": "last",
        "min_value": Decimal(0),
    }
    public = make_indicator(
        "EDU-1",
        Theme.EDUCATION,
        "تعداد مدارس دولتی",
        None,
        kind=K.NUMBER,
        direction="higher",
        unit="مدرسه",
        **common,
    )
    private = make_indicator(
        "EDU-2",
        Theme.EDUCATION,
        "تعداد مدارس غیردولتی",
        None,
        kind=K.NUMBER,
        direction="higher",
        unit="مدرسه",
        **common,
    )
    share = make_indicator(
        "EDU-3",
        Theme.EDUCATION,
        "سهم مدارس غیردولتی",
        None,
        kind=K.PERCENTAGE,
        direction="higher",
        unit="درصد",
        numerator_label="مدارس غیردولتی",
        denominator_label="همه مدارس",
        max_value=Decimal(100),
        **common,
    )
    counties = counties_of(d.territories["yazd"])
    last = jalali_year(t.today) - 1
    for year in range(last - 2, last + 1):
        period = Period(YEAR, year)
        rows_public, rows_private, rows_share = [], [], []
        for county in counties:
            rng = seeded_rng("schools", county.code)
            base = rng.randint(25, 420)
            n_public = base + (year - last) * 2
            n_private = round(base * rng.uniform(0.08, 0.3)) + (year - last + 2)
            rows_public.append(Row(county, value=n_public))
            rows_private.append(Row(county, value=n_private))
            rows_share.append(Row(county, numerator=n_private, denominator=n_public + n_private))
        for indicator, rows in ((public, rows_public), (private, rows_private), (share, rows_share)):
            values_enter(user=None, indicator=indicator, period=period, rows=rows, today=t.today)
    return [public, private, share]


def load(d: Directory, cast: dict[str, Any], t: Timeline, seasons: int = SEASONS) -> dict[str, Any]:
    """Everything above; called by the loader once the directory and the logins exist."""
    kerman = kerman_strategies(d, cast, t)
    return {
        "roadmap": five_harms(d, cast, t, seasons),
        "markazi": markazi_program(d, cast, t),
        "kerman": kerman,
        "kerman_begging": kerman_beggingmake_indicator(d, cast, t, kerman),
        "yazd": yazd_schools(d, cast, t),
    }


__all__ = ["load", "HARM_INDICATORS", "dt"]
