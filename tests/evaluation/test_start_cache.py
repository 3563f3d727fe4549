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
