"""Every concrete model of Peygir's apps has a factory in tests/factories.py, and it builds a valid row."""

import pytest
from django.apps import apps

from .factories import FACTORIES


def peygir_models() -> list:
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("peygir.")
        for model in config.get_models()
        if not model._meta.abstract and not model._meta.proxy
    ]


def test_every_model_has_a_factory():
    labels = {model._meta.label for model in peygir_models()}
    assert labels, "no models found: the app registry is not what this test expects"
    missing = sorted(labels - set(FACTORIES))
    assert not missing, f"models without a factory in tests/factories.py (FACTORIES): {missing}"
    assert not set(FACTORIES) - labels, "FACTORIES names a model that no longer exists"


@pytest.mark.parametrize("label", sorted(FACTORIES))
def test_factory_builds_a_valid_row(db, label, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    obj = FACTORIES[label]()
    obj.refresh_from_db()
    obj.full_clean()
    assert type(obj)._default_manager.filter(pk=obj.pk).exists()


def test_the_whole_world_builds_and_is_valid(world):
    """`world.populate()` builds one object of each main kind, every row of which is valid."""
    world.populate()
    assert world.demand.tracking_code and world.demand_action.demand_id == world.demand.pk
    assert world.resolution_action.resolution_id == world.resolution.pk
    assert world.users["facilitator"].memberships.get().organization == world.facilitation_office.organization
    for model in peygir_models():
        if model._meta.label in ("core.DataVersion",):
            continue
        rows = list(model._default_manager.all()[:50])
        assert rows, f"the populated world has no {model._meta.label}"
        for row in rows:
            row.full_clean()
