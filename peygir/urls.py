from django.contrib import admin
from django.urls import include, path

from peygir.api import errors as api_errors
from peygir.web import errors as web_errors
from peygir.web import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("peygir.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("peygir.web.urls")),
]

# Uploaded evidence is never served from MEDIA_URL: the action page and the API stream each file
# after checking that the user may see its action (see actions.web.views.evidence_download).

# Open311 GeoReport v2 for citizens' demands.
urlpatterns += [path("open311/v2/", include("peygir.demands.api.open311.urls"))]

# Persian pages that say what to do next (JSON under /api/ and /open311/).
handler400 = "peygir.web.errors.bad_request"
handler403 = "peygir.web.errors.permission_denied"


# 404 and 500 of the machine interfaces in their own formats (Open311: its error array, XML for .xml;
# peygir/api/errors.py), the site's Persian pages elsewhere.
def handler404(request, exception=None):  # noqa: ANN001, ANN201 - Django's handler signature
    return api_errors.machine_error(request, 404) or web_errors.page_not_found(request, exception)


def handler500(request):  # noqa: ANN001, ANN201
    return api_errors.machine_error(request, 500) or web_errors.server_error(request)
