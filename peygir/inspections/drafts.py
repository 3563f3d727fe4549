"""Authoring checklists on a page: a template starts as a draft version, edited question by question,
then published. A published version never changes; the next edit starts a new draft copied from it.

Every write here refuses a published version (Persian message, nothing written) and checks the
draft's `revision` the page read, so two tabs editing one draft cannot overwrite each other.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.errors import ConflictError, NotAllowed, ValidationError
from peygir.core.text import check_text
from peygir.organizations.access import get_scope
from peygir.programs.models import PolicyDocument

from . import access
from .checklists import QuestionSpec
from .models import ChecklistQuestion, ChecklistSection, ChecklistTemplate, ChecklistVersion, FacilityKind

Q_KIND = ChecklistQuestion.Kind


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def check_template_create(user: Any, document: PolicyDocument) -> None:
    if user is not None and not get_scope(user).manages_path(document.territory.path):
        raise NotAllowed


@transaction.atomic
def template_create_draft(
    *, user: Any, document: PolicyDocument, title: str, facility_kinds: list[str], pass_score: int = 70
) -> ChecklistTemplate:
    """A new template with an empty draft version (number 1): nothing is drawn with it until published."""
    check_template_create(user, document)
    title = check_text(title, field="title", required=True, limit=300)
    if not facility_kinds or any(k not in FacilityKind.values for k in facility_kinds):
        raise ValidationError({"facility_kinds": _("دست‌کم یک نوع مرکز را برگزینید.")})
    if not 0 <= pass_score <= 100:
        raise ValidationError({"pass_score": _("حد نصاب قبولی باید بین ۰ و ۱۰۰ باشد.")})
    template = ChecklistTemplate.objects.create(
        document=document, title=title, facility_kinds=sorted(set(facility_kinds)), pass_score=pass_score
    )
    ChecklistVersion.objects.create(
        template=template, number=1, note=_("نسخه نخست"), pass_score=pass_score, created_by=_user(user)
    )
    return template


def check_template_manage(user: Any, template: ChecklistTemplate) -> None:
    if user is not None and not access.can_manage_template(user, template):
        raise NotAllowed


def _locked_draft(version: ChecklistVersion, expected_revision: int | None) -> ChecklistVersion:
    draft = ChecklistVersion.objects.select_for_update().get(pk=version.pk)
    if draft.published_at is not None:
        raise ValidationError(
            {"version": _("این نسخه منتشر شده و دیگر تغییر نمی‌کند؛ برای تغییر، پیش‌نویس تازه‌ای بسازید.")}
        )
    if expected_revision is not None and draft.revision != expected_revision:
        raise ConflictError(_("این پیش‌نویس در این فاصله تغییر کرده است؛ صفحه را دوباره باز کنید."))
    return draft


def _bump(draft: ChecklistVersion) -> None:
    ChecklistVersion.objects.filter(pk=draft.pk).update(revision=F("revision") + 1)


@transaction.atomic
def draft_start(*, user: Any, template: ChecklistTemplate) -> ChecklistVersion:
    """The next version as a draft, a copy of the latest published one (its questions, codes and rules).
    A template has at most one draft: asking again returns it."""
    check_template_manage(user, template)
    template = ChecklistTemplate.objects.select_for_update().get(pk=template.pk)
    existing = template.draft_version()
    if existing is not None:
        return existing
    source = template.latest_version()
    number = (template.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = ChecklistVersion.objects.create(
        template=template,
        number=number,
        pass_score=source.pass_score if source else template.pass_score,
        created_by=_user(user),
    )
    if source is not None:
        sections = {}
        for section in source.sections.order_by("order", "pk"):
            sections[section.pk] = ChecklistSection.objects.create(
                version=draft, order=section.order, title=section.title
            )
        copies = []
        for q in source.questions.order_by("section__order", "order", "pk"):
            q.pk = None
            q.version = draft
            q.section = sections[q.section_id]
            copies.append(q)
        ChecklistQuestion.objects.bulk_create(copies)
    return draft


def _check_spec(spec: QuestionSpec) -> None:
    if spec.kind not in Q_KIND.values:
        raise ValidationError({"kind": _("نوع پاسخ ناشناخته است.")})
    if not 0 <= spec.weight <= 100:
        raise ValidationError({"weight": _("وزن باید بین ۰ و ۱۰۰ باشد.")})
    if spec.kind in ChecklistQuestion.SCORED and spec.weight == 0:
        raise ValidationError({"weight": _("پرسش امتیازدار وزن می‌خواهد (دست‌کم ۱).")})
    if not 2 <= spec.scale_max <= 10:
        raise ValidationError({"scale_max": _("بیشینه طیف باید بین ۲ و ۱۰ باشد.")})
    if not 1 <= spec.deadline_days <= 365:
        raise ValidationError({"deadline_days": _("مهلت رفع باید بین ۱ و ۳۶۵ روز کاری باشد.")})
    if spec.kind == Q_KIND.SCALE and spec.pass_min is not None and not 0 <= spec.pass_min <= spec.scale_max:
        raise ValidationError({"pass_min": _("کمینه قبول طیف باید درون طیف باشد.")})
    if spec.kind == Q_KIND.NUMBER and spec.pass_min is None and spec.pass_max is None:
        raise ValidationError({"pass_min": _("برای پرسش عددی کمینه یا بیشینه قبول را بنویسید.")})
    if spec.pass_min is not None and spec.pass_max is not None and spec.pass_min > spec.pass_max:
        raise ValidationError({"pass_max": _("بیشینه قبول از کمینه آن کمتر است.")})


@transaction.atomic
def draft_question_add(
    *,
    user: Any,
    version: ChecklistVersion,
    section_title: str,
    spec: QuestionSpec,
    expected_revision: int | None = None,
) -> ChecklistQuestion:
    """Add a question to the draft, under the section of that title (made when new)."""
    check_template_manage(user, version.template)
    draft = _locked_draft(version, expected_revision)
    section_title = check_text(section_title, field="section", required=True, limit=300)
    code = check_text(spec.code, field="code", required=True, limit=40)
    text = check_text(spec.text, field="text", required=True, limit=500)
    _check_spec(spec)
    if draft.questions.filter(code=code).exists():
        raise ValidationError({"code": _("کد پرسش «%(c)s» در این نسخه تکراری است.") % {"c": code}})
    section = draft.sections.filter(title=section_title).first()
    if section is None:
        order = (draft.sections.aggregate(n=Max("order"))["n"] or 0) + 1
        section = ChecklistSection.objects.create(version=draft, order=order, title=section_title)
    scored = spec.kind in ChecklistQuestion.SCORED
    question = ChecklistQuestion(
        version=draft,
        section=section,
        order=(section.questions.aggregate(n=Max("order"))["n"] or 0) + 1,
        code=code,
        text=text,
        kind=spec.kind,
        weight=spec.weight if scored else 0,
        is_critical=spec.is_critical and scored,
        allows_na=spec.allows_na,
        scale_max=spec.scale_max,
        pass_min=spec.pass_min if scored else None,
        pass_max=spec.pass_max if spec.kind == Q_KIND.NUMBER else None,
        deadline_days=spec.deadline_days,
        evidence_required=spec.evidence_required,
        requires_reinspection=spec.requires_reinspection and scored,
    )
    question.full_clean(exclude=["version", "section"])
    question.save()
    _bump(draft)
    return question


@transaction.atomic
def draft_question_remove(
    *, user: Any, version: ChecklistVersion, question_id: int, expected_revision: int | None = None
) -> None:
    check_template_manage(user, version.template)
    draft = _locked_draft(version, expected_revision)
    question = draft.questions.filter(pk=question_id).first()
    if question is None:
        raise ValidationError({"question": _("این پرسش در پیش‌نویس نیست.")})
    section = question.section
    question.delete()
    if not section.questions.exists():
        section.delete()
    _bump(draft)


@transaction.atomic
def draft_publish(
    *,
    user: Any,
    version: ChecklistVersion,
    note: str = "",
    pass_score: int | None = None,
    expected_revision: int | None = None,
) -> ChecklistVersion:
    """Publish the draft: from now on it is what new draws use, and it never changes."""
    check_template_manage(user, version.template)
    draft = _locked_draft(version, expected_revision)
    if not draft.questions.filter(kind__in=ChecklistQuestion.SCORED, weight__gt=0).exists():
        raise ValidationError({"version": _("چک‌لیست دست‌کم یک پرسش امتیازدار می‌خواهد.")})
    score = draft.pass_score if pass_score is None else pass_score
    if not 0 <= score <= 100:
        raise ValidationError({"pass_score": _("حد نصاب قبولی باید بین ۰ و ۱۰۰ باشد.")})
    draft.note = check_text(note, field="note", limit=500) or draft.note
    draft.pass_score = score
    draft.published_at = timezone.now()
    draft.published_by = _user(user)
    draft.revision = F("revision") + 1
    draft.save(update_fields=["note", "pass_score", "published_at", "published_by", "revision"])
    draft.refresh_from_db()
    return draft
