from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from campus.accounts.tests.factories import SchoolFactory
from campus.timetables.models import Lecture, LectureTime, Semester
from campus.timetables.services.catalog import RowError, parse_times

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[3] / "docs" / "sample_lectures.csv"


def run(path, school="홍익대학교", year=2026, term="2"):
    out = StringIO()
    call_command("import_lectures", str(path), school=school, year=year, term=term, stdout=out, verbosity=0)
    return out.getvalue()


@pytest.fixture
def hongik(db):
    return SchoolFactory(name="홍익대학교")


def test_sample_imports_and_reimport_changes_nothing(hongik):
    out = run(SAMPLE)
    assert "8 imported, 0 updated, 0 unchanged, 0 skipped" in out
    semester = Semester.objects.get(year=2026, term="2")
    lecture = Lecture.objects.get(code="CSE3030-01", semester=semester)
    times = [(t.day, t.start, t.end, t.room) for t in lecture.times.order_by("day")]
    assert times == [(0, 9 * 60, 10 * 60 + 50, "T401"), (2, 11 * 60, 11 * 60 + 50, "T401")]
    english = Lecture.objects.get(code="MTH1010-01")
    assert sorted(english.times.values_list("day", "start", "end")) == [(1, 540, 615), (3, 540, 615)]
    assert Lecture.objects.get(code="BIZ2001-01").capacity is None
    before = sorted(LectureTime.objects.values_list("id", flat=True))
    out = run(SAMPLE)
    assert "0 imported, 0 updated, 8 unchanged, 0 skipped" in out
    assert sorted(LectureTime.objects.values_list("id", flat=True)) == before


@pytest.mark.parametrize("encoding", ["cp949", "utf-8-sig"])
def test_cp949_and_bom_copies_import(hongik, tmp_path, encoding):
    copy = tmp_path / f"sample-{encoding}.csv"
    copy.write_bytes(SAMPLE.read_text(encoding="utf-8").encode(encoding))
    assert "8 imported" in run(copy)
    assert Lecture.objects.filter(name="드로잉 기초", professor="오세훈").exists()


def test_changed_row_is_updated(hongik, tmp_path):
    run(SAMPLE)
    changed = tmp_path / "changed.csv"
    changed.write_text(
        SAMPLE.read_text().replace("월1-2 T401; 수3 T401", "화 15:00-16:15 T999"), encoding="utf-8"
    )
    assert "0 imported, 1 updated, 7 unchanged" in run(changed)
    assert list(Lecture.objects.get(code="CSE3030-01").times.values_list("day", "start", "room")) == [
        (1, 900, "T999")
    ]


def test_bad_rows_are_skipped_with_line_and_reason(hongik, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "code,name,professor,credits,times\n"
        "OK100-01,좋은 강의,김,3,월 09:00-10:15\n"
        ",이름만,김,3,월 09:00-10:15\n"
        "BAD200-01,학점이상,김,three,월 09:00-10:15\n"
        "BAD300-01,시간이상,김,3,월 25:00-26:00\n"
        "BAD400-01,거꾸로,김,3,화 11:00-10:00\n"
        "BAD500-01,요일이상,김,3,뭐 09:00-10:00\n"
        "BAD600-01,시간없음,김,3,\n"
        "OK100-01,중복,김,3,화 09:00-10:15\n"
        "BAD700-01,음수학점,김,-3,월 09:00-10:15\n",
        encoding="utf-8",
    )
    out = run(bad)
    assert "1 imported, 0 updated, 0 unchanged, 8 skipped" in out
    for line in range(3, 11):
        assert f"line {line}: skipped" in out
    assert "학점이 정수가 아닙니다" in out
    assert "잘못된 시각: 25:00" in out
    assert list(Lecture.objects.values_list("code", flat=True)) == ["OK100-01"]


def test_missing_columns_or_school_write_nothing(hongik, tmp_path):
    missing = tmp_path / "missing.csv"
    missing.write_text("code,name\nA,B\n", encoding="utf-8")
    with pytest.raises(CommandError, match="credits, times"):
        run(missing)
    with pytest.raises(CommandError, match="no school"):
        run(SAMPLE, school="없는대학교")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\xfa\x00\x81")
    with pytest.raises(CommandError):
        run(binary)
    assert Lecture.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("월 09:00-10:15", [(0, 540, 615, "")]),
        ("Mon 09:00-10:15 T301; wed 9:00-10:15", [(0, 540, 615, "T301"), (2, 540, 615, "")]),
        ("금7 R1", [(4, 900, 950, "R1")]),
        ("화1-3, 목2-3", [(1, 540, 710, ""), (3, 600, 710, "")]),
        ("일 23:00-24:00", [(6, 1380, 1440, "")]),
    ],
)
def test_parse_times(text, expected):
    assert parse_times(text) == expected


@pytest.mark.parametrize(
    "text", ["", "월", "월 10:00-09:00", "월 09:60-10:00", "월15-16", "X 09:00-10:00", "월3-1"]
)
def test_parse_times_rejects(text):
    with pytest.raises(RowError):
        parse_times(text)
