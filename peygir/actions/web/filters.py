"""GET forms for lists: they only read and tidy the query string."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from peygir.actions import sources
from peygir.actions.models import Action
from peygir.core.web.widgets import quick_select

STATE_CHOICES = [
    ("", _("همه")),
    ("open", _("باز")),
    ("overdue", _("معوق")),
    ("due_soon", _("نزدیک به مهلت")),
    ("closed", _("بسته")),
]
SORT_CHOICES = [
    ("deadline", _("مهلت (نزدیک‌ترین)")),
    ("-deadline", _("مهلت (دورترین)")),
    ("-created", _("جدیدترین")),
    ("created", _("قدیمی‌ترین")),
    ("-updated", _("آخرین تغییر")),
    ("status", _("وضعیت")),
]
TAB_CHOICES = [("all", _("همه اقدامات")), ("mine", _("کار من"))]


class InboxFilterForm(forms.Form):
    tab = forms.ChoiceField(choices=TAB_CHOICES, required=False, widget=forms.HiddenInput)
    org = forms.TypedChoiceField(label=_("سازمان"), required=False, coerce=int, empty_value=None)
    state = forms.ChoiceField(label=_("وضعیت مهلت"), choices=STATE_CHOICES, required=False)
    status = forms.ChoiceField(
        label=_("وضعیت"), choices=[("", _("همه"))] + list(Action.Status.choices), required=False
    )
    source = forms.ChoiceField(label=_("منشأ"), choices=[("", _("همه"))] + sources.choices(), required=False)
    escalated = forms.BooleanField(label=_("فقط ارجاع‌شده‌ها"), required=False)
    q = forms.CharField(label=_("جستجو"), max_length=100, required=False)
    sort = forms.ChoiceField(label=_("ترتیب"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args, organizations=(), user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [("", _("همه سازمان‌های قابل مشاهده"))] + [
            (o.pk, o.name) for o in organizations
        ]
        # Each source that offers a filter (a resolution's committee) adds its field before the search.
        self.source_filter_names = []
        for adapter in sources.list_filters():
            field = forms.TypedChoiceField(
                label=adapter.filter_label, required=False, coerce=int, empty_value=None
            )
            field.choices = [("", _("همه"))] + adapter.filter_choices(user)
            self.fields[adapter.filter_name] = field
            self.source_filter_names.append(adapter.filter_name)
        selects = ["org", "state", "status", "source", *self.source_filter_names]
        self.order_fields(["tab", *selects, "escalated", "q", "sort"])
        self.fields["escalated"].widget.attrs["class"] = "form-check-input"
        for name in [*selects, "sort"]:
            # A province's ~500 organizations and ~200 committees: options written in Python.
            quick_select(self.fields[name], **{"class": "form-select form-select-sm"})
        self.fields["q"].widget.attrs.update(
            {"class": "form-control form-control-sm", "placeholder": _("عنوان اقدام…")}
        )

    @property
    def source_filters(self) -> list:
        return [self[name] for name in self.source_filter_names]

    def values(self) -> dict:
        """Cleaned filters; invalid ones are dropped rather than failing the page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v not in (None, "", False)}
