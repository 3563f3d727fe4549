"""The evaluation's bench targets (peygir/bench/evaluation_targets.py) answer for their users."""

import pytest
from django.test import Client

from peygir.accounts.models import User
from peygir.bench.evaluation_targets import evaluation_targets
from peygir.bench.report import INFO, verdicts
from peygir.core import dataversion
from tests.auth import sign_in

pytestmark = pytest.mark.django_db


def test_every_evaluation_target_answers(ledger):
    world = ledger.world
    targets = evaluation_targets(world.users["office_staff"].pk, world.province.path)
    assert len(targets) == 8 and {t.group for t in targets} == {"evaluation", INFO}
    assert all(t.cached and t.before for t in targets if t.group == "evaluation")
    client = Client()
    for target in targets:
        sign_in(client, User.objects.get(pk=target.user_id))
        assert client.get(target.url).status_code == 200, target.name


def test_the_evaluation_pages_have_their_own_limit():
    page = {"name": "evaluation: x", "group": "evaluation", "status": 200, "p95_ms": 250.0}
    checks = verdicts({"pages": [page, {**page, "name": "inbox", "group": "page"}]})
    assert checks["evaluation: x"]["ok"] and not checks["inbox"]["ok"]


def test_the_pages_are_read_while_others_write(ledger):
    """Before each request of a province's page another province writes (its kept aggregates stay);
    before each national one, one province after another does."""
    world = ledger.world
    targets = {t.name: t for t in evaluation_targets(world.users["office_staff"].pk, world.province.path)}
    mine, other = (dataversion.province_scope(p.path) for p in (world.province, world.other_province))

    def versions():
        return dataversion.versions([mine, other, dataversion.app_scope("actions")])

    start = versions()
    targets["evaluation: province scorecard (agencies, counties)"].before()
    moved = versions()
    assert moved[0] == start[0] and moved[1] > start[1] and moved[2] > start[2]
    national = targets["evaluation: provinces side by side"]
    national.before()
    national.before()
    assert all(b > a for a, b in zip(moved[:2], versions()[:2], strict=True))


def test_information_pages_have_no_target():
    page = {"name": "evaluation: cold", "group": INFO, "status": 200, "p95_ms": 5000.0}
    assert verdicts({"pages": [page]}) == {}
