"""The facility registry: create one, or import many from Excel with a row-by-row report."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.text import check_text, normalize_text, to_latin_digits
from peygir.organizations.access import get_scope
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from . import access
from .models import Facility, FacilityKind

IMPORT_COLUMNS = [
    "نام مرکز",
    "نوع مرکز",
    "شهرستان",
    "دستگاه مسئول",
    "شماره پروانه",
    "نشانی",
    "عرض جغرافیایی",
    "طول جغرافیایی",
]
MAX_IMPORT_ROWS = 5000


def _coordinate(value: Any, low: float, high: float, field_name: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(to_latin_digits(str(value)).replace("٫", ".").strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field_name: _("مختصات باید عدد باشد.")}) from exc
    if not low <= number <= high:
        raise ValidationError({field_name: _("مختصات بیرون از محدوده ایران است.")})
    return number.quantize(Decimal("0.000001"))


@transaction.atomic
def facility_create(
    *,
    user: Any,
    name: str,
    kind: str,
    territory: Territory,
    responsible_agency: Organization,
    licence_number: str = "",
    address: str = "",
    latitude: Any = None,
    longitude: Any = None,
) -> Facility:
    if user is not None and not access.can_manage_facilities_in(user, territory):
        raise NotAllowed
    return do_facility_create(
        name=name,
        kind=kind,
        territory=territory,
        responsible_agency=responsible_agency,
        licence_number=licence_number,
        address=address,
        latitude=latitude,
        longitude=longitude,
    )


def do_facility_create(
    *,
    name: str,
    kind: str,
    territory: Territory,
    responsible_agency: Organization,
    licence_number: str = "",
    address: str = "",
    latitude: Any = None,
    longitude: Any = None,
) -> Facility:
    name = check_text(name, field="name", required=True, limit=300)
    if kind not in FacilityKind.values:
        raise ValidationError({"kind": _("نوع مرکز ناشناخته است.")})
    if territory.kind not in (
        Territory.Kind.COUNTY,
        Territory.Kind.DISTRICT,
        Territory.Kind.CITY,
        Territory.Kind.NEIGHBOURHOOD,
    ):
        raise ValidationError({"territory": _("مرکز باید در یک شهرستان یا پایین‌تر باشد.")})
    if responsible_agency.kind in (Organization.Kind.GROUP, Organization.Kind.NGO):
        raise ValidationError(
            {"responsible_agency": _("دستگاه مسئول باید یک دستگاه اجرایی یا سازمان دولتی باشد.")}
        )
    licence = to_latin_digits(check_text(licence_number, field="licence_number", limit=60))
    if licence and Facility.objects.filter(kind=kind, licence_number=licence).exists():
        raise ValidationError(
            {"licence_number": _("مرکزی از همین نوع با این شماره پروانه پیش‌تر ثبت شده است.")}
        )
    facility = Facility(
        name=name,
        kind=kind,
        territory=territory,
        responsible_agency=responsible_agency,
        licence_number=licence,
        address=check_text(address, field="address", limit=500),
        latitude=_coordinate(latitude, 24, 40.5, "latitude"),
        longitude=_coordinate(longitude, 44, 63.5, "longitude"),
    )
    facility.full_clean()
    try:
        with transaction.atomic():
            facility.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"licence_number": _("مرکزی از همین نوع با این شماره پروانه پیش‌تر ثبت شده است.")}
        ) from exc
    return facility


# ---------------------------------------------------------------- import


@dataclass
class ImportRow:
    row: int
    name: str
    ok: bool
    message: str = ""


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(1 for r in self.rows if r.ok)

    @property
    def refused(self) -> int:
        return sum(1 for r in self.rows if not r.ok)


def _kind_of(value: Any) -> str | None:
    text = normalize_text(str(value or ""))
    for choice in FacilityKind:
        if text in (choice.value, normalize_text(str(choice.label))):
            return choice.value
    return None


def facilities_import(*, user: Any, content: bytes) -> ImportReport:
    """Read the first sheet (a header row, then one facility a row). Each row is created on its own or
    refused with its reason; the report lists every row."""
    import openpyxl

    scope = get_scope(user)
    if not scope.is_superuser and not scope.manage_paths:
        raise NotAllowed
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationError({"file": _("پرونده یک کارنامه اکسل (xlsx) خوانا نیست.")}) from exc
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise ValidationError({"file": _("پرونده خالی است.")})
    names = [normalize_text(str(h or "")) for h in header]
    columns = {}
    for wanted in IMPORT_COLUMNS:
        key = normalize_text(wanted)
        if key in names:
            columns[wanted] = names.index(key)
    missing = [c for c in IMPORT_COLUMNS[:4] if c not in columns]
    if missing:
        raise ValidationError({"file": _("ستون‌های لازم در سطر نخست نیست: %(c)s") % {"c": "، ".join(missing)}})
    places = Territory.objects.filter(is_active=True, kind=Territory.Kind.COUNTY)
    if not scope.is_superuser:
        places = places.filter(scope.path_q("path", scope.manage_paths))
    counties: dict[str, Territory] = {}
    for t in places:
        counties.setdefault(t.name_normalized, t)
        counties.setdefault(normalize_text(t.name_fa.replace("شهرستان", "")), t)
    report = ImportReport()
    for number, values in enumerate(rows, start=2):
        if number - 1 > MAX_IMPORT_ROWS:
            report.rows.append(ImportRow(number, "", False, _("بیش از حد مجاز سطر؛ باقی سطرها خوانده نشد.")))
            break
        if values is None or all(v in (None, "") for v in values):
            continue

        def cell(column: str, values: tuple = values) -> Any:
            index = columns.get(column)
            return values[index] if index is not None and index < len(values) else None

        name = str(cell("نام مرکز") or "").strip()
        kind = _kind_of(cell("نوع مرکز"))
        county = counties.get(normalize_text(str(cell("شهرستان") or "")))
        agency_name = normalize_text(str(cell("دستگاه مسئول") or ""))
        if kind is None:
            report.rows.append(
                ImportRow(
                    number, name, False, _("نوع مرکز «%(k)s» شناخته نشد.") % {"k": cell("نوع مرکز") or ""}
                )
            )
            continue
        if county is None:
            report.rows.append(
                ImportRow(
                    number,
                    name,
                    False,
                    _("شهرستان «%(c)s» یافت نشد یا در قلمرو شما نیست.") % {"c": cell("شهرستان") or ""},
                )
            )
            continue
        agency = (
            Organization.objects.filter(name_normalized=agency_name, is_active=True).first()
            if agency_name
            else None
        )
        if agency is None:
            report.rows.append(
                ImportRow(
                    number,
                    name,
                    False,
                    _("دستگاه مسئول «%(a)s» یافت نشد.") % {"a": cell("دستگاه مسئول") or ""},
                )
            )
            continue
        try:
            with transaction.atomic():
                do_facility_create(
                    name=name,
                    kind=kind,
                    territory=county,
                    responsible_agency=agency,
                    licence_number=str(cell("شماره پروانه") or ""),
                    address=str(cell("نشانی") or ""),
                    latitude=cell("عرض جغرافیایی"),
                    longitude=cell("طول جغرافیایی"),
                )
        except ValidationError as exc:
            report.rows.append(ImportRow(number, name, False, " ".join(exc.messages)))
            continue
        report.rows.append(ImportRow(number, name, True, _("ثبت شد.")))
    return report
