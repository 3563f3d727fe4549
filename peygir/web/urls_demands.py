"""Pages of citizens' demands: staff pages and the citizen's public pages (no login)."""

from django.urls import path

from .views import demand_intake, demands, public

urlpatterns: list = [
    path("demands/", demands.demand_list, name="demand_list"),
    path("demands/new/", demand_intake.demand_new, name="demand_new"),
    path("demands/similar/", demand_intake.demand_similar, name="demand_similar"),
    path("demands/triage/", demands.triage, name="triage"),
    path("demands/<int:pk>/", demands.demand_detail, name="demand_detail"),
    path("demands/attachments/<int:pk>/", demands.demand_attachment, name="demand_attachment"),
    path("demands/<int:pk>/support/", demand_intake.demand_add_supporter, name="demand_add_supporter"),
    path("demands/<int:pk>/<slug:op>/", demands.demand_op, name="demand_op"),
    # citizens
    path("request/", public.public_submit, name="demand_public_submit"),
    path("request/confirm/", public.public_confirm, name="demand_public_confirm"),
    path("track/", public.public_status, name="demand_public_status"),
    path("track/rate/", public.public_rate, name="demand_public_rate"),
    # The name the demands core's SMS links reverse by default (PEYGIR_DEMAND_STATUS_URL_NAME).
    path("t/", public.public_status, name="demand_track"),
]
