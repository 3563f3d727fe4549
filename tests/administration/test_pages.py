"""The administration's pages: bad input gets a clear Persian message and writes nothing; lists keep
a constant number of queries; the Django admin is for superusers only, and speaks Persian."""

import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import translation

from peygir.committees.models import Committee, CommitteeMember
from peygir.core.models import AuditEntry, CalendarOverride
from peygir.demands.models import DemandCategory, RoutingRule
from peygir.organizations.models import Membership, Organization
from tests.access.matrix_cases import row_counts
from tests.auth import sign_in
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

PERSIAN = set("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآ")


def _persian_errors(html: str) -> bool:
    import re

    found = re.findall(r'class="invalid-feedback d-block">([^<]+)<|role="alert">\s*(?:<div>)?([^<]+)<', html)
    texts = [a or b for a, b in found]
    return bool(texts) and all(PERSIAN & set(t) for t in texts)


BAD_POSTS = [
    ("/manage/committees/new/", {"name": "", "kind": "council", "territory": "x", "secretariat": "0"}),
    ("/manage/organizations/new/", {"name": "اداره", "kind": "agency", "territory": "999999"}),
    (
        "/manage/people/new/",
        {"username": "نام فارسی", "last_name": "رضایی", "organization": "1", "role": "liaison"},
    ),
    ("/manage/categories/new/", {"name": "دسته", "service_level_days": "۹۹۹"}),
    ("/manage/routing/new/", {"category": "1", "territory": "1", "agency": "1"}),
    ("/manage/calendar/new/", {"date": "۱۴۰۳/۱۳/۴۰", "is_holiday": "1"}),
    ("/manage/directive/", {"issuer": "0", "title": "ابلاغ", "deadline": "فردا"}),
    ("/manage/imports/organizations/", {}),
]


@pytest.mark.parametrize("url, data", BAD_POSTS, ids=[u for u, _d in BAD_POSTS])
def test_bad_input_is_refused_in_persian_and_writes_nothing(client, world, url, data):
    sign_in(client, world.users["office_staff"])
    before = row_counts()
    response = client.post(url, data)
    assert response.status_code == 400
    assert _persian_errors(response.content.decode()), response.content.decode()[-2000:]
    assert row_counts() == before


def test_a_second_chair_and_a_duplicate_rule_are_refused(client, world):
    sign_in(client, world.users["office_staff"])
    committee = world.committee  # the governorate chairs it
    response = client.post(
        f"/manage/committees/{committee.pk}/members/",
        {"member-organization": world.other_agency.pk, "member-position": "chair"},
    )
    assert response.status_code == 400 and "رئیس" in response.content.decode()
    assert CommitteeMember.objects.filter(committee=committee).count() == 2
    rule = world.routing_rule
    response = client.post(
        "/manage/routing/new/",
        {"category": rule.category_id, "territory": rule.territory_id, "agency": world.other_agency.pk},
    )
    assert response.status_code == 400 and "پیش‌تر قاعده‌ای" in response.content.decode()
    assert RoutingRule.objects.count() == 1


