"""A URLconf with a view that fails and one that refuses, to see the 500 and 403 pages
(tests/web/test_errors.py)."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path

from peygir.urls import handler400, handler403, handler404, handler500  # noqa: F401


def broken(request):
    raise RuntimeError("a failure no view handled")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("broken/", broken),
    path("forbidden/", forbidden),
    path("api/v1/forbidden/", forbidden),
    path("api/v1/broken/", broken),
    path("", include("peygir.urls")),
]
