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
