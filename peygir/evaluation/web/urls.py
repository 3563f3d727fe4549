"""The evaluation pages (mounted in the `web` namespace by peygir/web/urls.py)."""

from django.urls import path

from . import national, views

urlpatterns = [
    path("evaluation/", views.evaluation_home, name="evaluation_home"),
    path("evaluation/start/", views.start_block, name="evaluation_start"),
    path("evaluation/territory/<int:pk>/", views.scorecard_territory, name="scorecard_territory"),
    path("evaluation/territory/<int:pk>/scorecard.xlsx", views.scorecard_xlsx, name="scorecard_xlsx"),
    path(
        "evaluation/territory/<int:pk>/drill/<slug:key>/",
        views.scorecard_drill_territory,
        name="scorecard_drill_territory",
    ),
    path("evaluation/territory/<int:pk>/weights/", views.scorecard_weights, name="scorecard_weights"),
    path("evaluation/territory/<int:pk>/year-end.pdf", national.yearend_pdf, name="yearend_pdf"),
    path("evaluation/territory/<int:pk>/year-end.xlsx", national.yearend_xlsx, name="yearend_xlsx"),
    path("evaluation/agency/<int:pk>/", views.scorecard_agency, name="scorecard_agency"),
    path(
        "evaluation/agency/<int:pk>/drill/<slug:key>/",
        views.scorecard_drill_agency,
        name="scorecard_drill_agency",
    ),
    path("evaluation/provinces/", national.compare, name="evaluation_compare"),
    path("evaluation/provinces.xlsx", national.compare, {"fmt": "xlsx"}, name="evaluation_compare_xlsx"),
    path("evaluation/map/", national.evaluation_map, name="evaluation_map"),
    path("evaluation/map/data.json", national.evaluation_map_data, name="evaluation_map_data"),
    path("evaluation/roadmap/", national.roadmap_page, name="evaluation_roadmap"),
]
