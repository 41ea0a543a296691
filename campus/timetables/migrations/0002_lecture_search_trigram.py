"""pg_trgm GIN indexes for lecture search (name, code, professor) on PostgreSQL; nothing on SQLite."""

from django.db import migrations

from campus.core.migration_ops import trigram_search_indexes


class Migration(migrations.Migration):
    dependencies = [("timetables", "0001_initial")]

    operations = trigram_search_indexes(
        "timetables_lecture",
        {
            "lecture_name_trgm_idx": "name",
            "lecture_code_trgm_idx": "code",
            "lecture_professor_trgm_idx": "professor",
        },
    )
