"""Pages of facilitation offices, their vulnerable households and empowerment activities."""

from django.urls import path

from . import offices

urlpatterns: list = [
    path("offices/new/", offices.office_create, name="office_create"),
    path("offices/<int:pk>/households/", offices.household_list, name="household_list"),
    path("offices/<int:pk>/households/new/", offices.household_create, name="household_create"),
    path("offices/<int:pk>/activities/", offices.activity_list, name="activity_list"),
    path("offices/<int:pk>/activities/new/", offices.activity_create, name="activity_create"),
    path("households/<int:pk>/", offices.household_detail, name="household_detail"),
    path("households/<int:pk>/edit/", offices.household_edit, name="household_edit"),
    path("access-log/", offices.sensitive_access_log, name="sensitive_access_log"),
]
