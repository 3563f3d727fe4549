"""Action resources, and the organization directory (an organization's record counts its actions)."""

from rest_framework.routers import BaseRouter

from .organizations import OrganizationViewSet
from .views import ActionViewSet


def register(router: BaseRouter) -> None:
    router.register("organizations", OrganizationViewSet, basename="organization")
    router.register("actions", ActionViewSet, basename="action")
