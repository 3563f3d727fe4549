"""Demand resources for the API's router: offices, categories, routing rules and demands."""

from rest_framework.routers import BaseRouter

from .catalog import CategoryViewSet, OfficeViewSet, RoutingRuleViewSet
from .views import DemandViewSet


def register(router: BaseRouter) -> None:
    router.register("offices", OfficeViewSet, basename="office")
    router.register("demand-categories", CategoryViewSet, basename="demand-category")
    router.register("routing-rules", RoutingRuleViewSet, basename="routing-rule")
    router.register("demands", DemandViewSet, basename="demand")
