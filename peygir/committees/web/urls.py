"""Pages of committees and meetings, and the organization directory (whose record lists committee seats)."""

from django.urls import path

from . import committees, meetings, organizations

urlpatterns: list = [
    path("committees/", committees.committee_list, name="committee_list"),
    path("committees/<int:pk>/", committees.committee_detail, name="committee_detail"),
    path("committees/<int:pk>/meetings/new/", committees.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/<slug:op>/", meetings.meeting_op, name="meeting_op"),
    path("organizations/", organizations.organization_list, name="organization_list"),
    path("organizations.xlsx", organizations.organization_list_xlsx, name="organization_list_xlsx"),
    path("organizations/<int:pk>/", organizations.organization_detail, name="organization_detail"),
]
