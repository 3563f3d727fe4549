"""The trigram index on the entries' whole text (0005) is no longer read: a misspelled query is
corrected through the vocabulary's own trigram index (0007, search/vocabulary.py). Keeping it cost
every entry's write a trigram GIN update of its whole text. Dropped CONCURRENTLY (not atomic): the
table stays writable."""

from django.db import migrations

DROP = "DROP INDEX CONCURRENTLY IF EXISTS search_entry_scopes_trgm_gin"
CREATE = (
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS search_entry_scopes_trgm_gin ON search_searchentry "
    "USING gin (scopes, kind, text_normalized gin_trgm_ops)"
)


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("search", "0007_vocabulary")]

    operations = [migrations.RunPython(_run(DROP), _run(CREATE))]
