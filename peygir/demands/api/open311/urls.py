"""Open311 GeoReport v2, mounted at /open311/v2/. Every resource answers as `.json` and as `.xml`."""

from __future__ import annotations

from django.urls import path

from .renderers import Open311JSONRenderer, Open311XMLRenderer
from .views import RequestConfirmView, RequestDetailView, RequestListView, ServiceListView

app_name = "open311"

RENDERERS = {"json": Open311JSONRenderer, "xml": Open311XMLRenderer}


def _both(route: str, view: type, name: str) -> list:
    """`route.json` and `route.xml`, each with its own renderer (the suffix decides the format)."""
    return [
        path(f"{route}.{fmt}", view.as_view(renderer_classes=[renderer]), name=f"{name}-{fmt}")
        for fmt, renderer in RENDERERS.items()
    ]


urlpatterns = [
    *_both("services", ServiceListView, "services"),
    *_both("requests", RequestListView, "requests"),
    *_both("requests/<str:service_request_id>/confirm", RequestConfirmView, "request-confirm"),
    *_both("requests/<str:service_request_id>", RequestDetailView, "request"),
]
