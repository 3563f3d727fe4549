"""Forms of the coordination pages: a decision at entry, a decision in review, an undo, the filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from peygir.core.web.fields import JalaliDateField, StyledForm, TextField

from ..models import Decision
from ..services import NOTE_LIMIT

Outcome = Decision.Outcome

ENTRY_OUTCOMES = [
    ("same_theirs", _("کار واحد است؛ کار دستگاه دیگر پیشران باشد و ما همکار")),
    ("same_ours", _("کار واحد است؛ کار ما پیشران باشد و دستگاه دیگر همکار")),
    (Outcome.CO_FUNDED, _("تأمین مالی مشترک")),
    (Outcome.DIFFERENTIATED, _("متمایز است (بنویسید چه تفاوتی دارد)")),
    (Outcome.JUSTIFIED, _("موازی ولی موجه است (دلیل را بنویسید)")),
]
REVIEW_OUTCOMES = [
    ("same_a", _("موازی: کار واحد، پیشران مورد اول")),
    ("same_b", _("موازی: کار واحد، پیشران مورد دوم")),
    (Outcome.CO_FUNDED, _("تأمین مالی مشترک")),
    (Outcome.DIFFERENTIATED, _("متمایز")),
    (Outcome.JUSTIFIED, _("موازی ولی موجه")),
    (Outcome.NOT_PARALLEL, _("موازی نیست")),
]


class EntryDecisionForm(StyledForm):
    other = forms.CharField(widget=forms.HiddenInput, max_length=60)
    choice = forms.ChoiceField(label=_("تصمیم"), choices=ENTRY_OUTCOMES)
    note = TextField(label=_("توضیح یا دلیل"), required=False, max_length=NOTE_LIMIT)

    def outcome_and_lead(self) -> tuple[str, str]:
        """(outcome, 'ours' | 'theirs' | '')."""
        choice = self.cleaned_data["choice"]
        if choice.startswith("same_"):
            return Outcome.SAME_WORK, choice.removeprefix("same_")
        return choice, ""


class ReviewDecisionForm(StyledForm):
    choice = forms.ChoiceField(label=_("تصمیم"), choices=REVIEW_OUTCOMES)
    note = TextField(
        label=_("دلیل یا توضیح"),
        required=False,
        max_length=NOTE_LIMIT,
        help_text=_("برای «متمایز»، «موجه» و «موازی نیست» لازم است."),
    )

    def outcome_and_lead(self) -> tuple[str, str]:
        choice = self.cleaned_data["choice"]
        if choice.startswith("same_"):
            return Outcome.SAME_WORK, choice.removeprefix("same_")
        return choice, ""


class UndoForm(StyledForm):
    reason = TextField(label=_("دلیل برگرداندن"), required=False, max_length=NOTE_LIMIT)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31)


class FilterForm(StyledForm):
    """The coordination view's filters: a county of the user's territory, a Jalali period, a kind."""

    county = forms.TypedChoiceField(label=_("شهرستان"), coerce=int, required=False, empty_value=None)
    since = JalaliDateField(label=_("از تاریخ"), required=False)
    until = JalaliDateField(label=_("تا تاریخ"), required=False)
    kind = forms.ChoiceField(label=_("نوع"), required=False)

    def __init__(self, *args: Any, counties=(), kinds=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", _("همه"))] + [(c.pk, c.name_fa) for c in counties]
        self.fields["kind"].choices = [("", _("همه"))] + list(kinds)

    def values(self) -> dict[str, Any]:
        if not self.is_bound or not self.is_valid():
            return {"county": None, "since": None, "until": None, "kind": ""}
        data = self.cleaned_data
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            since, until = until, since
        return {"county": data.get("county"), "since": since, "until": until, "kind": data.get("kind") or ""}


def period_filter(since: dt.date | None, until: dt.date | None) -> dict[str, dt.date]:
    out = {}
    if since:
        out["occurred_on__gte"] = since
    if until:
        out["occurred_on__lte"] = until
    return out
