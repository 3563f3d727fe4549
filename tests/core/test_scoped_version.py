"""The data version per province: a write in one province keeps the other provinces' cached pages,
and a write a page can show always changes it (cross-province actions, national readers, rows that
name no province). The triggers run on whichever database the suite runs on (SQLite and PostgreSQL).
"""

import datetime as dt

from django.apps import apps as django_apps
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peygir.actions import services
from peygir.actions.models import Action
from peygir.core import dataversion
from peygir.core.dataversion import ALL, GLOBAL, province_scope
from peygir.core.pagecache import HEADER
from tests.auth import sign_in
from tests.factories import ActionFactory


def signed_in(world, persona: str) -> Client:
    client = Client()
    sign_in(client, world.users[persona])
    client.get(reverse("web:home"))  # CSRF cookie
    return client


def cached(client: Client, name: str = "web:inbox") -> None:
    client.get(reverse(name))
    assert client.get(reverse(name))[HEADER] == "hit"


def scopes(world) -> tuple[int, int, int, int]:
    return dataversion.versions(
        [ALL, GLOBAL, province_scope(world.province.path), province_scope(world.other_province.path)]
    )


def yazd_action(world, **fields) -> Action:
    values = {
        "responsible_organization": world.foreign_office,
        "issuer_organization": world.foreign_office,
        "territory": world.other_province,
        "title": "اقدام استان یزد",
    }
    values.update(fields)
    return ActionFactory(**values)


def test_a_write_in_another_province_keeps_the_page_and_moves_only_that_province(world):
    liaison, yazd = signed_in(world, "liaison"), signed_in(world, "foreign_staff")
    cached(liaison)
    cached(yazd)
    before = scopes(world)
    yazd_action(world)
    after = scopes(world)
    assert after[0] > before[0] and after[3] > before[3]  # ALL and Yazd moved
    assert after[1:3] == before[1:3]  # GLOBAL and Markazi did not
    assert liaison.get(reverse("web:inbox"))[HEADER] == "hit"
    page = yazd.get(reverse("web:inbox"))
    assert page[HEADER] == "miss" and "اقدام استان یزد" in page.content.decode()


def test_an_action_issued_in_one_province_to_an_agency_in_another_changes_both_sides(world):
    liaison, yazd = signed_in(world, "liaison"), signed_in(world, "foreign_staff")
    cached(liaison)
    cached(yazd)
    action = yazd_action(world, responsible_organization=world.agency, title="درخواست یزد از مرکزی")
    for client in (liaison, yazd):
        page = client.get(reverse("web:inbox"))
        assert page[HEADER] == "miss" and "درخواست یزد از مرکزی" in page.content.decode()
    # A progress report (an update and an event row of the action) changes both sides again.
    cached(liaison)
    cached(yazd)
    services.action_report_progress(action=action, user=world.users["liaison"], text="آغاز شد", progress=10)
    assert liaison.get(reverse("web:inbox"))[HEADER] == "miss"
    assert yazd.get(reverse("web:inbox"))[HEADER] == "miss"


def test_moving_an_action_to_another_province_changes_the_old_and_the_new_side(world):
    action = yazd_action(world)
    before = scopes(world)
    Action.objects.filter(pk=action.pk).update(
        responsible_organization=world.agency,
        issuer_organization=world.office,
        territory_path=world.province.path,
    )
    after = scopes(world)
    assert after[2] > before[2] and after[3] > before[3]


def test_a_national_reader_page_changes_with_any_province(world):
    national = signed_in(world, "national")
    cached(national)
    yazd_action(world)
    assert national.get(reverse("web:inbox"))[HEADER] == "miss"


def test_rows_without_a_province_move_the_global_scope_and_every_page(world):
    liaison = signed_in(world, "liaison")
    cached(liaison)
    before = scopes(world)
    world.foreign_office.name = "دفتر یزد (نام تازه)"  # an organization: shown across provinces
    world.foreign_office.save()
    assert scopes(world)[1] > before[1]
    assert liaison.get(reverse("web:inbox"))[HEADER] == "miss"
    cached(liaison)
    ActionFactory(  # an action of the national organization: no province resolves
        responsible_organization=world.national_org,
        issuer_organization=world.national_org,
        territory=world.country,
    )
    assert liaison.get(reverse("web:inbox"))[HEADER] == "miss"


def test_a_session_write_moves_its_bucket_only(world):
    liaison = signed_in(world, "liaison")
    cached(liaison)
    before = scopes(world)
    session = Session.objects.create(
        session_key="zz" + "0" * 30, session_data="", expire_date=timezone.now() + dt.timedelta(days=1)
    )
    assert dataversion.versions([dataversion.session_scope(session.session_key)])[0] >= 1
    assert scopes(world)[1:] == before[1:]
    assert liaison.get(reverse("web:inbox"))[HEADER] == "hit"


