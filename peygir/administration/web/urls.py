"""Pages of the office's own administration (under /manage/), and the one-time set-password link."""

from django.urls import path

from . import committees, imports, lists, organizations, pages, people

urlpatterns: list = [
    path("manage/", pages.home, name="admin_home"),
    path("manage/log/", pages.change_log, name="admin_change_log"),
    path("manage/history/<str:label>/<int:pk>/", pages.history, name="admin_history"),
    path("manage/directive/", pages.directive, name="admin_directive"),
    path("manage/committees/", committees.committee_list, name="admin_committee_list"),
    path("manage/committees/new/", committees.committee_create, name="admin_committee_create"),
    path("manage/committees/<int:pk>/", committees.committee_edit, name="admin_committee_edit"),
    path(
        "manage/committees/<int:pk>/members/",
        committees.committee_member_add,
        name="admin_committee_member_add",
    ),
    path(
        "manage/committee-members/<int:pk>/remove/",
        committees.committee_member_remove,
        name="admin_committee_member_remove",
    ),
    path("manage/organizations/", organizations.organization_list, name="admin_organization_list"),
    path("manage/organizations/new/", organizations.organization_create, name="admin_organization_create"),
    path("manage/organizations/<int:pk>/", organizations.organization_edit, name="admin_organization_edit"),
    path("manage/people/", people.person_list, name="admin_person_list"),
    path("manage/people/new/", people.person_create, name="admin_person_create"),
    path("manage/people/<int:pk>/", people.person_edit, name="admin_person_edit"),
    path("manage/people/<int:pk>/memberships/", people.membership_add, name="admin_membership_add"),
    path("manage/people/<int:pk>/password-link/", people.password_link, name="admin_password_link"),
    path("manage/memberships/<int:pk>/end/", people.membership_end, name="admin_membership_end"),
    path("manage/categories/", lists.category_list, name="admin_category_list"),
    path("manage/categories/new/", lists.category_form, name="admin_category_create"),
    path("manage/categories/<int:pk>/", lists.category_form, name="admin_category_edit"),
    path("manage/routing/", lists.rule_list, name="admin_rule_list"),
    path("manage/routing/new/", lists.rule_form, name="admin_rule_create"),
    path("manage/routing/<int:pk>/", lists.rule_form, name="admin_rule_edit"),
    path("manage/routing/<int:pk>/delete/", lists.rule_delete, name="admin_rule_delete"),
    path("manage/calendar/", lists.calendar_list, name="admin_calendar_list"),
    path("manage/calendar/new/", lists.calendar_form, name="admin_calendar_create"),
    path("manage/calendar/<int:pk>/", lists.calendar_form, name="admin_calendar_edit"),
    path("manage/calendar/<int:pk>/delete/", lists.calendar_delete, name="admin_calendar_delete"),
    path("manage/offices/", lists.office_list, name="admin_office_list"),
    path("manage/offices/<int:pk>/", lists.office_form, name="admin_office_edit"),
    path("manage/imports/<slug:kind>/", imports.import_upload, name="admin_import"),
    path("manage/imports/<slug:kind>/confirm/", imports.import_confirm, name="admin_import_confirm"),
    path("manage/imports/<slug:kind>/template.xlsx", imports.import_template, name="admin_import_template"),
    path("set-password/<uidb64>/<token>/", people.set_password, name="admin_set_password"),
]
