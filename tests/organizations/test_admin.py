"""The admin pages of territories, organizations and users render and keep derived fields right."""

import pytest
from django.urls import reverse

from peygir.organizations.services import user_create
from peygir.territory.models import Territory
from tests.auth import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client):
    sign_in(client, user_create(username="root", password="root-pass-123", is_superuser=True))
    return client


def test_admin_pages_render(world, admin_client_):
    urls = [
        reverse("admin:territory_territory_changelist"),
        reverse("admin:territory_territory_change", args=[world.county.pk]),
        reverse("admin:organizations_organization_changelist") + "?q=نوسازی",
        reverse("admin:organizations_organization_change", args=[world.agency.pk]),
        reverse("admin:organizations_membership_changelist"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_change", args=[world.users["liaison"].pk]),
    ]
    for url in urls:
        assert admin_client_.get(url).status_code == 200, url
    # Deleting a territory or an organization is not offered: records point at them.
    assert (
        admin_client_.get(reverse("admin:territory_territory_delete", args=[world.county.pk])).status_code
        == 403
    )


def test_admin_created_territory_gets_its_tree_position(world, admin_client_):
    response = admin_client_.post(
        reverse("admin:territory_territory_add"),
        {
            "kind": "neighbourhood",
            "parent": world.county.pk,
            "code": "N-1",
            "name_fa": "محله شهید بهشتي",
            "name_en": "",
            "population": "",
            "is_underprivileged": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    created = Territory.objects.get(code="N-1")
    assert created.path == f"{world.county.path}{created.pk}/" and created.depth == world.county.depth + 1
    assert created.name_normalized == "محله شهید بهشتی" and created.is_underprivileged
