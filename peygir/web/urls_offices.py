"""Pages of facilitation offices, vulnerable groups, empowerment activities and demand reports."""

from django.urls import path

from .views import offices, reports

urlpatterns: list = [
    path("offices/", offices.office_list, name="office_list"),
    path("offices/new/", offices.office_create, name="office_create"),
    path("offices/<int:pk>/", offices.office_detail, name="office_detail"),
    path("offices/<int:pk>/review/", reports.office_review, name="office_review"),
    path("offices/<int:pk>/review.xlsx", reports.office_review_xlsx, name="office_review_xlsx"),
    path("offices/<int:pk>/households/", offices.household_list, name="household_list"),
    path("offices/<int:pk>/households/new/", offices.household_create, name="household_create"),
    path("offices/<int:pk>/activities/", offices.activity_list, name="activity_list"),
    path("offices/<int:pk>/activities/new/", offices.activity_create, name="activity_create"),
    path("households/<int:pk>/", offices.household_detail, name="household_detail"),
    path("households/<int:pk>/edit/", offices.household_edit, name="household_edit"),
    path("access-log/", offices.sensitive_access_log, name="sensitive_access_log"),
    path("reports/demands/", reports.report_demands, name="report_demands"),
    path("reports/demands.xlsx", reports.report_demands, {"fmt": "xlsx"}, name="report_demands_xlsx"),
    path("reports/activities/", reports.report_activities, name="report_activities"),
    path("reports/map/", reports.report_map, name="report_map"),
    path("reports/map/data.json", reports.report_map_data, name="report_map_data"),
]
