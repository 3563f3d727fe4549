"""What a scorecard counts: each measure as conditions on the records, shared by the aggregate that
computes the score and by the drill-down that lists the records behind it, so the two never disagree.

Every measure is a ratio of two counts of records (a numerator among a denominator) over one Jalali
year, read "as of" one day. Measures read the action spine generically by `source_kind`: inspection
findings are actions of kind "finding", program duties actions of kind "duty"; a kind no domain has
registered yet simply has no rows, and its measure is "not applicable" (docs/evaluation.md). Two
data-quality measures read the programs domain's reports of indicator values instead (on time, late
or missing as of the day read, `report_list`; counted by `scorecard.report_counts`): never performance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import jdatetime
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peygir.actions.models import Action, ActionUpdate, Evidence
from peygir.core.jalali import last_day_of_year
from peygir.core.jalali import today as local_today

S = Action.Status
DONE = (S.REPORTED_DONE, S.VERIFIED)
REPORTS = (ActionUpdate.Kind.PROGRESS, ActionUpdate.Kind.REPORT_DONE)
RATING_MIN, RATING_MAX = 1, 5
# The kinds of actions two measures read; their domains register these sources (inspections, programs).
FINDING_KIND = "finding"
DUTY_KIND = "duty"
FIRST_YEAR, LAST_YEAR = 1390, 1450  # what the year fields accept


# The parts of a year a scorecard may be read for: the whole year, a season or a month (Jalali).
PARTS = ("", "S1", "S2", "S3", "S4", *(f"M{m:02d}" for m in range(1, 13)))


@dataclass(frozen=True)
class Period:
    """A Jalali year — or one of its seasons or months (`part`: "S1".."S4", "M01".."M12") — read as of
    one day (the period's last day once it is over). `read_on` is the day asked, not clamped into the
    period: what the indicator reports are read as of (a period's reports fall due after it ends)."""

    year: int
    start: dt.date
    end: dt.date
    as_of: dt.date
    part: str = ""
    read_on: dt.date | None = None

    @property
    def reports_read_on(self) -> dt.date:
        return self.read_on or self.as_of

    @property
    def rating_until(self) -> dt.date:
        return min(self.end, self.as_of)

    @property
    def is_year(self) -> bool:
        return not self.part

    @property
    def key(self) -> str:
        """The programs domain's period key: 1403, 1403-S1, 1403-M07."""
        return f"{self.year}-{self.part}" if self.part else str(self.year)

    @property
    def label(self) -> str:
        """«سال ۱۴۰۳», «بهار ۱۴۰۳», «مهر ۱۴۰۳»."""
        return programs_period(self.year, self.part).label


def programs_period(year: int, part: str) -> Any:
    # The Jalali season and month bounds are the programs domain's (one calendar for both).
    from peygir.programs.periods import MONTH, SEASON, YEAR
    from peygir.programs.periods import Period as JalaliPeriod

    if not part:
        return JalaliPeriod(YEAR, year)
    return JalaliPeriod(SEASON if part[0] == "S" else MONTH, year, int(part[1:]))


def year_period(year: int, as_of: dt.date | None = None, part: str = "") -> Period:
    """The year (or its season or month `part`), read as of `as_of` clamped into it (today by default)."""
    if part not in PARTS:
        raise ValueError(part)
    if part:
        bounds = programs_period(year, part)
        start, end = bounds.start, bounds.end
    else:
        start = jdatetime.date(year, 1, 1).togregorian()
        end = last_day_of_year(year)
    day = as_of or local_today()
    return Period(year=year, start=start, end=end, as_of=max(start, min(day, end)), part=part, read_on=day)


def current_year() -> int:
    return jdatetime.date.fromgregorian(date=local_today()).year


# ---------------------------------------------------------------- conditions on actions


def year_q(period: Period) -> Q:
    """The year's actions: due in the year (or, without a deadline, created in it), not cancelled."""
    return (
        Q(deadline__range=(period.start, period.end))
        | Q(deadline__isnull=True, created_at__date__range=(period.start, period.end))
    ) & ~Q(status=S.CANCELLED)


def due_q(period: Period) -> Q:
    """Actions whose deadline had passed (or was that very day) by the day read."""
    return Q(deadline__isnull=False, deadline__lte=period.as_of)


def done_q(period: Period) -> Q:
    """Reported done (by the agency; verified or awaiting verification) by the day read."""
    return Q(status__in=DONE, reported_done_at__date__lte=period.as_of)


def overdue_q(period: Period) -> Q:
    return Q(status__in=Action.PENDING_STATUSES, deadline__isnull=False, deadline__lt=period.as_of)


def _kind_closed(kind: str, period: Period) -> tuple[Q, Q]:
    base = Q(source_kind=kind)
    return base & Q(status=S.VERIFIED), base & (due_q(period) | Q(status__in=DONE) | Q(deadline__isnull=True))


def timely_report_q() -> Q:
    """Some report (progress or done) by the responsible organization on or before the deadline."""
    return Q(
        Exists(
            ActionUpdate.objects.filter(
                action=OuterRef("pk"), kind__in=REPORTS, created_at__date__lte=OuterRef("deadline")
            )
        )
    )


def evidence_q() -> Q:
    """The report of completion carries at least one evidence file."""
    return Q(
        Exists(
            Evidence.objects.filter(update__action=OuterRef("pk"), update__kind=ActionUpdate.Kind.REPORT_DONE)
        )
    )


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    basis: str  # how the score is computed, in words, printed beside it
    records: str = "actions"  # "actions" | "demands" | "values" | "reports" (of indicator values)
    quality: bool = False  # a data-quality measure (timeliness, completeness), kept apart

    def parts(self, period: Period) -> tuple[Q, Q]:
        """(numerator, denominator) as conditions on the year's actions."""
        p = period
        if self.key == "on_time":
            num = done_q(p) & Q(deadline__isnull=False, reported_done_at__date__lte=F("deadline"))
            return num, Q(deadline__isnull=False) & (due_q(p) | done_q(p))
        if self.key == "verified":
            return Q(status=S.VERIFIED), Q(status__in=DONE)
        if self.key == "overdue":
            return overdue_q(p), due_q(p)
        if self.key == "findings":
            return _kind_closed(FINDING_KIND, p)
        if self.key == "duties":
            return _kind_closed(DUTY_KIND, p)
        if self.key == "timely_reports":
            return due_q(p) & timely_report_q(), due_q(p)
        if self.key == "evidence":
            return Q(status__in=DONE) & evidence_q(), Q(status__in=DONE)
        raise KeyError(self.key)


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure(
            "on_time",
            _("انجام به‌موقع"),
            _("اقدام‌هایی که انجامشان تا مهلت اعلام شد، از اقدام‌هایی که مهلتشان رسیده یا انجام شده‌اند"),
        ),
        Measure(
            "verified",
            _("تأیید دفتر در برابر اعلام انجام"),
            _("اقدام‌های تأییدشده، از اقدام‌هایی که دستگاه انجامشان را اعلام کرده است"),
        ),
        Measure(
            "overdue",
            _("روزهای تأخیر"),
            _("۱۰۰ × (۱ − مجموع روزهای تأخیر اقدام‌های معوق ÷ (شمار اقدام‌های سررسیده × سقف روزها))"),
        ),
        Measure(
            "rating",
            _("رضایت شهروندان"),
            _("میانگین امتیاز ۱ تا ۵ شهروندان به مطالبات رسیدگی‌شده، به مقیاس ۰ تا ۱۰۰"),
            records="demands",
        ),
        Measure(
            "findings",
            _("یافته‌های بازرسی رفع‌شده"),
            _("یافته‌های تأییدشده، از یافته‌های سررسیده یا انجام‌شده"),
        ),
        Measure(
            "duties",
            _("وظایف برنامه انجام‌شده"),
            _("وظایف تأییدشده، از وظایف سررسیده یا انجام‌شده"),
        ),
        Measure(
            "targets",
            _("تحقق هدف شاخص‌ها"),
            _("شاخص‌هایی که به هدف سال رسیده‌اند، از شاخص‌های هدف‌دار قلمرو"),
            records="values",
        ),
        Measure(
            "timely_reports",
            _("گزارش‌دهی به‌موقع"),
            _("اقدام‌های سررسیده‌ای که دستگاه تا مهلت دست‌کم یک گزارش برایشان داده است"),
            quality=True,
        ),
        Measure(
            "evidence",
            _("کامل بودن گزارش انجام"),
            _("اعلام‌های انجامی که مستند پیوست دارند، از همه اعلام‌های انجام"),
            quality=True,
        ),
        Measure(
            "timely_values",
            _("گزارش به‌موقع شاخص‌ها"),
            _(
                "گزارش‌هایی که نخستین بار تا مهلت دوره‌شان (پایان دوره به‌علاوهٔ مهلت تعریف شاخص) ثبت شدند، "
                "از همهٔ گزارش‌های دوره‌های این بازه: ثبت‌شده‌ها و آن‌هایی که مهلتشان گذشته و ثبت نشده‌اند "
                "(دورهٔ بسته یا باز)؛ اصلاح یا تأیید بعدی روز ثبت را جابه‌جا نمی‌کند"
            ),
            records="reports",
            quality=True,
        ),
        Measure(
            "complete_values",
            _("کامل بودن گزارش شاخص‌ها"),
            _(
                "گزارش‌های ثبت‌شده (به‌موقع یا دیر)، از همان گزارش‌ها؛ گزارشی که مهلتش گذشته و ثبت نشده — "
                "از فردای مهلت، پیش از بستن دوره — یا هنگام بستن دوره نبوده، ناقص است"
            ),
            records="reports",
            quality=True,
        ),
    )
}
PERFORMANCE_KEYS = tuple(k for k, m in MEASURES.items() if not m.quality)
QUALITY_KEYS = tuple(k for k, m in MEASURES.items() if m.quality)
ACTION_KEYS = tuple(k for k, m in MEASURES.items() if m.records == "actions")
REPORT_KEYS = tuple(k for k, m in MEASURES.items() if m.records == "reports")


