"""The notifications page, marking notifications read, and how each person is told."""

from django.urls import path

from . import preferences, views

urlpatterns: list = [
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_mark_read, name="notifications_mark_read"),
    path("notifications/preferences/", preferences.preferences, name="notification_preferences"),
    path("notifications/preferences/bale/", preferences.bale_link, name="notification_bale_link"),
    path("bale/webhook/<str:secret>/", preferences.bale_webhook, name="bale_webhook"),
]
