"""Markazi (S3): the working group, an earlier meeting, the official meeting and what followed.

Everything goes through the committees and actions services, as the office's staff would do it in
the interface, at the moment of the story it belongs to (see clock.py and timeline.py).

Text: the S3 meeting's agenda, discussion notes and resolutions are the minutes' own words, with the
lines of the extracted PDF put back in reading order and spelling tidied (ZWNJ, punctuation); nothing
was added or left out. The earlier meeting is the demo's invention and names no one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from peygir.actions import services as actions
from peygir.actions.models import Action
from peygir.committees import services as committees
from peygir.committees.models import Attendance, Committee, CommitteeMember, Meeting, Resolution

from .organizations import Directory
from .timeline import Timeline

WORKING_GROUP_NAME = "کارگروه اجتماعی، فرهنگی، سلامت، زنان و خانواده"
COUNCIL_NAME = "شورای برنامه‌ریزی و توسعه استان مرکزی"
CHAIR_NAME = "دکتر مخلص‌الائمه"
CHAIR_TITLE = "استاندار مرکزی و رئیس کارگروه اجتماعی، فرهنگی، سلامت، زنان و خانواده استان"
DG_NAME = "آقای جعفری"
DG_TITLE = "مدیرکل دفتر امور اجتماعی و فرهنگی استانداری"
MEETING_TITLE = "جلسه کارگروه اجتماعی، فرهنگی، سلامت، زنان و خانواده استان"

S3_AGENDA = [
    ("health", "ارائه گزارش از وضعیت بهداشتی مدارس کانکسی توسط دانشگاه علوم پزشکی استان"),
    (
        "office",
        "ارائه برنامه تحول و تعالی حوزه اجتماعی و فرهنگی استان توسط دفتر امور اجتماعی و فرهنگی استانداری",
    ),
]
GOVERNOR_NOTE = (
    "به نظر می‌رسد برنامه تحول و تعالی یک میثاق بین دستگاه‌های اجرایی و فعالان حوزه فرهنگی و اجتماعی "
    "استان است. این برنامه ذیل اسناد بالادستی به‌خصوص برنامه تحول مردمی دولت سیزدهم تهیه شده و دستگاه‌ها "
    "باید کمک کنند که این برنامه اجرا شود تا یک قدم مؤثر در حوزه فرهنگ صورت پذیرد. در فصل پنجم و هفتم "
    "برنامه تحول مردمی به موضوعات اجتماعی و فرهنگی پرداخته شده که دستگاه‌های اجرایی باید در قبال وظایف "
    "خود پاسخگو باشند. مدیران دستگاه‌ها باید مفاد این برنامه را اطلاع‌رسانی و تبیین کنند. ما در پایان سال "
    "مدیران دستگاه‌های اجرایی را (در قبال وظایف فرهنگی) ارزیابی می‌کنیم. دستگاه‌های اجرایی در قبال انجام "
    "وظایف خود نباید منتظر ابلاغ از مرکز (وزارتخانه) باشند. حوزه فرهنگی و اجتماعی جامعه بسیار با اهمیت "
    "است؛ حتی می‌توان سایر حوزه‌های جامعه (اقتصادی، سیاسی و ...) را ذیل این حوزه تعریف کرد. متأسفانه در "
    "حوزه فرهنگی و اجتماعی شاهد کارهای موازی و تکراری می‌باشیم که علت آن گستردگی این حوزه است و هر "
    "دستگاهی می‌تواند خود را متولی حوزه فرهنگی و اجتماعی به حساب بیاورد. گستردگی حوزه فرهنگی موجب "
    "نقش‌آفرینی دستگاه‌های متعددی در این حوزه شده که ادغام برخی دستگاه‌های موازی در دستور کار دولت قرار "
    "دارد. یکی از مهم‌ترین اهداف برنامه تحول و تعالی، حذف موازی‌کاری‌ها و تضاد کارکردها است. تحول باید "
    "همراه جهش باشد. کمبود نیروی انسانی در دستگاه‌ها یک موضوع کشوری است و در دستور کار دولت قرار دارد. "
    "در طرح مولدسازی تنها فروش اقلام و املاک مازاد دستگاه‌ها در دستور کار است و بخشی از درآمد آن در "
    "اختیار دستگاه و بقیه به خزانه دولت واریز می‌شود، اما این درآمد در دستگاه‌های آموزش و پرورش و علوم "
    "پزشکی به صورت کامل در اختیار خودشان قرار خواهد گرفت."
)
DG_NOTE = (
    "در ابتدای این جلسه آقای جعفری، مدیرکل دفتر امور اجتماعی و فرهنگی، ضمن خیرمقدم به اعضای کارگروه، "
    "دستورکارهای جلسه را بیان نمودند. ایشان اضافه نمودند: دستگاه‌های اجرایی برای تأثیرگذاری بیشتر باید "
    "به‌روز باشند و از تغییرات سریع جامعه عقب نمانند. دستگاه‌ها برای انجام وظایف و مأموریت‌های خود نیاز "
    "به یک چشم‌انداز بلندمدت دارند."
)
ROW1_PREAMBLE = (
    "مسأله وضعیت نامناسب بهداشتی برخی از مدارس کانکسی استان توسط دانشگاه علوم پزشکی مطرح و مقرر گردید:"
)
ROW1_TEXT = "اداره کل نوسازی مدارس نسبت به رفع نقایص موجود اقدام نماید."
ROW2_TEXT = (
    "برنامه تحول و تعالی حوزه اجتماعی و فرهنگی استان توسط دفتر امور اجتماعی و فرهنگی استانداری مطرح و "
    "مقرر گردید:"
)
ROW2A_TEXT = "دستگاه‌های اجرایی عضو برنامه در انجام وظایف محوله در برنامه مذکور اهتمام ویژه‌ای داشته باشند."
ROW2B_TEXT = (
    "دفتر امور اجتماعی و فرهنگی استانداری به عنوان دبیرخانه کارگروه نسبت به ارزیابی و بررسی میزان تحقق "
    "اهداف برنامه در سال آتی به صورت مستمر اقدام نماید."
)
ROW2A_RESPONSIBLE = "دستگاه‌های اجرایی عضو برنامه تحول و تعالی حوزه اجتماعی و فرهنگی استان"
ROW2B_RESPONSIBLE = "معاونت سیاسی، امنیتی و اجتماعی استانداری (دفتر امور اجتماعی و فرهنگی)"

# Seats of the working group: (directory key, position, representative title).
SEATS = [
    ("markazi.governorate", CommitteeMember.Position.CHAIR, "استاندار"),
    ("markazi.office", CommitteeMember.Position.SECRETARY, "مدیرکل دفتر امور اجتماعی و فرهنگی استانداری"),
    ("markazi.health", CommitteeMember.Position.MEMBER, "معاون بهداشت دانشگاه"),
    ("markazi.schools", CommitteeMember.Position.MEMBER, "مدیرکل"),
    ("markazi.education", CommitteeMember.Position.MEMBER, "مدیرکل"),
    ("markazi.welfare", CommitteeMember.Position.MEMBER, "مدیرکل"),
    ("markazi.culture", CommitteeMember.Position.MEMBER, "مدیرکل"),
    ("markazi.sports", CommitteeMember.Position.MEMBER, "مدیرکل"),
    ("markazi.municipality", CommitteeMember.Position.MEMBER, "شهردار"),
    ("markazi.county_gov.arak", CommitteeMember.Position.MEMBER, "فرماندار"),
]


@dataclass
class MarkaziStory:
    """What the story created, for the loader's summary and the scenario tests."""

    council: Committee | None = None
    working_group: Committee | None = None
    first_meeting: Meeting | None = None
    s3_meeting: Meeting | None = None
    rows: dict[str, Resolution] = field(default_factory=dict)

    def action(self, row: str, org_name: str | None = None) -> Action:
        qs = self.rows[row].actions.all()
        if org_name:
            qs = qs.filter(responsible_organization__name=org_name)
        return qs.get()


