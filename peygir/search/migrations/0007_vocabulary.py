"""The index's vocabulary (`SearchTerm`, search/vocabulary.py): the words the records are written
with, for correcting a misspelled query. PostgreSQL: a trigram index on the words, and the words of
the entries already indexed (at S = 1, 6 million entries: docs/search.md, "Upgrading"). SQLite (the
demo) loosens a query by prefixes instead and leaves the table empty."""

from django.db import migrations, models

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX search_term_trgm_gin ON search_searchterm USING gin (term gin_trgm_ops)",
    "INSERT INTO search_searchterm (term) SELECT DISTINCT w "
    "FROM search_searchentry AS e, unnest(string_to_array(e.text_normalized, ' ')) AS w "
    "WHERE char_length(w) BETWEEN 3 AND 40 AND w !~ '[0-9]' ON CONFLICT DO NOTHING",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_FORWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_remove_scope")]

    operations = [
        migrations.CreateModel(
            name="SearchTerm",
            fields=[("term", models.TextField(primary_key=True, serialize=False))],
            options={"verbose_name": "واژه نمایه", "verbose_name_plural": "واژه\u200cهای نمایه"},
        ),
        # Undoing: the table's removal takes its index with it.
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
