"""`CompiledGet` builds the same objects as the ORM, on both databases, with one query."""

import uuid

import pytest
from django.utils import timezone

from campus.accounts.authentication import student_get, student_with_school
from campus.accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_student_and_their_school_as_the_orm_reads_them(user, django_assert_num_queries):
    user.verified_at = timezone.now()
    user.save()
    expected = User.objects.select_related("school").get(pk=user.pk)
    with django_assert_num_queries(1):
        student = student_with_school(user.pk)
        school = student.school  # cached on the object, as select_related does
    assert type(student) is User and student.pk == user.pk and not student._state.adding
    for field in User._meta.concrete_fields:
        assert getattr(student, field.attname) == getattr(expected, field.attname), field.name
    assert student.date_joined.tzinfo is not None and student.verified_at == expected.verified_at
    assert (school.pk, school.name, school.verification) == (user.school.pk, user.school.name, "optional")
    assert student.is_community_member and student.check_password("campus-Test-pw-2026")


def test_no_such_student_is_none(db):
    assert student_with_school(uuid.uuid4()) is None
    assert student_get("not-a-uuid") is None and student_get(None) is None


def test_a_change_is_read_at_once(user):
    student_with_school(user.pk)
    User.objects.filter(pk=user.pk).update(is_active=False, nickname="바뀐이름")
    again = student_with_school(str(user.pk))
    assert (again.is_active, again.nickname) == (False, "바뀐이름")