def setup_committees(d: Directory, cast: dict[str, Any], story: MarkaziStory) -> None:
    office_user = cast["office"]
    story.council = committees.committee_create(
        user=office_user,
        name=COUNCIL_NAME,
        kind=Committee.Kind.COUNCIL,
        territory=d.territories["markazi"],
        secretariat=d["markazi.mpo"],
    )
    committees.committee_member_add(
        user=office_user,
        committee=story.council,
        organization=d["markazi.governorate"],
        position=CommitteeMember.Position.CHAIR,
        representative_title="استاندار",
    )
    story.working_group = committees.committee_create(
        user=office_user,
        name=WORKING_GROUP_NAME,
        kind=Committee.Kind.WORKING_GROUP,
        territory=d.territories["markazi"],
        secretariat=d["markazi.office"],
        parent=story.council,
        description="کارگروه تخصصی شورای برنامه‌ریزی و توسعه استان؛ دبیرخانه: دفتر امور اجتماعی و فرهنگی استانداری.",
    )
    for key, position, title in SEATS:
        committees.committee_member_add(
            user=office_user,
            committee=story.working_group,
            organization=d[key],
            position=position,
            representative_title=title,
        )


def _attend(user: Any, meeting: Meeting, d: Directory, rows: list[tuple]) -> None:
    for key, status, name, title, *rest in rows:
        committees.attendance_set(
            user=user,
            meeting=meeting,
            organization=d[key],
            person_name=name,
            person_title=title,
            status=status,
            represented_by=rest[0] if rest else "",
        )


