"""The administration's resources for the API's router."""

from rest_framework.routers import BaseRouter

from .directives import DirectiveViewSet


def register(router: BaseRouter) -> None:
    router.register("directives", DirectiveViewSet, basename="directive")
