"""Scores from the weights, N/A out of the denominator, critical items, bad answers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from peygir.core.errors import ValidationError
from peygir.inspections.models import ChecklistQuestion
from peygir.inspections.scoring import score


def q(pk: int, kind: str = "yes_no", weight: int = 1, **kw) -> ChecklistQuestion:
    question = ChecklistQuestion(pk=pk, code=f"q{pk}", text=f"پرسش {pk}", kind=kind, weight=weight, **kw)
    return question


def test_weights_and_na():
    questions = [q(1, weight=3), q(2, weight=1), q(3, weight=4)]
    result = score(questions, {1: {"value": True}, 2: {"value": "خیر"}, 3: {"na": True}}, 70)
    assert result.score == Decimal("75.00")  # 3 of 4: the N/A item's weight left the denominator
    assert result.passed and not result.critical_failed
    assert [a.passed for a in result.answers] == [True, False, None]


def test_a_failed_critical_item_fails_the_visit_whatever_the_score():
    questions = [q(1, weight=10), q(2, weight=1, is_critical=True)]
    result = score(questions, {1: {"value": True}, 2: {"value": False}}, 50)
    assert result.score == Decimal("90.91")
    assert result.critical_failed and not result.passed


def test_scale_and_number():
    questions = [
        q(1, "scale", weight=2, scale_max=5, pass_min=Decimal(3)),
        q(2, "number", pass_max=Decimal(4)),
        q(3, "text", weight=0),
    ]
    result = score(questions, {1: {"value": "۴"}, 2: {"value": "۶٫۵"}, 3: {"value": "سردخانه گرم است"}}, 70)
    # (2 × 0.8 + 1 × 0) / 3
    assert result.score == Decimal("53.33")
    assert [a.passed for a in result.answers] == [True, False, None]
    assert result.answers[1].value_number == Decimal("6.5")


def test_all_na_gives_no_score_and_passes():
    result = score([q(1), q(2)], {1: {"na": True}, 2: {"na": True}}, 70)
    assert result.score is None and result.passed


@pytest.mark.parametrize(
    "answers, message",
    [
        ({}, "پاسخ دهید"),
        ({1: {"value": "شاید"}}, "بله یا خیر"),
        ({1: {"value": True}, 2: {"na": True}}, "موضوعیت ندارد"),
        ({1: {"value": True}, 2: {"value": "۹"}}, "۰ تا ۵"),
        ({1: {"value": True}, 2: {"value": 3}, 3: {"value": "abc"}}, "عدد"),
        ({1: {"value": True}, 2: {"value": 3}, 3: {"value": 1}, 99: {"value": True}}, "نسخه دیگری"),
    ],
)
def test_bad_answers_are_refused_with_a_persian_message(answers, message):
    questions = [q(1), q(2, "scale", allows_na=False), q(3, "number")]
    with pytest.raises(ValidationError) as err:
        score(questions, answers, 70)
    assert message in " ".join(err.value.messages)
