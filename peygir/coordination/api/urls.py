"""Coordination resources for the API's router."""

from rest_framework.routers import BaseRouter

from .views import CandidatePairViewSet, DecisionViewSet, EntryCheckViewSet


def register(router: BaseRouter) -> None:
    router.register("coordination/candidates", CandidatePairViewSet, basename="coordination-candidate")
    router.register("coordination/decisions", DecisionViewSet, basename="coordination-decision")
    router.register("coordination/check", EntryCheckViewSet, basename="coordination-check")
