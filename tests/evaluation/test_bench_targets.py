"""The evaluation's bench targets (peygir/bench/evaluation_targets.py) answer for their users."""

import pytest
from django.test import Client

from peygir.accounts.models import User
from peygir.bench.evaluation_targets import evaluation_targets
from peygir.bench.report import verdicts
from tests.auth import sign_in

pytestmark = pytest.mark.django_db


def test_every_evaluation_target_answers(ledger):
    world = ledger.world
    targets = evaluation_targets(world.users["office_staff"].pk, world.province.path)
    assert len(targets) == 6 and {t.group for t in targets} == {"evaluation"}
    client = Client()
    for target in targets:
        sign_in(client, User.objects.get(pk=target.user_id))
        assert client.get(target.url).status_code == 200, target.name


def test_the_evaluation_pages_have_their_own_limit():
    page = {"name": "evaluation: x", "group": "evaluation", "status": 200, "p95_ms": 250.0}
    checks = verdicts({"pages": [page, {**page, "name": "inbox", "group": "page"}]})
    assert checks["evaluation: x"]["ok"] and not checks["inbox"]["ok"]
