"""The work records of a territory from the index alone (`search_work_path`, search/models.py): the
coordination view's grouped figures and the entry check's candidates. Built CONCURRENTLY on
PostgreSQL (not atomic): the entries stay writable (14 s at S = 1, 1.8 million work records)."""

from django.db import migrations, models

INDEX = models.Index(
    condition=models.Q(("is_work", True)),
    fields=["territory_path", "occurred_on"],
    include=("id", "county", "neighbourhood", "organization", "amount_rials", "kind", "starts_on", "ends_on"),
    name="search_work_path",
    opclasses=["varchar_pattern_ops", "date_ops"],
)
PG_CREATE = (
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS search_work_path ON search_searchentry "
    "(territory_path varchar_pattern_ops, occurred_on) INCLUDE (id, county_id, neighbourhood_id, "
    "organization_id, amount_rials, kind, starts_on, ends_on) WHERE is_work"
)
PG_DROP = "DROP INDEX CONCURRENTLY IF EXISTS search_work_path"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_CREATE)
    else:
        schema_editor.add_index(apps.get_model("search", "SearchEntry"), INDEX)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_DROP)
    else:
        schema_editor.remove_index(apps.get_model("search", "SearchEntry"), INDEX)


class Migration(migrations.Migration):
    atomic = False
    dependencies = [
        ("organizations", "0001_initial"),
        ("search", "0008_drop_text_trigrams"),
        ("territory", "0002_persian_verbose_names"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="searchentry", index=INDEX)],
            database_operations=[migrations.RunPython(forward, backward)],
        )
    ]
