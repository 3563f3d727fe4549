"""Scorecard resources for the API's router."""

from rest_framework.routers import BaseRouter

from .views import AgencyScorecardViewSet, TerritoryScorecardViewSet


def register(router: BaseRouter) -> None:
    router.register("scorecards/territories", TerritoryScorecardViewSet, basename="scorecard-territory")
    router.register("scorecards/organizations", AgencyScorecardViewSet, basename="scorecard-organization")