def first_meeting(d: Directory, cast: dict[str, Any], story: MarkaziStory, t: Timeline) -> None:
    """The working group's previous meeting: its resolutions open the S3 meeting's follow-up report."""
    user = cast["office"]
    meeting = committees.meeting_create(
        user=user,
        committee=story.working_group,
        starts_at=t.first_meeting,
        place="سالن جلسات استانداری مرکزی",
        title=MEETING_TITLE,
        chair_title="استاندار مرکزی",
        quorum_note="با حضور اکثریت اعضا",
    )
    story.first_meeting = meeting
    item1 = committees.agenda_item_add(
        user=user, meeting=meeting, title="بررسی وضعیت مدارس کانکسی استان", presenter=d["markazi.education"]
    )
    item2 = committees.agenda_item_add(
        user=user,
        meeting=meeting,
        title="گزارش خدمات مشاوره و مددکاری اجتماعی در مدارس مناطق کم‌برخوردار",
        presenter=d["markazi.welfare"],
    )
    P, A = Attendance.Status.PRESENT, Attendance.Status.ABSENT
    _attend(
        user,
        meeting,
        d,
        [
            ("markazi.governorate", P, "", "استاندار مرکزی"),
            ("markazi.office", P, "", DG_TITLE),
            ("markazi.health", P, "", "معاون بهداشت"),
            ("markazi.schools", P, "", "مدیرکل"),
            ("markazi.education", P, "", "مدیرکل"),
            ("markazi.welfare", P, "", "مدیرکل"),
            ("markazi.culture", P, "", "مدیرکل"),
            ("markazi.sports", A, "", "مدیرکل"),
        ],
    )
    committees.discussion_note_add(
        user=user,
        item=item1,
        speaker_name="دبیر کارگروه",
        speaker_title=DG_TITLE,
        summary="با توجه به نزدیک شدن فصل سرما، وضعیت بهداشتی و گرمایشی مدارس کانکسی استان باید پیش از "
        "جلسه آینده بررسی و گزارش شود و برنامه جایگزینی این مدارس مشخص گردد.",
    )
    story.rows["m1.1"] = committees.resolution_create(
        user=user,
        meeting=meeting,
        agenda_item=item1,
        text="دانشگاه علوم پزشکی استان وضعیت بهداشتی مدارس کانکسی استان را بررسی و گزارش آن را به جلسه "
        "آینده کارگروه ارائه نماید.",
        responsible=[d["markazi.health"]],
        deadline_text="یک ماه",
        responsible_text="دانشگاه علوم پزشکی استان",
    )
    story.rows["m1.2"] = committees.resolution_create(
        user=user,
        meeting=meeting,
        agenda_item=item1,
        text="اداره کل آموزش و پرورش استان فهرست مدارس کانکسی استان و برنامه زمان‌بندی جایگزینی آن‌ها را "
        "تهیه و به دبیرخانه کارگروه ارسال نماید.",
        responsible=[d["markazi.education"]],
        deadline_text=t.due_soon_text(),
        responsible_text="اداره کل آموزش و پرورش استان",
    )
    story.rows["m1.3"] = committees.resolution_create(
        user=user,
        meeting=meeting,
        agenda_item=item2,
        text="اداره کل بهزیستی استان خدمات مشاوره و مددکاری اجتماعی را در مدارس مناطق کم‌برخوردار استان "
        "مستقر و گزارش آن را ارائه نماید.",
        responsible=[d["markazi.welfare"]],
        deadline_text="سه ماه",
        responsible_text="اداره کل بهزیستی استان",
    )
    committees.meeting_mark_held(user=user, meeting=meeting)
    committees.meeting_approve(user=user, meeting=meeting)


