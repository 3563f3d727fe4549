"""The grants pages answer their readers, refuse strangers with 404 and write through the services."""

import json

import pytest
from django.urls import reverse

from peygir.grants.models import Instalment, Proposal

from .helpers import sign_in


def _get(client, user, name, *args, status=200):
    sign_in(client, user)
    response = client.get(reverse(f"web:{name}", args=args))
    assert response.status_code == status, (name, response.status_code)
    return response


def test_pages_for_their_readers(client, world):
    g = world.grants
    office, ngo, deputy = world.users["office_staff"], world.users["ngo"], world.users["county_deputy"]
    for name, args, user in [
        ("grant_call_list", (), ngo),
        ("grant_call_create", (), office),
        ("grant_call_detail", (g.call.pk,), ngo),
        ("grant_call_detail", (g.call.pk,), office),
        ("grant_review_board", (g.call.pk,), g.reviewer),
        ("grant_review_board", (g.call.pk,), office),
        ("grant_allocation", (g.call.pk,), office),
        ("grant_county_ranking", (g.call.pk,), deputy),
        ("grant_allocations_xlsx", (g.call.pk,), office),
        ("grant_open_data", (g.call.pk,), ngo),
        ("grant_proposal_create", (g.call.pk,), ngo),
        ("grant_proposal_detail", (g.proposal.pk,), office),
        ("grant_proposal_detail", (g.proposal.pk,), g.reviewer),
        ("grant_proposal_detail", (g.draft.pk,), ngo),
        ("grant_proposal_edit", (g.draft.pk,), ngo),
        ("grant_project_list", (), deputy),
        ("grant_project_detail", (g.project.pk,), office),
        ("grant_project_detail", (g.project.pk,), ngo),
        ("grant_ngo_portal", (), ngo),
        ("grant_ngo_profile", (g.profile.pk,), ngo),
    ]:
        _get(client, user, name, *args)


def test_strangers_get_404(client, world):
    g = world.grants
    foreign = world.users["foreign_staff"]
    for name, args in [
        ("grant_proposal_detail", (g.proposal.pk,)),
        ("grant_project_detail", (g.project.pk,)),
        ("grant_review_board", (g.call.pk,)),
        ("grant_allocation", (g.call.pk,)),
        ("grant_ngo_profile", (g.profile.pk,)),
    ]:
        _get(client, foreign, name, *args, status=404)
    _get(client, world.users["office_staff"], "grant_proposal_detail", g.draft.pk, status=404)  # a draft
    _get(client, world.users["county_deputy"], "grant_review_board", g.call.pk, status=404)


def test_open_data_has_no_personal_data(client, world):
    g = world.grants
    data = json.loads(_get(client, world.users["ngo"], "grant_open_data", g.call.pk).content)
    (grant,) = data["grants"]
    assert grant["recipientOrganization"][0]["id"] == "IR-NID-14003456781"
    assert grant["amountAwarded"] == g.project.amount_rials and grant["currency"] == "IRR"
    text = json.dumps(data, ensure_ascii=False)
    assert "مریم احمدی" not in text and g.profile.sheba not in text


def test_approve_through_the_decision_page_with_the_guard(client, world):
    g = world.grants
    sign_in(client, world.users["office_staff"])
    url = reverse("web:grant_proposal_op", args=[g.proposal.pk, "approve"])
    page = client.get(reverse("web:grant_proposal_detail", args=[g.proposal.pk]))
    assert "بررسی تأمین تکراری" in page.content.decode() and "همان سمن" in page.content.decode()
    response = client.post(url, {"amount": "۳۰٬۰۰۰٬۰۰۰", "override_reason": ""})
    assert response.status_code == 302
    g.proposal.refresh_from_db()
    assert g.proposal.status == Proposal.Status.APPROVED and g.proposal.approved_rials == 300_000_000


def test_refused_page_writes_change_nothing(client, world):
    g = world.grants
    sign_in(client, world.users["ngo"])
    response = client.post(
        reverse("web:grant_project_op", args=[g.project.pk, "release"]), {"instalment": g.instalment.pk}
    )
    assert response.status_code == 404
    assert Instalment.objects.get(pk=g.instalment.pk).status == Instalment.Status.RELEASABLE


@pytest.mark.parametrize("amount", ["دویست", "-5"])
def test_bad_amounts_give_messages(client, world, amount):
    g = world.grants
    sign_in(client, world.users["office_staff"])
    response = client.post(
        reverse("web:grant_proposal_op", args=[g.proposal.pk, "approve"]), {"amount": amount}
    )
    assert response.status_code == 400 and "مبلغ" in response.content.decode()


def test_allocations_workbook(client, world):
    from io import BytesIO

    from openpyxl import load_workbook

    g = world.grants
    response = _get(client, world.users["office_staff"], "grant_allocations_xlsx", g.call.pk)
    book = load_workbook(BytesIO(response.content))
    envelopes, projects, instalments = book.worksheets
    assert envelopes.sheet_view.rightToLeft
    assert envelopes["A2"].value == world.county.name_fa and envelopes["B2"].value == 230_000_000
    assert envelopes["C2"].value == 40_000_000  # the approved project, in tomans
    assert projects["B2"].value == world.ngo.name
    assert instalments.max_row == 3  # two milestones
