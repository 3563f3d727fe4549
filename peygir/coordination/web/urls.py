"""Pages of coordination (mounted under the `web` namespace by peygir/web/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("coordination/", views.coordination_view, name="coordination_view"),
    path("coordination/map.json", views.map_data, name="coordination_map_data"),
    path("coordination/check/", views.check, name="coordination_check"),
    path("coordination/entry/<str:token>/", views.entry_page, name="coordination_entry"),
    path("coordination/entry/<str:token>/decide/", views.entry_decide, name="coordination_entry_decide"),
    path("coordination/review/", views.review, name="coordination_review"),
    path("coordination/review/<int:pk>/decide/", views.review_decide, name="coordination_review_decide"),
    path("coordination/decisions/", views.decision_list, name="coordination_decisions"),
    path("coordination/decisions/<int:pk>/undo/", views.decision_undo, name="coordination_undo"),
]
