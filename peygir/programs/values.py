"""Entering indicator values: validation per row, all-or-nothing writes, history, locks.

`values_enter` takes rows (from the entry grid, the API or an Excel file), checks every row — the
territory and the user's right to enter there, the period against the definition, the category, the
numbers (Persian or Arabic digits and separators), a zero denominator, the range, a locked value or
closed period, a row repeated in the same file — and writes nothing unless every row is good. A jump
from the previous period beyond the definition's threshold is flagged, not refused.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.errors import ValidationError
from peygir.core.jalali import format_jalali
from peygir.core.jalali import today as local_today
from peygir.core.text import check_text, to_persian_digits
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from . import access
from .models import Indicator, IndicatorValue, IndicatorVersion, PeriodClosure, ValueEvent
from .periods import Period, PeriodError, parse_period
from .reporting import Deadlines, reporters

Status = IndicatorValue.Status
EK = ValueEvent.Kind
LEVEL_LABELS = {
    Status.COUNTY: _("شهرستان"),
    Status.PROVINCE: _("استان"),
    Status.NATIONAL: _("ملی"),
}
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
QUANTUM = Decimal("0.000001")


class BulkError(ValidationError):
    """Some rows are bad: `rows` maps the row's number (1-based, as the file counts them) to its
    messages. Nothing was written."""

    def __init__(self, rows: dict[int, list[str]]) -> None:
        self.rows = rows
        first = next(iter(rows.items()))
        super().__init__(
            _("%(count)s ردیف خطا دارد؛ هیچ ردیفی ثبت نشد (نخستین: ردیف %(row)s: %(message)s).")
            % {
                "count": to_persian_digits(len(rows)),
                "row": to_persian_digits(first[0]),
                "message": first[1][0],
            }
        )


def plain(number: Decimal | int | None) -> str:
    """A decimal without exponent or trailing zeros (100, 1.25)."""
    if number is None:
        return ""
    text = format(Decimal(number).normalize(), "f")
    return text


def parse_number(value: Any) -> Decimal | None:
    """A number as people type it: ۱۲٬۳۴۵٫۵, 12,345.5, ١٢٣ — None when empty; ValueError when not a number."""
    if value is None:
        return None
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    text = str(value).translate(_DIGITS).strip()
    if not text:
        return None
    text = text.replace("٬", "").replace(",", "").replace("،", "").replace(" ", "").replace("\u200c", "")
    text = text.replace("٫", ".").replace("/", ".").replace("−", "-")
    if not _NUMBER.match(text):
        raise ValueError(text)
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the pattern already rules it out
        raise ValueError(text) from exc


@dataclass
class Row:
    """One value to enter, as given (strings or numbers). `line` numbers the row in its file."""

    territory: Territory | str
    value: Any = None
    numerator: Any = None
    denominator: Any = None
    disaggregation: str = ""
    comment: str = ""
    line: int = 0


@dataclass
class EntryResult:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    flagged: dict[int, list[str]] = field(default_factory=dict)
    values: list[IndicatorValue] = field(default_factory=list)


# A flag of a value returned for correction inside a closed period: it may be changed once (the write
# resets the flags and the closed period locks it again).
CORRECTION = "correction"


def lock_reason(value: IndicatorValue, closure: PeriodClosure | None = None) -> str:
    """Why a value cannot be changed ("" when it can): the level that approved it, or the closed period
    (unless the value was returned for correction since)."""
    if value.status != Status.DRAFT:
        who = value.approved_by.get_full_name() if value.approved_by_id and value.approved_by else ""
        return _(
            "قفل است: در سطح %(level)s تأیید شده%(who)s%(when)s. برای اصلاح باید تأییدکننده آن را برای اصلاح بازگرداند."
        ) % {
            "level": LEVEL_LABELS[value.status],
            "who": _(" توسط %(name)s") % {"name": who} if who else "",
            "when": _(" در %(date)s") % {"date": format_jalali(value.approved_at)}
            if value.approved_at
            else "",
        }
    if closure is not None and CORRECTION not in (value.flags or []):
        return closure_reason(closure)
    return ""


def closure_reason(closure: PeriodClosure) -> str:
    text = _("قفل است: دورهٔ %(period)s در %(date)s بسته شده است.") % {
        "period": Period(closure.period_type, closure.year, closure.number).label,
        "date": format_jalali(closure.closed_at),
    }
    return f"{text} {closure.reason}".strip()


def find_closure(territory_path: str, period: Period) -> PeriodClosure | None:
    ancestors = [p for p in _ancestor_paths(territory_path)]
    return (
        PeriodClosure.objects.filter(
            territory__path__in=ancestors, period_type=period.type, year=period.year, number=period.number
        )
        .select_related("territory")
        .first()
    )


def lock_province_values(paths: list[str]) -> None:
    """Take the row lock of the provinces holding these territory paths (in id order, so two writers
    never wait for each other in a circle): every write of a province's values — entry, correction,
    approval, return — and the closing of its periods take it, so they happen one after the other
    (closures.period_close). A row lock that lets other rows still refer to the province (NO KEY);
    nothing on SQLite, which writes one transaction at a time anyway."""
    ancestors = {a for path in paths for a in _ancestor_paths(path)}
    if ancestors:
        list(
            Territory.objects.select_for_update(no_key=True, of=("self",))
            .filter(path__in=ancestors, kind=Territory.Kind.PROVINCE)
            .order_by("pk")
            .values_list("pk", flat=True)
        )


def _ancestor_paths(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def _category_ok(version: IndicatorVersion, text: str) -> bool:
    if not text:
        return True
    if "=" not in text:
        return False
    dim, cat = (part.strip() for part in text.split("=", 1))
    return cat in (version.disaggregations or {}).get(dim, [])


def _compute(
    version: IndicatorVersion, row: Row, territory: Territory
) -> tuple[Decimal, Decimal | None, Decimal | None]:
    """(value, numerator, denominator) of a row, or ValueError with a Persian message."""
    try:
        value, num, den = parse_number(row.value), parse_number(row.numerator), parse_number(row.denominator)
    except ValueError as exc:
        raise ValueError(_("«%(text)s» عدد نیست.") % {"text": exc}) from exc
    if not version.has_ratio:
        if value is None:
            raise ValueError(_("مقدار خالی است."))
        return value, None, None
    if version.population_denominator:
        if not territory.population:
            raise ValueError(
                _("جمعیت %(name)s ثبت نشده است؛ نرخ را نمی‌توان حساب کرد.") % {"name": territory.name_fa}
            )
        den = Decimal(territory.population)
    if num is None or den is None:
        raise ValueError(
            _("صورت و مخرج هر دو لازم‌اند (%(num)s / %(den)s).")
            % {"num": version.numerator_label or _("صورت"), "den": version.denominator_label or _("مخرج")}
        )
    if den == 0:
        raise ValueError(_("مخرج صفر است؛ نرخ تعریف نمی‌شود."))
    if num < 0 or den < 0:
        raise ValueError(_("صورت و مخرج نمی‌توانند منفی باشند."))
    return (num / den * version.factor).quantize(QUANTUM, rounding=ROUND_HALF_UP), num, den


@transaction.atomic
def values_enter(
    *,
    user: Any,
    indicator: Indicator,
    period: Period | str,
    rows: list[Row],
    organization: Organization | None = None,
    today: dt.date | None = None,
) -> EntryResult:
    """Check every row, then write all of them or none (`BulkError` with each bad row's messages)."""
    version = indicator.current_version
    if version is None:
        raise ValidationError(_("این شاخص هنوز تعریف نشده است."))
    if isinstance(period, str):
        try:
            period = parse_period(period, version.period_type)
        except PeriodError as exc:
            raise ValidationError({"period": str(exc)}) from exc
    if period.type != version.period_type:
        raise ValidationError(
            {"period": _("دورهٔ این شاخص %(type)s است.") % {"type": version.get_period_type_display()}}
        )
    today = today or local_today()
    if period.start > today:
        raise ValidationError({"period": _("دورهٔ %(period)s هنوز آغاز نشده است.") % {"period": period.label}})
    if not rows:
        raise ValidationError(_("ردیفی برای ثبت نیست."))
    errors: dict[int, list[str]] = {}
    plans: list[tuple[int, Row, Territory, Decimal, Decimal | None, Decimal | None, str]] = []
    codes = {r.territory for r in rows if isinstance(r.territory, str)}
    by_code = {t.code: t for t in Territory.objects.filter(code__in=codes)} if codes else {}
    # By name too, with or without «شهرستان» (the boundary data names counties «شهرستان اراک»).
    names = {c.strip() for c in codes} | {f"شهرستان {c.strip()}" for c in codes}
    by_name = (
        {
            t.name_fa.removeprefix("شهرستان ").strip(): t
            for t in Territory.objects.filter(name_fa__in=names, kind=version.entry_level)
        }
        if codes
        else {}
    )
    seen: set[tuple[int, str]] = set()
    for index, row in enumerate(rows, start=1):
        line = row.line or index
        problems: list[str] = []
        territory = row.territory
        if isinstance(territory, str):
            key = territory.strip()
            territory = by_code.get(key) or by_name.get(key.removeprefix("شهرستان ").strip())
        if territory is None:
            errors[line] = [_("قلمرو «%(code)s» پیدا نشد.") % {"code": row.territory}]
            continue
        if territory.kind != version.entry_level:
            problems.append(
                _("این شاخص در سطح %(level)s وارد می‌شود، نه %(name)s.")
                % {"level": version.get_entry_level_display(), "name": territory.name_fa}
            )
        elif user is not None and not access.can_enter_values(user, indicator, territory):
            problems.append(
                _("شما اجازهٔ ثبت این شاخص را برای %(name)s ندارید.") % {"name": territory.name_fa}
            )
        category = (row.disaggregation or "").strip()
        if not _category_ok(version, category):
            problems.append(_("تفکیک «%(cat)s» در تعریف این شاخص نیست.") % {"cat": category})
        key = (territory.pk, category)
        if key in seen:
            problems.append(_("این قلمرو و تفکیک در همین فایل تکرار شده است."))
        seen.add(key)
        try:
            value, num, den = _compute(version, row, territory)
        except ValueError as exc:
            problems.append(str(exc))
            value = num = den = None
        if value is not None:
            if version.min_value is not None and value < version.min_value:
                problems.append(
                    _("مقدار %(value)s کمتر از کمینهٔ مجاز %(min)s است.")
                    % {
                        "value": to_persian_digits(plain(value)),
                        "min": to_persian_digits(plain(version.min_value)),
                    }
                )
            if version.max_value is not None and value > version.max_value:
                problems.append(
                    _("مقدار %(value)s بیشتر از بیشینهٔ مجاز %(max)s است.")
                    % {
                        "value": to_persian_digits(plain(value)),
                        "max": to_persian_digits(plain(version.max_value)),
                    }
                )
        try:
            comment = check_text(row.comment, field="comment", limit=2000)
        except ValidationError as exc:
            problems.extend(exc.messages)
            comment = ""
        if problems:
            errors[line] = problems
        else:
            plans.append((line, row, territory, value, num, den, comment))
    # Serialize with the closing of the period (and other writes) in the rows' provinces before reading
    # what is locked: a closing committed meanwhile is seen below, one begun meanwhile waits for us.
    lock_province_values([p[2].path for p in plans])
    existing = {
        (v.territory_id, v.disaggregation): v
        for v in IndicatorValue.objects.select_for_update(of=("self",))
        .filter(
            indicator=indicator,
            period_type=period.type,
            year=period.year,
            number=period.number,
            territory_id__in=[p[2].pk for p in plans],
        )
        .select_related("approved_by")
    }
    closures: dict[str, PeriodClosure | None] = {}
    # The period's closures (a few rows at most), read once for every row.
    period_closures = list(
        PeriodClosure.objects.filter(
            period_type=period.type, year=period.year, number=period.number
        ).select_related("territory")
    )
    for line, row, territory, *_rest in plans:
        current = existing.get((territory.pk, (row.disaggregation or "").strip()))
        if territory.path not in closures:
            closures[territory.path] = next(
                (c for c in period_closures if territory.path.startswith(c.territory.path)), None
            )
        reason = (
            lock_reason(current, closures[territory.path])
            if current
            else (closure_reason(closures[territory.path]) if closures[territory.path] else "")
        )
        if reason:
            errors.setdefault(line, []).append(reason)
    if errors:
        raise BulkError(dict(sorted(errors.items())))
    return _write(user, indicator, version, period, plans, existing, organization, today)


def _previous_values(
    indicator: Indicator, period: Period, territory_ids: list[int]
) -> dict[tuple[int, str], Decimal]:
    prev = period.previous()
    return {
        (t, d): v
        for t, d, v in IndicatorValue.objects.filter(
            indicator=indicator,
            period_type=prev.type,
            year=prev.year,
            number=prev.number,
            territory_id__in=territory_ids,
        ).values_list("territory_id", "disaggregation", "value")
    }


def _write(user, indicator, version, period, plans, existing, organization, today) -> EntryResult:
    result = EntryResult()
    actor = user if getattr(user, "pk", None) else None
    previous = _previous_values(indicator, period, [p[2].pk for p in plans]) if version.jump_percent else {}
    # A new value is a report: the day it came, the day it was due — one date for every report of the
    # period, whatever the version (reporting.Deadlines) — and who answers for it (reporting.py).
    fresh_places = [p[2] for p in plans if (p[2].pk, (p[1].disaggregation or "").strip()) not in existing]
    answerable = reporters(indicator, fresh_places) if fresh_places else {}
    due = (Deadlines.load([indicator.pk]).due_on(indicator.pk, period) if fresh_places else None) or (
        version.due_on(period)
    )
    fresh: list[tuple[IndicatorValue, str]] = []  # new values: written together below
    for line, row, territory, value, num, den, comment in plans:
        category = (row.disaggregation or "").strip()
        flags = []
        before = previous.get((territory.pk, category))
        if version.jump_percent and before:
            change = abs(value - before) / abs(before) * 100
            if change > version.jump_percent:
                flags.append("jump")
                result.flagged[line] = [
                    _("جهش ناگهانی: %(change)s٪ تغییر نسبت به دورهٔ پیش.")
                    % {"change": to_persian_digits(round(change))}
                ]
        current = existing.get((territory.pk, category))
        if current is None:
            current = IndicatorValue(
                indicator=indicator,
                version=version,
                territory=territory,
                territory_path=territory.path,
                period_type=period.type,
                year=period.year,
                number=period.number,
                period_start=period.start,
                disaggregation=category,
                value=value,
                numerator=num,
                denominator=den,
                flags=flags,
                organization=organization,
                entered_by=actor,
                reported_on=today,
                due_on=due,
                reporter_id=answerable.get(territory.pk),
            )
            fresh.append((current, comment))
            result.created += 1
        elif (current.value, current.numerator, current.denominator, current.version_id) == (
            value,
            num,
            den,
            version.pk,
        ):
            result.unchanged += 1
            if comment:
                ValueEvent.objects.create(value=current, kind=EK.COMMENT, actor=actor, text=comment)
        else:
            old = _snapshot(current)
            current.version, current.value, current.numerator, current.denominator = version, value, num, den
            current.flags, current.entered_by, current.row_version = flags, actor, current.row_version + 1
            if organization is not None:
                current.organization = organization
            current.save()
            ValueEvent.objects.create(
                value=current,
                kind=EK.CHANGED,
                actor=actor,
                text=comment,
                data={"before": old, "after": _snapshot(current)},
            )
            result.changed += 1
        result.values.append(current)
    # One insert for the new values and one for their history (their ids come back from the insert).
    IndicatorValue.objects.bulk_create([value for value, _comment in fresh], batch_size=1000)
    ValueEvent.objects.bulk_create(
        [
            ValueEvent(value=value, kind=EK.ENTERED, actor=actor, text=comment, data=_snapshot(value))
            for value, comment in fresh
        ],
        batch_size=1000,
    )
    return result


def _snapshot(value: IndicatorValue) -> dict[str, Any]:
    def text(d: Decimal | None) -> str | None:
        return None if d is None else plain(d)

    return {
        "version": value.version_id,
        "value": text(value.value),
        "numerator": text(value.numerator),
        "denominator": text(value.denominator),
    }


def value_comment(*, user: Any, value: IndicatorValue, text: str) -> ValueEvent:
    if not access.values_visible_to(user).filter(pk=value.pk).exists():
        from peygir.core.errors import NotAllowed

        raise NotAllowed
    text = check_text(text, field="text", required=True, limit=2000)
    return ValueEvent.objects.create(value=value, kind=EK.COMMENT, actor=user, text=text)


def now() -> dt.datetime:
    return timezone.now()
