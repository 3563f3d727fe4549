from django.contrib import admin
from django.urls import include, path

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

# Unmatched addresses and unexpected errors answer JSON under /api/ and Open311 (peygir/api/errors.py).
handler404 = "peygir.api.errors.not_found"
handler500 = "peygir.api.errors.server_error"
