"""Exports of a call: the allocations and payments as Excel (right-to-left sheets, money in tomans as
numbers), and a 360Giving-style JSON of awarded grants for open data.

The open-data file names organizations by their org-ID style identifiers (an NGO by its national ID,
«IR-NID-…», which is a public registry number of a legal entity), never a person: no board members,
no Sheba, no beneficiaries' data.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from peygir.core import xlsx
from peygir.core.jalali import format_jalali
from peygir.core.money import RIALS_PER_TOMAN

from .models import Call, Instalment, Project
from .selectors import envelope_rows

PREFIX = "360G-peygir"
FONT = Font(name="Tahoma", bold=True)
FILL = PatternFill("solid", fgColor="DDE7F0")


def _sheet(wb: Workbook, title: str, headers: list[str], first: bool = False) -> Any:
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    ws.sheet_view.rightToLeft = True
    xlsx.append(ws, headers)
    for cell in ws[1]:
        cell.font, cell.fill = FONT, FILL
    for i in range(1, len(headers) + 1):
        ws.column_dimensions[chr(64 + i)].width = 24
    return ws


def allocations_xlsx(call: Call, projects: list[Project]) -> bytes:
    """Sheet 1: each county's envelope, approved and left; sheet 2: projects; sheet 3: instalments."""
    wb = Workbook()
    ws = _sheet(
        wb,
        _("سهم شهرستان‌ها"),
        [_("شهرستان"), _("سهم (تومان)"), _("تصویب‌شده (تومان)"), _("مانده (تومان)"), _("طرح‌ها")],
        first=True,
    )
    for row in envelope_rows(call):
        xlsx.append(
            ws,
            [
                row.envelope.county.name_fa,
                row.envelope.amount_rials // RIALS_PER_TOMAN,
                row.committed // RIALS_PER_TOMAN,
                row.left // RIALS_PER_TOMAN,
                row.proposals,
            ],
        )
    ws = _sheet(
        wb,
        _("طرح‌ها"),
        [_("شهرستان"), _("سمن"), _("طرح"), _("مبلغ مصوب (تومان)"), _("پرداخت‌شده (تومان)"), _("وضعیت")],
    )
    for p in projects:
        xlsx.append(
            ws,
            [
                p.county.name_fa,
                p.ngo.name,
                p.title,
                p.amount_rials // RIALS_PER_TOMAN,
                (p.paid or 0) // RIALS_PER_TOMAN,
                p.get_status_display(),
            ],
        )
    ws = _sheet(
        wb,
        _("اقساط"),
        [_("طرح"), _("مرحله"), _("مبلغ (تومان)"), _("وضعیت"), _("شماره سند"), _("تاریخ پرداخت")],
    )
    instalments = (
        Instalment.objects.filter(project__in=[p.pk for p in projects])
        .select_related("project", "milestone")
        .order_by("project_id", "milestone__number")
    )
    for i in instalments:
        xlsx.append(
            ws,
            [
                i.project.title,
                i.milestone.title,
                i.amount_rials // RIALS_PER_TOMAN,
                i.get_status_display(),
                i.reference,
                format_jalali(i.released_at) if i.released_at else "",
            ],
        )
    return xlsx.save(wb)


def open_data(call: Call, projects: list[Project]) -> dict[str, Any]:
    """Awarded grants in the shape of the 360Giving standard (grants, with org-ID identifiers)."""
    funder = {"id": f"IR-peygir-org-{call.office_id}", "name": call.office.name}
    grants = []
    for p in projects:
        profile = getattr(p.ngo, "ngo_profile", None)
        recipient_id = f"IR-NID-{profile.national_id}" if profile else f"IR-peygir-org-{p.ngo_id}"
        grants.append(
            {
                "identifier": f"{PREFIX}-{call.pk}-{p.pk}",
                "title": p.title,
                "description": p.proposal.summary[:2000],
                "currency": "IRR",
                "amountAwarded": p.amount_rials,
                "amountDisbursed": p.paid or 0,
                "awardDate": p.proposal.decided_at.date().isoformat() if p.proposal.decided_at else None,
                "plannedDates": [{"startDate": p.starts_on.isoformat(), "endDate": p.ends_on.isoformat()}],
                "recipientOrganization": [{"id": recipient_id, "name": p.ngo.name}],
                "fundingOrganization": [funder],
                "beneficiaryLocation": [
                    {"name": p.county.name_fa, "geoCode": p.county.code, "geoCodeType": "peygir"}
                ],
                "grantProgramme": [{"code": f"{PREFIX}-call-{call.pk}", "title": call.title}],
            }
        )
    return {"grants": grants}
