from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from peygir.web import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("peygir.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("peygir.web.urls")),
]

if not settings.PRODUCTION:
    # Evidence files in the demo; production serves MEDIA_ROOT from object storage or the web server.
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
