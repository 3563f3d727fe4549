"""Checklist templates and their versions. A version, once published, never changes: editing a
template publishes the next version (copying what it does not change), so old visits keep theirs."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.text import check_text
from peygir.organizations.access import get_scope
from peygir.programs.models import PolicyDocument

from . import access
from .models import ChecklistQuestion, ChecklistSection, ChecklistTemplate, ChecklistVersion, FacilityKind


@dataclass
class QuestionSpec:
    code: str
    text: str
    kind: str = ChecklistQuestion.Kind.YES_NO
    weight: int = 1
    is_critical: bool = False
    allows_na: bool = True
    scale_max: int = 5
    pass_min: Decimal | None = None
    pass_max: Decimal | None = None
    deadline_days: int = 10
    evidence_required: bool = True
    requires_reinspection: bool = False


@dataclass
class SectionSpec:
    title: str
    questions: list[QuestionSpec] = field(default_factory=list)


@transaction.atomic
def template_create(
    *,
    user: Any,
    document: PolicyDocument,
    title: str,
    facility_kinds: list[str],
    sections: list[SectionSpec],
    pass_score: int = 70,
) -> ChecklistTemplate:
    if user is not None and not get_scope(user).manages_path(document.territory.path):
        raise NotAllowed
    title = check_text(title, field="title", required=True, limit=300)
    unknown = [k for k in facility_kinds if k not in FacilityKind.values]
    if unknown:
        raise ValidationError({"facility_kinds": _("نوع مرکز ناشناخته است.")})
    template = ChecklistTemplate.objects.create(
        document=document, title=title, facility_kinds=list(facility_kinds), pass_score=pass_score
    )
    do_version_publish(
        user=user, template=template, sections=sections, note=_("نسخه نخست"), pass_score=pass_score
    )
    return template


@transaction.atomic
def version_publish(
    *,
    user: Any,
    template: ChecklistTemplate,
    sections: list[SectionSpec],
    note: str = "",
    pass_score: int | None = None,
) -> ChecklistVersion:
    if user is not None and not access.can_manage_template(user, template):
        raise NotAllowed
    return do_version_publish(
        user=user, template=template, sections=sections, note=note, pass_score=pass_score
    )


@transaction.atomic
def do_version_publish(
    *,
    user: Any,
    template: ChecklistTemplate,
    sections: list[SectionSpec],
    note: str = "",
    pass_score: int | None = None,
) -> ChecklistVersion:
    template = ChecklistTemplate.objects.select_for_update().get(pk=template.pk)
    if not sections or not any(s.questions for s in sections):
        raise ValidationError({"sections": _("چک‌لیست دست‌کم یک پرسش می‌خواهد.")})
    score = template.pass_score if pass_score is None else pass_score
    if not 0 <= score <= 100:
        raise ValidationError({"pass_score": _("حد نصاب قبولی باید بین ۰ و ۱۰۰ باشد.")})
    last = template.versions.order_by("-number").first()
    version = ChecklistVersion.objects.create(
        template=template,
        number=(last.number + 1) if last else 1,
        note=check_text(note, field="note", limit=500),
        pass_score=score,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        published_at=timezone.now(),
        published_by=user if getattr(user, "is_authenticated", False) else None,
    )
    codes: set[str] = set()
    for s_order, spec in enumerate(sections, start=1):
        section = ChecklistSection.objects.create(
            version=version,
            order=s_order,
            title=check_text(spec.title, field="sections", required=True, limit=300),
        )
        for q_order, q in enumerate(spec.questions, start=1):
            code = check_text(q.code, field="sections", required=True, limit=40)
            if code in codes:
                raise ValidationError({"sections": _("کد پرسش «%(c)s» تکراری است.") % {"c": code}})
            codes.add(code)
            if q.kind not in ChecklistQuestion.Kind.values:
                raise ValidationError({"sections": _("نوع پاسخ پرسش «%(c)s» ناشناخته است.") % {"c": code}})
            question = ChecklistQuestion(
                version=version,
                section=section,
                order=q_order,
                code=code,
                text=check_text(q.text, field="sections", required=True, limit=500),
                kind=q.kind,
                weight=q.weight if q.kind in ChecklistQuestion.SCORED else 0,
                is_critical=q.is_critical and q.kind in ChecklistQuestion.SCORED,
                allows_na=q.allows_na,
                scale_max=q.scale_max,
                pass_min=q.pass_min,
                pass_max=q.pass_max,
                deadline_days=q.deadline_days,
                evidence_required=q.evidence_required,
                requires_reinspection=q.requires_reinspection,
            )
            question.full_clean(exclude=["version", "section"])
            question.save()
    return version


def sections_of(version: ChecklistVersion) -> list[SectionSpec]:
    """A version as specs (to edit into the next version)."""
    specs = []
    for section in version.sections.prefetch_related("questions").order_by("order"):
        specs.append(
            SectionSpec(
                title=section.title,
                questions=[
                    QuestionSpec(
                        code=q.code,
                        text=q.text,
                        kind=q.kind,
                        weight=q.weight,
                        is_critical=q.is_critical,
                        allows_na=q.allows_na,
                        scale_max=q.scale_max,
                        pass_min=q.pass_min,
                        pass_max=q.pass_max,
                        deadline_days=q.deadline_days,
                        evidence_required=q.evidence_required,
                        requires_reinspection=q.requires_reinspection,
                    )
                    for q in section.questions.all()
                ],
            )
        )
    return specs