def test_pages_create_and_edit_with_persian_digits(client, world):
    sign_in(client, world.users["office_staff"])
    response = client.post("/manage/categories/new/", {"name": "محیط زیست", "service_level_days": "۱۵"})
    assert response.status_code == 302
    category = DemandCategory.objects.get(name="محیط زیست")
    assert category.service_level_days == 15
    response = client.post(
        f"/manage/categories/{category.pk}/",
        {"name": "محیط زیست و منابع طبیعی", "service_level_days": "۲۰", "is_active": "on"},
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.service_level_days == 20
    entry = AuditEntry.objects.filter(verb="update").get()
    assert entry.changes["service_level_days"] == [15, 20]
    response = client.post(
        "/manage/calendar/new/", {"date": "۱۴۰۴/۰۱/۱۳", "is_holiday": "0", "title": "روز کاری جبرانی"}
    )
    assert response.status_code == 302 and not CalendarOverride.objects.get().is_holiday


def test_a_new_persons_one_time_link_names_the_configured_site(client, world, settings):
    """Handed over to be opened elsewhere, the link carries `PEYGIR_SITE_URL`, as SMS and email do —
    not the address the administrator's request came by (behind a proxy, the server's own)."""
    settings.PEYGIR_SITE_URL = "https://peygir.example.ir"
    sign_in(client, world.users["office_staff"])
    form = {"username": "z.karimi", "first_name": "زهرا", "last_name": "کریمی", "title": "کارشناس"}
    form |= {"organization": world.agency.pk, "role": "liaison"}
    response = client.post("/manage/people/new/", form, follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and "https://peygir.example.ir/set-password/" in page
    assert "http://testserver/set-password/" not in page


def test_group_members_are_set_from_the_organization_page(client, world):
    sign_in(client, world.users["office_staff"])
    response = client.post(
        "/manage/organizations/new/",
        {
            "name": "دستگاه‌های اجرایی عضو برنامه تحول و تعالی",
            "kind": "group",
            "territory": world.province.pk,
            "members": [world.agency.pk, world.other_agency.pk],
        },
    )
    assert response.status_code == 302
    group = Organization.objects.get(kind=Organization.Kind.GROUP, name__startswith="دستگاه‌های اجرایی عضو")
    assert set(group.members_of_group.all()) == {world.agency, world.other_agency}
    html = client.get(f"/manage/organizations/{group.pk}/").content.decode()
    assert "data-pg-multiselect" in html


def test_the_change_log_shows_the_provinces_acts_only(client, world):
    from peygir.core import audit

    audit.record_change(verb=audit.UPDATE, obj=world.agency, actor=world.users["liaison"], note="ما")
    audit.record_change(
        verb=audit.UPDATE, obj=world.foreign_office, actor=world.users["foreign_staff"], note="دیگران"
    )
    sign_in(client, world.users["office_staff"])
    html = client.get("/manage/log/").content.decode()
    assert "ما" in html and "دیگران" not in html


def _many(world, n: int) -> None:
    for i in range(n):
        org = OrganizationFactory(name=f"اداره {i}", territory=world.province)
        MembershipFactory(
            user=UserFactory(username=f"u{i}", last_name=f"کارمند {i}"), organization=org, role="liaison"
        )
        Committee.objects.create(
            name=f"کارگروه {i}", kind="working_group", territory=world.province, secretariat=org
        )
        from peygir.core import audit

        audit.record_change(verb=audit.CREATE, obj=org, actor=world.users["office_staff"])


LISTS = [
    "/manage/committees/",
    "/manage/organizations/",
    "/manage/people/",
    "/manage/categories/",
    "/manage/routing/",
    "/manage/calendar/",
    "/manage/offices/",
    "/manage/log/",
]


def _count(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: writes moved the data version, so the session and user are read again once
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", LISTS)
def test_lists_keep_a_constant_number_of_queries(client, world, url):
    sign_in(client, world.users["office_staff"])
    world.facilitation_office  # noqa: B018 - one office on the list
    world.routing_rule  # noqa: B018
    _many(world, 2)
    CalendarOverride.objects.create(date=dt.date(2030, 1, 1), title="روز نخست")
    small = _count(client, url)
    for i in range(2, 24):
        org = OrganizationFactory(name=f"اداره {i}", territory=world.province)
        MembershipFactory(user=UserFactory(username=f"u{i}"), organization=org, role="liaison")
        MembershipFactory(user=UserFactory(username=f"v{i}"), organization=org, role="head")
        Committee.objects.create(
            name=f"کارگروه {i}", kind="working_group", territory=world.province, secretariat=org
        )
        category = DemandCategory.objects.create(name=f"دسته {i}", code=f"c-{i}", service_level_days=10)
        RoutingRule.objects.create(category=category, territory=world.province, agency=org)
        CalendarOverride.objects.create(date=dt.date(2030, 1, 1 + i), title=f"روز {i}")
        from peygir.core import audit

        audit.record_change(verb=audit.CREATE, obj=org, actor=world.users["liaison"])
    big = _count(client, url)
    assert 0 < big <= small, (small, big)


def test_the_django_admin_is_for_superusers_only(client, world):
    staff = UserFactory(username="staffer", is_staff=True)
    MembershipFactory(user=staff, organization=world.office, role=Membership.Role.OFFICE_STAFF)
    sign_in(client, staff)
    assert client.get("/admin/").status_code == 302  # to the admin's login
    # …which tells a signed-in non-superuser in Persian where the office's administration is,
    # instead of Django's box asking them to sign in as somebody else.
    refused = client.get("/admin/", follow=True)
    assert refused.status_code == 403
    html = refused.content.decode()
    assert "ویژه مدیران فنی سامانه" in html and 'href="/manage/"' in html
    assert 'name="password"' not in html
    root = get_user_model().objects.create_superuser("root", password="x-y-z-1234")
    sign_in(client, root)
    html = client.get("/admin/").content.decode()
    assert "مدیریت سامانه" in html and "کمیته‌ها و جلسات" in html and "رویدادهای ممیزی" in html


def test_the_django_admin_sends_a_liaison_to_the_office_not_to_the_manage_pages(client, world):
    sign_in(client, world.users["liaison"])
    refused = client.get("/admin/login/?next=/admin/")
    assert refused.status_code == 403
    html = refused.content.decode()
    assert "از کارشناس دفتر امور اجتماعی" in html and 'href="/manage/"' not in html


def test_every_model_has_a_persian_name_and_plural():
    with translation.override("fa"):
        for model in apps.get_models():
            if not model.__module__.startswith("peygir"):
                continue
            for text in (model._meta.verbose_name, model._meta.verbose_name_plural):
                assert PERSIAN & set(str(text)), f"{model._meta.label}: {text!r}"


def test_an_offices_budget_and_neighbourhoods_from_the_page(client, world):
    office = world.facilitation_office
    sign_in(client, world.users["office_staff"])
    page = client.get(f"/manage/offices/{office.pk}/").content.decode()
    assert "data-pg-multiselect" in page
    response = client.post(
        f"/manage/offices/{office.pk}/",
        {
            "budget_tomans": "۱۵۰٬۰۰۰٬۰۰۰",
            "opened_on": "۱۴۰۲/۰۱/۱۵",
            "neighbourhoods": [world.neighbourhood.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    office.refresh_from_db()
    assert office.budget_rials == 1_500_000_000
    entry = AuditEntry.objects.get(object_type="facilitation.facilitationoffice")
    assert entry.changes["budget_rials"][1] == 1_500_000_000


def _snapshot(obj) -> dict:
    return type(obj).objects.filter(pk=obj.pk).values().get()


EDIT_CASES = [
    ("committee", "/manage/committees/{pk}/", {"name": "", "kind": "x", "territory": "99999999999999999999"}),
    ("organization", "/manage/organizations/{pk}/", {"name": "", "email": "نه-رایانامه", "parent": "abc"}),
    ("person", "/manage/people/{pk}/", {"username": "نام فارسی", "organization": "1", "role": "king"}),
    ("office", "/manage/offices/{pk}/", {"budget_tomans": "-۵", "opened_on": "۱۴۰۲/۰۲/۳۲"}),
    ("category", "/manage/categories/{pk}/", {"name": "", "service_level_days": "٠"}),
    ("rule", "/manage/routing/{pk}/", {"category": "0", "territory": "0", "agency": "0"}),
]


@pytest.mark.parametrize("kind, url, data", EDIT_CASES, ids=[k for k, _u, _d in EDIT_CASES])
def test_bad_edits_are_refused_in_persian_and_change_nothing(client, world, kind, url, data):
    obj = {
        "committee": lambda: world.committee,
        "organization": lambda: world.agency,
        "person": lambda: world.users["liaison"],
        "office": lambda: world.facilitation_office,
        "category": lambda: world.routing_rule.category,
        "rule": lambda: world.routing_rule,
    }[kind]()
    sign_in(client, world.users["office_staff"])
    before, counts = _snapshot(obj), row_counts()
    response = client.post(url.format(pk=obj.pk), data)
    assert response.status_code == 400
    assert _persian_errors(response.content.decode()), response.content.decode()[-2000:]
    assert _snapshot(obj) == before and row_counts() == counts


@pytest.mark.parametrize("kind", ["people", "register", "organizations"])
def test_a_file_that_is_not_a_workbook_is_refused_in_persian(client, world, kind):
    from django.core.files.uploadedfile import SimpleUploadedFile

    sign_in(client, world.users["office_staff"])
    counts = row_counts()
    upload = SimpleUploadedFile(
        "register.xlsx", b"not a workbook at all", content_type="application/vnd.ms-excel"
    )
    response = client.post(f"/manage/imports/{kind}/", {"file": upload})
    assert response.status_code == 400
    assert _persian_errors(response.content.decode()), response.content.decode()[-2000:]
    assert row_counts() == counts


def test_a_membership_in_a_foreign_or_unknown_organization_is_refused(client, world):
    person = world.users["liaison"]
    sign_in(client, world.users["office_staff"])
    counts = row_counts()
    for organization in ("99999999999999999999", "", "x"):
        response = client.post(
            f"/manage/people/{person.pk}/memberships/", {"organization": organization, "role": "liaison"}
        )
        assert response.status_code == 400
    assert row_counts() == counts


@pytest.mark.parametrize(
    "persona", ["office_staff", "office_head", "governor", "county_deputy", "agency_head"]
)
def test_every_administration_link_opens_for_its_persona(client, world, persona):
    """Issue 9 §4 on the administration's own menu: a county deputy who only issues instructions is
    not offered the people's pages or the other imports (they answered «not found»)."""
    import re

    sign_in(client, world.users[persona])
    pages = ["/manage/"]
    html = client.get("/manage/").content.decode()
    pages += sorted(set(re.findall(r'href="(/manage/(?:directive|imports/[a-z]+)/)"', html)))
    links: set[str] = set()
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        main = response.content.decode().split("<main", 1)[1]
        links |= set(re.findall(r'href="(/manage/[^"#?]*)"', main))
    refused = {link: s for link in sorted(links) if (s := client.get(link).status_code) not in (200, 302)}
    assert not refused, refused
    if persona == "county_deputy":
        assert "/manage/people/" not in links and "/manage/imports/register/" in links


@pytest.mark.parametrize(
    "typed, days, words",
    [
        ("ظرف ۱۰ روز", 10, "ظرف ۱۰ روز"),  # an instruction's words, read from today
        ("طی دو هفته", 14, "طی دو هفته"),
        (None, 20, ""),  # a Jalali date: the date alone, no words to repeat
    ],
)
def test_the_directive_page_reads_a_deadline_as_letters_write_it(client, world, typed, days, words):
    from peygir.actions.models import Action
    from peygir.core.jalali import format_jalali

    today = dt.date.today()
    sign_in(client, world.users["office_staff"])
    response = client.post(
        "/manage/directive/",
        {
            "issuer": world.office.pk,
            "title": "گزارش طرح تابستانه را ارسال کنید.",
            "responsible": [world.agency.pk, world.other_agency.pk],
            "deadline": typed or format_jalali(today + dt.timedelta(days=days)),
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    actions = Action.objects.filter(source_kind="directive")
    assert actions.count() == 2
    assert {(a.deadline, a.deadline_text) for a in actions} == {(today + dt.timedelta(days=days), words)}


def test_a_directive_deadline_not_understood_is_refused_in_persian(client, world):
    sign_in(client, world.users["office_staff"])
    before = row_counts()
    response = client.post(
        "/manage/directive/",
        {
            "issuer": world.office.pk,
            "title": "گزارش طرح تابستانه را ارسال کنید.",
            "responsible": [world.agency.pk],
            "deadline": "هر وقت فرصت شد",
        },
    )
    assert response.status_code == 400
    assert "مهلت «هر وقت فرصت شد» قابل فهم نیست" in response.content.decode()
    assert row_counts() == before
