"""The demo's national roadmap of the five social harms (S5.2): its indicators (two per harm), entered
per county per season in the five seed provinces, approved county → province → national for the older
seasons, the last season still a draft; yearly targets per province. Also the helpers the other
programs of the demo (peygir/demo/programs.py) build their indicators with.

Values are illustrative, generated deterministically from each county's code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from decimal import Decimal
from typing import Any

from peygir.core.jalali import jalali_year
from peygir.programs import approvals, duties
from peygir.programs.models import Indicator, IndicatorTarget, IndicatorVersion, PolicyDocument, Theme
from peygir.programs.periods import SEASON, YEAR, Period, period_of
from peygir.programs.selectors import ROADMAP_TITLE, aggregate_value
from peygir.programs.values import Row, values_enter
from peygir.territory.models import Territory

from .clock import at, clock
from .organizations import Directory
from .timeline import Timeline

K = IndicatorVersion.Kind
PROVINCES = ("markazi", "yazd", "khuzestan", "kerman", "alborz")
# The province that reported one season (the fourth from the last) after its due date.
LATE_REPORT = ("khuzestan", 4)
# (code, theme, name, kind, direction, unit, numerator, denominator, time aggregation, base value)
HARM_INDICATORS: list[tuple] = [
    (
        "ADD-1",
        Theme.ADDICTION,
        "نرخ پذیرش مصرف‌کنندگان مواد در مراکز درمان (در هر هزار نفر)",
        K.RATE,
        "higher",
        "در هزار نفر",
        "پذیرش در مراکز درمان",
        "جمعیت شهرستان",
        "sum",
        0.9,
    ),
    (
        "ADD-2",
        Theme.ADDICTION,
        "درصد دانش‌آموزان تحت پوشش آموزش پیشگیری از اعتیاد",
        K.PERCENTAGE,
        "higher",
        "درصد",
        "دانش‌آموزان آموزش‌دیده",
        "کل دانش‌آموزان",
        "sum",
        35,
    ),
    (
        "DIV-1",
        Theme.DIVORCE,
        "نرخ طلاق (در هر هزار نفر)",
        K.RATE,
        "lower",
        "در هزار نفر",
        "طلاق ثبت‌شده",
        "جمعیت شهرستان",
        "sum",
        0.55,
    ),
    (
        "DIV-2",
        Theme.DIVORCE,
        "نسبت طلاق به ازدواج",
        K.PERCENTAGE,
        "lower",
        "درصد",
        "طلاق ثبت‌شده",
        "ازدواج ثبت‌شده",
        "sum",
        33,
    ),
    (
        "INF-1",
        Theme.INFORMAL_SETTLEMENTS,
        "جمعیت ساکن در سکونتگاه‌های غیررسمی",
        K.NUMBER,
        "lower",
        "نفر",
        "",
        "",
        "last",
        9000,
    ),
    (
        "INF-2",
        Theme.INFORMAL_SETTLEMENTS,
        "محله‌های دارای طرح بازآفرینی فعال",
        K.NUMBER,
        "higher",
        "محله",
        "",
        "",
        "last",
        3,
    ),
    (
        "VIO-1",
        Theme.VIOLENCE,
        "نرخ نزاع منجر به جرح (در هر هزار نفر)",
        K.RATE,
        "lower",
        "در هزار نفر",
        "پرونده نزاع",
        "جمعیت شهرستان",
        "sum",
        1.6,
    ),
    (
        "VIO-2",
        Theme.VIOLENCE,
        "تماس‌های خشونت خانگی با اورژانس اجتماعی (۱۲۳)",
        K.NUMBER,
        "lower",
        "تماس",
        "",
        "",
        "sum",
        60,
    ),
    ("BEG-1", Theme.BEGGING, "متکدیان ساماندهی‌شده", K.NUMBER, "higher", "نفر", "", "", "sum", 25),
    (
        "BEG-2",
        Theme.BEGGING,
        "درصد بازگشت متکدیان ساماندهی‌شده به تکدی‌گری",
        K.PERCENTAGE,
        "lower",
        "درصد",
        "بازگشت به تکدی",
        "ساماندهی‌شده",
        "sum",
        30,
    ),
]


def seeded_rng(*parts: object) -> random.Random:
    seed = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()
    return random.Random(int(seed[:12], 16))


def make_indicator(
    code: str, theme: str, name: str, document: PolicyDocument | None, **version: Any
) -> Indicator:
    indicator = Indicator.objects.create(code=code, name=name, theme=theme, document=document)
    indicator.current_version = IndicatorVersion.objects.create(indicator=indicator, number=1, **version)
    indicator.save(update_fields=["current_version"])
    return indicator


def counties_of(province: Territory) -> list[Territory]:
    return list(
        Territory.objects.filter(parent=province, kind=Territory.Kind.COUNTY, is_active=True).order_by("code")
    )


def _row(indicator: Indicator, spec: tuple, county: Territory, period: Period, trend: float) -> Row:
    kind, base, aggregation = spec[3], spec[9], spec[8]
    rng = seeded_rng(indicator.code, county.code, period.key)
    local = seeded_rng(indicator.code, county.code).uniform(0.6, 1.4)
    population = seeded_rng("population", county.code).randint(40_000, 900_000)
    level = base * local * trend * rng.uniform(0.9, 1.1)
    if kind == K.RATE:  # cases in the season over the county's population
        return Row(county, numerator=max(0, round(level * population / 1000 / 4)), denominator=population)
    if kind == K.PERCENTAGE:
        whole = max(20, round(population / (40 if spec[0] != "BEG-2" else 8000)))
        return Row(county, numerator=min(whole, round(whole * level / 100)), denominator=whole)
    scale = population / 300_000 if aggregation == "sum" or spec[0] == "INF-1" else 1
    return Row(county, value=max(0, round(level * scale)))


SEASONS = 12  # three years of the five harms' seasons: the roadmap's trend and last year's record


def five_harms(
    d: Directory, cast: dict[str, Any], t: Timeline, seasons_count: int = SEASONS
) -> dict[str, Any]:
    """The roadmap, its indicators, `seasons_count` seasons (three years by default) for the five
    provinces, approvals, targets."""
    country = Territory.objects.get(code="IR")
    document = PolicyDocument.objects.create(
        title=ROADMAP_TITLE,
        level="national",
        theme=Theme.ADDICTION,
        territory=country,
        issuer=d["national"],
        year=jalali_year(t.today) - 3,
        summary="پنج آسیب اجتماعی که رهبر معظم انقلاب بر آنها تأکید داشته‌اند، باید با یک نقشه راه منسجم "
        "و مستمر پیگیری شود تا شاهد اثرگذاری واقعی در این حوزه باشیم.",
    )
    program = duties.do_program_create(
        title=ROADMAP_TITLE,
        theme=Theme.ADDICTION,
        territory=country,
        owner=d["national"],
        document=document,
        start_year=jalali_year(t.today) - 3,
        end_year=jalali_year(t.today) + 1,
        summary=document.summary,
    )
    goals = {
        theme: duties.goal_add(user=None, program=program, title=f"کنترل و کاهش {label}")
        for theme, label in [
            (Theme.ADDICTION, "اعتیاد"),
            (Theme.DIVORCE, "طلاق"),
            (Theme.INFORMAL_SETTLEMENTS, "حاشیه‌نشینی"),
            (Theme.VIOLENCE, "خشونت و نزاع"),
            (Theme.BEGGING, "تکدی‌گری"),
        ]
    }
    indicators = []
    for spec in HARM_INDICATORS:
        code, theme, name, kind, direction, unit, num, den, aggregation, _base = spec
        indicators.append(
            (
                spec,
                make_indicator(
                    code,
                    theme,
                    name,
                    document,
                    kind=kind,
                    direction=direction,
                    unit=unit,
                    numerator_label=num,
                    denominator_label=den,
                    period_type=SEASON,
                    entry_level="county",
                    time_aggregation=aggregation,
                    min_value=Decimal(0),
                    max_value=Decimal(100) if kind == K.PERCENTAGE else None,
                    jump_percent=60,
                ),
            )
        )
    last = period_of(t.today, SEASON).previous()
    seasons = [last]
    for _ in range(seasons_count - 1):
        seasons.insert(0, seasons[0].previous())
    provinces = {key: d.territories[key] for key in PROVINCES}
    counties = {key: counties_of(p) for key, p in provinces.items()}
    late_province, late_index = LATE_REPORT[0], len(seasons) - LATE_REPORT[1]
    for index, period in enumerate(seasons):
        # Reported ten days after the season (within the 15 days' grace); one province, one season,
        # a month and a half after it — the evaluation's data quality shows it as late reporting.
        on_time = min(period.end + dt.timedelta(days=10), t.today)
        late = min(period.end + dt.timedelta(days=45), t.today)
        for spec, indicator in indicators:
            direction = 1 if spec[4] == "lower" else -1
            trend = 1 - direction * 0.015 * index  # slow improvement over three years
            groups: dict[dt.date, list[Row]] = {}
            for key, cs in counties.items():
                day = late if (key, index) == (late_province, late_index) else on_time
                groups.setdefault(day, []).extend(_row(indicator, spec, c, period, trend) for c in cs)
            for day, rows in sorted(groups.items()):
                with clock(at(day, 10)):
                    values_enter(user=None, indicator=indicator, period=period, rows=rows, today=day)
    harm_indicators = [i for _s, i in indicators]
    for period in seasons[:-1]:
        for key, province in provinces.items():
            for county in counties[key]:
                approvals.values_approve(
                    user=None, indicators=harm_indicators, territory=county, period=period, level="county"
                )
            approvals.values_approve(
                user=None, indicators=harm_indicators, territory=province, period=period, level="province"
            )
            if period.year < last.year:
                approvals.values_approve(
                    user=None, indicators=harm_indicators, territory=province, period=period, level="national"
                )
    # Yearly targets: the province's figure of the first whole year, 10% better, for the following years.
    first_year = seasons[0].year + (0 if seasons[0].number == 1 else 1)
    for spec, indicator in indicators:
        better = Decimal("0.9") if spec[4] == "lower" else Decimal("1.1")
        for province in provinces.values():
            base = aggregate_value(indicator, province, Period(YEAR, first_year)).value
            if base is None:
                continue
            for year in range(first_year + 1, last.year + 2):
                IndicatorTarget.objects.create(
                    indicator=indicator,
                    territory=province,
                    year=year,
                    value=(base * better).quantize(Decimal("0.01")),
                    goal=goals[spec[1]],
                )
    return {"document": document, "program": program, "indicators": harm_indicators, "last": last}
