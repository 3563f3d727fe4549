"""`peygir generate`: a deterministic, national-shaped deployment loaded through bulk paths.

Why not the services? They check permissions, lock rows and write one event at a time — right for
users, hours for 20 million rows. The generator writes the same rows the services would (statuses,
histories, escalation rungs, counters) directly, with explicit ids so rows can point at each other
before anything is written, through `BulkWriter` (COPY on PostgreSQL). One seeded `random.Random`
drives every choice in a fixed order, so the same seed, scale and day give the same data (the
per-table digests prove it).

This module builds the skeleton (territories, organizations, people, committees, meetings);
`demands_gen.py` and `work.py` add the work itself (demands, resolutions, actions and their histories).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction

from peygir.accounts.models import User
from peygir.coordination import scan as coordination_scan
from peygir.core.text import normalize_text
from peygir.facilitation.models import FacilitationOffice
from peygir.organizations.models import Membership, Organization
from peygir.search import indexing as search_indexing
from peygir.territory.importer import ISO_PROVINCES, find_sources, import_territories, shared_data_dir
from peygir.territory.models import Territory

from . import vocab, work
from .context import TEHRAN, Context, Org, ProvinceData
from .coordination_gen import decide_share
from .demands_gen import generate_demands
from .grants_gen import generate_grants
from .inspections_gen import generate_inspections
from .meetings_gen import committees_and_meetings
from .plan import Plan
from .programs_gen import generate_programs
from .writer import BulkWriter

CODE_PREFIX = "bench-"
PASSWORD = "bench-pass-1403"  # noqa: S105 - generated data only; documented in docs/performance.md
Kind = Organization.Kind
Role = Membership.Role


class AlreadyGenerated(RuntimeError):
    """The database already holds generated data; generate into a fresh one (make bench resets it)."""


@dataclass
class GenerateResult:
    plan: Plan
    seed: int
    today: dt.date
    seconds: float
    counts: dict[str, int]
    digests: dict[str, str]
    timings: dict[str, float]
    coordination: dict[str, int] = field(default_factory=dict)  # the pass's records and pairs, decisions


def generate(
    *,
    scale: float,
    seed: int = 1,
    today: dt.date | None = None,
    provinces: int = 31,
    dry_run: bool = False,
    writer: BulkWriter | None = None,
    allow_existing: bool = False,
) -> GenerateResult:
    """Fill the database with a deployment of scale `scale`; all or nothing (one transaction).

    `allow_existing` adds a second deployment's worth of rows next to an earlier one (the query-count
    tests grow the data this way); normally a database is generated once.
    """
    started = time.perf_counter()
    coordination: dict[str, int] = {}
    plan = Plan.for_scale(scale, provinces)
    today = today or dt.date.today()
    writer = writer or BulkWriter(dry_run=dry_run)
    ctx = Context(
        plan=plan,
        rng=random.Random(seed),
        writer=writer,
        today=today,
        now=dt.datetime(today.year, today.month, today.day, 12, tzinfo=TEHRAN),
    )
    if not (dry_run or allow_existing) and Territory.objects.filter(code__startswith=CODE_PREFIX).exists():
        raise AlreadyGenerated("generated data already present")
    _timed(ctx, "territories (geo import)", lambda: _base_territories(ctx))
    with transaction.atomic():
        writer.begin()
        _timed(ctx, "neighbourhoods", lambda: _neighbourhoods(ctx))
        _timed(ctx, "organizations", lambda: _organizations(ctx))
        _timed(ctx, "people", lambda: _people(ctx))
        meetings = _timed(ctx, "committees and meetings", lambda: committees_and_meetings(ctx))
        demand_actions = _timed(ctx, "demands", lambda: generate_demands(ctx))
        _timed(ctx, "resolutions and actions", lambda: work.resolutions(ctx, meetings, demand_actions))
        _timed(ctx, "programs, duties and indicators", lambda: generate_programs(ctx))
        _timed(ctx, "grants", lambda: generate_grants(ctx))
        _timed(ctx, "inspections", lambda: generate_inspections(ctx))  # facilities, visits, findings
        writer.finish()
    if not dry_run:
        # The rows were written in bulk, past the commit-time refresh: the index is built in bulk too.
        _timed(ctx, "search index", lambda: search_indexing.reindex_all())
        # Issue 13: the nightly whole pass over the generated work, then the office's decisions on a
        # share of the pairs it found (peygir/bench/coordination_gen.py).
        found = _timed(ctx, "coordination pass", coordination_scan.scan)
        coordination = {"records": found.records, "compared": found.compared, "pairs": found.created}
        coordination.update(_timed(ctx, "coordination decisions", lambda: decide_share(ctx)))
    if not dry_run and writer.is_postgres:
        _timed(ctx, "analyze", writer.analyze)
    return GenerateResult(
        plan=plan,
        seed=seed,
        today=today,
        seconds=time.perf_counter() - started,
        counts=writer.counts(),
        digests=writer.digests(),
        timings=ctx.timings,
        coordination=coordination,
    )


def _timed(ctx: Context, name: str, fn: Any) -> Any:
    started = time.perf_counter()
    result = fn()
    ctx.timings[name] = round(time.perf_counter() - started, 2)
    return result


# ---------------------------------------------------------------- territories


def _base_territories(ctx: Context) -> None:
    """Provinces and counties come from the OSM extracts (the importer is idempotent, so it also runs
    for a dry run: the skeleton the rows hang on must exist)."""
    codes = sorted(ISO_PROVINCES)[: ctx.plan.provinces]
    shared = shared_data_dir()
    paths = [shared] if shared is not None else []
    import_territories(find_sources(paths, codes=codes))  # idempotent; not part of the digests
    for code in codes:
        province = Territory.objects.get(code=code)
        counties = list(
            Territory.objects.filter(parent=province, kind=Territory.Kind.COUNTY, is_active=True).order_by(
                "code"
            )
        )
        ctx.provinces.append(ProvinceData(territory=province, counties=counties or [province]))


def _neighbourhoods(ctx: Context) -> None:
    """One city per county (its seat) and the neighbourhoods spread over them by population."""
    rng, writer = ctx.rng, ctx.writer
    fields = ["id", "kind", "parent", "code", "name_fa", "name_en", "name_normalized", "population"]
    fields += ["is_underprivileged", "is_informal_settlement", "is_active", "path", "depth"]
    rows: list[tuple] = []
    total_counties = sum(len(p.counties) for p in ctx.provinces)
    next_city = writer.allocate(Territory, total_counties)
    for province in ctx.provinces:
        for county in province.counties:
            city_id = next_city
            next_city += 1
            path = f"{county.path}{city_id}/"
            name = county.name_fa.replace("شهرستان", "").strip() or county.name_fa
            rows.append(
                (city_id, "city", county.pk, f"{CODE_PREFIX}c{city_id}", name, "", normalize_text(name), None)
                + (False, False, True, path, county.depth + 1)
            )
            province.cities.append((city_id, path))
    # Neighbourhoods: each province gets its share, at least two.
    per_province = _spread(ctx.plan.neighbourhoods, len(ctx.provinces), rng, minimum=2)
    start = writer.allocate(Territory, ctx.plan.neighbourhoods + 2 * len(ctx.provinces))
    next_id = start
    for province, count in zip(ctx.provinces, per_province, strict=True):
        weights = [float(c.population or 50_000) for c in province.counties]
        for _ in range(count):
            index = rng.choices(range(len(province.counties)), weights)[0]
            city_id, city_path = province.cities[index]
            name = f"{rng.choice(vocab.NEIGHBOURHOOD_PREFIXES)} {rng.choice(vocab.NEIGHBOURHOOD_NAMES)}"
            path = f"{city_path}{next_id}/"
            rows.append(
                (
                    next_id,
                    "neighbourhood",
                    city_id,
                    f"{CODE_PREFIX}n{next_id}",
                    name,
                    "",
                    normalize_text(name),
                )
                + (rng.randrange(800, 40_000), rng.random() < 0.2, rng.random() < 0.08, True, path)
                + (path.count("/") - 2,)
            )
            province.neighbourhoods.append((next_id, path, index))
            next_id += 1
    writer.write(Territory, fields, rows)


def _spread(total: int, parts: int, rng: random.Random, *, minimum: int = 0) -> list[int]:
    """`total` split into `parts` uneven shares (big and small provinces), each at least `minimum`."""
    weights = [0.5 + rng.random() for _ in range(parts)]
    scale = sum(weights)
    shares = [max(minimum, int(total * w / scale)) for w in weights]
    shares[0] += max(0, total - sum(shares))
    return shares


# ---------------------------------------------------------------- organizations


ORG_FIELDS = ["id", "name", "short_name", "name_normalized", "kind", "territory", "parent", "supervisor"]
ORG_FIELDS += ["email", "phone", "is_active", "created_at"]


def _organizations(ctx: Context) -> None:
    rng, writer = ctx.rng, ctx.writer
    rows: list[tuple] = []
    created = ctx.at(ctx.today - dt.timedelta(days=5 * 365 + 30))
    next_id = writer.first_id(Organization)

    def org(
        kind: str, name: str, short: str, territory: Territory | tuple, parent=None, supervisor=None
    ) -> Org:
        nonlocal next_id
        tid, path = (territory.pk, territory.path) if isinstance(territory, Territory) else territory
        item = Org(next_id, kind, name, tid, path, province_index)
        rows.append(
            (next_id, name, short, normalize_text(name), kind, tid, parent, supervisor, "", "", True, created)
        )
        next_id += 1
        return item

    national_country = Territory.objects.get(parent=None, kind=Territory.Kind.COUNTRY)
    province_index = -1
    org(Kind.NATIONAL, "سازمان امور اجتماعی کشور", "امور اجتماعی کشور", national_country)
    offices: list[tuple] = []
    for province_index, p in enumerate(ctx.provinces):
        pname = p.territory.name_fa
        p.governorate = org(Kind.GOVERNORATE, f"استانداری {pname}", "استانداری", p.territory)
        p.office = org(
            Kind.SOCIAL_OFFICE,
            f"دفتر امور اجتماعی و فرهنگی استانداری {pname}",
            "دفتر امور اجتماعی",
            p.territory,
            parent=p.governorate.id,
        )
        for county in p.counties:
            p.county_governorates.append(
                org(Kind.COUNTY_GOVERNORATE, f"فرمانداری {county.name_fa}", "فرمانداری", county, p.office.id)
            )
        n = ctx.plan.agencies_per_province
        provincial = min(n, len(vocab.AGENCY_TYPES))
        for index in range(provincial):
            full, short = vocab.AGENCY_TYPES[index]
            agency = org(Kind.AGENCY, f"{full} {pname}", short, p.territory, supervisor=p.office.id)
            agency.weight = 3.0 if index < 3 else 1.0 / (1 + index / 10)
            p.agencies.append(agency)
            p.agency_by_type[index] = agency
        for _ in range(n - provincial):
            index = rng.randrange(provincial)
            county_index = rng.randrange(len(p.counties))
            county = p.counties[county_index]
            full, short = vocab.AGENCY_TYPES[index]
            agency = org(
                Kind.AGENCY,
                f"اداره {short} {county.name_fa}",
                short,
                county,
                parent=p.agency_by_type[index].id,
                supervisor=p.county_governorates[county_index].id,
            )
            agency.weight = 0.3
            p.agencies.append(agency)
        # Facilitation offices: one per ten neighbourhoods, covering them.
        hoods = p.neighbourhoods
        for start in range(0, len(hoods), 10):
            first = hoods[start]
            county = p.counties[first[2]]
            office = org(
                Kind.FACILITATION_OFFICE,
                f"دفتر تسهیلگری و توسعه محلی {rng.choice(vocab.NEIGHBOURHOOD_NAMES)} {county.name_fa}",
                "دفتر تسهیلگری",
                county,
                supervisor=p.county_governorates[first[2]].id,
            )
            offices.append((province_index, office, hoods[start : start + 10]))
    writer.write(Organization, ORG_FIELDS, rows)
    writer.allocate(Organization, next_id - writer.first_id(Organization))
    # FacilitationOffice rows and the neighbourhoods they cover.
    office_id = writer.allocate(FacilitationOffice, len(offices))
    office_rows, cover_rows = [], []
    through = FacilitationOffice.neighbourhoods.through
    cover_id = writer.allocate(through, ctx.plan.neighbourhoods + 2 * len(ctx.provinces))
    for province_index, office, hoods in offices:
        p = ctx.provinces[province_index]
        office_rows.append((office_id, office.id, ctx.today - dt.timedelta(days=rng.randrange(400, 1800))))
        office_rows[-1] += (rng.randrange(1, 60) * 10_000_000, None, rng.random() < 0.1, created)
        for hood in hoods:
            cover_rows.append((cover_id, office_id, hood[0]))
            p.office_of_neighbourhood[hood[0]] = len(p.facilitation)
            cover_id += 1
        p.facilitation.append((office, office_id))
        office_id += 1
    fields = ["id", "organization", "opened_on", "budget_rials", "operator", "is_pilot", "created_at"]
    writer.write(FacilitationOffice, fields, office_rows)
    writer.write(through, ["id", "facilitationoffice", "territory"], cover_rows)


# ---------------------------------------------------------------- people


def _people(ctx: Context) -> None:
    """Everyone who signs in: office staff, governors, county deputies, liaisons, heads, facilitators."""
    joined = ctx.at(ctx.today - dt.timedelta(days=5 * 365 + 20))
    members: list[tuple[int, str]] = []  # (organization id, role)
    members.append((_national_org_id(ctx), Role.NATIONAL))
    for p in ctx.provinces:
        members += [(p.office.id, Role.OFFICE_STAFF)] * 3 + [(p.office.id, Role.HEAD)]
        members.append((p.governorate.id, Role.GOVERNOR))
        members += [(cg.id, Role.COUNTY_DEPUTY) for cg in p.county_governorates]
        for agency in p.agencies:
            members += [(agency.id, Role.LIAISON), (agency.id, Role.HEAD)]
        members += [(office.id, Role.FACILITATOR) for office, _ in p.facilitation]
    user_id = write_people(ctx, members, joined)
    staff_of: dict[int, list[int]] = {}
    for index, (organization_id, role) in enumerate(members):
        if role == Role.LIAISON:
            ctx.liaison_of[organization_id] = user_id + index
        if role == Role.OFFICE_STAFF:
            staff_of.setdefault(organization_id, []).append(user_id + index)
    for p in ctx.provinces:
        p.staff_user_ids = staff_of.get(p.office.id, [])


def write_people(ctx: Context, members: list[tuple[int, str]], joined: dt.datetime) -> int:
    """A user who signs in (password PASSWORD) and their membership for each (organization id, role);
    returns the first user's id (members[i] is that + i)."""
    writer = ctx.writer
    password = make_password(PASSWORD, salt="peygirbench")
    user_id = writer.allocate(User, len(members))
    membership_id = writer.allocate(Membership, len(members))
    users, memberships = [], []
    for index, (organization_id, role) in enumerate(members):
        uid = user_id + index
        first, last = ctx.rng.choice(vocab.FIRST_NAMES), ctx.rng.choice(vocab.LAST_NAMES)
        mobile = f"0912{ctx.rng.randrange(10**7):07d}"
        users.append(
            (uid, password, None, False, f"b{uid}", first, last, "", False, True, joined, mobile, "")
        )
        memberships.append((membership_id + index, uid, organization_id, role, True, joined))
    fields = ["id", "password", "last_login", "is_superuser", "username", "first_name", "last_name"]
    fields += ["email", "is_staff", "is_active", "date_joined", "mobile", "title"]
    writer.write(User, fields, users)
    writer.write(Membership, ["id", "user", "organization", "role", "is_active", "created_at"], memberships)
    return user_id


def _national_org_id(ctx: Context) -> int:
    # The national organization was written first, just before the first province's governorate.
    return ctx.provinces[0].governorate.id - 1
