"""The single province (`scope`, 0003) removed, replaced by `scopes`: step 3 of 3.

PostgreSQL drops a column without rewriting the table. SQLite rebuilds the table to drop it, which
drops 0002's triggers (they keep the FTS5 table in step): they are made again, as 0003 does.
"""

from django.db import migrations

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


class Migration(migrations.Migration):
    dependencies = [("search", "0005_scopes_indexes")]

    operations = [
        # Undoing: adding the column back rebuilds the table again (this runs after it).
        migrations.RunPython(migrations.RunPython.noop, sqlite_triggers),
        migrations.RemoveField(model_name="searchentry", name="scope"),
        migrations.RunPython(sqlite_triggers, migrations.RunPython.noop),
    ]
