"""Programs, duties, indicators and values for the API's router."""

from rest_framework.routers import BaseRouter

from .closures import PeriodClosureViewSet
from .views import DutyViewSet, IndicatorValueViewSet, IndicatorViewSet, ProgramViewSet


def register(router: BaseRouter) -> None:
    router.register("programs", ProgramViewSet, basename="program")
    router.register("duties", DutyViewSet, basename="duty")
    router.register("indicators", IndicatorViewSet, basename="indicator")
    router.register("indicator-values", IndicatorValueViewSet, basename="indicator-value")
    router.register("period-closures", PeriodClosureViewSet, basename="period-closure")
