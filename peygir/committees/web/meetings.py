"""The meeting page: a secretary records a meeting in one flow (the minutes downloads are in exports).

Every form is a normal POST to `/meetings/<pk>/<op>/`; with htmx the same POST answers with the
meeting body only, so rows are added without a full reload.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peygir.committees import access as committee_access
from peygir.committees import selectors, services
from peygir.committees.models import AgendaItem, Committee, Meeting, Resolution
from peygir.coordination.web.entry import EntrySpec, after_save
from peygir.core.text import to_persian_digits
from peygir.core.web.views import call_service, is_htmx
from peygir.organizations.models import Organization

from . import forms as mf
from . import meeting_rows as rows

# The entry check (coordination): other bodies' similar work while a resolution row is typed.
RESOLUTION_CHECK = EntrySpec(kind="resolution", title="res-text", organizations="res-responsible")


def _get_meeting(user: Any, pk: int) -> Meeting:
    return selectors.meeting_detail(user=user, pk=pk)


def _organizations(meeting: Meeting) -> list[Organization]:
    """Organizations in the committee's territory, groups included (a resolution may name a group)."""
    path = meeting.committee.territory.path
    return list(
        Organization.objects.filter(is_active=True, territory__path__startswith=path)
        .order_by("kind", "name")
        .only("id", "name", "kind")
    )


def _items(meeting: Meeting) -> list[AgendaItem]:
    """Top-level agenda items (those that may carry sub-items or be referred)."""
    return list(meeting.agenda)


def _all_items(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.agenda_items.all())


def _header_initial(meeting: Meeting) -> dict[str, Any]:
    local = timezone.localtime(meeting.starts_at)
    return {
        "version": meeting.version,
        "date": local.date(),
        "time": local.strftime("%H:%M"),
        "title": meeting.title,
        "place": meeting.place,
        "chair_name": meeting.chair_name,
        "chair_title": meeting.chair_title,
        "quorum_note": meeting.quorum_note,
    }


def _build_forms(meeting: Meeting, data: Any = None, op: str = "") -> dict[str, Form]:
    orgs = _organizations(meeting)
    items = _items(meeting)
    all_items = _all_items(meeting)
    resolutions = list(meeting.resolutions.all())
    working_groups = list(meeting.committee.working_groups.filter(is_active=True))
    members = list(meeting.committee.members.select_related("organization").order_by("order", "id"))
    v = {"version": meeting.version}
    # On approved minutes every change is an amendment, and an amendment says why.
    why = {"require_reason": meeting.status == Meeting.Status.APPROVED}
    factories = {
        "header": lambda d: mf.MeetingHeaderForm(d, initial=_header_initial(meeting), prefix="header", **why),
        "agenda": lambda d: mf.AgendaItemForm(
            d, initial=v, organizations=orgs, items=items, prefix="agenda", **why
        ),
        "attendance_all": lambda d: mf.AttendanceAllForm(
            d, initial=v, members=members, prefix="attall", **why
        ),
        "attendance": lambda d: mf.AttendanceForm(d, initial=v, organizations=orgs, prefix="att", **why),
        "note": lambda d: mf.DiscussionNoteForm(d, initial=v, items=all_items, prefix="note", **why),
        "resolution": lambda d: mf.ResolutionForm(
            d, initial=v, organizations=orgs, items=all_items, resolutions=resolutions, prefix="res", **why
        ),
        "held": lambda d: mf.MeetingStepForm(d, initial=v, prefix="held"),
        "approve": lambda d: mf.MeetingStepForm(d, initial=v, prefix="approve"),
        "dispatch": lambda d: mf.MeetingStepForm(d, initial=v, prefix="dispatch"),
    }
    if working_groups:
        factories["refer"] = lambda d: mf.ReferForm(d, items=items, committees=working_groups, prefix="refer")
    return {name: make(data if name == op else None) for name, make in factories.items()}


