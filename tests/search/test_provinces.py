"""Records outside the reader's provinces (issue 13: "nothing outside one's scope ever appears", and
nothing the domain shows is missed): each case is a record lying in another province that its domain
shows a reader through one of their organizations. The readers find it in the selector, on the page
and in the API; the strangers — including one of the same provinces as a reader — find nothing.

Each entry belongs to every province its domain's rule names (`SearchEntry.scopes`): before, the
search looked at the reader's provinces by the record's territory only, and missed these records.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from peygir.search import selectors
from peygir.search.models import SearchEntry
from tests.auth import sign_in
from tests.factories import (
    ActionFactory,
    CommitteeFactory,
    CommitteeMemberFactory,
    DemandFactory,
    MeetingFactory,
    OrganizationFactory,
    ResolutionFactory,
    UserFactory,
    make_territory,
)
from tests.grants.factories import ProposalFactory, ReviewerFactory
from tests.inspections.factories import FacilityFactory, FindingFactory
from tests.programs.factories import DutyFactory, ProgramFactory


@dataclass
class Case:
    word: str  # a word of the records' titles and of no other record of the world
    records: list[tuple[str, int]]  # (kind, id)
    readers: list[Any]
    strangers: list[Any]


def _foreign_agency(world: Any) -> Any:
    return OrganizationFactory(name="اداره کل آب و فاضلاب استان یزد", territory=world.other_province)


def issued_to_another_province(world: Any) -> Case:
    """The provincial office issues a directive to another province's agency, over that province."""
    action = ActionFactory(
        title="آبرسانی سیار روستاهای کم‌آب",
        issuer_organization=world.office,
        responsible_organization=_foreign_agency(world),
        territory=world.other_province,
    )
    users = world.users
    return Case(
        "آبرسانی",
        [("directive", action.pk)],
        readers=[users["office_staff"], users["office_head"], users["foreign_staff"], users["national"]],
        # the governor reads the same province as the office's staff, but the governorate is not the issuer
        strangers=[users["governor"], users["liaison"], users["other_liaison"], users["nobody"]],
    )


def supported_in_another_province(world: Any) -> Case:
    """Another province's action whose supporting organization is the reader's agency."""
    action = ActionFactory(
        title="گلخانه آموزشی نوجوانان",
        issuer_organization=world.foreign_office,
        responsible_organization=_foreign_agency(world),
        territory=world.other_province,
    )
    action.supporting_organizations.add(world.agency)
    users = world.users
    return Case(
        "گلخانه",
        [("directive", action.pk)],
        readers=[users["liaison"], users["agency_head"], users["foreign_staff"]],
        strangers=[users["office_staff"], users["governor"], users["other_liaison"], users["nobody"]],
    )


def demand_routed_from_another_province(world: Any) -> Case:
    """A citizen's demand of another province routed to the reader's agency."""
    demand = DemandFactory(
        title="ورزشگاه محله فهادان", neighbourhood=world.foreign_neighbourhood, agency=world.agency
    )
    users = world.users
    return Case(
        "ورزشگاه",
        [("demand", demand.pk)],
        readers=[users["liaison"], users["agency_head"], users["foreign_staff"]],
        strangers=[users["office_staff"], users["governor"], users["other_liaison"], users["nobody"]],
    )


def committee_of_another_province(world: Any) -> Case:
    """A meeting and a resolution of another province's committee the reader's agency sits on."""
    committee = CommitteeFactory(secretariat=world.foreign_office, territory=world.other_province)
    CommitteeMemberFactory(committee=committee, organization=world.agency)
    meeting = MeetingFactory(committee=committee, title="جلسه ساماندهی کتابخوانی")
    resolution = ResolutionFactory(meeting=meeting, text="تجهیز کتابخوانی مدارس روستایی")
    users = world.users
    return Case(
        "کتابخوانی",
        [("meeting", meeting.pk), ("resolution", resolution.pk)],
        readers=[users["liaison"], users["agency_head"], users["foreign_staff"]],
        strangers=[users["office_staff"], users["governor"], users["other_liaison"], users["nobody"]],
    )


