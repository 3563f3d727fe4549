"""Forms of the committee and meeting pages: a secretary records a meeting in one flow."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from peygir.committees.models import AgendaItemOpinion, Attendance
from peygir.core.web.fields import JalaliDateField, StyledForm, TextField, TimeTextField
from peygir.core.web.widgets import quick_select, searchable_multiple

SHORT = 200
LONG = 5000


def _select(form: forms.Form, *names: str) -> None:
    """Styled selects, rendered without a template per option (a meeting page has hundreds)."""
    for name in names:
        quick_select(form.fields[name], **{"class": "form-select form-select-sm"})


class VersionedMeetingForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    # After approval every change is an amendment; its reason goes into the minutes' amendment list.
    reason = TextField(label=_("دلیل اصلاح (پس از تأیید صورتجلسه)"), max_length=500, required=False)

    def __init__(self, *args, require_reason: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.require_reason = require_reason

    def clean(self) -> dict:
        data = super().clean()
        if self.require_reason and not data.get("reason"):
            self.add_error("reason", _("صورتجلسه تأیید شده است؛ دلیل اصلاح را بنویسید."))
        return data


class MeetingCreateForm(StyledForm):
    date = JalaliDateField(label=_("تاریخ جلسه"))
    time = TimeTextField(label=_("ساعت"))
    title = TextField(label=_("عنوان"), max_length=300, required=False)
    place = TextField(label=_("محل"), max_length=300, required=False)
    chair_name = TextField(label=_("رئیس جلسه"), max_length=SHORT, required=False)
    chair_title = TextField(label=_("سمت رئیس جلسه"), max_length=SHORT, required=False)
    quorum_note = TextField(label=_("حد نصاب"), max_length=SHORT, required=False)


class MeetingHeaderForm(VersionedMeetingForm, MeetingCreateForm):
    """The same fields as a new meeting's, edited later (with version, and a reason after approval)."""


