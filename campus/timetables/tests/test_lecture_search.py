import pytest

from campus.timetables.models import Lecture
from campus.timetables.selectors import lecture_search
from campus.timetables.tests.factories import LectureFactory

pytestmark = pytest.mark.django_db


def test_the_catalog_finds_every_word_in_the_name_code_or_professor(fall):
    LectureFactory(semester=fall, name="자료구조", code="CS201", professor="김민수")
    LectureFactory(semester=fall, name="경영학원론", code="BIZ101", professor="이영희")

    def names(query: str) -> list[str]:
        lectures = lecture_search(lectures=Lecture.objects.order_by("id"), filters={"search": query})
        return list(lectures.values_list("name", flat=True))

    assert names("자료") == ["자료구조"]
    assert names("구") == ["자료구조"]  # one syllable
    assert names("cs2") == ["자료구조"]  # case-insensitive, inside the code
    assert names("민수") == ["자료구조"]  # part of the professor's name
    assert names("김민수 구조") == ["자료구조"]  # professor and name together
    assert names("학원") == ["경영학원론"]
    assert names("자료 경영") == []  # every word, in the same lecture
    assert names("구조자료") == []


def test_the_catalog_search_reads_rare_words_by_id_and_common_ones_in_order(
    fall, school, other_school, make_user, monkeypatch
):
    """Across every semester, a word few lectures hold is looked up in the gram index
    (PostgreSQL), scoped to the viewer's school; a common one is read in catalog order. Within a
    semester its catalog bounds the search: no probe. Each finds every match of that school
    (and semester), and only those."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from campus.core import search
    from campus.timetables.tests.factories import SemesterFactory

    monkeypatch.setattr(search, "RARE", 3)
    spring = SemesterFactory(year=2027, term="1")
    ours = [LectureFactory(school=school, semester=fall, name=f"자료구조 {n}분반") for n in range(5)]
    rare = LectureFactory(school=school, semester=fall, name="선형대수학개론")
    LectureFactory(school=other_school, semester=fall, name="선형대수학개론")
    later = LectureFactory(school=school, semester=spring, name="선형대수학개론")
    LectureFactory.create_batch(4, school=school, semester=fall, name="경영학원론")
    me = make_user()
    postgresql = connection.vendor == "postgresql"

    def found(query: str, **filters) -> tuple[list[int], int]:
        with CaptureQueriesContext(connection) as queries:
            res = me.client.get("/api/v1/lectures/", {"search": query, **filters})
        assert res.status_code == 200
        probes = [q for q in queries.captured_queries if "+ 0" in q["sql"] and "search_grams" in q["sql"]]
        return [row["id"] for row in res.json()["results"]], len(probes)

    assert found("선형대수") == ([rare.id, later.id], 1 if postgresql else 0)  # not the other school's
    assert found("선형대수", semester=fall.id) == ([rare.id], 0)  # the semester bounds it
    assert found("자료구조") == ([lecture.id for lecture in ours], 1 if postgresql else 0)  # past RARE
    assert found("아무도없는과목") == ([], 1 if postgresql else 0)
