"""Pages of actions: the inbox, an action's page and its operations, evidence downloads."""

from django.urls import path

from . import inbox, views

urlpatterns: list = [
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox.xlsx", inbox.inbox_xlsx, name="inbox_xlsx"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/<slug:op>/", views.action_op, name="action_op"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
]
