"""강의평: always anonymous, one per user per course; the course's rating moves with F()
in the same transaction, so concurrent reviews never lose a count."""

from django.db import IntegrityError, transaction
from django.db.models import F

from campus.accounts.models import User
from campus.accounts.selectors import community_access_check
from campus.core.errors import ApplicationError, ErrorCode
from campus.core.updates import KEEP, Keep, given, model_update
from campus.timetables.models import Course, Lecture, Review, Semester


@transaction.atomic
def review_create(
    *,
    lecture: Lecture,
    author: User,
    rating: int,
    content: str,
    assignment: str,
    group_work: str,
    grading: str,
    attendance: str,
    exams: int,
    semester_taken: Semester | None = None,
) -> Review:
    """A review of the lecture's course (not of one semester's lecture), one per student. Writing
    one is the community's (학교 인증); reading them is not."""
    community_access_check(viewer=author)
    try:
        with transaction.atomic():
            review = Review.objects.create(
                course_id=lecture.course_id, author=author, rating=rating, content=content,
                assignment=assignment, group_work=group_work, grading=grading, attendance=attendance,
                exams=exams, semester_taken=semester_taken,
            )  # fmt: skip
    except IntegrityError as error:
        raise ApplicationError("이 강의에는 이미 강의평을 썼습니다.", code=ErrorCode.CONFLICT) from error
    Course.objects.filter(pk=lecture.course_id).update(
        rating_sum=F("rating_sum") + review.rating, rating_count=F("rating_count") + 1
    )
    return review


def _check_author(*, review: Review, user: User) -> None:
    if review.author_id != user.pk:
        raise ApplicationError("작성자만 할 수 있습니다.", code=ErrorCode.PERMISSION_DENIED)


@transaction.atomic
def review_update(
    *,
    review: Review,
    user: User,
    rating: int | Keep = KEEP,
    content: str | Keep = KEEP,
    assignment: str | Keep = KEEP,
    group_work: str | Keep = KEEP,
    grading: str | Keep = KEEP,
    attendance: str | Keep = KEEP,
    exams: int | Keep = KEEP,
    semester_taken: Semester | Keep | None = KEEP,
) -> Review:
    _check_author(review=review, user=user)
    community_access_check(viewer=user)
    locked = Review.objects.select_for_update().get(pk=review.pk)
    changes = given(
        rating=rating, content=content, assignment=assignment, group_work=group_work, grading=grading,
        attendance=attendance, exams=exams, semester_taken=semester_taken,
    )  # fmt: skip
    delta = changes.get("rating", locked.rating) - locked.rating
    model_update(locked, changes)
    if delta:
        Course.objects.filter(pk=locked.course_id).update(rating_sum=F("rating_sum") + delta)
    return locked


@transaction.atomic
def review_delete(*, review: Review, user: User) -> None:
    _check_author(review=review, user=user)
    deleted, _ = Review.objects.filter(pk=review.pk).delete()
    if deleted:
        Course.objects.filter(pk=review.course_id).update(
            rating_sum=F("rating_sum") - review.rating, rating_count=F("rating_count") - 1
        )
