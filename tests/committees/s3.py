"""Scenario S3 (seed 002, the official minutes of Markazi's working group), recorded through the services.

Reusable: `build_s3(world)` returns the committee, the meeting and its rows, written exactly as a
secretary of the office would write them. The texts are the seed's own words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from peygir.committees import services
from peygir.committees.models import AgendaItem, Committee, Meeting, Resolution
from peygir.core.jalali import parse_jalali_date
from peygir.organizations.models import Organization

COMMITTEE_NAME = "کارگروه اجتماعی، فرهنگی، سلامت، زنان و خانواده"
MEETING_DAY = "1402/07/18"
PREAMBLE_1 = (
    "مساله وضعیت نامناسب بهداشتی برخی از مدارس کانکسی استان توسط دانشگاه علوم پزشکی مطرح و مقرر گردید:"
)
TEXT_1 = "اداره کل نوسازی مدارس نسبت به رفع نقایص موجود اقدام نماید."
TEXT_2 = (
    "برنامه تحول و تعالی حوزه اجتماعی و فرهنگی استان توسط دفتر امور اجتماعی و فرهنگی استانداری "
    "مطرح و مقرر گردید:"
)
TEXT_2A = "دستگاه‌های اجرایی عضو در انجام وظایف محوله در برنامه مذکور اهتمام ویژه‌ای داشته باشند."
TEXT_2B = (
    "دفتر امور اجتماعی و فرهنگی استانداری به عنوان دبیرخانه کارگروه نسبت به ارزیابی و بررسی میزان "
    "تحقق اهداف برنامه در سال آتی به صورت مستمر اقدام نماید."
)
GROUP_NAME = "دستگاه‌های اجرایی عضو برنامه تحول و تعالی حوزه اجتماعی و فرهنگی استان"
RESPONSIBLE_1 = "اداره کل نوسازی مدارس استان"
RESPONSIBLE_2B = "معاونت سیاسی، امنیتی و اجتماعی استانداری (دفتر امور اجتماعی و فرهنگی)"
GOVERNOR_SAYS = (
    "به نظر می‌رسد برنامه تحول و تعالی یک میثاق بین دستگاه‌های اجرایی و فعالان حوزه فرهنگی و اجتماعی "
    "استان است. این برنامه ذیل اسناد بالادستی به خصوص برنامه تحول مردمی دولت سیزدهم تهیه شده و دستگاه‌ها "
    "باید کمک کنند که این برنامه اجرا شود. در پایان سال مدیران دستگاه‌های اجرایی را (در قبال وظایف "
    "فرهنگی) ارزیابی می‌کنیم. متاسفانه در حوزه فرهنگی و اجتماعی شاهد کارهای موازی و تکراری می‌باشیم."
)
DG_SAYS = (
    "دستگاه‌های اجرایی برای تاثیرگذاری بیشتر باید به روز باشند و از تغییرات سریع جامعه عقب نمانند. "
    "دستگاه‌ها برای انجام وظایف و ماموریت‌های خود نیاز به یک چشم‌انداز بلندمدت دارند."
)


@dataclass
class S3:
    committee: Committee
    meeting: Meeting
    day: dt.date
    group: Organization
    items: list[AgendaItem]
    rows: dict[str, Resolution] = field(default_factory=dict)


def s3_group(world: Any) -> Organization:
    """«دستگاه‌های اجرایی عضو برنامه»: the two agencies of the world."""
    group, created = Organization.objects.get_or_create(
        name=GROUP_NAME,
        defaults={
            "kind": Organization.Kind.GROUP,
            "territory": world.province,
            "name_normalized": GROUP_NAME,
        },
    )
    if created:
        group.members_of_group.set([world.agency, world.other_agency])
    return group


def build_s3(
    world: Any, *, user: Any = None, held: bool = True, approve: bool = False, dispatch: bool = True
) -> S3:
    """Record the S3 meeting (committee, agenda, attendance, discussion, resolutions) via the services.

    Rows are drafts until dispatched: a held meeting's rows are dispatched («ابلاغ») unless
    `dispatch=False`; approval dispatches them too; a planned meeting's stay drafts."""
    user = user or world.users["office_staff"]
    committee = services.committee_create(
        user=user,
        name=COMMITTEE_NAME,
        kind=Committee.Kind.WORKING_GROUP,
        territory=world.province,
        secretariat=world.office,
    )
    services.committee_member_add(
        user=user,
        committee=committee,
        organization=world.governorate,
        position="chair",
        representative_title="استاندار",
    )
    services.committee_member_add(
        user=user,
        committee=committee,
        organization=world.office,
        position="secretary",
        representative_title="مدیر کل دفتر امور اجتماعی و فرهنگی",
    )
    for org in (world.agency, world.other_agency, world.county_gov):
        services.committee_member_add(user=user, committee=committee, organization=org)
    day = parse_jalali_date(MEETING_DAY)
    meeting = services.meeting_create(
        user=user,
        committee=committee,
        starts_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0))),
        place="سالن جلسات استانداری مرکزی",
        chair_name="دکتر مخلص الائمه",
        chair_title="استاندار مرکزی و رییس کارگروه اجتماعی، فرهنگی، سلامت، زنان و خانواده",
        quorum_note="با حضور اکثریت اعضاء",
    )
    item1 = services.agenda_item_add(
        user=user,
        meeting=meeting,
        title="ارائه گزارش از وضعیت بهداشتی مدارس کانکسی توسط دانشگاه علوم پزشکی استان",
        presenter=world.other_agency,
    )
    item2 = services.agenda_item_add(
        user=user,
        meeting=meeting,
        title="ارائه برنامه تحول و تعالی حوزه اجتماعی و فرهنگی استان توسط دفتر امور اجتماعی و فرهنگی استانداری",
        presenter=world.office,
    )
    services.attendance_set(
        user=user,
        meeting=meeting,
        organization=world.governorate,
        person_name="دکتر مخلص الائمه",
        person_title="استاندار",
    )
    services.attendance_set(
        user=user,
        meeting=meeting,
        organization=world.office,
        person_name="آقای جعفری",
        person_title="مدیر کل دفتر امور اجتماعی و فرهنگی",
    )
    services.attendance_set(user=user, meeting=meeting, organization=world.agency, person_title="مدیر کل")
    services.attendance_set(
        user=user,
        meeting=meeting,
        organization=world.other_agency,
        status="represented",
        represented_by="معاون بهداشتی",
    )
    services.attendance_set(user=user, meeting=meeting, organization=world.county_gov, status="absent")
    services.discussion_note_add(
        user=user,
        item=item2,
        speaker_name="دکتر مخلص الائمه",
        speaker_title="استاندار",
        summary=GOVERNOR_SAYS,
    )
    services.discussion_note_add(
        user=user,
        item=item2,
        speaker_name="آقای جعفری",
        speaker_title="مدیر کل دفتر امور اجتماعی و فرهنگی",
        summary=DG_SAYS,
    )
    group = s3_group(world)
    rows: dict[str, Resolution] = {}
    rows["1"] = services.resolution_create(
        user=user,
        meeting=meeting,
        agenda_item=item1,
        preamble=PREAMBLE_1,
        text=TEXT_1,
        responsible=[world.agency],
        responsible_text=RESPONSIBLE_1,
        deadline_text="یک ماه",
    )
    rows["2"] = services.resolution_create(
        user=user, meeting=meeting, agenda_item=item2, text=TEXT_2, responsible=[], deadline_text="سال 1402"
    )
    rows["2-الف"] = services.resolution_create(
        user=user, meeting=meeting, parent=rows["2"], text=TEXT_2A, responsible=[group], deadline_text="1402"
    )
    rows["2-ب"] = services.resolution_create(
        user=user,
        meeting=meeting,
        parent=rows["2"],
        text=TEXT_2B,
        responsible=[world.office],
        responsible_text=RESPONSIBLE_2B,
        deadline_text="1402",
    )
    if held or approve:
        services.meeting_mark_held(user=user, meeting=meeting)
    if approve:
        services.meeting_approve(user=user, meeting=meeting)
    elif held and dispatch:
        services.meeting_dispatch(user=user, meeting=meeting)
    meeting.refresh_from_db()
    return S3(committee=committee, meeting=meeting, day=day, group=group, items=[item1, item2], rows=rows)
