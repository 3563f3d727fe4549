"""The product's URLs plus `/bench/bare/`: the yardstick for throughput (served only by the bench)."""

from django.urls import include, path

from .views import bare

urlpatterns = [
    path("bench/bare/", bare, name="bench-bare"),
    path("", include("peygir.urls")),
]
