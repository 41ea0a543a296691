"""pg_trgm GIN indexes for post search on PostgreSQL; nothing on SQLite."""

from django.db import migrations

from campus.core.migration_ops import trigram_search_indexes


class Migration(migrations.Migration):
    dependencies = [("boards", "0001_initial")]

    operations = trigram_search_indexes(
        "boards_post", {"post_title_trgm_idx": "title", "post_content_trgm_idx": "content"}
    )
