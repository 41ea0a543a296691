import factory

from campus.accounts.tests.factories import SchoolFactory
from campus.timetables.models import Course, Lecture, LectureTime, Semester


class SemesterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Semester
        django_get_or_create = ["year", "term"]

    year = 2026
    term = "2"


class LectureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lecture
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    semester = factory.SubFactory(SemesterFactory)
    code = factory.Sequence(lambda n: f"CSE{1000 + n}-01")
    name = factory.Sequence(lambda n: f"강의{n}")
    professor = "김교수"
    credits = 3
    category = "전공선택"
    department = "컴퓨터공학과"
    course = factory.LazyAttribute(
        lambda o: Course.objects.get_or_create(school=o.school, code=o.code, professor=o.professor)[0]
    )

    @factory.post_generation
    def slots(lecture, create, extracted, **kwargs):
        """`slots=[(day, "09:00", "10:15"), …]`."""
        for day, start, end in extracted or []:
            h1, m1 = map(int, start.split(":"))
            h2, m2 = map(int, end.split(":"))
            LectureTime.objects.create(
                lecture=lecture, day=day, start=h1 * 60 + m1, end=h2 * 60 + m2, room="T101"
            )
