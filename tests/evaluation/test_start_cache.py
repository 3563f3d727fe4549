"""The start page's evaluation figures are cached under their territory's version: a write in another
province keeps them, a write in the territory refreshes them."""

import pytest

from peygir.core import dataversion
from peygir.evaluation import selectors
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def test_figures_follow_their_province_only(world, monkeypatch):
    computed = []
    real = selectors.start_figures

    def counting(territory, **kwargs):
        computed.append(territory.pk)
        return real(territory, **kwargs)

    monkeypatch.setattr(selectors, "start_figures", counting)
    governor = world.users["governor"]

    def figures():
        with dataversion.reading():
            return selectors.start_figures_for(governor)

    assert figures() is not None and len(computed) == 1
    figures()
    assert len(computed) == 1  # cached
    ActionFactory(
        responsible_organization=world.foreign_office,
        issuer_organization=world.foreign_office,
        territory=world.other_province,
    )
    figures()
    assert len(computed) == 1  # Yazd's write: Markazi's figures stay
    ActionFactory(responsible_organization=world.agency, issuer_organization=world.office)
    figures()
    assert len(computed) == 2  # Markazi's write: computed again


@pytest.mark.parametrize(
    ("count", "weakest"), [(3, []), (8, []), (11, [11, 10, 9]), (20, [20, 19, 18, 17, 16, 15, 14, 13])]
)
def test_the_best_and_the_weakest_never_name_an_agency_twice(world, monkeypatch, count, weakest):
    """Kerman's start page listed eleven agencies as eight best and eight weakest, five of them twice."""
    from types import SimpleNamespace

    ranked = [SimpleNamespace(rank=n, score=100 - n) for n in range(1, count + 1)]
    card = SimpleNamespace(measure=lambda key: None)
    view = SimpleNamespace(agencies=ranked, card=card, children=[])
    monkeypatch.setattr(selectors, "territory_view", lambda territory, **kwargs: view)
    figures = selectors.start_figures(world.province, top=8)
    best = [c.rank for c in figures["best_agencies"]]
    worst = [c.rank for c in figures["worst_agencies"]]
    assert best == list(range(1, min(count, 8) + 1))
    assert worst == weakest
    assert not set(best) & set(worst)
