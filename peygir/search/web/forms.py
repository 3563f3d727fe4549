"""The search page's GET form: what people type, checked with Persian messages (never a 500)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peygir.core.api.filters import fits_int64
from peygir.core.text import to_latin_digits
from peygir.core.web.fields import JalaliDateField, StyledForm
from peygir.core.web.widgets import quick_select
from peygir.organizations.access import get_scope
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from .. import selectors
from ..selectors import SearchParams


class IdChoiceField(forms.ChoiceField):
    """A select of ids that also accepts a valid id not offered (a link from another page)."""

    def to_python(self, value: Any) -> int | None:
        text = to_latin_digits(str(value or "")).strip()
        if not text:
            return None
        if not fits_int64(text):
            raise ValidationError(_("شناسه باید عددی صحیح باشد."), code="invalid")
        return int(text)

    def validate(self, value: Any) -> None:
        return None


class SearchForm(StyledForm):
    q = forms.CharField(label=gettext_lazy("جست‌وجو"), max_length=selectors.MAX_QUERY_LENGTH, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("نوع"), required=False)
    territory = IdChoiceField(label=gettext_lazy("استان یا شهرستان"), required=False)
    organization = IdChoiceField(label=gettext_lazy("سازمان"), required=False)
    date_from = JalaliDateField(label=gettext_lazy("از تاریخ"), required=False)
    date_to = JalaliDateField(label=gettext_lazy("تا تاریخ"), required=False)

    def __init__(self, *args: Any, territories: Any = (), organizations: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("همه"))] + selectors.kinds()
        self.fields["territory"].choices = [("", _("همه"))] + [(t.pk, t.label) for t in territories]
        self.fields["organization"].choices = [("", _("همه"))] + [(o.pk, o.name) for o in organizations]
        # Hundreds of territories and organizations: options written in Python, not one template each
        # (half the page's time at S = 1, measured).
        for name in ("kind", "territory", "organization"):
            quick_select(self.fields[name])
        self.fields["q"].widget.attrs.update(
            {"placeholder": _("مثلاً: کتابخانه محله، مدارس کانکسی، ۱۴۰۲"), "autofocus": "autofocus"}
        )
        self.fields["q"].widget.input_type = "search"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("«تا تاریخ» نمی‌تواند پیش از «از تاریخ» باشد."))
        self.territory = None
        if data.get("territory"):
            self.territory = Territory.objects.filter(pk=data["territory"]).first()
            if self.territory is None:
                self.add_error("territory", _("این قلمرو یافت نشد."))
        return data

    def params(self) -> SearchParams:
        """The valid form as search parameters (call after is_valid())."""
        data = self.cleaned_data
        return SearchParams(
            text=data.get("q") or "",
            kind=data.get("kind") or "",
            territory=self.territory,
            organization_id=data.get("organization"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


def territory_choices() -> list[Territory]:
    """Provinces and their counties, in tree order (a few hundred names, public)."""
    rows = list(
        Territory.objects.filter(kind__in=["province", "county"], is_active=True)
        .only("pk", "name_fa", "kind", "path")
        .order_by("path")
    )
    for t in rows:
        t.label = t.name_fa if t.kind == "province" else f"— {t.name_fa}"
    return rows


def organization_choices(user: Any, limit: int = 400) -> list[Organization]:
    """The user's organizations and those in the territories they read (the directory is open, but a
    national list of thousands is no select): by name, at most `limit`."""
    scope = get_scope(user)
    qs = Organization.objects.filter(is_active=True)
    if not scope.is_superuser and "/" not in scope.read_paths:
        qs = qs.filter(scope.path_q("territory__path", scope.read_paths) | Q(pk__in=sorted(scope.org_ids)))
    return list(qs.only("pk", "name").order_by("name", "pk")[:limit])
