"""Pages of NGO grants: calls, proposals, reviews, allocation, projects, the NGO portal, exports."""

from django.urls import path

from . import calls, exports, ngos, projects, proposals

urlpatterns: list = [
    path("grants/", calls.call_list, name="grant_call_list"),
    path("grants/new/", calls.call_create, name="grant_call_create"),
    path("grants/<int:pk>/", calls.call_detail, name="grant_call_detail"),
    path("grants/<int:pk>/do/<slug:op>/", calls.call_op, name="grant_call_op"),
    path("grants/<int:pk>/reviews/", calls.review_board, name="grant_review_board"),
    path("grants/<int:pk>/allocation/", calls.allocation_view, name="grant_allocation"),
    path("grants/<int:pk>/counties/", calls.county_ranking, name="grant_county_ranking"),
    path("grants/<int:pk>/allocations.xlsx", exports.allocations_xlsx, name="grant_allocations_xlsx"),
    path("grants/<int:pk>/360giving.json", exports.open_data, name="grant_open_data"),
    path("grants/<int:pk>/apply/", proposals.proposal_create, name="grant_proposal_create"),
    path("grants/proposals/<int:pk>/", proposals.proposal_detail, name="grant_proposal_detail"),
    path("grants/proposals/<int:pk>/edit/", proposals.proposal_edit, name="grant_proposal_edit"),
    path("grants/proposals/<int:pk>/do/<slug:op>/", proposals.proposal_op, name="grant_proposal_op"),
    path("grants/proposals/<int:pk>/review/", proposals.review_submit, name="grant_review_submit"),
    path(
        "grants/proposals/attachments/<int:pk>/",
        proposals.proposal_attachment,
        name="grant_proposal_attachment",
    ),
    path("grants/projects/", projects.project_list, name="grant_project_list"),
    path("grants/projects/<int:pk>/", projects.project_detail, name="grant_project_detail"),
    path("grants/projects/<int:pk>/do/<slug:op>/", projects.project_op, name="grant_project_op"),
    path("grants/portal/", projects.ngo_portal, name="grant_ngo_portal"),
    path("grants/<int:pk>/questions/", calls.call_questions, name="grant_call_questions"),
    path("grants/ngos/", ngos.ngo_list, name="grant_ngo_list"),
    path("grants/ngos/register/", ngos.ngo_register, name="grant_ngo_register"),
    path("grants/ngos/register/confirm/", ngos.ngo_confirm, name="grant_ngo_confirm"),
    path("grants/ngos/<int:pk>/", ngos.ngo_profile, name="grant_ngo_profile"),
    path("grants/ngos/<int:pk>/do/<slug:op>/", ngos.ngo_op, name="grant_ngo_op"),
    path("grants/ngos/documents/<int:pk>/", ngos.ngo_document, name="grant_ngo_document"),
]
