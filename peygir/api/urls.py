"""REST API v1 (mounted at /api/v1/): resources, the OpenAPI schema and its interactive docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from .views.actions import ActionViewSet
from .views.committees import CommitteeViewSet
from .views.meetings import MINUTES_RENDERERS, MeetingViewSet
from .views.organizations import OrganizationViewSet
from .views.resolutions import ResolutionViewSet
from .views.territories import TerritoryViewSet

app_name = "api"

router = DefaultRouter()
router.include_root_view = False
router.register("territories", TerritoryViewSet, basename="territory")
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("committees", CommitteeViewSet, basename="committee")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("resolutions", ResolutionViewSet, basename="resolution")
router.register("actions", ActionViewSet, basename="action")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:api-schema"), name="api-docs"),
    path(
        "meetings/<int:pk>/minutes.pdf",
        MeetingViewSet.as_view({"get": "minutes_pdf"}, renderer_classes=MINUTES_RENDERERS["minutes_pdf"]),
        name="meeting-minutes-pdf",
    ),
    path(
        "meetings/<int:pk>/minutes.docx",
        MeetingViewSet.as_view({"get": "minutes_docx"}, renderer_classes=MINUTES_RENDERERS["minutes_docx"]),
        name="meeting-minutes-docx",
    ),
    path("", include(router.urls)),
]

# ---------------------------------------------------------------- citizens' demands (issue 3)
from .views.demand_catalog import CategoryViewSet, OfficeViewSet, RoutingRuleViewSet  # noqa: E402
from .views.demands import DemandViewSet  # noqa: E402

demands_router = DefaultRouter()
demands_router.include_root_view = False
demands_router.register("offices", OfficeViewSet, basename="office")
demands_router.register("demand-categories", CategoryViewSet, basename="demand-category")
demands_router.register("routing-rules", RoutingRuleViewSet, basename="routing-rule")
demands_router.register("demands", DemandViewSet, basename="demand")
urlpatterns += [path("", include(demands_router.urls))]
