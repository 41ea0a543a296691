"""Operations that only migrations run: PostgreSQL's search indexes (nothing elsewhere)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from campus.core.search import SEARCH_FUNCTIONS_SQL


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


def search_index(*, name: str, table: str, columns: list[str]) -> list:
    """Migration operations for PostgreSQL (nothing elsewhere): the functions, the generated
    column `search_grams` over `columns`, and its GIN index."""
    quoted = ", ".join(f'"{column}"' for column in columns)

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(SEARCH_FUNCTIONS_SQL)
        schema_editor.execute(
            f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS "search_grams" text[] '
            f"GENERATED ALWAYS AS (campus_search_grams({quoted})) STORED"
        )
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("search_grams")')
        schema_editor.execute(f'ANALYZE "{table}"')  # the planner's statistics of the new column

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # Dropping the column drops its index too.
            schema_editor.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS "search_grams"')

    return [migrations.RunPython(create, drop)]
