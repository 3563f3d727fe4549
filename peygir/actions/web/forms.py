"""Forms on the action page. Each carries the version it was read at (optimistic concurrency)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from peygir.core.web.fields import (
    JalaliDateField,
    MultipleFileField,
    PersianIntegerField,
    StyledForm,
    TextField,
)

TEXT_LIMIT = 5000


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "maxlength": TEXT_LIMIT})


class VersionedForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ProgressForm(VersionedForm):
    text = TextField(label=_("شرح اقدام انجام‌شده"), max_length=TEXT_LIMIT, widget=_textarea())
    progress = PersianIntegerField(label=_("پیشرفت (درصد)"), min_value=0, max_value=100, required=False)
    files = MultipleFileField(label=_("پرونده‌های مستند"))


class ReportDoneForm(VersionedForm):
    text = TextField(label=_("گزارش انجام"), max_length=TEXT_LIMIT, widget=_textarea())
    files = MultipleFileField(label=_("پرونده‌های مستند"))


class VerifyForm(VersionedForm):
    text = TextField(label=_("یادداشت تأیید"), max_length=TEXT_LIMIT, required=False, widget=_textarea(2))


class RejectForm(VersionedForm):
    reason = TextField(label=_("دلیل عدم تأیید"), max_length=TEXT_LIMIT, widget=_textarea(2))
    progress = PersianIntegerField(
        label=_("پیشرفت پذیرفته‌شده (درصد)"),
        min_value=0,
        max_value=99,
        required=False,
        help_text=_("خالی بماند تا پیشرفتِ گزارش‌شده پیش از اعلام انجام برگردد."),
    )


class CancelForm(VersionedForm):
    reason = TextField(label=_("دلیل لغو"), max_length=TEXT_LIMIT, widget=_textarea(2))


class DeadlineForm(VersionedForm):
    deadline = JalaliDateField(label=_("مهلت جدید"))
    reason = TextField(label=_("دلیل تغییر مهلت"), max_length=TEXT_LIMIT, widget=_textarea(2))


# op (in the URL) → form class; the view maps each to its service.
ACTION_FORMS: dict[str, type[VersionedForm]] = {
    "progress": ProgressForm,
    "done": ReportDoneForm,
    "verify": VerifyForm,
    "reject": RejectForm,
    "cancel": CancelForm,
    "deadline": DeadlineForm,
}
