"""The composite GIN indexes on the entries' provinces (`scopes`), replacing 0003's indexes on
`scope`, and the date index of the recency bands (search/ranking.py): step 2 of 3 (docs/search.md,
"Upgrading").

Built CONCURRENTLY (hence not atomic): the table stays writable while they are built, so a user's
save, whose entry is refreshed at commit, never waits for them. `scopes` is an integer[] held by GIN's
array_ops (its default operator class), next to `kind` (btree_gin) and the full text, so that
`scopes && ARRAY[…] AND search_vector @@ …` is one index scan reading only those provinces' matches.

An entry not yet filled by `peygir search reindex --scopes` (run after 0004) gets its territory's
province (`scope`, what the search narrowed by before) so that nothing found before is lost; the
command, run again, adds its organizations' provinces. On an index filled beforehand this touches no
row.
"""

import sys

from django.db import migrations, models

PG_FILL = "UPDATE search_searchentry SET scopes = ARRAY[scope] WHERE scopes IS NULL"
PG_FORWARD = [
    # The recency bands' dates (search/ranking.py): a bitmap ANDed with the word's.
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS search_entry_date ON search_searchentry (occurred_on)",
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS search_entry_scopes_vector_gin ON search_searchentry "
    "USING gin (scopes, kind, search_vector)",
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS search_entry_scopes_trgm_gin ON search_searchentry "
    "USING gin (scopes, kind, text_normalized gin_trgm_ops)",
    "DROP INDEX CONCURRENTLY IF EXISTS search_entry_scope_vector_gin",
    "DROP INDEX CONCURRENTLY IF EXISTS search_entry_scope_trgm_gin",
]
PG_BACKWARD = [
    "DROP INDEX CONCURRENTLY IF EXISTS search_entry_date",
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS search_entry_scope_vector_gin ON search_searchentry "
    "USING gin (scope, kind, search_vector)",
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS search_entry_scope_trgm_gin ON search_searchentry "
    "USING gin (scope, kind, text_normalized gin_trgm_ops)",
    "DROP INDEX CONCURRENTLY IF EXISTS search_entry_scopes_vector_gin",
    "DROP INDEX CONCURRENTLY IF EXISTS search_entry_scopes_trgm_gin",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_entry_date ON search_searchentry (occurred_on)"
        )
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(PG_FILL)
        if cursor.rowcount:
            sys.stdout.write(
                f"\n  search: {cursor.rowcount} entries given their territory's province only; run "
                "`peygir search reindex --scopes` to add their organizations' provinces\n"
            )
    for sql in PG_FORWARD:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_date")
        return
    for sql in PG_BACKWARD:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY runs outside a transaction
    dependencies = [("search", "0004_scopes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forward, backward)],
            state_operations=[
                migrations.AddIndex(
                    model_name="searchentry",
                    index=models.Index(fields=["occurred_on"], name="search_entry_date"),
                )
            ],
        )
    ]
