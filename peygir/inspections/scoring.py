"""Scores from the weights: N/A leaves the denominator, a failed critical item fails the visit.

Pure functions over a version's questions and the raw answers a page or a device sent; the results
are stored on the answers and the visit, so a later version of the template never changes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from peygir.core.errors import ValidationError
from peygir.core.text import check_text, to_latin_digits, to_persian_digits

from .models import ChecklistQuestion

Q = ChecklistQuestion.Kind
YES = {"1", "true", "yes", "y", "بله", "آری", "on"}
NO = {"0", "false", "no", "n", "خیر", "نه", "off"}


@dataclass
class Scored:
    question: ChecklistQuestion
    is_na: bool = False
    value_bool: bool | None = None
    value_number: Decimal | None = None
    value_text: str = ""
    fraction: Decimal | None = None
    passed: bool | None = None
    note: str = ""


@dataclass
class Result:
    answers: list[Scored]
    score: Decimal | None
    passed: bool
    critical_failed: bool

    @property
    def failed(self) -> list[Scored]:
        return [a for a in self.answers if a.passed is False]


def _number(raw: Any, question: ChecklistQuestion) -> Decimal:
    text = to_latin_digits(str(raw)).replace("٫", ".").replace(",", "").replace("،", "").strip()
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"answers": _("پاسخ «%(q)s» باید عدد باشد.") % {"q": question.text}}) from exc
    if not value.is_finite() or abs(value) >= Decimal("1e10"):
        raise ValidationError({"answers": _("پاسخ «%(q)s» عدد درستی نیست.") % {"q": question.text}})
    return value


def score_one(question: ChecklistQuestion, raw: dict[str, Any] | None) -> Scored:
    raw = raw or {}
    note = check_text(raw.get("note", ""), field="answers", limit=1000)
    if raw.get("na"):
        if not question.allows_na:
            raise ValidationError(
                {"answers": _("برای پرسش «%(q)s» گزینه «موضوعیت ندارد» مجاز نیست.") % {"q": question.text}}
            )
        return Scored(question=question, is_na=True, note=note)
    value = raw.get("value")
    missing = value is None or (isinstance(value, str) and not value.strip())
    if question.kind == Q.TEXT:
        return Scored(question=question, value_text=check_text(value or "", field="answers"), note=note)
    if question.kind == Q.PHOTO:
        return Scored(question=question, note=note)
    if missing:
        raise ValidationError({"answers": _("به پرسش «%(q)s» پاسخ دهید.") % {"q": question.text}})
    if question.kind == Q.YES_NO:
        text = to_latin_digits(str(value)).strip().lower()
        if isinstance(value, bool):
            yes = value
        elif text in YES or text in NO:
            yes = text in YES
        else:
            raise ValidationError({"answers": _("پاسخ «%(q)s» باید بله یا خیر باشد.") % {"q": question.text}})
        return Scored(question=question, value_bool=yes, fraction=Decimal(int(yes)), passed=yes, note=note)
    number = _number(value, question)
    if question.kind == Q.SCALE:
        top = Decimal(question.scale_max or 5)
        if number != number.to_integral_value() or not 0 <= number <= top:
            raise ValidationError(
                {
                    "answers": _("پاسخ «%(q)s» باید عددی از ۰ تا %(max)s باشد.")
                    % {"q": question.text, "max": to_persian_digits(int(top))}
                }
            )
        threshold = (
            question.pass_min if question.pass_min is not None else (top / 2).to_integral_value(ROUND_HALF_UP)
        )
        return Scored(
            question=question,
            value_number=number,
            fraction=(number / top).quantize(Decimal("0.0001")),
            passed=number >= threshold,
            note=note,
        )
    ok = (question.pass_min is None or number >= question.pass_min) and (
        question.pass_max is None or number <= question.pass_max
    )
    return Scored(question=question, value_number=number, fraction=Decimal(int(ok)), passed=ok, note=note)


def score(
    questions: list[ChecklistQuestion], raw_answers: dict[int, dict[str, Any]], pass_score: int
) -> Result:
    """Score a whole visit; `raw_answers` maps question id → {"value", "na", "note"}."""
    known = {q.pk for q in questions}
    strangers = set(raw_answers) - known
    if strangers:
        raise ValidationError({"answers": _("پاسخ‌ها به نسخه دیگری از چک‌لیست تعلق دارند.")})
    answers = [score_one(q, raw_answers.get(q.pk)) for q in questions]
    total = Decimal(0)
    weights = Decimal(0)
    for a in answers:
        if a.fraction is not None and a.question.weight > 0:
            total += a.fraction * a.question.weight
            weights += a.question.weight
    value = (total * 100 / weights).quantize(Decimal("0.01")) if weights else None
    critical = any(a.passed is False and a.question.is_critical for a in answers)
    passed = not critical and (value is None or value >= pass_score)
    return Result(answers=answers, score=value, passed=passed, critical_failed=critical)
