"""The minutes downloads, beside the meeting page's URLs."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("meetings/<int:pk>/minutes.pdf", views.meeting_minutes_pdf, name="meeting_minutes_pdf"),
    path("meetings/<int:pk>/minutes.docx", views.meeting_minutes_docx, name="meeting_minutes_docx"),
]
