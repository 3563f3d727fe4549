"""REST API v1 (mounted at /api/v1/): the schema and its docs, and each domain's resources."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from peygir.actions.api import urls as actions
from peygir.administration.api import urls as administration
from peygir.committees.api import urls as committees
from peygir.coordination.api import urls as coordination
from peygir.demands.api import urls as demands
from peygir.evaluation.api import urls as evaluation
from peygir.exports.api import urls as exports
from peygir.grants.api import urls as grants
from peygir.inspections.api import urls as inspections
from peygir.programs.api import urls as programs
from peygir.search.api import urls as search
from peygir.territory.api import urls as territory

app_name = "api"

router = DefaultRouter()
router.include_root_view = False
for domain in (
    territory,
    actions,
    committees,
    demands,
    administration,
    programs,
    evaluation,
    grants,
    inspections,
    coordination,
    search,
):
    domain.register(router)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: the CSP allows no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:api-schema"), name="api-docs"),
    *exports.urlpatterns,
    path("", include(router.urls)),
]
