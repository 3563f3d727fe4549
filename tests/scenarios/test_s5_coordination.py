"""S5.4: several bodies run the same social work in the same neighbourhood of Karaj; the nightly pass
finds it and the coordination view shows where the bodies overlap (peygir/demo/coordination.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from peygir.actions.models import Action
from peygir.coordination.models import CandidatePair
from peygir.coordination.scan import scan
from peygir.demo.coordination import WORK
from peygir.search import indexing
from tests.auth import sign_in

# One worker runs the package: its demo is loaded once (conftest), not once per worker.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-scenarios")]


def _karaj_actions(demo) -> dict[str, int]:
    titles = {title: key for key, _name, title, _d, _o in WORK}
    rows = Action.objects.filter(title__in=titles, issuer_organization=demo.directory.orgs["alborz.office"])
    return {titles[a.title]: a.pk for a in rows}


def test_the_pass_pairs_the_same_work_of_different_bodies_and_not_the_other(demo):
    indexing.reindex_all()
    result = scan(county_ids=[demo.directory.territories["alborz.karaj"].pk])
    ids = _karaj_actions(demo)
    assert len(ids) == 4
    pairs = {
        frozenset((p.a_id, p.b_id))
        for p in CandidatePair.objects.filter(a_kind="directive", b_kind="directive")
        if {p.a_id, p.b_id} <= set(ids.values())
    }
    same = ("karaj_regeneration", "karaj_municipality", "karaj_welfare")
    # the three bodies asked for the same programme for Hesarak's working children
    expected = {frozenset((ids[a], ids[b])) for i, a in enumerate(same) for b in same[i + 1 :]}
    assert expected <= pairs, pairs
    # the Basij's summer sport camp for the same neighbourhood is other work
    assert not any(ids["karaj_basij"] in pair for pair in pairs)
    assert result.created >= 3
    # a second pass adds nothing
    assert scan(county_ids=[demo.directory.territories["alborz.karaj"].pk]).created == 0


def test_the_national_organization_sees_karaj_in_the_coordination_view(client, demo):
    indexing.reindex_all()
    scan()
    sign_in(client, demo.cast["national"])
    alborz = demo.directory.territories["alborz"]
    response = client.get(reverse("web:coordination_view"), {"territory": alborz.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "کرج" in html and "شهرداری کرج" in html
