"""Inspection pages the benchmark measures (issue 11 §5): the inspector's plan, the visit page, the
coverage report and the facility page, each for its worst case in the data."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse

from peygir.inspections.models import Facility, Visit
from peygir.territory.selectors import province_path

from .people import province_staff


def inspection_targets(target_class: type) -> list:
    busiest = (
        Visit.objects.values("inspector_id").annotate(n=Count("id")).order_by("-n", "inspector_id").first()
    )
    if busiest is None:
        return []
    inspector = busiest["inspector_id"]
    visit = (
        Visit.objects.filter(inspector_id=inspector, status="completed")
        .order_by("-completed_at", "-id")
        .first()
    )
    facility = Facility.objects.annotate(n=Count("findings")).order_by("-n", "id").first()
    staff = province_staff(province_path(facility.territory_path))
    staff_id = staff.user_id if staff else inspector
    targets = [
        target_class(
            "inspections: inspector's plan", reverse("web:inspector_home"), inspector, group="inspections"
        ),
        target_class(
            "inspections: coverage (province staff)",
            reverse("web:inspection_coverage"),
            staff_id,
            group="inspections",
        ),
        target_class(
            "inspections: facility page",
            reverse("web:facility_detail", args=[facility.pk]),
            staff_id,
            group="inspections",
        ),
    ]
    if visit is not None:
        targets.append(
            target_class(
                "inspections: visit page",
                reverse("web:visit_detail", args=[visit.pk]),
                inspector,
                group="inspections",
            )
        )
    return targets
