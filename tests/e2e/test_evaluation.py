"""Browser: the scorecard's charts and the choropleth draw from their JSON, with no script error and
no inline script (the pages load their code from static files)."""

import pytest

from tests.evaluation.fixtures import build_ledger
from tests.factories import TerritoryBoundaryFactory

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def _errors(page) -> list[str]:
    """Script errors, and any failed request but the browser's own favicon.ico."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}") if r.status >= 400 and "favicon" not in r.url else None
        ),
    )
    return errors


def test_scorecard_chart_and_county_map(page, world):
    build_ledger(world)
    TerritoryBoundaryFactory(territory=world.county)
    errors = _errors(page)
    login(page, "governor")
    page.goto(f"{page.base_url}/evaluation/territory/{world.province.pk}/?year=1403&as_of=1403/11/01")
    assert page.locator("text=۵۶٫۲").first.is_visible()
    # chart.js drew on the agencies' canvas (it sets its own size and keeps the instance)
    assert page.evaluate("() => !!Chart.getChart(document.querySelector('canvas.pg-chart'))")
    page.goto(f"{page.base_url}/evaluation/map/?year=1403&as_of=1403/11/01&measure=on_time")
    page.wait_for_selector("#pg-eval-map path.leaflet-interactive")
    rows = page.locator("#pg-eval-map-rows tr")
    assert rows.count() == 1 and "۳۳٫۳" in rows.first.inner_text()
    assert "OpenStreetMap" in page.inner_text(".leaflet-control-attribution")
    assert not errors, errors
