"""The action-source contract, run for every source in the registry.

A domain that registers a source (one line in settings.PEYGIR_ACTION_SOURCES) must add a builder to
BUILDERS below: `test_every_registered_source_has_a_builder` fails until it does, and then every
test here runs for it — creation and who may create, each event of the action's life, escalation,
the source's URL and territory, and the generated constraint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import resolve

from peygir.actions import services, sources
from peygir.actions.escalation import scan
from peygir.actions.models import Action
from peygir.committees import services as committee_services
from peygir.core.errors import NotAllowed
from peygir.organizations.models import Organization
from tests.auth import sign_in

from ..demands.fixtures import make_demand_world
from .helpers import pdf


@dataclass
class Case:
    """One source with an open action of it, the user who issues its actions and one who may not."""

    source: Any
    action: Action
    issuer_user: Any  # may create the source's actions and verify them
    reporter: Any  # the responsible organization's liaison
    outsider: Any
    issuer: Organization


def _resolution(world: Any) -> Case:
    user = world.users["office_staff"]
    committee = committee_services.committee_create(
        user=user,
        name="کارگروه اجتماعی و فرهنگی",
        kind="working_group",
        secretariat=world.office,
        territory=world.province,
    )
    meeting = committee_services.meeting_create(
        user=user, committee=committee, starts_at=dt.datetime(2023, 10, 1, 9, tzinfo=dt.UTC)
    )
    resolution = committee_services.resolution_create(
        user=user,
        meeting=meeting,
        text="نوسازی مدارس کانکسی تا پایان مهر",
        responsible=[world.agency],
        deadline_text="1402/08/24",
    )
    return Case(
        source=resolution,
        action=resolution.actions.get(),
        issuer_user=user,
        reporter=world.users["liaison"],
        outsider=world.users["foreign_staff"],
        issuer=world.office,
    )


def _demand(world: Any) -> Case:
    dw = make_demand_world(world)
    demand = dw.intake()
    demand.refresh_from_db()
    assert demand.current_action_id is not None, "the routing rule routes the demand at intake"
    return Case(
        source=demand,
        action=demand.current_action,
        issuer_user=dw.users["facilitator"],
        reporter=world.users["liaison"],
        outsider=dw.users["other_facilitator"],
        issuer=demand.current_action.issuer_organization,
    )


def _directive(world: Any) -> Case:
    action = services.action_create(
        title="گزارش اقدامات پیشگیری از اعتیاد",
        responsible=world.agency,
        issuer=world.office,
        deadline=dt.date(2023, 11, 15),
        created_by=world.users["office_staff"],
    )
    return Case(
        source=None,
        action=action,
        issuer_user=world.users["office_staff"],
        reporter=world.users["liaison"],
        outsider=world.users["foreign_staff"],
        issuer=world.office,
    )


BUILDERS: dict[str, Callable[[Any], Case]] = {
    "resolution": _resolution,
    "demand": _demand,
    "directive": _directive,
}
KINDS = list(settings.PEYGIR_ACTION_SOURCES)


def test_every_registered_source_has_a_builder():
    assert set(KINDS) == set(BUILDERS), "add a builder for each new source of actions to BUILDERS"


def test_constraint_has_one_clause_per_kind():
    assert len(sources.exactly_one_source_q().children) == len(KINDS)


@pytest.fixture(params=KINDS)
def case(request, world) -> Case:
    return BUILDERS[request.param](world)


def test_creation_links_the_source(case):
    adapter = sources.for_source(case.source)
    action = case.action
    assert action.source_kind == adapter.kind
    assert action.source == case.source
    assert action.source_adapter is adapter
    assert sources.get(adapter.kind) is adapter
    if adapter.field:
        assert getattr(action, f"{adapter.field}_id") == case.source.pk
    for other in sources.source_fields():
        if other != adapter.field:
            assert getattr(action, f"{other}_id") is None


def test_who_may_create(case):
    adapter = sources.for_source(case.source)
    assert adapter.can_issue(case.issuer_user, case.source, case.issuer)
    assert not adapter.can_issue(case.outsider, case.source, case.issuer)
    before = Action.objects.count()
    with pytest.raises(NotAllowed):
        services.action_create(
            title="اقدام غیرمجاز",
            responsible=case.action.responsible_organization,
            issuer=case.issuer,
            deadline=None,
            source=case.source,
            created_by=case.outsider,
        )
    assert Action.objects.count() == before


def test_the_constraint_refuses_a_wrong_foreign_key(case):
    adapter = sources.for_source(case.source)
    others = [field for field in sources.source_fields() if field != adapter.field]
    for other in others:
        related = Action._meta.get_field(other).related_model
        row = related.objects.first()
        if row is None:
            continue
        with pytest.raises(IntegrityError), transaction.atomic():
            Action.objects.filter(pk=case.action.pk).update(**{other: row})


def test_territory_lies_inside_the_issuers(case):
    adapter = sources.for_source(case.source)
    territory = adapter.territory(
        case.source, issuer=case.action.issuer_organization, responsible=case.action.responsible_organization
    )
    assert territory.path.startswith(case.action.issuer_organization.territory.path)
    assert case.action.territory_path == case.action.territory.path


def test_the_source_page_opens_on_the_source(case, client):
    """The link from the action leads the issuer to the source's page, and to the row when it names one."""
    adapter = sources.for_source(case.source)
    assert adapter.describe(case.action).strip()
    url = adapter.url(case.action)
    if not url:
        assert adapter.field is None, "a source that is a row must have a page"
        return
    path, _sep, fragment = url.partition("#")
    resolve(path)
    sign_in(client, case.issuer_user)
    page = client.get(path)
    assert page.status_code == 200
    if fragment:
        assert f'id="{fragment}"' in page.content.decode()


