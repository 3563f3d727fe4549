"""The minutes downloads under the meetings resource; each path fixes its renderers (JSON for errors)."""

from django.urls import path

from .views import MINUTES_RENDERERS, MinutesViewSet

urlpatterns: list = [
    path(
        "meetings/<int:pk>/minutes.pdf",
        MinutesViewSet.as_view({"get": "minutes_pdf"}, renderer_classes=MINUTES_RENDERERS["minutes_pdf"]),
        name="meeting-minutes-pdf",
    ),
    path(
        "meetings/<int:pk>/minutes.docx",
        MinutesViewSet.as_view({"get": "minutes_docx"}, renderer_classes=MINUTES_RENDERERS["minutes_docx"]),
        name="meeting-minutes-docx",
    ),
]
