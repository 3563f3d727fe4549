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
PERSONA_BY_USERNAME = {p.username: p for p in PERSONAS}