def facility_of_another_province(world: Any) -> Case:
    """A finding at another province's facility the reader's agency answers for."""
    county = make_territory("county", world.other_province, "شهرستان اردکان")
    facility = FacilityFactory(territory=county, responsible_agency=world.agency)
    finding = FindingFactory(visit__facility=facility, title="رفع نقص سردخانه کشتارگاه")
    users = world.users
    return Case(
        "سردخانه",
        [("finding", finding.pk)],
        readers=[users["liaison"], users["agency_head"], users["foreign_staff"]],
        strangers=[users["office_staff"], users["governor"], users["other_liaison"], users["nobody"]],
    )


def program_of_another_province(world: Any) -> Case:
    """Another province's program with one duty of the reader's agency: the program's page shows all
    its duties to the agency's people, the other organization's duty too."""
    program = ProgramFactory(territory=world.other_province, owner=world.foreign_office)
    own = DutyFactory(program=program, responsible=world.agency, title="ساماندهی سالمندان تنها")
    other = DutyFactory(program=program, responsible=_foreign_agency(world), title="پایش سالمندان")
    users = world.users
    return Case(
        "سالمندان",
        [("duty", own.pk), ("duty", other.pk)],
        readers=[users["liaison"], users["agency_head"], users["foreign_staff"]],
        strangers=[users["office_staff"], users["governor"], users["other_liaison"], users["nobody"]],
    )


def proposal_reviewed_from_another_province(world: Any) -> Case:
    """A grant call's reviewer reads its proposals wherever the reviewer works."""
    county = make_territory("county", world.other_province, "شهرستان تفت")
    proposal = ProposalFactory(title="پرورش قارچ زنان سرپرست خانوار", county=county)
    reviewer = world._member(world.other_agency, "liaison", "reviewer")
    ReviewerFactory(call=proposal.call, user=reviewer)
    users = world.users
    return Case(
        "قارچ",
        [("proposal", proposal.pk)],
        readers=[reviewer, users["foreign_staff"]],
        strangers=[users["office_staff"], users["other_liaison"], users["liaison"], users["nobody"]],
    )


CASES: dict[str, Callable[[Any], Case]] = {
    f.__name__: f
    for f in (
        issued_to_another_province,
        supported_in_another_province,
        demand_routed_from_another_province,
        committee_of_another_province,
        facility_of_another_province,
        program_of_another_province,
        proposal_reviewed_from_another_province,
    )
}


def found_by_selector(user: Any, word: str) -> set[tuple[str, int]]:
    return set(selectors.search(user, selectors.SearchParams(text=word)).values_list("kind", "object_id"))


def found_by_page_and_api(client: Any, user: Any, word: str) -> tuple[set[str], set[str]]:
    sign_in(client, user)
    page = client.get("/search/", {"q": word})
    assert page.status_code == 200
    links = set(re.findall(r'<a href="([^"]+)" class="fw-semibold">', page.content.decode()))
    token = Token.objects.get_or_create(user=user)[0].key
    api = client.get("/api/v1/search/", {"q": word}, HTTP_AUTHORIZATION=f"Token {token}")
    assert api.status_code == 200
    client.logout()
    return links, {row["url"] for row in api.json()["results"]}


@pytest.mark.parametrize("name", CASES)
def test_a_record_in_another_province_is_found_by_whom_its_domain_shows_it_to(world, client, name):
    case = CASES[name](world)
    call_command("search", "reindex")
    urls = set(
        SearchEntry.objects.filter(
            kind__in=[k for k, _ in case.records], object_id__in=[pk for _, pk in case.records]
        ).values_list("url", flat=True)
    )
    assert len(urls) == len(case.records)  # every record is indexed
    staff = world.users["office_staff"]
    assert world.other_province.pk not in (selectors.reader_provinces(staff) or [])
    for reader in case.readers:
        assert found_by_selector(reader, case.word) == set(case.records), (name, reader.username)
        links, api = found_by_page_and_api(client, reader, case.word)
        assert urls <= links and urls <= api, (name, reader.username)
    for stranger in case.strangers:
        assert found_by_selector(stranger, case.word) == set(), (name, stranger.username)
        links, api = found_by_page_and_api(client, stranger, case.word)
        assert not links and not api, (name, stranger.username)