# ---------------------------------------------------------------- indicator reporting (programs)


def reporting_period(period: Period) -> Any:
    """The programs domain's period of the scorecard's: its reports are those of the periods inside it
    (a year: its months, seasons and itself; a season: its months and itself; a month: itself)."""
    return programs_period(period.year, period.part)


# The records behind each part of an indicator-reporting measure, by the report's status as of the day
# read (the denominator: every report, whatever its status).
REPORT_PARTS = {
    "timely_values": {"num": ("on_time",), "gap": ("late", "missing")},
    "complete_values": {"num": ("on_time", "late"), "gap": ("missing",)},
}


def report_statuses(key: str, part: str) -> tuple[str, ...]:
    return REPORT_PARTS[key].get(part, ("on_time", "late", "missing"))


def report_list(scope: tuple[str, int | None], period: Period, key: str, part: str) -> Any:
    """The reports behind one number of an indicator-reporting measure, in due-date order, paged (the
    same statement its count comes from)."""
    from peygir.programs import selectors

    path, reporter_id = scope
    return selectors.ReportList(
        reporting_period(period),
        period.reports_read_on,
        selectors.Scope(path, reporter_id),
        report_statuses(key, part),
    )


def rating_q(period: Period) -> Q:
    """Demands rated by the citizen, resolved within the year up to the day read (local days).

    As bounds on the moment itself, not on its date: a condition on `resolved_at`'s date is computed
    row by row and reads every demand of the country; bounds read an index (demand_rated_hood_idx)."""
    first = timezone.make_aware(dt.datetime.combine(period.start, dt.time.min))
    after = timezone.make_aware(dt.datetime.combine(period.rating_until + dt.timedelta(days=1), dt.time.min))
    return Q(rating__isnull=False, resolved_at__gte=first, resolved_at__lt=after)
