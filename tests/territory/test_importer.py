"""The territory import: first import, idempotent re-import, renames, vanished counties."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from peygir.organizations.models import Organization
from peygir.organizations.services import organization_create
from peygir.territory.importer import (
    ISO_PROVINCES,
    ImportError_,
    find_sources,
    import_territories,
    shared_data_dir,
)
from peygir.territory.models import Territory, TerritoryBoundary
from peygir.territory.selectors import territory_ancestors, territory_descendants

from .conftest import MARKAZI_COUNTIES, county, write

pytestmark = pytest.mark.django_db


def _import(*paths: Path):
    return import_territories(find_sources(list(paths)))


def test_first_import_builds_country_provinces_and_counties(geo_dir):
    report = _import(geo_dir)

    country = Territory.objects.get(code="IR")
    markazi = Territory.objects.get(code="IR-00")
    assert country.name_fa == "ایران" and country.kind == Territory.Kind.COUNTRY
    assert markazi.parent == country and markazi.name_fa == "مرکزی" and markazi.name_en == "Markazi"
    counties = Territory.objects.filter(parent=markazi).order_by("osm_id")
    assert [c.name_fa for c in counties] == ["شهرستان اراک", "شهرستان ساوه", "شهرستان خنداب"]
    arak = counties[0]
    assert arak.kind == Territory.Kind.COUNTY and arak.population == 591756 and arak.osm_id == 101
    assert arak.path == f"{markazi.path}{arak.pk}/"
    # Fragments (features without tags) are not counties.
    assert not Territory.objects.filter(osm_id=9001).exists()
    assert TerritoryBoundary.objects.get(territory=arak).geojson["type"] == "MultiPolygon"
    assert report.created == 2 + 3 and report.warnings == []


def test_reimport_is_idempotent(geo_dir):
    _import(geo_dir)
    before = list(Territory.objects.values_list("pk", "path", "name_fa", "is_active").order_by("pk"))

    report = _import(geo_dir)

    assert report.created == 0 and report.updated == 0 and report.deactivated == 0
    assert report.unchanged == 5
    assert list(Territory.objects.values_list("pk", "path", "name_fa", "is_active").order_by("pk")) == before


def test_renamed_county_updates_in_place_and_keeps_organizations(geo_dir, tmp_path):
    _import(geo_dir)
    khondab = Territory.objects.get(osm_id=103)
    org = organization_create(
        name="فرمانداری خنداب", kind=Organization.Kind.COUNTY_GOVERNORATE, territory=khondab
    )
    newer = tmp_path / "geo-v2" / "IR-00.min.geojson"
    renamed = [
        *MARKAZI_COUNTIES[:2],
        county(103, "شهرستان خنداب نو", "New Khondab County", 49.1, 34.2, "80000"),
    ]
    write(newer, renamed)

    report = _import(newer)

    khondab.refresh_from_db()
    org.refresh_from_db()
    assert khondab.name_fa == "شهرستان خنداب نو" and khondab.name_en == "New Khondab County"
    assert khondab.population == 80000 and khondab.is_active
    assert org.territory_id == khondab.pk
    assert report.updated == 1 and report.created == 0


def test_county_matched_by_name_when_osm_id_changed(geo_dir, tmp_path):
    _import(geo_dir)
    saveh = Territory.objects.get(osm_id=102)
    write(
        tmp_path / "v2" / "IR-00.min.geojson",
        [MARKAZI_COUNTIES[0], county(202, "شهرستان ساوه", "Saveh County", 50.0, 35.0), MARKAZI_COUNTIES[2]],
    )

    _import(tmp_path / "v2")

    saveh.refresh_from_db()
    assert saveh.osm_id == 202
    assert Territory.objects.filter(kind="county", name_fa="شهرستان ساوه").count() == 1


def test_county_missing_from_newer_file_becomes_inactive_not_deleted(geo_dir, tmp_path):
    _import(geo_dir)
    saveh = Territory.objects.get(osm_id=102)
    org = organization_create(
        name="فرمانداری ساوه", kind=Organization.Kind.COUNTY_GOVERNORATE, territory=saveh
    )
    split = county(104, "شهرستان نوبران", "Nowbaran County", 50.2, 35.2)
    write(tmp_path / "v2" / "IR-00.min.geojson", [MARKAZI_COUNTIES[0], MARKAZI_COUNTIES[2], split])

    report = _import(tmp_path / "v2")

    saveh.refresh_from_db()
    assert saveh.is_active is False and report.deactivated == 1
    assert Organization.objects.get(pk=org.pk).territory_id == saveh.pk
    assert Territory.objects.get(osm_id=104).parent.code == "IR-00"
    # It comes back when a later file lists it again.
    report = _import(geo_dir)
    saveh.refresh_from_db()
    assert saveh.is_active is True and report.reactivated == 1


def test_existing_province_is_matched_by_normalized_name(tmp_path, geo_dir):
    from tests.factories import make_territory

    country = make_territory("country", name="ایران")
    # Arabic yeh/kaf and a different code: the name still finds the province.
    markazi = make_territory("province", country, "مركزي")

    _import(geo_dir)

    markazi.refresh_from_db()
    assert markazi.code == "IR-00" and markazi.name_fa == "مرکزی"
    assert Territory.objects.filter(kind="country").count() == 1
    assert Territory.objects.filter(parent=markazi, kind="county").count() == 3


def test_selectors_ancestors_and_descendants(geo_dir):
    _import(geo_dir)
    markazi = Territory.objects.get(code="IR-00")
    arak = Territory.objects.get(osm_id=101)

    assert [t.code for t in territory_ancestors(arak)] == ["IR", "IR-00", arak.code]
    assert [t.code for t in territory_ancestors(arak, include_self=False)] == ["IR", "IR-00"]
    descendants = set(territory_descendants(markazi, include_self=False).values_list("osm_id", flat=True))
    assert descendants == {101, 102, 103}
    assert not territory_descendants(Territory.objects.get(code="IR-21"), include_self=False).exists()


def test_shipped_data_has_all_provinces_and_the_seed_counties():
    report = import_territories(find_sources())

    assert Territory.objects.filter(kind="province").count() == 31
    assert set(Territory.objects.filter(kind="province").values_list("code", flat=True)) == set(ISO_PROVINCES)
    for code, name in [("IR-00", "مرکزی"), ("IR-06", "خوزستان"), ("IR-08", "کرمان"), ("IR-21", "یزد")]:
        province = Territory.objects.get(code=code)
        assert province.name_fa == name
        assert province.children.filter(kind="county").count() > 5
    assert Territory.objects.filter(name_fa="شهرستان اراک", parent__code="IR-00").exists()
    assert Territory.objects.get(code="IR-30").children.count() == 7
    assert report.warnings == []


def test_bad_sources_give_clear_errors(tmp_path):
    with pytest.raises(ImportError_):
        find_sources([tmp_path / "missing"])
    (tmp_path / "readme.txt").write_text("x")
    with pytest.raises(ImportError_):
        find_sources([tmp_path])
    write(tmp_path / "IR-00.min.geojson", []).write_text("{not json")
    with pytest.raises(ImportError_):
        import_territories(find_sources([tmp_path]))
    assert not Territory.objects.exists()


def test_geometry_check_warns_when_a_file_is_for_another_province(geo_dir, tmp_path):
    _import(geo_dir)
    # Yazd's square is at 53..56 / 30..33; these counties lie in Markazi's square.
    write(tmp_path / "wrong" / "IR-21.min.geojson", [county(301, "شهرستان الف", "A", 49.5, 34.0)])

    report = _import(tmp_path / "wrong")

    assert any("outside" in w for w in report.warnings)


def test_command_imports_a_user_supplied_directory(geo_dir):
    out = StringIO()
    call_command("geo", "import", str(geo_dir), stdout=out, stderr=StringIO())
    assert "created 5" in out.getvalue()
    assert Territory.objects.filter(kind="county").count() == 3
    with pytest.raises(CommandError):
        call_command("geo", "import", str(geo_dir / "nope"), stdout=StringIO())


@pytest.mark.skipif(shared_data_dir() is None, reason="../shared/data/geo is not present")
def test_all_reads_every_province_from_the_shared_data():
    call_command("geo", "import", "--all", stdout=StringIO(), stderr=StringIO())
    provinces = Territory.objects.filter(kind="province")
    assert provinces.count() == 31
    assert not provinces.exclude(children__kind="county").exists()  # every province has its counties
    assert Territory.objects.filter(kind="county").count() > 400
