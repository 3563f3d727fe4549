"""Inspection resources for the API's router."""

from rest_framework.routers import BaseRouter

from .views import ChecklistViewSet, FacilityViewSet, FindingViewSet, PlanViewSet, VisitViewSet


def register(router: BaseRouter) -> None:
    router.register("inspection-facilities", FacilityViewSet, basename="inspection-facility")
    router.register("inspection-checklists", ChecklistViewSet, basename="inspection-checklist")
    router.register("inspection-plans", PlanViewSet, basename="inspection-plan")
    router.register("inspection-visits", VisitViewSet, basename="inspection-visit")
    router.register("inspection-findings", FindingViewSet, basename="inspection-finding")
