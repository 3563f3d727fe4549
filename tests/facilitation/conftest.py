"""Offices in the `world`'s county (see helpers.build_offices)."""

import pytest

from tests.auth import sign_in

from .helpers import Offices, build_offices


@pytest.fixture
def offices(world) -> Offices:
    return build_offices(world)


@pytest.fixture
def login(world, offices):
    """login("facilitator") → a Client signed in as that persona (world's or offices')."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    def make(persona: str) -> Client:
        user = offices.users.get(persona) or world.users[persona]
        client = Client()
        sign_in(client, get_user_model().objects.get(pk=user.pk))
        return client

    return make
