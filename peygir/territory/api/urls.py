"""Territory resources for the API's router."""

from rest_framework.routers import BaseRouter

from .views import TerritoryViewSet


def register(router: BaseRouter) -> None:
    router.register("territories", TerritoryViewSet, basename="territory")
