"""Pages of citizens' demands: staff pages, the citizen's public pages (no login) and the reports."""

from django.urls import path

from . import demands, intake, offices, public, reports

urlpatterns: list = [
    path("demands/", demands.demand_list, name="demand_list"),
    path("demands.xlsx", demands.demand_list_xlsx, name="demand_list_xlsx"),
    path("demands/new/", intake.demand_new, name="demand_new"),
    path("demands/similar/", intake.demand_similar, name="demand_similar"),
    path("demands/triage/", demands.triage, name="triage"),
    path("demands/triage.xlsx", demands.triage_xlsx, name="triage_xlsx"),
    path("demands/<int:pk>/", demands.demand_detail, name="demand_detail"),
    path("demands/attachments/<int:pk>/", demands.demand_attachment, name="demand_attachment"),
    path("demands/<int:pk>/support/", intake.demand_add_supporter, name="demand_add_supporter"),
    path("demands/<int:pk>/<slug:op>/", demands.demand_op, name="demand_op"),
    # citizens
    path("request/", public.public_submit, name="demand_public_submit"),
    path("request/confirm/", public.public_confirm, name="demand_public_confirm"),
    path("track/", public.public_status, name="demand_public_status"),
    path("track/rate/", public.public_rate, name="demand_public_rate"),
    # The name the demands core's SMS links reverse by default (PEYGIR_DEMAND_STATUS_URL_NAME).
    path("t/", public.public_status, name="demand_track"),
]

# Reports on demands, per office and per agency.
reports_urlpatterns: list = [
    # The offices' list and page show their demands (the rest of an office's pages are facilitation's).
    path("offices/", offices.office_list, name="office_list"),
    path("offices/<int:pk>/", offices.office_detail, name="office_detail"),
    path("offices/<int:pk>/review/", reports.office_review, name="office_review"),
    path("offices/<int:pk>/review.xlsx", reports.office_review_xlsx, name="office_review_xlsx"),
    path("reports/demands/", reports.report_demands, name="report_demands"),
    path("reports/demands.xlsx", reports.report_demands, {"fmt": "xlsx"}, name="report_demands_xlsx"),
    path("reports/activities/", reports.report_activities, name="report_activities"),
    path("reports/map/", reports.report_map, name="report_map"),
    path("reports/map/data.json", reports.report_map_data, name="report_map_data"),
]
