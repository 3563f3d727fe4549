"""Every province of a record (`SearchEntry.scopes`), added empty: step 1 of 3 (docs/search.md,
"Upgrading").

The column is nullable without a default, so adding it rewrites nothing on either database
(PostgreSQL records it in the catalogue; SQLite uses ALTER TABLE ADD COLUMN, which keeps 0002's
triggers). It is filled by `peygir search reindex --scopes`, in batches, each in its own transaction
(peygir/search/backfill.py): the provinces of an entry's organizations come from the domains'
sources, which a migration must not import. Migration 0005 builds its indexes.

SQLite (the demo, a few thousand entries): filled here from `scope` at once, so the demo keeps finding
what it found; its `peygir demo load` rebuilds the index anyway.
"""

from django.db import migrations

import peygir.search.fields


def sqlite_fill(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "UPDATE search_searchentry SET scopes = '[' || scope || ']' WHERE scopes IS NULL"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0003_scope")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="scopes",
            field=peygir.search.fields.ProvincesField(editable=False, null=True),
        ),
        migrations.RunPython(sqlite_fill, migrations.RunPython.noop),
    ]
