"""Database helpers: row locks for services, index operations for migrations, fresh statistics
after bulk writes."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import connection, migrations, models


def trigram_search_indexes(table: str, columns: dict[str, str]) -> list:
    """Migration operations: pg_trgm GIN indexes over UPPER(column) on PostgreSQL, nothing elsewhere.

    `icontains` emits `UPPER(col::text) LIKE UPPER(%s)`, so the indexes are on exactly those
    expressions. Trigrams work for Korean, for which PostgreSQL has no stemmer.
    `columns` maps index name → column.
    """

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, column in columns.items():
            expression = f'(UPPER("{column}"::text)) gin_trgm_ops'
            sql = f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ({expression})'
            schema_editor.execute(sql)

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name in columns:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return [TrigramExtension(), migrations.RunPython(create, drop)]


def lock_row(model: type[models.Model], pk) -> models.Model | None:
    """Lock one row until the transaction ends (`SELECT … FOR UPDATE`), so that rules reading it
    (a post's anonymous numbering, a timetable's clashes) see no concurrent change. Inside
    `transaction.atomic` only; on SQLite the IMMEDIATE transaction already serialises writers."""
    return model.objects.select_for_update().filter(pk=pk).first()


def analyze(*models: type[models.Model]) -> None:
    """Refresh the planner's statistics of the tables a bulk writer just filled. Without them,
    PostgreSQL plans a million-row table as if it were empty (a feed at 250 ms instead of 15)
    until autovacuum gets to it; SQLite's `ANALYZE` feeds its planner the same way."""
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
