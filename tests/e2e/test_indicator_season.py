"""S5.2 in a real browser: a county deputy enters the county's season in the grid (Persian digits),
approves it; the provincial office approves the province; the grid then shows why it is locked."""

import pytest

from peygir.programs.models import IndicatorValue
from peygir.territory.models import Territory
from tests.programs.factories import indicator

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def season(world):
    Territory.objects.filter(pk=world.county.pk).update(population=100_000)
    divorce = indicator(
        indicator__name="نرخ طلاق در هر هزار نفر", indicator__theme="divorce", kind="rate",
        population_denominator=True, period_type="season",
    )  # fmt: skip
    camps = indicator(
        indicator__name="شمار پذیرش در مراکز ماده ۱۶", indicator__theme="addiction", kind="number",
        period_type="season", min_value=0,
    )  # fmt: skip
    return divorce, camps


def test_enter_and_approve_a_county_season(page, world, season):
    divorce, camps = season
    login(page, "county_deputy")
    page.goto(f"{page.base_url}/indicators/entry/{world.county.pk}/?period=1403-S1")
    assert "بهار ۱۴۰۳" in page.inner_text("h1")
    # A negative count is refused and nothing is saved.
    page.fill(f"input[name=i{divorce.pk}_numerator]", "۱۲۰")
    page.fill(f"input[name=i{camps.pk}_value]", "-۵")
    page.click("#entry-grid button[type=submit]")
    assert "کمینه" in page.inner_text(f"tr[data-indicator='{camps.pk}']")
    assert not IndicatorValue.objects.exists()
    page.fill(f"input[name=i{divorce.pk}_numerator]", "۱۲۰")
    page.fill(f"input[name=i{camps.pk}_value]", "۱٬۲۰۰")
    page.click("#entry-grid button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert IndicatorValue.objects.count() == 2
    assert "۱٫۲" in page.inner_text(f"tr[data-indicator='{divorce.pk}']")
    # Approve the county's season.
    page.click("text=صفحهٔ تأیید")
    page.click("button[data-level=county]")
    page.wait_for_load_state("networkidle")
    assert set(IndicatorValue.objects.values_list("status", flat=True)) == {"county"}
    page.goto(f"{page.base_url}/indicators/entry/{world.county.pk}/?period=1403-S1")
    assert "قفل است" in page.inner_text(f"tr[data-indicator='{divorce.pk}']")
    assert page.locator(f"input[name=i{divorce.pk}_numerator]").count() == 0
    # The provincial office approves the province's season.
    page.context.clear_cookies()
    login(page, "office_staff")
    page.goto(f"{page.base_url}/indicators/approval/{world.province.pk}/?period=1403-S1")
    page.click("button[data-level=province]")
    page.wait_for_load_state("networkidle")
    assert set(IndicatorValue.objects.values_list("status", flat=True)) == {"province"}
    assert "۱ مقدار تأیید و قفل شد" in page.content() or "۲ مقدار تأیید و قفل شد" in page.content()