def test_user_scopes(world):
    assert dataversion.user_scopes(world.users["liaison"]) == [GLOBAL, province_scope(world.province.path)]
    assert dataversion.user_scopes(world.users["foreign_staff"]) == [
        GLOBAL,
        province_scope(world.other_province.path),
    ]
    assert dataversion.user_scopes(world.users["national"]) == [ALL]


def test_scoped_tables_are_the_action_and_demand_families(db):
    scoped = set(dataversion.scoped_tables())
    assert {"actions_action", "actions_actionevent", "actions_action_supporting_organizations"} <= scoped
    assert {"demands_demand", "demands_demandroute", "demands_demandevent", "django_session"} <= scoped
    assert not scoped & {"organizations_organization", "accounts_user", "demands_routingrule"}


def test_a_bulk_fix_pauses_the_rows_triggers_and_moves_every_scope_once(world):
    """A migration's backfill (`dataversion.bulk_fix`): on PostgreSQL no per-row event is queued (the
    table can be indexed in the same transaction) and every scope moves once after the block; on
    SQLite the rows' triggers move the scopes as usual. Either way a cached page is never served after."""
    from django.db import connection

    action = yazd_action(world)
    before = scopes(world)
    with dataversion.bulk_fix(["actions_action"]):
        Action.objects.filter(pk=action.pk).update(title="عنوان اصلاح‌شده")
        during = scopes(world)
        if connection.vendor == "postgresql":
            assert during == before  # paused inside the block
            with connection.cursor() as cursor:  # nothing pending: an index may be built here
                cursor.execute("CREATE INDEX bulk_fix_probe ON actions_action (title)")
                cursor.execute("DROP INDEX bulk_fix_probe")
    after = scopes(world)
    if connection.vendor == "postgresql":  # every scope with a row (a province never written is 0)
        assert all(a > b or a == b == 0 for a, b in zip(after, before, strict=True)), (before, after)
        assert after[0] > before[0] and after[1] > before[1]
    else:  # the row's own triggers: everything and Yazd
        assert after[0] > before[0] and after[3] > before[3]


def test_every_app_has_its_own_counter_and_a_write_moves_it_alone(world):
    """Each Peygir app's writes move its own scope (a summary keys on the apps it reads), so a sign-in
    moves the people's app and not the programs' or the actions'."""
    from peygir.accounts.models import User

    apps = {m._meta.app_label for m in django_apps.get_models() if m.__module__.startswith("peygir")}
    assert apps - {"core"} <= set(dataversion.APP_SCOPES)
    watched = ["accounts", "actions", "programs"]

    def counters():
        return dict(
            zip(watched, dataversion.versions(dataversion.app_scope(a) for a in watched), strict=True)
        )

    before = counters()
    User.objects.filter(pk=world.users["governor"].pk).update(last_login=timezone.now())
    moved = counters()
    assert moved["accounts"] > before["accounts"] and moved["actions"] == before["actions"]
    assert moved["programs"] == before["programs"]
    yazd_action(world)
    assert counters()["actions"] > moved["actions"]


def test_an_evidence_file_moves_its_actions_province(world):
    """A row of a row of an action (an update's evidence file) is scoped as the action is."""
    from tests.factories import ActionUpdateFactory, EvidenceFactory

    update = ActionUpdateFactory(action=yazd_action(world))
    before = scopes(world)
    EvidenceFactory(update=update)
    after = scopes(world)
    assert after[3] > before[3] and after[2] == before[2]  # Yazd, not Markazi


def test_a_summary_is_kept_until_a_scope_it_names_moves(world):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    yazd = province_scope(world.other_province.path)
    with dataversion.reading():
        assert dataversion.keyed("probe", [yazd], compute) == 1
        assert dataversion.keyed("probe", [yazd], compute) == 1
    yazd_action(world)
    with dataversion.reading():
        assert dataversion.keyed("probe", [yazd], compute) == 2
    assert dataversion.keyed("probe", [yazd], compute) == 3  # outside a reading request: afresh


def test_a_table_unwatched_later_loses_its_triggers_and_its_writes_move_nothing(world, monkeypatch):
    """The search vocabulary is written after a commit, with the index: it once had triggers (it was
    watched), and installing them again takes them off."""
    from peygir.search.models import SearchTerm

    unwatched = dataversion.UNWATCHED - {("search", "SearchTerm")}
    monkeypatch.setattr(dataversion, "UNWATCHED", unwatched)
    dataversion.install_triggers()
    monkeypatch.undo()
    dataversion.install_triggers()
    before = dataversion.current()
    SearchTerm.objects.create(term="زورخانه")
    assert dataversion.current() == before
