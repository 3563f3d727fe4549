"""The official minutes (صورتجلسه) of a meeting as PDF (WeasyPrint) and Word (python-docx).

Both formats read one `MinutesData` built here, so the PDF and the Word file always say the same
thing: the header (committee, meeting number, Jalali date and time, place, chair, quorum), attendance,
the agenda with what each speaker said, the resolutions in the usual four-column table
(ردیف، مصوبات، مهلت اقدام، مسئول پیگیری) and the signatures. Every text is data: the HTML template
escapes it, and the PDF renderer may fetch nothing but the bundled Vazirmatn font files.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.committees.followup import FollowUpRow, resolution_ref
from peygir.committees.models import Attendance, CommitteeMember, Meeting, Resolution
from peygir.committees.selectors import meeting_for_minutes
from peygir.core.jalali import format_jalali, format_jalali_long
from peygir.core.text import to_persian_digits

# WeasyPrint logs every layout step at INFO; keep that out of the server log unless LOGGING asks for it.
_progress = logging.getLogger("weasyprint.progress")
if _progress.level == logging.NOTSET:
    _progress.setLevel(logging.WARNING)

RESOLUTION_HEADERS = ["ردیف", "مصوبات", "مهلت اقدام", "مسئول پیگیری"]


def font_dir() -> Path:
    return Path(settings.NODE_MODULES) / "vazirmatn" / "fonts" / "ttf"


@dataclass
class Line:
    """One sub-item of a row: «الف) text», its deadline and who follows it up."""

    label: str
    text: str
    deadline: str
    responsible: str


@dataclass
class Row:
    number: str
    preamble: str
    text: str
    deadline: str
    responsible: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class Note:
    speaker: str
    summary: str


@dataclass
class Item:
    number: str
    title: str
    presenter: str
    description: str
    notes: list[Note]
    children: list[Item]
    referred_to: str = ""
    referred_from: str = ""
    decisions: list[str] = field(default_factory=list)
    followup: list[FollowUpRow] = field(default_factory=list)


@dataclass
class Person:
    name: str
    detail: str


@dataclass
class MinutesData:
    committee: str
    number: str
    title: str
    date: str
    date_long: str
    time: str
    place: str
    chair: str
    chair_title: str
    quorum_note: str
    secretary: str
    secretary_title: str
    approved: bool
    approved_on: str
    present: list[Person]
    represented: list[Person]
    absent: list[Person]
    agenda: list[Item]
    rows: list[Row]
    amendments: list[str]
    headers: list[str] = field(default_factory=lambda: list(RESOLUTION_HEADERS))

    @property
    def signers(self) -> list[Person]:
        return [*self.present, *self.represented]

    @property
    def heading(self) -> str:
        return _("صورتجلسه %(committee)s") % {"committee": self.committee}

    @property
    def intro(self) -> str:
        """The opening sentence of Persian minutes: «جلسه شماره … با حضور … تشکیل شد»."""
        parts = [_("جلسه شماره %(n)s %(c)s") % {"n": self.number, "c": self.committee}]
        if self.chair:
            chair = f"{self.chair_title} {self.chair}".strip() if self.chair_title else self.chair
            parts.append(_("به ریاست %(chair)s") % {"chair": chair})
        if self.quorum_note:
            parts.append(self.quorum_note)
        parts.append(_("در تاریخ %(date)s ساعت %(time)s") % {"date": self.date_long, "time": self.time})
        if self.place:
            parts.append(_("در محل %(place)s") % {"place": self.place})
        return "، ".join(parts) + " " + _("و با دستور کارهای ذیل برگزار گردید:")


def fa(value: object) -> str:
    return to_persian_digits(value) if value not in (None, "") else ""


def deadline_display(resolution: Resolution) -> str:
    """As written in the minutes, plus the Jalali date it means: «یک ماه (۱۴۰۲/۰۸/۱۸)»."""
    if resolution.deadline is None:
        return fa(resolution.deadline_text)
    date = format_jalali(resolution.deadline)
    written = fa(resolution.deadline_text)
    if not written or written == date or "/" in written:
        return date
    return f"{written} ({date})"


def responsible_display(resolution: Resolution) -> str:
    if resolution.responsible_text:
        return resolution.responsible_text
    return "، ".join(getattr(resolution, "responsible_names", []))


def _row(resolution: Resolution) -> Row:
    children = getattr(resolution, "children", [])
    lines = [
        Line(
            label=child.label or resolution_ref(child),
            text=child.text,
            deadline=deadline_display(child),
            responsible=responsible_display(child),
        )
        for child in children
    ]
    deadline = deadline_display(resolution)
    responsible = responsible_display(resolution) if resolution.action_list or not lines else ""
    if lines:
        # A shared deadline (the merged cell of the paper minutes) is printed once for the row.
        dates = {child.deadline for child in children} | (
            {resolution.deadline} if resolution.deadline else set()
        )
        if len(dates) == 1 and len({line.deadline for line in lines}) >= 1 and None not in dates:
            deadline = deadline or lines[0].deadline
            for line in lines:
                line.deadline = ""
        else:
            deadline = ""
    return Row(
        number=fa(resolution.number),
        preamble=resolution.preamble,
        text=resolution.text,
        deadline=deadline,
        responsible=responsible,
        lines=lines,
    )


def _item(item, committee_id: int) -> Item:
    decisions = [
        _("%(c)s، جلسه %(n)s، ردیف %(ref)s: %(text)s")
        % {"c": r.meeting.committee.name, "n": fa(r.meeting.number), "ref": resolution_ref(r), "text": r.text}
        for r in getattr(item, "referral_resolutions", [])
    ]
    source = item.referred_from
    return Item(
        number=fa(getattr(item, "ref", item.order)),
        title=item.title,
        presenter=item.presenter.name if item.presenter_id else "",
        description=item.description,
        notes=[
            Note(
                speaker=f"{n.speaker_name} ({n.speaker_title})" if n.speaker_title else n.speaker_name,
                summary=n.summary,
            )
            for n in getattr(item, "notes_list", [])
        ],
        children=[_item(child, committee_id) for child in getattr(item, "children", [])],
        referred_to=item.referred_to.name if item.referred_to_id else "",
        referred_from=(
            _("ارجاعی از %(c)s، جلسه %(n)s")
            % {"c": source.meeting.committee.name, "n": fa(source.meeting.number)}
            if source is not None
            else ""
        ),
        decisions=decisions,
    )


def _person(row: Attendance) -> Person:
    org = row.organization.name if row.organization_id else ""
    name = " ".join(part for part in (row.person_title, row.person_name) if part)
    if row.status == Attendance.Status.REPRESENTED:
        return Person(org or name, _("نماینده: %(r)s") % {"r": row.represented_by})
    return Person(org or name, name if org else "")


def minutes_data(meeting: Meeting | int) -> MinutesData:
    """Everything the minutes print, as plain strings (Persian digits, Jalali dates)."""
    meeting = meeting_for_minutes(meeting)
    committee = meeting.committee
    secretary = next(
        (
            m
            for m in committee.members.select_related("organization")
            if m.position == CommitteeMember.Position.SECRETARY
        ),
        None,
    )
    agenda = [_item(item, committee.pk) for item in meeting.agenda]
    for data, item in zip(agenda, meeting.agenda, strict=True):
        if item.kind == item.Kind.FOLLOW_UP:
            data.followup = meeting.followup_rows
    local = timezone.localtime(meeting.starts_at)
    return MinutesData(
        committee=committee.name,
        number=fa(meeting.number),
        title=meeting.title,
        date=format_jalali(local.date()),
        date_long=format_jalali_long(local.date()),
        time=fa(local.strftime("%H:%M")),
        place=meeting.place,
        chair=meeting.chair_name,
        chair_title=meeting.chair_title,
        quorum_note=meeting.quorum_note,
        secretary=secretary.organization.name if secretary else committee.secretariat.name,
        secretary_title=(secretary.representative_title if secretary else "") or _("دبیر"),
        approved=meeting.status == Meeting.Status.APPROVED,
        approved_on=format_jalali(meeting.approved_at) if meeting.approved_at else "",
        present=[_person(a) for a in meeting.present],
        represented=[_person(a) for a in meeting.represented],
        absent=[_person(a) for a in meeting.absent],
        agenda=agenda,
        rows=[_row(r) for r in meeting.resolution_rows],
        amendments=[f"{format_jalali(a.created_at)} — {a.description}" for a in meeting.amendment_list],
    )


def minutes_html(meeting: Meeting | int, *, data: MinutesData | None = None) -> str:
    data = data or minutes_data(meeting)
    fonts = font_dir()
    return render_to_string(
        "exports/minutes.html",
        {
            "m": data,
            "font_regular": (fonts / "Vazirmatn-Regular.ttf").as_uri(),
            "font_bold": (fonts / "Vazirmatn-Bold.ttf").as_uri(),
            "generated": format_jalali(dt.datetime.now(tz=dt.UTC), with_time=True),
        },
    )


def _check_font_url(url: str) -> None:
    """WeasyPrint may load the bundled font files and nothing else: minutes text never reaches out."""
    allowed = font_dir().as_uri() + "/"
    if not url.startswith(allowed) or ".." in url:
        raise ValueError(f"blocked resource: {url[:80]}")


def _font_only_fetcher():
    from weasyprint import urls  # late, like HTML in minutes_pdf

    if hasattr(urls, "URLFetcher"):  # WeasyPrint 66 and later

        class FontOnlyFetcher(urls.URLFetcher):
            def fetch(self, url, headers=None):
                _check_font_url(url)
                return super().fetch(url, headers)

        return FontOnlyFetcher(allowed_protocols=["file"])

    def fetcher(url: str, *args, **kwargs):
        _check_font_url(url)
        return urls.default_url_fetcher(url, *args, **kwargs)

    return fetcher


def minutes_pdf(meeting: Meeting | int) -> bytes:
    """The minutes as an A4 right-to-left PDF."""
    from weasyprint import HTML  # late: WeasyPrint takes seconds to import and only the PDF needs it

    html = minutes_html(meeting)
    return HTML(string=html, url_fetcher=_font_only_fetcher(), base_url=font_dir().as_uri() + "/").write_pdf()


def minutes_docx(meeting: Meeting | int) -> bytes:
    """The minutes as a right-to-left Word document with the same content as the PDF."""
    # Late: python-docx takes most of a second to import, and minutes_docx imports MinutesData from here.
    from .minutes_docx import build_docx

    return build_docx(minutes_data(meeting))