def _context(
    request: HttpRequest,
    meeting: Meeting,
    forms: dict[str, Form] | None,
    op: str = "",
    row: rows.RowState | None = None,
    opinion_form: Form | None = None,
) -> dict:
    can_manage = committee_access.can_manage_committee(request.user, meeting.committee)
    is_approved = meeting.status == Meeting.Status.APPROVED
    # Approved minutes read as a document; the «اصلاحیه» mode (asked for, or an edit under way) shows
    # the controls to those who may amend.
    amend_mode = is_approved and (
        request.method == "POST" or bool(request.GET.get("amend")) or bool(request.GET.get("edit"))
    )
    can_edit = can_manage and (not is_approved or amend_mode)
    if can_edit and forms is None:
        forms = _build_forms(meeting)
    opinion_org = committee_access.opinion_organization(request.user, meeting.committee)
    return {
        "row_state": row if can_edit else None,
        "resolution_check": RESOLUTION_CHECK,
        "meeting": meeting,
        "committee": meeting.committee,
        "can_manage": can_manage,
        "can_edit": can_edit,
        "amend_mode": amend_mode,
        "opinion_org": opinion_org if not is_approved else None,
        "opinion_form": opinion_form or mf.OpinionForm(prefix="opinion"),
        "forms": forms or {},
        "open_op": op,
        "followup": meeting.followup_rows,
        "is_approved": is_approved,
        "htmx": is_htmx(request),
        "minute_ops": [
            ("agenda", _("افزودن دستور جلسه")),
            ("attendance_all", _("همه اعضا حاضر، جز غایبان")),
            ("attendance", _("ثبت حضور")),
            ("note", _("ثبت مطالب مطرح‌شده")),
            ("resolution", _("افزودن مصوبه")),
            ("refer", _("ارجاع دستور به کارگروه")),
            ("header", _("مشخصات جلسه")),
        ],
    }


def _render(
    request: HttpRequest,
    meeting: Meeting,
    forms=None,
    op: str = "",
    status: int = 200,
    row=None,
    opinion_form=None,
):
    template = "web/meetings/_body.html" if is_htmx(request) else "web/meetings/detail.html"
    context = _context(request, meeting, forms, op, row, opinion_form)
    return render(request, template, context, status=status)


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The page; `?edit=<kind>:<id>` opens that row's edit form in place (for the secretariat)."""
    meeting = _get_meeting(request.user, pk)
    row = None
    wanted = rows.parse_edit(request.GET.get("edit"))
    if wanted and committee_access.can_manage_committee(request.user, meeting.committee):
        kind, row_pk = wanted
        obj = rows.get_row(meeting, kind, row_pk)
        form = rows.build_form(meeting, kind, "edit", obj, _organizations(meeting))
        row = rows.RowState(kind=kind, id=obj.pk, action="edit", form=form)
    return _render(request, meeting, row=row)


def _pick(choices: dict[int, Any], pk: int | None) -> Any:
    if pk is None:
        return None
    if pk not in choices:
        raise ValidationError(_("گزینه نامعتبر است."))
    return choices[pk]


