"""Committee, meeting and resolution resources for the API's router."""

from rest_framework.routers import BaseRouter

from .committees import CommitteeViewSet
from .meetings import MeetingViewSet
from .resolutions import ResolutionViewSet


def register(router: BaseRouter) -> None:
    router.register("committees", CommitteeViewSet, basename="committee")
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("resolutions", ResolutionViewSet, basename="resolution")
