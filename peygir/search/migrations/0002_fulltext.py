"""Full-text search over `SearchEntry.document`, one way per database (peygir/search/backends.py).

- PostgreSQL: a stored generated column `search_vector` (to_tsvector('simple', document): the
  document is analysed in Python already, so the 'simple' configuration only splits and lower-cases)
  with a GIN index, and a trigram GIN index (pg_trgm) on `text_normalized` for misspelled words.
- SQLite (the demo): an FTS5 table whose rowid is the entry's id, kept in step by triggers, so every
  writer of the entries (the commit-time refresh, the bulk rebuild, a raw delete) keeps it right.

Neither exists in the model: Django never writes them, and the search reads them through raw SQL.
"""

from django.db import migrations, models

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, document)) STORED",
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (search_vector)",
    "CREATE INDEX search_entry_trgm_gin ON search_searchentry USING gin (text_normalized gin_trgm_ops)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_trgm_gin",
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARD = [
    # The document is already analysed (peygir.core.persian): the tokenizer only splits on spaces.
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5(document, tokenize = 'unicode61 remove_diacritics 0')",
    "INSERT INTO search_entry_fts (rowid, document) SELECT id, document FROM search_searchentry",
    "CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_entry_fts (rowid, document) VALUES (new.id, new.document); END",
    "CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "DELETE FROM search_entry_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER search_entry_fts_update AFTER UPDATE OF document ON search_searchentry BEGIN "
    "UPDATE search_entry_fts SET document = new.document WHERE rowid = old.id; END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_fts_update",
    "DROP TRIGGER IF EXISTS search_entry_fts_delete",
    "DROP TRIGGER IF EXISTS search_entry_fts_insert",
    "DROP TABLE IF EXISTS search_entry_fts",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
        # The territory filter reads a path prefix (a province, a county).
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(
                fields=["territory_path", "occurred_on"],
                name="search_path_date",
                opclasses=["varchar_pattern_ops", "date_ops"],
            ),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["organization", "occurred_on"], name="search_org_date"),
        ),
    ]