def _run(op: str, meeting: Meeting, user: Any, data: dict[str, Any]) -> str:
    version = data.get("version")
    reason = data.get("reason", "")
    items = {i.pk: i for i in meeting.agenda_items.all()}
    if op == "header":
        starts = timezone.make_aware(dt.datetime.combine(data["date"], data["time"]))
        services.meeting_update(
            user=user,
            meeting=meeting,
            starts_at=starts,
            **{k: data[k] for k in ("title", "place", "chair_name", "chair_title", "quorum_note")},
            expected_version=version,
            reason=reason,
        )
        return _("مشخصات جلسه ذخیره شد.")
    if op == "agenda":
        presenter = Organization.objects.filter(pk=data["presenter"]).first() if data["presenter"] else None
        services.agenda_item_add(
            user=user,
            meeting=meeting,
            title=data["title"],
            presenter=presenter,
            parent=_pick(items, data["parent"]),
            description=data["description"],
            expected_version=version,
            reason=reason,
        )
        return _("دستور جلسه افزوده شد.")
    if op == "attendance_all":
        services.attendance_all_present(
            user=user,
            meeting=meeting,
            absent=list(Organization.objects.filter(pk__in=data["absent"])),
            expected_version=version,
            reason=reason,
        )
        return _("حضور اعضای کمیته ثبت شد.")
    if op == "attendance":
        org = Organization.objects.filter(pk=data["organization"]).first() if data["organization"] else None
        services.attendance_set(
            user=user,
            meeting=meeting,
            organization=org,
            person_name=data["person_name"],
            person_title=data["person_title"],
            status=data["status"],
            represented_by=data["represented_by"],
            expected_version=version,
            reason=reason,
        )
        return _("حضور ثبت شد.")
    if op == "note":
        services.discussion_note_add(
            user=user,
            item=_pick(items, data["item"]),
            speaker_name=data["speaker_name"],
            speaker_title=data["speaker_title"],
            summary=data["summary"],
            expected_version=version,
            reason=reason,
        )
        return _("مطالب مطرح‌شده ثبت شد.")
    if op == "resolution":
        responsible = list(Organization.objects.filter(pk__in=data["responsible"]))
        parent = (
            Resolution.objects.filter(meeting=meeting, pk=data["parent"]).first() if data["parent"] else None
        )
        resolution = services.resolution_create(
            user=user,
            meeting=meeting,
            text=data["text"],
            responsible=responsible,
            deadline_text=data["deadline_text"],
            agenda_item=_pick(items, data["agenda_item"]),
            parent=parent,
            label=data["label"],
            preamble=data["preamble"],
            responsible_text=data["responsible_text"],
            expected_version=version,
            reason=reason,
        )
        data["created_pk"] = resolution.pk  # for the entry check after saving (meeting_op)
        if meeting.dispatched_at is None:
            return _("مصوبه به‌صورت پیش‌نویس ثبت شد؛ با تأیید صورتجلسه یا ابلاغ به دستگاه‌ها می‌رسد.")
        return _("مصوبه ثبت شد و اقدامات آن به دستگاه‌های مسئول ابلاغ شد.")
    if op == "refer":
        target = Committee.objects.filter(pk=data["committee"]).first()
        if target is None:
            raise ValidationError({"committee": _("گزینه نامعتبر است.")})
        services.agenda_item_refer(user=user, item=_pick(items, data["item"]), committee=target)
        return _("دستور به کارگروه ارجاع شد.")
    if op == "held":
        services.meeting_mark_held(user=user, meeting=meeting, expected_version=version)
        return _("برگزاری جلسه ثبت شد.")
    if op == "approve":
        services.meeting_approve(user=user, meeting=meeting, expected_version=version)
        return _("صورتجلسه تأیید و مصوبات آن ابلاغ شد؛ از این پس هر تغییر به‌عنوان اصلاحیه ثبت می‌شود.")
    if op == "dispatch":
        count = services.meeting_dispatch(user=user, meeting=meeting, expected_version=version)
        return _("مصوبات ابلاغ شد: %(n)s اقدام در کارتابل دستگاه‌های مسئول قرار گرفت.") % {
            "n": to_persian_digits(count)
        }
    raise Http404


OPS = {
    "header",
    "agenda",
    "attendance_all",
    "attendance",
    "note",
    "resolution",
    "refer",
    "held",
    "approve",
    "dispatch",
}


def _done(request: HttpRequest, pk: int, message: str, op: str = "") -> HttpResponse:
    messages.success(request, message)
    meeting = _get_meeting(request.user, pk)
    if is_htmx(request):
        return _render(request, meeting, op=op)
    if meeting.status == Meeting.Status.APPROVED and op not in ("approve", "opinion"):
        return redirect(reverse("web:meeting_detail", args=[pk]) + "?amend=1")  # still amending
    return redirect("web:meeting_detail", pk=pk)