def s3_meeting(d: Directory, cast: dict[str, Any], story: MarkaziStory, t: Timeline) -> None:
    """The official meeting, row by row of its minutes."""
    user = cast["office"]
    meeting = committees.meeting_create(
        user=user,
        committee=story.working_group,
        starts_at=t.s3_meeting,
        place="سالن جلسات استانداری مرکزی",
        title=MEETING_TITLE,
        chair_name=CHAIR_NAME,
        chair_title=CHAIR_TITLE,
        quorum_note="با حضور اکثریت اعضا",
    )
    story.s3_meeting = meeting
    items = [
        committees.agenda_item_add(user=user, meeting=meeting, title=title, presenter=d[f"markazi.{key}"])
        for key, title in S3_AGENDA
    ]
    P, R = Attendance.Status.PRESENT, Attendance.Status.REPRESENTED
    _attend(
        user,
        meeting,
        d,
        [
            ("markazi.governorate", P, CHAIR_NAME, "استاندار مرکزی و رئیس کارگروه"),
            ("markazi.office", P, DG_NAME, DG_TITLE),
            ("markazi.health", P, "", "نماینده دانشگاه علوم پزشکی استان"),
            ("markazi.schools", P, "", "مدیرکل نوسازی مدارس استان"),
            ("markazi.education", P, "", "مدیرکل آموزش و پرورش استان"),
            ("markazi.welfare", P, "", "مدیرکل بهزیستی استان"),
            ("markazi.culture", P, "", "مدیرکل فرهنگ و ارشاد اسلامی استان"),
            ("markazi.sports", R, "", "مدیرکل ورزش و جوانان استان", "معاون اداره کل"),
            ("markazi.municipality", P, "", "شهردار اراک"),
        ],
    )
    committees.discussion_note_add(
        user=user, item=items[1], speaker_name=CHAIR_NAME, speaker_title="استاندار", summary=GOVERNOR_NOTE
    )
    committees.discussion_note_add(
        user=user, item=items[1], speaker_name=DG_NAME, speaker_title=DG_TITLE, summary=DG_NOTE
    )
    story.rows["1"] = committees.resolution_create(
        user=user,
        meeting=meeting,
        agenda_item=items[0],
        preamble=ROW1_PREAMBLE,
        text=ROW1_TEXT,
        responsible=[d["markazi.schools"]],
        deadline_text="یک ماه",
        responsible_text="اداره کل نوسازی مدارس استان",
    )
    year = t.year_deadline_text()
    story.rows["2"] = heading = committees.resolution_create(
        user=user,
        meeting=meeting,
        agenda_item=items[1],
        text=ROW2_TEXT,
        responsible=[],
        deadline_text=year,
        responsible_text="",
    )
    group = d["markazi.program_group"]  # organizations.PROGRAM_GROUP_NAME, expanded to its members
    story.rows["2-الف"] = committees.resolution_create(
        user=user,
        meeting=meeting,
        parent=heading,
        label="الف",
        text=ROW2A_TEXT,
        responsible=[group],
        deadline_text=year,
        responsible_text=ROW2A_RESPONSIBLE,
    )
    story.rows["2-ب"] = committees.resolution_create(
        user=user,
        meeting=meeting,
        parent=heading,
        label="ب",
        text=ROW2B_TEXT,
        responsible=[d["markazi.office"]],
        deadline_text=year,
        responsible_text=ROW2B_RESPONSIBLE,
    )
    committees.meeting_mark_held(user=user, meeting=meeting)
    committees.meeting_approve(user=user, meeting=meeting)


