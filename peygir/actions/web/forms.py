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

    def __init__(self, *args, **kwargs) -> None:
        # Choices some forms take from the action (organizations, open obstacles); others ignore them.
        self.choices = kwargs.pop("choices", None) or {}
        super().__init__(*args, **kwargs)


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


class ExtensionForm(VersionedForm):
    proposed = JalaliDateField(label=_("مهلت پیشنهادی"), help_text=_("مثلاً ۱۴۰۳/۰۲/۱۵"))
    reason = TextField(label=_("دلیل درخواست تمدید"), max_length=TEXT_LIMIT, widget=_textarea(2))


class ExtensionDecideForm(VersionedForm):
    decision = forms.ChoiceField(
        label=_("پاسخ"),
        choices=[("accept", _("پذیرش؛ مهلت به تاریخ پیشنهادی تغییر کند")), ("refuse", _("رد درخواست"))],
    )
    reason = TextField(
        label=_("دلیل"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=_textarea(2),
        help_text=_("برای رد درخواست، دلیل لازم است."),
    )


class ObstacleForm(VersionedForm):
    text = TextField(label=_("چه چیزی مانع اقدام است؟"), max_length=TEXT_LIMIT, widget=_textarea(2))
    needed = forms.TypedChoiceField(
        label=_("همکاری کدام دستگاه لازم است؟"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["needed"].choices = [("", _("— هیچ‌کدام —"))] + list(self.choices.get("needed", []))


class ObstacleClearForm(VersionedForm):
    obstacle = forms.TypedChoiceField(label=_("مانع"), coerce=int)
    reason = TextField(label=_("توضیح"), max_length=TEXT_LIMIT, required=False, widget=_textarea(2))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["obstacle"].choices = list(self.choices.get("obstacle", []))


# op (in the URL) → form class; the view maps each to its service.
ACTION_FORMS: dict[str, type[VersionedForm]] = {
    "progress": ProgressForm,
    "done": ReportDoneForm,
    "verify": VerifyForm,
    "reject": RejectForm,
    "cancel": CancelForm,
    "deadline": DeadlineForm,
    "extension": ExtensionForm,
    "extension-decide": ExtensionDecideForm,
    "obstacle": ObstacleForm,
    "obstacle-clear": ObstacleClearForm,
}
