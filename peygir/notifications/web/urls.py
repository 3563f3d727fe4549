"""The notifications page and marking notifications read."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_mark_read, name="notifications_mark_read"),
]
