"""Issue 9 §5: choosing several of anything is a searchable multi-select (tom-select), not Ctrl+click
in a plain `<select multiple>` nor a province's organizations as a column of checkboxes."""

from types import SimpleNamespace

import pytest
from django import forms

from peygir.core.web.widgets import SearchableSelectMultiple
from peygir.grants.web.forms import CallForm, ProposalForm
from peygir.grants.web.ngo_forms import NgoProfileForm, NgoRegisterForm
from peygir.inspections.web.authoring import PlanForm

pytestmark = pytest.mark.django_db


def _multiple_fields(form: forms.Form) -> dict[str, forms.Widget]:
    return {
        name: field.widget
        for name, field in form.fields.items()
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
    }


def test_every_choice_of_several_is_searchable(world):
    built = {
        "the inspection plan": PlanForm(user=world.users["office_staff"]),
        "a call for NGO proposals": CallForm(),
        "a proposal": ProposalForm(call=SimpleNamespace(themes=[]), form_version=None),
        "an NGO's registration": NgoRegisterForm(counties=[]),
        "an NGO's profile": NgoProfileForm(),
    }
    plain = {
        f"{where}: {name}": type(widget).__name__
        for where, form in built.items()
        for name, widget in _multiple_fields(form).items()
        if not isinstance(widget, SearchableSelectMultiple)
    }
    assert plain == {}
    # The plan's choices are the office's own people and organizations, rendered for the widget.
    html = str(built["the inspection plan"]["partners"])
    assert "data-pg-multiselect" in html and world.agency.name in html


def test_the_plans_rule_table_is_styled_like_the_rest_of_the_form(world):
    """Its fields are added after the form styled its own: they showed as bare inputs with Latin digits."""
    form = PlanForm(user=world.users["office_staff"])
    row = form.rows()[0]
    assert 'class="form-check-input"' in str(row["on"])
    assert "form-select" in str(row["template"])
    assert "form-control" in str(row["visits"]) and "form-control" in str(row["sample"])
