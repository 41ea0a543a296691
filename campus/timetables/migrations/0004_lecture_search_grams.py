"""Lecture search by short substrings (see campus.core.search), as for posts: one GIN index
over the grams of name, code and professor replaces the three pg_trgm indexes."""

from django.db import migrations

from campus.core.migration_ops import search_index, trigram_search_indexes

_trigram = trigram_search_indexes(
    "timetables_lecture",
    {
        "lecture_name_trgm_idx": "name",
        "lecture_code_trgm_idx": "code",
        "lecture_professor_trgm_idx": "professor",
    },
)[-1]


class Migration(migrations.Migration):
    dependencies = [("timetables", "0003_grade_credits_validator")]

    operations = [
        migrations.RunPython(_trigram.reverse_code, _trigram.code),
        *search_index(
            name="lecture_search_grams_idx",
            table="timetables_lecture",
            columns=["name", "code", "professor"],
        ),
    ]
