"""Pages of programs, duties and indicators."""

from django.urls import path

from . import definitions, indicators, programs

urlpatterns: list = [
    path("programs/", programs.program_list, name="program_list"),
    path("programs/new/", programs.program_create, name="program_create"),
    path("programs/<int:pk>/", programs.program_detail, name="program_detail"),
    path("programs/<int:pk>/duties/new/", programs.duty_create, name="duty_create"),
    path("programs/<int:pk>/goals/new/", programs.goal_create, name="goal_create"),
    path("indicators/", indicators.indicator_list, name="indicator_list"),
    path("indicators/new/", definitions.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/", indicators.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", definitions.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/targets/", definitions.indicator_targets, name="indicator_targets"),
    path("indicators/closure/<int:territory_pk>/", definitions.period_closure, name="period_closure"),
    path("indicators/<int:pk>/import/", indicators.value_import, name="indicator_import"),
    path("indicators/<int:pk>/template.xlsx", indicators.value_template, name="indicator_template"),
    path("indicators/entry/<int:territory_pk>/", indicators.value_entry, name="indicator_entry"),
    path("indicators/approval/<int:territory_pk>/", indicators.approval, name="indicator_approval"),
    path("indicators/values/<int:pk>/", indicators.value_history, name="value_history"),
    path("indicators/values/<int:pk>/reopen/", indicators.value_reopen, name="value_reopen"),
    path("indicators/values/<int:pk>/comment/", indicators.value_comment_add, name="value_comment"),
]
