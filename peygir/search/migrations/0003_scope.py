"""The entry's province (`scope`), and full-text indexes that narrow by it (docs/search.md, "Speed").

A common word matches hundreds of thousands of entries nationally; a reader sees a province's. So the
search looks for candidates only among the entries of the reader's provinces and those of scope 0
(placeless records, and kinds every signed-in user sees: organizations), and the two GIN indexes of
0002 become composite ones that answer "this word, in these provinces" in one index scan, reading
only the matches of those provinces. `btree_gin` lets a GIN index hold the plain columns, as `pg_trgm`
lets it hold trigrams. A GIN index serves any subset of its columns, so the word alone (a national
reader) still uses it; `kind` is there for a reader some kind is open to nationwide.

SQLite (the demo) has no GIN: the FTS5 table of 0002 stays, and only the column is added. Django adds
a NOT NULL column on SQLite by rebuilding the table, which drops its triggers: 0002's triggers (which
keep the FTS5 table in step) are made again — any later migration that rebuilds the table must too.
"""

from django.db import migrations, models

# The province's territory id: the second id of a path '/country/province/…/' (indexing.province_of).
# Organizations stay 0: every signed-in user sees them (kinds.OrganizationSearch.everywhere).
PG_FILL = (
    "UPDATE search_searchentry SET scope = substring(territory_path FROM '^/[0-9]+/([0-9]+)/')::integer "
    "WHERE territory_path ~ '^/[0-9]+/[0-9]+/' AND kind <> 'organization'"
)
PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    # The old indexes go first: the fill rewrites every row, and would update them for nothing.
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "DROP INDEX IF EXISTS search_entry_trgm_gin",
    PG_FILL,
    "CREATE INDEX search_entry_scope_vector_gin ON search_searchentry USING gin (scope, kind, search_vector)",
    "CREATE INDEX search_entry_scope_trgm_gin ON search_searchentry "
    "USING gin (scope, kind, text_normalized gin_trgm_ops)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_scope_trgm_gin",
    "DROP INDEX IF EXISTS search_entry_scope_vector_gin",
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (search_vector)",
    "CREATE INDEX search_entry_trgm_gin ON search_searchentry USING gin (text_normalized gin_trgm_ops)",
]


# 0002's triggers, as written there (the FTS5 rows survive the rebuild: the ids are copied).
SQLITE_TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS search_entry_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_entry_fts (rowid, document) VALUES (new.id, new.document); END",
    "CREATE TRIGGER IF NOT EXISTS search_entry_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "DELETE FROM search_entry_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER IF NOT EXISTS search_entry_fts_update AFTER UPDATE OF document ON search_searchentry "
    "BEGIN UPDATE search_entry_fts SET document = new.document WHERE rowid = old.id; END",
]


def sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for sql in PG_FORWARD:
            schema_editor.execute(sql)
        return
    # SQLite: the demo's entries, read by the rule of indexing.province_of (copied: a migration keeps
    # working whatever the code becomes).
    entry = apps.get_model("search", "SearchEntry")
    rows = entry.objects.exclude(territory_path="").exclude(kind="organization")
    for pk, path in list(rows.values_list("pk", "territory_path")):
        parts = path.strip("/").split("/")
        if len(parts) > 1 and parts[1].isdigit():
            entry.objects.filter(pk=pk).update(scope=int(parts[1]))


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        # Undoing: the column's removal rebuilds the table again (this runs after it).
        migrations.RunPython(migrations.RunPython.noop, sqlite_triggers),
        migrations.AddField(
            model_name="searchentry",
            name="scope",
            field=models.IntegerField(default=0, editable=False),
        ),
        # After the column, whose rebuild dropped them on SQLite.
        migrations.RunPython(sqlite_triggers, migrations.RunPython.noop),
        migrations.RunPython(forward, backward),
    ]
