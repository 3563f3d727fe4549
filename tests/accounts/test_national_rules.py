"""A read-only role is read-only: national staff read nationwide routing rules; only the national
organization's administrator (its head) manages them (the persona matrix plays the API)."""

from peygir.demands.categories import can_manage_categories, can_manage_rule


def test_only_the_national_administrator_manages_nationwide_rules(world):
    assert can_manage_rule(world.users["national_admin"], None)
    for persona in ("national", "office_staff", "office_head", "governor", "inspector"):
        assert not can_manage_rule(world.users[persona], None), persona


def test_national_staff_do_not_edit_the_category_tree(world):
    assert not can_manage_categories(world.users["national"])
    assert can_manage_categories(world.users["national_admin"])
    assert can_manage_categories(world.users["office_staff"])


def test_the_national_administrator_reads_but_does_not_manage_a_province(world):
    from peygir.organizations.access import get_scope

    scope = get_scope(world.users["national_admin"])
    assert scope.reads_path(world.province.path) and not scope.manages_path(world.province.path)
    assert not can_manage_rule(world.users["national_admin"], world.province)
