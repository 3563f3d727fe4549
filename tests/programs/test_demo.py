"""The demo's programs and indicators (peygir/demo/programs.py), loaded once with the whole demo."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F

from peygir.actions.models import Action
from peygir.programs import selectors
from peygir.programs import targets as programs_targets
from peygir.programs.models import Duty, Indicator, IndicatorValue, Program
from peygir.programs.periods import YEAR, Period
from peygir.territory.models import Territory

pytestmark = pytest.mark.django_db


def test_demo_programs_and_indicators():
    # Eight seasons, not the demo's twelve: two years are enough for every check below, and each season
    # costs the load seconds (the seasons' approvals, county by county).
    call_command(
        "demo", "load", "--today", "1404/08/15", "--seasons", "8", stdout=StringIO(), stderr=StringIO()
    )
    # Five harms, two indicators each, every county of the five seed provinces, eight seasons.
    # (Kerman's own begging indicator is on the roadmap too: an eleventh, entered monthly in Kerman.)
    assert selectors.roadmap_indicators().count() == 11
    harms = selectors.roadmap_indicators().exclude(code="KRM-BEG-1")
    assert harms.count() == 10
    counties = Territory.objects.filter(
        kind="county", parent__code__in=["IR-00", "IR-21", "IR-06", "IR-08", "IR-30"]
    )
    assert IndicatorValue.objects.filter(indicator__in=harms).count() == 10 * 8 * counties.count()
    # The last season is a draft; older seasons are approved at province level at least.
    statuses = set(
        IndicatorValue.objects.filter(indicator__in=harms, year__lt=1404).values_list("status", flat=True)
    )
    assert statuses == {"national"}
    assert IndicatorValue.objects.filter(indicator__in=harms, year=1404, number=2, status="draft").exists()
    markazi = Territory.objects.get(code="IR-00")
    results = programs_targets.targets_met(markazi, 1404)
    assert len(results) == 10 and all(r.value is not None for r in results)
    # Markazi's program: a seasonal duty, so an action, for each member agency.
    program = Program.objects.get(title="برنامه تحول و تعالی حوزه اجتماعی و فرهنگی استان")
    assert program.duties.count() == 6
    assert Action.objects.filter(duty__program=program).count() == 6
    # Kerman's five strategies, a monthly duty for each county deputy.
    kerman = Duty.objects.filter(program__territory__code="IR-08")
    assert kerman.count() == 10 and {d.responsible.kind for d in kerman} == {"county_governorate"}
    # Yazd's schools by county.
    share = Indicator.objects.get(code="EDU-3")
    yazd = Territory.objects.get(code="IR-21")
    figure = selectors.aggregate_value(share, yazd, Period(YEAR, 1403))
    assert figure.complete and 0 < figure.value < 100
    # Kerman's begging strategy: its own monthly indicator, targets per county (one corrected), last
    # month closed with two counties' reports missing.
    from peygir.programs.models import IndicatorTarget, PeriodClosure

    begging = Indicator.objects.get(code="KRM-BEG-1")
    assert begging.program.theme == "begging" and begging.current_version.period_type == "month"
    kerman_counties = Territory.objects.filter(kind="county", parent__code="IR-08").count()
    targets = IndicatorTarget.objects.filter(indicator=begging)
    assert targets.count() == kerman_counties and sorted(targets.values_list("version", flat=True))[-1] == 2
    closure = PeriodClosure.objects.get(territory__code="IR-08", period_type="month")
    assert closure.missing_count == 2 and closure.closed_by is not None
    [missing] = [m for m in closure.missing if m["indicator"] == begging.pk]
    assert len(missing["territories"]) == 2
    # …kept per county for the evaluation: the Kerman office (its reporting organization) answers.
    expected = closure.expected.filter(indicator=begging)
    assert expected.count() == kerman_counties and expected.filter(reported=False).count() == 2
    assert {e.reporter.name for e in expected} == {begging.responsible.name}
    # The harms' values were reported within their grace, but for one season of Khuzestan's
    # (the fourth from the last), a month and a half after it: late reporting in the evaluation.
    late = IndicatorValue.objects.filter(indicator__in=harms, reported_on__gt=F("due_on"))
    assert late.exists() and set(late.values_list("territory__parent__code", flat=True)) == {"IR-06"}
    assert set(late.values_list("year", "number")) == {(1403, 3)}
    # (answered for by the county governorates the demo has; the others' count for the province only)
    assert "county_governorate" in set(late.values_list("reporter__kind", flat=True))
