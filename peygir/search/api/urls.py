"""The search resource (GET /api/v1/search/)."""

from rest_framework.routers import BaseRouter

from .views import SearchViewSet


def register(router: BaseRouter) -> None:
    router.register("search", SearchViewSet, basename="search")
