"""Database helpers: row locks for services, fresh statistics after bulk writes."""

from django.db import connection, models


def lock_row(model: type[models.Model], pk) -> models.Model | None:
    """Lock one row until the transaction ends (`SELECT … FOR UPDATE`), so that rules reading it
    (a post's anonymous numbering, a timetable's clashes) see no concurrent change. Inside
    `transaction.atomic` only; on SQLite the IMMEDIATE transaction already serialises writers."""
    return model._default_manager.select_for_update().filter(pk=pk).first()


def analyze(*models: type[models.Model]) -> None:
    """Refresh the planner's statistics of the tables a bulk writer just filled. Without them,
    PostgreSQL plans a million-row table as if it were empty (a feed at 250 ms instead of 15)
    until autovacuum gets to it; SQLite's `ANALYZE` feeds its planner the same way.

    On PostgreSQL, outside a transaction, the tables are vacuumed too (`VACUUM (ANALYZE)`, as
    after any bulk load): the visibility map it sets lets an index answer alone — a search's
    walk counts its 5,000 posts from the feed index in 0.8 ms, where a table nobody vacuumed yet
    made it read each post's row (5 ms at a million posts)."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        for model in models:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"VACUUM (ANALYZE) {table}" if vacuum else f"ANALYZE {table}")
