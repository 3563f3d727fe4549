"""A URLconf with a view that fails, to see the 500 page (tests/web/test_errors.py)."""

from django.urls import include, path

from peygir.urls import handler400, handler403, handler404, handler500  # noqa: F401


def broken(request):
    raise RuntimeError("a failure no view handled")


urlpatterns = [
    path("broken/", broken),
    path("api/v1/broken/", broken),
    path("", include("peygir.urls")),
]
