"""Importing an existing register of resolutions: each row becomes one action per responsible
organization (a direct instruction of the chosen issuer: the register has no meeting in Peygir)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peygir.actions import services as action_services
from peygir.actions.deadlines import parse_deadline
from peygir.core import audit
from peygir.core.jalali import JalaliDateError
from peygir.core.text import to_latin_digits, to_persian_digits
from peygir.organizations.access import get_scope
from peygir.organizations.models import Organization

from ..directives import expand_responsible
from . import lookup
from .base import Column, RowResult, cell_date, cell_text, check_required, report_values

TITLE_LIMIT = 500


class RegisterImporter:
    kind = "register"
    title = gettext_lazy("ورود دفتر مصوبات از اکسل")
    columns = [
        Column("label", "ردیف", False, "۱", "شماره ردیف در دفتر مصوبات."),
        Column(
            "text",
            "متن مصوبه",
            True,
            "مقرر شد آموزش و پرورش نسبت به شناسایی مدارس نیازمند نوسازی اقدام کند.",
        ),
        Column(
            "responsible",
            "مسئول پیگیری",
            True,
            "آموزش و پرورش، نوسازی مدارس",
            "یک یا چند سازمان، جدا با «،»؛ گروه دستگاه‌ها به اعضایش باز می‌شود.",
        ),
        Column(
            "deadline",
            "مهلت اقدام",
            True,
            "۱۴۰۲/۰۷/۳۰",
            "تاریخ شمسی، مدت (ظرف یک ماه)، سال (۱۴۰۲) یا عبارت صورتجلسه (پایان مهر، قبل از نوروز) نسبت به تاریخ جلسه.",
        ),
        Column("meeting_date", "تاریخ جلسه", False, "۱۴۰۲/۰۶/۳۰", "برای مهلت‌های نسبی؛ خالی: امروز."),
        Column(
            "reference", "مرجع", False, "جلسه ۱۲ کارگروه اجتماعی", "نام جلسه یا نامه؛ در شرح اقدام می‌آید."
        ),
    ]
    needs_issuer = True

    def check(
        self, user: Any, rows: list[tuple[int, dict]], *, issuer: Organization, **_o: Any
    ) -> list[RowResult]:
        action_services.check_action_create(user, source=None, issuer=issuer)
        scope = get_scope(user)
        candidates = Organization.objects.filter(
            scope.path_q("territory__path", (issuer.territory.path,)) | Q(pk=issuer.pk), is_active=True
        )
        orgs = lookup.organizations(candidates)
        today = timezone.localdate()
        results = []
        for number, values in rows:
            row = RowResult(number, report_values(values))
            check_required(row, self.columns)
            text = {k: cell_text(v) for k, v in values.items()}
            responsible = []
            for name in lookup.split_names(text.get("responsible", "")):
                org, ambiguous = orgs.find(name)
                if org is None:
                    row.errors.append(
                        _("سازمان «%(v)s» یافت نشد%(a)s.")
                        % {"v": name, "a": _(" (چند سازمان با این نام هست)") if ambiguous else ""}
                    )
                else:
                    responsible.append(org)
            responsible = expand_responsible(responsible)
            if text.get("responsible") and not responsible and not row.errors:
                row.errors.append(_("گروه نام‌برده عضوی ندارد."))
            start = today
            if text.get("meeting_date"):
                try:
                    start = cell_date(values["meeting_date"])
                except JalaliDateError as exc:
                    row.errors.append(_("تاریخ جلسه: %(e)s") % {"e": exc})
            deadline = None
            raw = values.get("deadline")
            if text.get("deadline"):
                try:
                    # An Excel date cell is a date; anything else (text, or a year typed as a
                    # number) is read the way the minutes write deadlines.
                    deadline = (
                        cell_date(raw)
                        if isinstance(raw, dt.date)
                        else parse_deadline(to_latin_digits(text["deadline"]), start=start).date
                    )
                except JalaliDateError as exc:
                    row.errors.append(_("مهلت اقدام: %(e)s") % {"e": exc})
            body = text.get("text", "")
            row.parsed = {
                "body": body,
                "responsible": responsible,
                "deadline": deadline,
                "deadline_text": text.get("deadline", ""),
                "label": text.get("label", ""),
                "reference": text.get("reference", ""),
            }
            row.summary = _("%(n)s اقدام") % {"n": to_persian_digits(len(responsible))}
            results.append(row)
        return results

    def apply(self, user: Any, rows: list[RowResult], *, issuer: Organization, **_o: Any) -> list[Any]:
        actions = []
        for row in rows:
            p = row.parsed
            body = p["body"]
            title = body if len(body) <= TITLE_LIMIT else body[: TITLE_LIMIT - 1] + "…"
            origin = _("ردیف %(r)s دفتر مصوبات") % {"r": p["label"] or row.number}
            if p["reference"]:
                origin += f" — {p['reference']}"
            description = f"{origin}\n{body}" if len(body) > TITLE_LIMIT else origin
            for org in p["responsible"]:
                action = action_services.do_action_create(
                    title=title,
                    description=description,
                    responsible=org,
                    issuer=issuer,
                    deadline=p["deadline"],
                    deadline_text=p["deadline_text"],
                    created_by=user,
                )
                audit.record_change(
                    actor=user,
                    verb=audit.CREATE,
                    obj=action,
                    changes={"responsible": org.name, "deadline": p["deadline"]},
                    note=_("ورود دفتر مصوبات از اکسل"),
                )
                actions.append(action)
        return actions
