"""`peygir generate` grows programs, duties and indicators (peygir/bench/programs_gen.py)."""

import pytest
from django.db.models import Count, F

from peygir.actions.models import Action
from peygir.programs import duty_stats, selectors
from peygir.programs.models import Duty, DutyOccurrence, Indicator, IndicatorValue, ValueEvent
from peygir.programs.periods import YEAR, Period
from tests.bench.conftest import tiny

pytestmark = pytest.mark.django_db


def test_generated_programs_duties_and_values():
    result = tiny()
    plan = result.plan
    province = Indicator.objects.order_by("pk").first()
    assert Indicator.objects.filter(theme__in=selectors.FIVE_HARMS).count() == 5  # one per harm at S = 0.01
    counties = IndicatorValue.objects.values("territory").distinct().count()
    assert IndicatorValue.objects.count() == 5 * 60 * counties
    assert ValueEvent.objects.count() == IndicatorValue.objects.count()
    # Each value is a report: entered five days after its month, due fifteen days after, answered for
    # by its county's governorate (the indicators name no reporting organization).
    assert not IndicatorValue.objects.filter(reported_on__isnull=True).exists()
    assert not IndicatorValue.objects.filter(reporter__isnull=True).exists()
    assert not IndicatorValue.objects.filter(reported_on__gt=F("due_on")).exists()
    assert set(IndicatorValue.objects.values_list("reporter__kind", flat=True)) == {"county_governorate"}
    # Duties: each with one occurrence and one action of kind "duty", whose source it is.
    duties = Duty.objects.count()
    assert duties == round(150_000 * plan.scale * plan.provinces / 31)
    assert DutyOccurrence.objects.filter(action__isnull=False).count() == duties
    assert Action.objects.filter(source_kind="duty", duty__isnull=False).count() == duties
    assert not Action.objects.filter(source_kind="duty").annotate(n=Count("events")).filter(n=0).exists()
    # The selectors work on it: a province's year, rates from sums.
    from peygir.territory.models import Territory

    province_territory = Territory.objects.get(pk=IndicatorValue.objects.first().territory.parent_id)
    figure = selectors.aggregate_value(province, province_territory, Period(YEAR, 1402))
    assert figure.value is not None and figure.complete
    stats = duty_stats.duty_stats(1402, territory=province_territory)
    assert sum(s.actions for s in stats.values()) > 0
