"""Grants resources for the API's router."""

from rest_framework.routers import BaseRouter

from .ngos import NgoRegistrationViewSet
from .views import (
    CallViewSet,
    InstalmentViewSet,
    MilestoneViewSet,
    ProjectViewSet,
    ProposalViewSet,
    ReviewViewSet,
)


def register(router: BaseRouter) -> None:
    router.register("grant-calls", CallViewSet, basename="grant-call")
    router.register("grant-proposals", ProposalViewSet, basename="grant-proposal")
    router.register("grant-reviews", ReviewViewSet, basename="grant-review")
    router.register("grant-projects", ProjectViewSet, basename="grant-project")
    router.register("grant-milestones", MilestoneViewSet, basename="grant-milestone")
    router.register("grant-instalments", InstalmentViewSet, basename="grant-instalment")
    router.register("grant-ngos", NgoRegistrationViewSet, basename="grant-ngo")