def test_every_event_reaches_the_adapter(case):
    adapter = sources.for_source(case.source)
    heard: list[str] = []
    original = adapter.on_event

    def spy(action, event, actor, text=""):
        heard.append(event)
        assert action.pk == case.action.pk
        original(action, event, actor, text)

    action = case.action
    # The issuer's side goes through the do-functions: who may verify is each domain's rule (a demand's
    # office answers on the demand's page), tested with the domain; here every event must be heard.
    with mock.patch.object(adapter, "on_event", side_effect=spy):
        services.action_report_progress(action=action, user=case.reporter, text="آغاز کار", progress=30)
        services.action_report_done(action=action, user=case.reporter, text="انجام شد", files=[pdf()])
        services.do_action_reject(action=action, user=case.issuer_user, reason="شواهد ناقص است")
        services.do_action_change_deadline(
            action=action, user=case.issuer_user, deadline=dt.date(2023, 12, 20), reason="تمدید"
        )
        services.action_report_done(action=action, user=case.reporter, text="انجام شد", files=[pdf()])
        services.do_action_verify(action=action, user=case.issuer_user, text="تأیید شد")
    assert heard == ["progress", "reported_done", "rejected", "deadline_changed", "reported_done", "verified"]
    action.refresh_from_db()
    assert action.status == Action.Status.VERIFIED


def test_cancel_and_retitle_reach_the_adapter(case):
    adapter = sources.for_source(case.source)
    with mock.patch.object(adapter, "on_event", wraps=adapter.on_event) as spy:
        services.do_action_retitle(action=case.action, user=case.issuer_user, title="عنوان اصلاح‌شده")
        services.do_action_cancel(action=case.action, user=case.issuer_user, reason="دیگر لازم نیست")
    assert [c.args[1] for c in spy.call_args_list] == ["retitled", "cancelled"]


def test_escalation_reaches_the_adapter(case):
    adapter = sources.for_source(case.source)
    deadline = dt.date(2023, 11, 15)
    Action.objects.filter(pk=case.action.pk).update(deadline=deadline, escalation_level=0)
    with mock.patch.object(adapter, "on_escalation", wraps=adapter.on_escalation) as spy:
        scan(as_of=deadline + dt.timedelta(days=40), deliver=False)
    rungs = [rung for call in spy.call_args_list for rung in call.args[0]]
    assert {rung.action_id for rung in rungs} == {case.action.pk}
    assert sorted(rung.step for rung in rungs) == [2, 3, 4]
    assert {rung.source_id for rung in rungs} == {getattr(case.source, "pk", None)}