class AgendaItemForm(VersionedMeetingForm):
    title = TextField(label=_("عنوان دستور"), max_length=500)
    presenter = forms.TypedChoiceField(label=_("ارائه‌دهنده"), required=False, coerce=int, empty_value=None)
    parent = forms.TypedChoiceField(label=_("زیربند"), required=False, coerce=int, empty_value=None)
    description = TextField(
        label=_("شرح"), max_length=LONG, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, organizations=(), items=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenter"].choices = [("", "—")] + [(o.pk, o.name) for o in organizations]
        self.fields["parent"].choices = [("", _("بند اصلی"))] + [(i.pk, i.title[:80]) for i in items]
        _select(self, "presenter", "parent")


class AttendanceAllForm(VersionedMeetingForm):
    """«All members present», then the exceptions: the absent members chosen from the committee."""

    absent = forms.TypedMultipleChoiceField(
        label=_("غایبان"),
        coerce=int,
        required=False,
        help_text=_("بقیه اعضای کمیته حاضر ثبت می‌شوند؛ حضور با نماینده را پس از آن جداگانه ثبت کنید."),
    )

    def __init__(self, *args, members=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["absent"].choices = [(m.organization_id, m.organization.name) for m in members]
        searchable_multiple(self.fields["absent"])


class AttendanceForm(VersionedMeetingForm):
    organization = forms.TypedChoiceField(label=_("سازمان"), required=False, coerce=int, empty_value=None)
    person_name = TextField(label=_("نام"), max_length=SHORT, required=False)
    person_title = TextField(label=_("سمت"), max_length=SHORT, required=False)
    status = forms.ChoiceField(label=_("حضور"), choices=Attendance.Status.choices)
    represented_by = TextField(label=_("نماینده"), max_length=SHORT, required=False)

    def __init__(self, *args, organizations=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [("", "—")] + [(o.pk, o.name) for o in organizations]
        _select(self, "organization", "status")

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("organization") and not data.get("person_name"):
            self.add_error("person_name", _("سازمان یا نام شخص را وارد کنید."))
        return data


class DiscussionNoteForm(VersionedMeetingForm):
    item = forms.TypedChoiceField(label=_("دستور جلسه"), coerce=int)
    speaker_name = TextField(label=_("گوینده"), max_length=SHORT)
    speaker_title = TextField(label=_("سمت"), max_length=SHORT, required=False)
    summary = TextField(label=_("خلاصه مطالب"), max_length=LONG, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, items=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(i.pk, i.title[:80]) for i in items]
        _select(self, "item")


class ResolutionForm(VersionedMeetingForm):
    text = TextField(label=_("متن مصوبه"), max_length=LONG, widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.TypedMultipleChoiceField(
        label=_("مسئول پیگیری"),
        coerce=int,
        required=False,
        help_text=_("برای ردیف سرفصلی که زیربندهایش مسئول دارند خالی بگذارید."),
    )
    deadline_text = TextField(
        label=_("مهلت اقدام"),
        max_length=100,
        help_text=_(
            "تاریخ (۱۴۰۲/۰۷/۳۰)، مدت (ظرف یک ماه)، سال (۱۴۰۲) یا عبارت صورتجلسه (پایان مهر، پایان سال، قبل از نوروز)"
        ),
    )
    agenda_item = forms.TypedChoiceField(label=_("دستور جلسه"), required=False, coerce=int, empty_value=None)
    parent = forms.TypedChoiceField(label=_("زیربند ردیف"), required=False, coerce=int, empty_value=None)
    label = TextField(label=_("بند"), max_length=10, required=False)
    preamble = TextField(
        label=_("مقدمه"), max_length=LONG, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible_text = TextField(label=_("مسئول پیگیری (متن صورتجلسه)"), max_length=500, required=False)

    def __init__(self, *args, organizations=(), items=(), resolutions=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].choices = [(o.pk, o.name) for o in organizations]
        searchable_multiple(self.fields["responsible"], **{"class": "form-select form-select-sm"})
        self.fields["agenda_item"].choices = [("", "—")] + [(i.pk, i.title[:80]) for i in items]
        self.fields["parent"].choices = [("", _("ردیف جدید"))] + [
            (r.pk, str(r.number)) for r in resolutions if r.parent_id is None
        ]
        _select(self, "agenda_item", "parent")


class ReferForm(StyledForm):
    item = forms.TypedChoiceField(label=_("دستور جلسه"), coerce=int)
    committee = forms.TypedChoiceField(label=_("ارجاع به کارگروه"), coerce=int)

    def __init__(self, *args, items=(), committees=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(i.pk, i.title[:80]) for i in items]
        self.fields["committee"].choices = [(c.pk, c.name) for c in committees]
        _select(self, "item", "committee")


class MeetingStepForm(VersionedMeetingForm):
    """«برگزار شد» and «تأیید صورتجلسه»: only the version travels."""


class OpinionForm(StyledForm):
    """The office's opinion on a council's item (اعلام نظر)."""

    item = forms.IntegerField(widget=forms.HiddenInput)
    position = forms.ChoiceField(
        label=_("نظر دفتر"), choices=[("", "—")] + list(AgendaItemOpinion.Position.choices)
    )
    text = TextField(label=_("شرح نظر"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))


# ---------------------------------------------------------------- editing and deleting rows


class RowChangeForm(VersionedMeetingForm):
    """Base of a row's edit/delete form (the reason rule lives in VersionedMeetingForm)."""


class RowDeleteForm(RowChangeForm):
    """«حذف»: only the version (and the reason after approval) travels."""


class AgendaItemEditForm(RowChangeForm):
    title = TextField(label=_("عنوان دستور"), max_length=500)
    presenter = forms.TypedChoiceField(label=_("ارائه‌دهنده"), required=False, coerce=int, empty_value=None)
    description = TextField(
        label=_("شرح"), max_length=LONG, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, organizations=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenter"].choices = [("", "—")] + [(o.pk, o.name) for o in organizations]
        _select(self, "presenter")


class AttendanceEditForm(RowChangeForm):
    """The organization of a row stays; a row without one is keyed by the person's name."""

    person_name = TextField(label=_("نام"), max_length=SHORT, required=False)
    person_title = TextField(label=_("سمت"), max_length=SHORT, required=False)
    status = forms.ChoiceField(label=_("حضور"), choices=Attendance.Status.choices)
    represented_by = TextField(label=_("نماینده"), max_length=SHORT, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _select(self, "status")


class DiscussionNoteEditForm(RowChangeForm):
    speaker_name = TextField(label=_("گوینده"), max_length=SHORT)
    speaker_title = TextField(label=_("سمت"), max_length=SHORT, required=False)
    summary = TextField(label=_("خلاصه مطالب"), max_length=LONG, widget=forms.Textarea(attrs={"rows": 3}))


class ResolutionEditForm(RowChangeForm):
    text = TextField(label=_("متن مصوبه"), max_length=LONG, widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.TypedMultipleChoiceField(label=_("مسئول پیگیری"), coerce=int, required=False)
    deadline_text = TextField(
        label=_("مهلت اقدام"),
        max_length=100,
        help_text=_(
            "تاریخ (۱۴۰۲/۰۷/۳۰)، مدت (ظرف یک ماه)، سال (۱۴۰۲) یا عبارت صورتجلسه (پایان مهر، پایان سال، قبل از نوروز)"
        ),
    )
    preamble = TextField(
        label=_("مقدمه"), max_length=LONG, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible_text = TextField(label=_("مسئول پیگیری (متن صورتجلسه)"), max_length=500, required=False)

    def __init__(self, *args, organizations=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].choices = [(o.pk, o.name) for o in organizations]
        searchable_multiple(self.fields["responsible"], **{"class": "form-select form-select-sm"})
