"""Issue 11 §3 in a real browser: the county deputy opens today's visit, the network goes off, the
visit is filled and submitted (kept on the phone), the tab is reloaded (the service worker serves the
page, IndexedDB keeps the queue), the network comes back and the visit arrives — once."""

import time

import pytest
from django.utils import timezone

from peygir.inspections.models import Visit, VisitSubmission
from tests.inspections.helpers import make_inspection_world

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def _wait_for(predicate, timeout: float = 20.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.25)
    return predicate()


def test_a_visit_filled_offline_arrives_once(world, page):
    iw = make_inspection_world(world, facilities_count=1, second=False)
    today = timezone.localdate()
    iw.approve(today)
    visit = Visit.objects.get()
    Visit.objects.filter(pk=visit.pk).update(scheduled_on=today)
    login(page, "county_deputy")
    url = f"{page.base_url}/inspections/visits/{visit.pk}/"
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now controlled by the service worker, which keeps the page and its assets
    page.wait_for_load_state("networkidle")
    assert page.evaluate("!!navigator.serviceWorker.controller")

    page.context.set_offline(True)
    page.reload()  # offline: served by the service worker
    assert page.locator("#pg-visit-form").count() == 1
    for code in ("hygiene_cards", "vet_supervision", "licence_on_wall"):
        q = visit.checklist_version.questions.get(code=code)
        page.click(f"label[for=q-{q.pk}-yes]")
    page.fill(f"input[name=q-{iw.question('cold_storage', visit).pk}]", "۳")
    page.fill(f"input[name=q-{iw.question('cleanliness', visit).pk}]", "4")
    page.fill(f"textarea[name=q-{iw.question('notes', visit).pk}]", "سالن ذبح تمیز است")
    page.click("#pg-visit-form button[type=submit]")
    page.wait_for_selector("#pg-outbox:not(.d-none)")
    assert "ذخیره شد" in page.inner_text("#pg-outbox")
    assert VisitSubmission.objects.count() == 0

    page.reload()  # still offline: the queue survives the reload
    # Waits by selector, not wait_for_function: a string predicate that is not true at once is polled
    # through eval, which the page's Content-Security-Policy (no 'unsafe-eval') refuses.
    page.wait_for_selector("#pg-visit[data-pending='1']", state="attached")
    assert VisitSubmission.objects.count() == 0

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    assert _wait_for(lambda: VisitSubmission.objects.count() == 1)
    page.locator("#pg-outbox", has_text="ثبت شد").wait_for(state="attached")
    page.reload()
    page.wait_for_load_state("networkidle")
    time.sleep(1)
    assert VisitSubmission.objects.count() == 1
    visit.refresh_from_db()
    assert visit.status == "completed" and visit.passed
    assert visit.answers.get(question__code="notes").value_text == "سالن ذبح تمیز است"
