"""Post search by short substrings (see campus.core.search): one GIN index over the grams of title and
content on PostgreSQL replaces the two pg_trgm indexes, which could not serve the one- and
two-syllable words that most Korean searches are."""

from django.db import migrations

from campus.core.migration_ops import search_index, trigram_search_indexes

_trigram = trigram_search_indexes(
    "boards_post", {"post_title_trgm_idx": "title", "post_content_trgm_idx": "content"}
)[-1]


class Migration(migrations.Migration):
    dependencies = [("boards", "0002_post_search_trigram")]

    operations = [
        migrations.RunPython(_trigram.reverse_code, _trigram.code),
        *search_index(
            name="post_search_grams_idx", table="boards_post", columns=["title", "content"]
        ),
    ]