def follow_up_steps(d: Directory, cast: dict[str, Any], story: MarkaziStory, t: Timeline) -> list[tuple]:
    """The progress, reports and verification that followed, as (day, callable) steps."""

    def progress(username: str, row: str, text: str, percent: int, org_key: str | None = None):
        def run() -> None:
            org_name = d[org_key].name if org_key else None
            actions.action_report_progress(
                action=story.action(row, org_name), user=cast[username], text=text, progress=percent
            )

        return run

    def done(username: str, row: str, text: str):
        return lambda: actions.action_report_done(action=story.action(row), user=cast[username], text=text)

    def verify(username: str, row: str, text: str):
        return lambda: actions.action_verify(action=story.action(row), user=cast[username], text=text)

    m1, s3 = t.first_meeting, t.s3_meeting
    return [
        (
            t.after(m1, 9),
            progress(
                "liaison_health",
                "m1.1",
                "بازدید کارشناسان بهداشت محیط از مدارس کانکسی "
                "شهرستان‌های اراک، ساوه و خمین آغاز شد؛ تاکنون ۱۴ مدرسه از ۳۱ مدرسه بازدید شده است.",
                40,
            ),
        ),
        (
            t.after(m1, 14),
            progress(
                "liaison_education",
                "m1.2",
                "فهرست اولیه مدارس کانکسی از ادارات آموزش و پرورش شهرستان‌ها دریافت شد.",
                30,
            ),
        ),
        (
            t.after(m1, 19),
            progress(
                "liaison_health",
                "m1.1",
                "بازدید از هر ۳۱ مدرسه کانکسی پایان یافت؛ گزارش در حال جمع‌بندی است.",
                80,
            ),
        ),
        (
            t.after(m1, 26),
            done(
                "liaison_health",
                "m1.1",
                "گزارش وضعیت بهداشتی ۳۱ مدرسه کانکسی استان تهیه و "
                "طی نامه شماره ۴۵۲۱/ب به دبیرخانه کارگروه ارسال شد. خلاصه یافته‌ها: ۹ مدرسه فاقد سرویس بهداشتی "
                "مناسب، ۶ مدرسه فاقد آب آشامیدنی لوله‌کشی و ۱۲ مدرسه نیازمند تعمیر سامانه گرمایشی هستند. "
                "مستندات: گزارش بازدید هر مدرسه با عکس و فهرست نواقص (پیوست نامه).",
            ),
        ),
        (
            t.after(m1, 29),
            verify("director", "m1.1", "گزارش دریافت و بررسی شد و در دستور جلسه آینده کارگروه قرار می‌گیرد."),
        ),
        (
            t.after(s3, 6),
            progress(
                "liaison_welfare", "m1.3", "مشاوران بهزیستی در ۱۸ مدرسه مناطق کم‌برخوردار مستقر شدند.", 50
            ),
        ),
        (
            t.after(s3, 7),
            progress(
                "office",
                "2-ب",
                "شاخص‌های ارزیابی تحقق اهداف برنامه تحول و تعالی تدوین و برای دستگاه‌های عضو ارسال شد.",
                10,
            ),
        ),
        (
            t.after(s3, 13),
            progress(
                "liaison_schools",
                "1",
                "برآورد هزینه رفع نواقص بهداشتی ۹ مدرسه کانکسی "
                "تهیه و برای تأمین اعتبار به سازمان مدیریت و برنامه‌ریزی استان ارسال شد.",
                20,
            ),
        ),
        (
            t.after(s3, 20),
            progress(
                "liaison_culture",
                "2-الف",
                "سهم این اداره کل از برنامه تحول و تعالی استخراج و به واحدهای تابعه ابلاغ شد.",
                10,
                "markazi.culture",
            ),
        ),
        (
            t.after(s3, 21),
            progress(
                "liaison_health",
                "2-الف",
                "کارگروه داخلی پیگیری برنامه در دانشگاه تشکیل شد.",
                15,
                "markazi.health",
            ),
        ),
        (
            t.after(t.today, -10),
            progress(
                "liaison_education",
                "m1.2",
                "فهرست ۳۱ مدرسه کانکسی استان نهایی شد؛ برنامه زمان‌بندی جایگزینی در دست تهیه است.",
                60,
            ),
        ),
        (
            t.after(t.today, -5),
            done(
                "liaison_welfare",
                "m1.3",
                "مشاوران در ۲۶ مدرسه مناطق کم‌برخوردار "
                "مستقر شده‌اند؛ گزارش عملکرد سه‌ماهه طی نامه شماره ۲۲۳۰ به دبیرخانه ارسال شد.",
            ),
        ),
    ]
