"""pg_trgm GIN indexes for post search on PostgreSQL; nothing on SQLite.

`icontains` emits `UPPER(col::text) LIKE UPPER(%s)`, so the indexes are on exactly those
expressions. Trigrams work for Korean, for which PostgreSQL has no stemmer.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "post_title_trgm_idx": 'UPPER("title"::text)',
    "post_content_trgm_idx": 'UPPER("content"::text)',
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, expression in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "boards_post" USING gin (({expression}) gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("boards", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
