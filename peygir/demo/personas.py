"""The demo's people: one login per persona, one shared password (printed by `peygir demo logins`)."""

from __future__ import annotations

from dataclasses import dataclass

# The demo is a local showcase; the password is printed on purpose. `demo load` refuses to run
# with PEYGIR_PRODUCTION=1 so that these accounts never reach a real deployment.
DEMO_PASSWORD = "peygir-demo"  # noqa: S105 - documented demo password


@dataclass(frozen=True)
class Persona:
    username: str
    org_key: str | None  # key in the demo directory (see organizations.py); None for the superuser
    role: str | None
    first_name: str
    last_name: str
    title: str
    label: str  # who this is, for the logins table
    look_at: str  # what to look at after signing in
    primary: bool = True  # shown in the main table; secondary ones are other agencies' liaisons


PERSONAS: list[Persona] = [
    Persona(
        "office",
        "markazi.office",
        "office_staff",
        "کارشناس",
        "دفتر امور اجتماعی",
        "کارشناس دفتر امور اجتماعی و فرهنگی استانداری مرکزی",
        "Markazi office expert (secretariat)",
        "Start page; the working group's meetings; S3 minutes (PDF/Word); overdue list",
    ),
    Persona(
        "director",
        "markazi.office",
        "head",
        "مدیرکل",
        "دفتر امور اجتماعی و فرهنگی",
        "مدیرکل دفتر امور اجتماعی و فرهنگی استانداری مرکزی",
        "Director-general of the Markazi office",
        "Welfare's report awaiting verification; escalation of the school renovation action",
    ),
    Persona(
        "governor",
        "markazi.governorate",
        "governor",
        "استاندار",
        "مرکزی",
        "استاندار مرکزی و رئیس کارگروه",
        "Governor of Markazi (chairs the working group)",
        "Dashboard and agencies' scorecard (S3.5); the S3 meeting he chaired",
    ),
    Persona(
        "deputy_arak",
        "markazi.county_gov.arak",
        "county_deputy",
        "معاون سیاسی اجتماعی",
        "فرمانداری اراک",
        "معاون سیاسی، امنیتی و اجتماعی فرمانداری اراک",
        "County deputy of Arak",
        "Actions of agencies in Arak county (Arak municipality)",
    ),
    Persona(
        "liaison_schools",
        "markazi.schools",
        "liaison",
        "رابط",
        "نوسازی مدارس",
        "رابط اداره کل نوسازی مدارس استان مرکزی",
        "Liaison of School Renovation",
        "Inbox: row 1 of S3 is OVERDUE and escalated; report progress",
    ),
    Persona(
        "liaison_health",
        "markazi.health",
        "liaison",
        "رابط",
        "علوم پزشکی",
        "رابط دانشگاه علوم پزشکی استان مرکزی",
        "Liaison of the Medical Sciences University",
        "A verified action with its progress reports; its row 2-a duty",
    ),
    Persona(
        "inspector",
        "markazi.mpo",
        "inspector",
        "بازرس",
        "مدیریت و برنامه‌ریزی",
        "بازرس سازمان مدیریت و برنامه‌ریزی استان مرکزی",
        "Inspector (read-only, Markazi)",
        "Everything in Markazi, read-only: no buttons to change anything",
    ),
    Persona(
        "national",
        "national",
        "national",
        "کارشناس",
        "سازمان امور اجتماعی کشور",
        "کارشناس سازمان امور اجتماعی کشور",
        "National social affairs organization",
        "All provinces side by side (read-only)",
    ),
    Persona(
        "national_admin",
        "national",
        "head",
        "مدیر",
        "سازمان امور اجتماعی کشور",
        "رئیس سازمان امور اجتماعی کشور",
        "National organization's administrator",
        "Manages nationwide demand routing rules and the category tree (issue 14)",
    ),
    Persona(
        "office_yazd",
        "yazd.office",
        "office_staff",
        "کارشناس",
        "دفتر امور اجتماعی یزد",
        "کارشناس دفتر امور اجتماعی و فرهنگی استانداری یزد",
        "Yazd office expert",
        "The council's item referred to the cultural working group (S1.2)",
    ),
    Persona(
        "admin",
        None,
        None,
        "مدیر",
        "سامانه",
        "مدیر سامانه",
        "System administrator (superuser)",
        "/admin/ — organizations, memberships, territories",
    ),
    # S2 (Khuzestan) and S4.1 (Kerman): facilitation offices, see khuzestan.py and kerman.py.
    Persona(
        "facilitator_zovieh",
        "khuzestan.facilitation.zovieh",
        "facilitator",
        "تسهیلگر",
        "دفتر زویه",
        "تسهیلگر دفتر تسهیلگری و توسعه محلی منطقه زویه اهواز",
        "Facilitator of the Zovieh office (Ahvaz, S2)",
        "Offices › Zovieh: its demands, the triage queue, vulnerable households (logged), activities",
    ),
    Persona(
        "office_khuzestan",
        "khuzestan.office",
        "office_staff",
        "کارشناس",
        "دفتر امور اجتماعی خوزستان",
        "کارشناس دفتر امور اجتماعی و فرهنگی استانداری خوزستان",
        "Khuzestan office expert",
        "The seven pilot offices; demand reports, Excel, the map; the personal-data access log",
    ),
    Persona(
        "deputy_khuzestan",
        "khuzestan.governorate",
        "governor",
        "معاون سیاسی اجتماعی",
        "استانداری خوزستان",
        "معاون سیاسی، امنیتی و اجتماعی استانداری خوزستان",
        "Deputy governor of Khuzestan (S2.4)",
        "An office's six-month review in one click; households stay hidden from him",
    ),
    Persona(
        "office_kerman",
        "kerman.office",
        "office_staff",
        "کارشناس",
        "دفتر امور اجتماعی کرمان",
        "کارشناس دفتر امور اجتماعی و فرهنگی استانداری کرمان",
        "Kerman office expert (S4.1)",
        "Ten facilitation offices with their 2-billion-toman budget",
    ),
    Persona(
        "liaison_education",
        "markazi.education",
        "liaison",
        "رابط",
        "آموزش و پرورش",
        "رابط اداره کل آموزش و پرورش استان مرکزی",
        "Liaison of Education",
        "An action due within days",
        primary=False,
    ),
    Persona(
        "liaison_welfare",
        "markazi.welfare",
        "liaison",
        "رابط",
        "بهزیستی",
        "رابط اداره کل بهزیستی استان مرکزی",
        "Liaison of Welfare",
        "An action reported done, awaiting verification",
        primary=False,
    ),
    Persona(
        "liaison_culture",
        "markazi.culture",
        "liaison",
        "رابط",
        "فرهنگ و ارشاد اسلامی",
        "رابط اداره کل فرهنگ و ارشاد اسلامی استان مرکزی",
        "Liaison of Culture and Islamic Guidance",
        "Its row 2-a duty with a progress report",
        primary=False,
    ),
]
# The other Khuzestan facilitators and the agencies that answer the S2 demands (not in the main table).
_KHUZESTAN_OFFICES = [
    ("molashieh", "ملاشیه"),
    ("hasirabad", "حصیرآباد"),
    ("manba_ab", "منبع آب"),
    ("kuy_alavi", "کوی علوی"),
    ("dezful", "دزفول"),
    ("shushtar", "شوشتر"),
]
_KHUZESTAN_AGENCIES = [
    ("education", "آموزش و پرورش خوزستان"),
    ("health", "علوم پزشکی جندی‌شاپور"),
    ("municipality_ahvaz", "شهرداری اهواز"),
    ("welfare", "بهزیستی خوزستان"),
    ("employment", "تعاون، کار و رفاه اجتماعی خوزستان"),
    ("electricity", "توزیع برق اهواز"),
]
PERSONAS += [
    Persona(
        f"facilitator_{key}",
        f"khuzestan.facilitation.{key}",
        "facilitator",
        "تسهیلگر",
        f"دفتر {name}",
        f"تسهیلگر دفتر تسهیلگری {name}",
        f"Facilitator ({key})",
        "Its office's demands",
        primary=False,
    )
    for key, name in _KHUZESTAN_OFFICES
] + [
    Persona(
        f"liaison_khz_{key}",
        f"khuzestan.{key}",
        "liaison",
        "رابط",
        name,
        f"رابط {name}",
        f"Liaison ({name})",
        "Demands routed to the agency",
        primary=False,
    )
    for key, name in _KHUZESTAN_AGENCIES
]
PERSONA_BY_USERNAME = {p.username: p for p in PERSONAS}