def test_a_cross_province_reader_is_narrowed_all_the_same(world):
    """The cases above are found through the entries' provinces, not by searching everywhere: the
    readers are narrowed to their provinces, and the entries name the other province too."""
    case = supported_in_another_province(world)
    call_command("search", "reindex")
    ((kind, pk),) = case.records
    scopes = SearchEntry.objects.get(kind=kind, object_id=pk).scopes
    assert scopes == sorted([world.province.pk, world.other_province.pk])
    assert selectors.reader_provinces(world.users["liaison"]) == [world.province.pk]


def test_a_supporting_organization_added_later_reaches_the_entry(world, django_capture_on_commit_callbacks):
    """Indexing follows the action's organizations (a many-to-many change, from either side)."""
    liaison = world.users["liaison"]
    with django_capture_on_commit_callbacks(execute=True):
        action = ActionFactory(
            title="گلخانه آموزشی نوجوانان",
            issuer_organization=world.foreign_office,
            responsible_organization=_foreign_agency(world),
            territory=world.other_province,
        )
    assert found_by_selector(liaison, "گلخانه") == set()
    with django_capture_on_commit_callbacks(execute=True):
        action.supporting_organizations.add(world.agency)
    assert found_by_selector(liaison, "گلخانه") == {("directive", action.pk)}
    with django_capture_on_commit_callbacks(execute=True):
        world.agency.supported_actions.remove(action)  # the other side
    assert found_by_selector(liaison, "گلخانه") == set()


def test_a_seat_on_a_committee_and_a_new_duty_reach_the_entries(world, django_capture_on_commit_callbacks):
    liaison = world.users["liaison"]
    with django_capture_on_commit_callbacks(execute=True):
        committee = CommitteeFactory(secretariat=world.foreign_office, territory=world.other_province)
        meeting = MeetingFactory(committee=committee, title="جلسه ساماندهی کتابخوانی")
        program = ProgramFactory(territory=world.other_province, owner=world.foreign_office)
        duty = DutyFactory(program=program, responsible=_foreign_agency(world), title="پایش سالمندان")
    assert found_by_selector(liaison, "کتابخوانی") == set()
    assert found_by_selector(liaison, "سالمندان") == set()
    with django_capture_on_commit_callbacks(execute=True):
        CommitteeMemberFactory(committee=committee, organization=world.agency)
        own = DutyFactory(program=program, responsible=world.agency, title="ساماندهی سالمندان تنها")
    assert found_by_selector(liaison, "کتابخوانی") == {("meeting", meeting.pk)}
    assert found_by_selector(liaison, "سالمندان") == {("duty", duty.pk), ("duty", own.pk)}


def test_scopes_backfill_fills_what_migration_0004_left_empty(world):
    """`peygir search reindex --scopes` writes every entry's provinces without rewriting the rest."""
    case = supported_in_another_province(world)
    call_command("search", "reindex")
    SearchEntry.objects.update(scopes=None)
    titles = dict(SearchEntry.objects.values_list("pk", "title"))
    call_command("search", "reindex", "--scopes", "--batch-size", "2")
    assert not SearchEntry.objects.filter(scopes__isnull=True).exists()
    assert dict(SearchEntry.objects.values_list("pk", "title")) == titles
    ((kind, pk),) = case.records
    assert SearchEntry.objects.get(kind=kind, object_id=pk).scopes == sorted(
        [world.province.pk, world.other_province.pk]
    )
    assert found_by_selector(world.users["liaison"], case.word) == set(case.records)


def test_a_stranger_to_every_case_finds_none_of_them(world):
    """A reader of a third province with no link to any case (persona matrix: denied, nothing)."""
    cases = [build(world) for build in CASES.values()]
    call_command("search", "reindex")
    third = make_territory("province", world.country, "کرمان")
    office = OrganizationFactory(
        name="دفتر امور اجتماعی استانداری کرمان", kind="social_office", territory=third
    )
    stranger = world._member(office, "office_staff", "kerman_staff")
    root = UserFactory(username="root", is_superuser=True)
    for case in cases:
        assert found_by_selector(root, case.word) >= set(case.records), case.word  # the word finds them
        assert found_by_selector(stranger, case.word) == set(), case.word
