"""The admin sets facilities and plans up; it has no page for draws or visits (their dates are secret)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.auth import sign_in
from tests.factories import UserFactory


@pytest.mark.django_db
def test_admin_pages_and_no_visit_pages(world):
    part = world.inspections
    client = Client()
    sign_in(client, UserFactory(username="root", is_superuser=True, is_staff=True))
    for name, obj in [
        ("facility", part.facility),
        ("checklisttemplate", part.template),
        ("inspectionplan", part.plan),
    ]:
        assert client.get(reverse(f"admin:inspections_{name}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:inspections_{name}_change", args=[obj.pk])).status_code == 200
    for name in ("visit", "draw", "answer", "drawamendment"):
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:inspections_{name}_changelist")