def _after_resolution(request: HttpRequest, meeting: Meeting, data: dict, message: str) -> HttpResponse:
    """A new row like other bodies' work in the committee's territory: decide each pair (coordination)."""
    next_url = reverse("web:meeting_detail", args=[meeting.pk])
    response = after_save(
        request,
        RESOLUTION_CHECK,
        object_ids=[data["created_pk"]],
        next_url=next_url,
        organizations=data["responsible"],
        territory_id=meeting.committee.territory_id,
        starts_on=timezone.localtime(meeting.starts_at).date(),
    )
    if response.url == next_url:
        return _done(request, meeting.pk, message, op="resolution")
    messages.success(request, message)
    if is_htmx(request):
        return HttpResponse(headers={"HX-Redirect": response.url})
    return response


def _opinion(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """The office's opinion on a council's item: the office's word, not the secretariat's record."""
    if committee_access.opinion_organization(request.user, meeting.committee) is None:
        raise Http404
    form = mf.OpinionForm(request.POST, prefix="opinion")
    if form.is_valid():
        item = meeting.agenda_items.filter(pk=form.cleaned_data["item"]).first()
        if item is None:
            form.add_error("item", _("گزینه نامعتبر است."))
        else:
            data = form.cleaned_data
            ok, _result = call_service(
                form,
                services.agenda_item_opinion,
                user=request.user,
                item=item,
                position=data["position"],
                text=data["text"],
            )
            if ok:
                return _done(request, meeting.pk, _("نظر دفتر ثبت شد."), op="opinion")
    meeting = _get_meeting(request.user, meeting.pk)
    return _render(request, meeting, status=200 if is_htmx(request) else 400, opinion_form=form)


def _row_op(request: HttpRequest, meeting: Meeting, op: str) -> HttpResponse:
    """`<kind>-edit` / `<kind>-delete` of the row posted in `row`; errors reopen that row's form."""
    kind, _sep, action = op.partition("-")
    obj = rows.get_row(meeting, kind, request.POST.get("row"))
    form = rows.build_form(meeting, kind, action, obj, _organizations(meeting), request.POST)
    if form.is_valid():
        ok, message = call_service(
            form, rows.run, kind, action, obj, meeting, request.user, form.cleaned_data
        )
        if ok:
            return _done(request, meeting.pk, message)
    state = rows.RowState(kind=kind, id=obj.pk, action=action, form=form)
    meeting = _get_meeting(request.user, meeting.pk)
    return _render(request, meeting, status=200 if is_htmx(request) else 400, row=state)


@login_required
@require_POST
def meeting_op(request: HttpRequest, pk: int, op: str) -> HttpResponse:
    if op not in OPS and op not in rows.ROW_OPS and op != "opinion":
        raise Http404
    meeting = _get_meeting(request.user, pk)
    if op == "opinion":
        return _opinion(request, meeting)
    if not committee_access.can_manage_committee(request.user, meeting.committee):
        raise Http404
    if op in rows.ROW_OPS:
        return _row_op(request, meeting, op)
    forms = _build_forms(meeting, request.POST, op)
    form = forms.get(op)
    if form is None:
        raise Http404
    if form.is_valid():
        ok, message = call_service(form, _run, op, meeting, request.user, form.cleaned_data)
        if ok:
            if op == "resolution" and form.cleaned_data.get("created_pk"):
                return _after_resolution(request, meeting, form.cleaned_data, message)
            # With htmx keep the same form open (empty) so that the secretary can add the next row.
            return _done(request, pk, message, op=op)
    meeting = _get_meeting(request.user, pk)
    return _render(request, meeting, forms, op, status=200 if is_htmx(request) else 400)
