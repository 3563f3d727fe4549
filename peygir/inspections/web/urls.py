"""Pages of inspections, under /inspections/ (the service worker's scope)."""

from django.urls import path

from . import amending, editing, inspector, registry, reports

urlpatterns: list = [
    path("inspections/", inspector.inspector_home, name="inspector_home"),
    path("inspections/sw.js", inspector.service_worker, name="inspections_sw"),
    path("inspections/offline/bundle/", inspector.offline_bundle, name="inspections_bundle"),
    path("inspections/visits/<int:pk>/", inspector.visit_detail, name="visit_detail"),
    path("inspections/visits/<int:pk>/sync/", inspector.visit_sync, name="visit_sync"),
    path("inspections/visits/<int:pk>/photos/", inspector.visit_photo, name="visit_photo"),
    path("inspections/facilities/", registry.facility_list, name="facility_list"),
    path("inspections/facilities/import/", registry.facility_import, name="facility_import"),
    path("inspections/facilities/<int:pk>/", registry.facility_detail, name="facility_detail"),
    path("inspections/checklists/", registry.checklist_list, name="checklist_list"),
    path("inspections/checklists/new/", editing.checklist_create, name="checklist_create"),
    path("inspections/checklists/<int:pk>/", registry.checklist_detail, name="checklist_detail"),
    path("inspections/checklists/<int:pk>/draft/", editing.checklist_draft, name="checklist_draft"),
    path(
        "inspections/checklists/<int:pk>/draft/start/",
        editing.checklist_draft_start,
        name="checklist_draft_start",
    ),
    path(
        "inspections/checklists/<int:pk>/draft/questions/<int:question>/remove/",
        editing.checklist_question_remove,
        name="checklist_question_remove",
    ),
    path(
        "inspections/checklists/<int:pk>/draft/publish/", editing.checklist_publish, name="checklist_publish"
    ),
    path("inspections/plans/", registry.plan_list, name="plan_list"),
    path("inspections/plans/new/", editing.plan_create, name="plan_create"),
    path("inspections/plans/<int:pk>/", registry.plan_detail, name="plan_detail"),
    path("inspections/plans/<int:pk>/edit/", editing.plan_edit, name="plan_edit"),
    path("inspections/plans/<int:pk>/submit/", editing.plan_submit, name="plan_submit"),
    path("inspections/plans/<int:pk>/return/", editing.plan_return, name="plan_return"),
    path("inspections/plans/<int:pk>/approve/", registry.plan_approve, name="plan_approve"),
    path("inspections/plans/<int:pk>/close/", editing.plan_close, name="plan_close"),
    path("inspections/draws/<int:pk>/", registry.draw_detail, name="draw_detail"),
    path("inspections/draws/<int:pk>/amend/", amending.draw_amend, name="draw_amend"),
    path("inspections/coverage/", reports.coverage, name="inspection_coverage"),
    path("inspections/coverage.xlsx", reports.coverage, {"fmt": "xlsx"}, name="inspection_coverage_xlsx"),
    path("inspections/map/", reports.inspection_map, name="inspection_map"),
    path("inspections/map/data/", reports.inspection_map_data, name="inspection_map_data"),
]
