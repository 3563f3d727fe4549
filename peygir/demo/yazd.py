"""Yazd (S1.2): the planning council refers a social and cultural item to its cultural working
group; the working group reviews it with the office's opinion and decides; the decision is visible from
the council's item. The project and its figures are the demo's own; the bodies are Yazd's real ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peygir.committees import services as committees
from peygir.committees.models import AgendaItem, Committee, CommitteeMember, Meeting

from .organizations import Directory
from .timeline import Timeline

COUNCIL_NAME = "شورای برنامه‌ریزی و توسعه استان یزد"
WORKING_GROUP_NAME = "کارگروه فرهنگی شورای برنامه‌ریزی و توسعه استان یزد"
ITEM_TITLE = "طرح توسعه فضاهای فرهنگی و ورزشی محلات کم‌برخوردار شهر یزد"


@dataclass
class YazdStory:
    council: Committee | None = None
    working_group: Committee | None = None
    council_meeting: Meeting | None = None
    council_item: AgendaItem | None = None
    working_group_meeting: Meeting | None = None


def setup_committees(d: Directory, cast: dict[str, Any], story: YazdStory) -> None:
    user = cast["office_yazd"]
    province = d.territories["yazd"]
    story.council = committees.committee_create(
        user=user,
        name=COUNCIL_NAME,
        kind=Committee.Kind.COUNCIL,
        territory=province,
        secretariat=d["yazd.mpo"],
    )
    committees.committee_member_add(
        user=user,
        committee=story.council,
        organization=d["yazd.governorate"],
        position=CommitteeMember.Position.CHAIR,
        representative_title="استاندار",
    )
    committees.committee_member_add(
        user=user, committee=story.council, organization=d["yazd.office"], representative_title="مدیرکل"
    )
    story.working_group = committees.committee_create(
        user=user,
        name=WORKING_GROUP_NAME,
        kind=Committee.Kind.WORKING_GROUP,
        territory=province,
        secretariat=d["yazd.office"],
        parent=story.council,
        description="موارد اجتماعی و فرهنگی مطرح‌شده در شورای برنامه‌ریزی در این کارگروه بررسی و درباره آن "
        "تصمیم‌گیری می‌شود.",
    )
    for key, position in [
        ("yazd.office", CommitteeMember.Position.SECRETARY),
        ("yazd.culture", CommitteeMember.Position.MEMBER),
        ("yazd.education", CommitteeMember.Position.MEMBER),
        ("yazd.municipality", CommitteeMember.Position.MEMBER),
    ]:
        committees.committee_member_add(
            user=user, committee=story.working_group, organization=d[key], position=position
        )


def council_meeting(d: Directory, cast: dict[str, Any], story: YazdStory, t: Timeline) -> None:
    user = cast["office_yazd"]
    meeting = committees.meeting_create(
        user=user, committee=story.council, starts_at=t.yazd_council, chair_title="استاندار یزد"
    )
    story.council_meeting = meeting
    item = committees.agenda_item_add(
        user=user, meeting=meeting, title=ITEM_TITLE, presenter=d["yazd.municipality"]
    )
    # S1.2: the office gives its opinion on the social and cultural item before the council decides.
    committees.agenda_item_opinion(
        user=user,
        item=item,
        position="conditional",
        text="دفتر امور اجتماعی و فرهنگی استانداری با طرح موافق است به شرط آنکه آثار اجتماعی و فرهنگی آن در "
        "کارگروه فرهنگی بررسی شود و اولویت با محلات کم‌برخوردار باشد.",
    )
    item = committees.agenda_item_refer(user=user, item=item, committee=story.working_group)
    committees.meeting_mark_held(user=user, meeting=meeting)
    story.council_item = item


def working_group_meeting(d: Directory, cast: dict[str, Any], story: YazdStory, t: Timeline) -> None:
    user = cast["office_yazd"]
    meeting = committees.meeting_create(
        user=user,
        committee=story.working_group,
        starts_at=t.yazd_working_group,
        chair_title="معاون سیاسی، امنیتی و اجتماعی استانداری یزد",
    )
    story.working_group_meeting = meeting
    item = committees.agenda_item_add(
        user=user,
        meeting=meeting,
        title=ITEM_TITLE,
        presenter=d["yazd.municipality"],
        referred_from=story.council_item,
    )
    committees.discussion_note_add(
        user=user,
        item=item,
        speaker_name="مدیرکل دفتر امور اجتماعی و فرهنگی",
        summary="نظر کارشناسی دفتر درباره آثار اجتماعی و فرهنگی طرح ارائه شد: اولویت با محلاتی است که فضای "
        "فرهنگی و ورزشی ندارند و بهره‌برداری از فضاها باید با مشارکت سازمان‌های مردم‌نهاد محلی باشد.",
    )
    committees.resolution_create(
        user=user,
        meeting=meeting,
        agenda_item=item,
        text="طرح با اولویت محلات کم‌برخوردار تأیید شد و مقرر گردید شهرداری یزد با همکاری اداره کل فرهنگ و "
        "ارشاد اسلامی استان برنامه بهره‌برداری فرهنگی از فضاهای جدید را تهیه و به دبیرخانه شورای "
        "برنامه‌ریزی و توسعه استان ارائه نماید.",
        responsible=[d["yazd.municipality"]],
        deadline_text="دو ماه",
        responsible_text="شهرداری یزد",
    )
    committees.meeting_mark_held(user=user, meeting=meeting)
    committees.meeting_approve(user=user, meeting=meeting)
